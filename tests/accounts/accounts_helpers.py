"""Helpers for the forgotten-accounts tests: site entries shaped like WhatsMyName's, a recorder
for runner events. Usernames here are stand-ins, never anyone's real username."""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import Any

from socialsafe_desktop.accounts.checker import check_settings
from socialsafe_desktop.accounts.sites import SiteList, parse_sites

# The check's own settings (one request per site, no retries), with short waits and a small cap
# so broken-server cases cost fractions of a second.
FAST = replace(check_settings(), timeout=0.6, host_delay=0.0, max_workers=8, max_bytes=64 * 1024)
CATEGORIES = ["social", "coding", "hobby", "xx NSFW xx"]


def entry(name: str, uri_check: str, *, e_code: int = 200, e_string: str = "", m_code: int = 404,
          m_string: str = "", cat: str = "social", **extra: Any) -> dict[str, Any]:
    site = {"name": name, "uri_check": uri_check, "e_code": e_code, "e_string": e_string, "m_code": m_code,
            "m_string": m_string, "cat": cat}
    site.update(extra)
    return site


def site_list(entries: list[dict[str, Any]]) -> SiteList:
    """Sites on this machine's servers: plain http to loopback, allowed for tests only."""
    data = {"categories": CATEGORIES, "sites": entries}
    sites = parse_sites(data, origin="test-sites.json", allow_loopback_http=True)
    assert not sites.problems, sites.problems
    return sites


class Recorder:
    """Collects runner events from any thread; `finished` is set on the "finished" event."""

    def __init__(self) -> None:
        self.events: list = []
        self.lock = threading.Condition()
        self.finished = threading.Event()

    def __call__(self, event) -> None:
        with self.lock:
            self.events.append(event)
            self.lock.notify_all()
        if event.kind == "finished":
            self.finished.set()

    def wait_for_kind(self, kind: str, timeout: float = 10.0) -> bool:
        with self.lock:
            return self.lock.wait_for(lambda: any(e.kind == kind for e in self.events), timeout)

    def kinds(self) -> list[str]:
        with self.lock:
            return [e.kind for e in self.events]

    def results(self) -> dict:
        with self.lock:
            return {e.result.site: e.result for e in self.events if e.kind == "result"}
