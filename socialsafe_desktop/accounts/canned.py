"""Forgotten-accounts answers for the trainer demo: no network at all.

CannedAccountClient stands in for the check's HttpClient (get/close/cancelled), so a demo check
goes through the real runner and the real checker: the room sees what a real check looks like,
with the same found / not found / could not check. It never imports requests and never opens a
socket: it only reads files.

A request for one of the persona's accounts (resources/demo/persona.toml, [[accounts]]) is
answered with its stored page and status. Every other site answers the way its own rule says
"no such account": its missing status, with its missing text as the page.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from ..core.demo import DemoPersona
from ..core.i18n import _
from ..net.errors import NetError
from ..net.http import HostRateLimiter, HttpRequest, HttpResponse, HttpSettings
from .sites import SiteList, prepare

# Long enough for the progress bar to move visibly on a projector, short enough for ~650 sites
# to be done in a few seconds with the runner's workers.
DEFAULT_DELAY = 0.05


class CannedAccountClient:
    """Answers each site's request from the demo's stored pages. Thread-safe; close() wakes every
    waiting call, which then raises NetError("cancelled") as the real client does."""

    def __init__(self, persona: DemoPersona, site_list: SiteList, *, delay: float = DEFAULT_DELAY) -> None:
        self.delay = max(0.0, delay)
        self.pages_dir = persona.accounts_dir
        self._sites = {site.name: site for site in site_list.sites}
        self._answers: dict[str, tuple[str, int]] = {}  # the address asked -> (page, status)
        for account in persona.accounts:
            site = self._sites.get(account.site)
            check = prepare(site, account.username) if site is not None and not site.is_adult else None
            if check is not None:
                self._answers[check.url] = (account.page, account.status)
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._cache: dict[str, bytes] = {}
        self.served: list[str] = []  # site names, in the order answered (for tests)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def close(self) -> None:
        self._cancel.set()

    def _page(self, name: str) -> bytes:
        with self._lock:
            body = self._cache.get(name)
        if body is None:
            try:
                body = (self.pages_dir / name).read_bytes()
            except OSError as exc:
                raise NetError("unexpected", _("A page of the demo is missing from this installation.")) from exc
            with self._lock:
                self._cache[name] = body
        return body

    def get(self, request: HttpRequest, service: str) -> HttpResponse:
        if self._cancel.is_set():
            raise NetError("cancelled", _("The check was cancelled."))
        site = self._sites.get(service)
        if site is None or site.is_adult:  # the demo never asks adult sites, nor one it does not know
            raise NetError("network", _("The demo has no answer for this site."))
        stored = self._answers.get(request.url)
        if stored is not None:
            page, status = stored
            body = self._page(page)
        else:
            status, body = site.m_code, site.m_string.encode("utf-8")
        # Event.wait, not sleep: Cancel stops the demo as promptly as a real check.
        if self.delay and self._cancel.wait(self.delay):
            raise NetError("cancelled", _("The check was cancelled."))
        with self._lock:
            self.served.append(service)
        kind = "application/json" if stored is not None and stored[0].endswith(".json") else "text/html"
        return HttpResponse(status=status, headers={"Content-Type": f"{kind}; charset=utf-8"}, body=body,
                            url=request.url, charset="utf-8")


def canned_account_client_factory(persona: DemoPersona, site_list: SiteList, *, delay: float = DEFAULT_DELAY
                                  ) -> Callable[[HttpSettings, HostRateLimiter], CannedAccountClient]:
    """For AccountCheckRunner(client_factory=...): a fresh client per run, like the real one."""

    def build(settings: HttpSettings, limiter: HostRateLimiter) -> CannedAccountClient:
        return CannedAccountClient(persona, site_list, delay=delay)

    return build

