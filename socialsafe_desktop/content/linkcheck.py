"""`socialsafe checklists check-links`: visit every address in checklist files and report the
ones that no longer lead where they should.

For maintainers and IT, run only when asked (it needs a network). Polite by construction:
the project's HTTP client (net/http.py) with its per-host delay and timeout, one request per
host at a time (each host's addresses are checked in turn, several hosts side by side), no
retries, a small byte cap (we only need to know the page is there), and redirects followed
by hand so that a redirect to another host is reported, not visited.

What counts as a problem: not found (404), gone (410), any other error status, a redirect to
a login page, to the home page or to a different host, a slow answer, a TLS failure, no
answer, no connection, and an address that is not https (loopback http is allowed, for tests).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ..core.checklists import (
    GLOSSARY_FILE,
    ChecklistOverlay,
    ChecklistPack,
    Problem,
    validate_file,
)
from ..core.links import is_loopback_host
from ..net.errors import NetError
from ..net.http import HttpClient, HttpRequest
from ..net.settings import HttpSettings

MAX_REDIRECTS = 5
SLOW_AFTER = 5.0  # seconds
CHECK_SETTINGS = HttpSettings(timeout=10.0, host_delay=1.0, retries=0, max_bytes=256 * 1024,
                              max_workers=4)
# Parts of an address that mean "sign in first": the page itself was not reached.
LOGIN_MARKERS = ("login", "log-in", "log_in", "signin", "sign-in", "sign_in", "/auth",
                 "checkpoint", "/session", "accounts/signin", "servicelogin")


@dataclass(frozen=True)
class LinkUse:
    """One place an address is written: FILE:ITEM:FIELD, like the validator's problems."""

    url: str
    file: str
    item: str
    field: str


@dataclass(frozen=True)
class LinkProblem:
    use: LinkUse
    kind: str     # not_found, gone, http_status, login_redirect, home_redirect, other_host,
                  # too_many_redirects, slow, timeout, tls, connect, not_https
    message: str  # one plain phrase, for the line after the address
    target: str | None = None  # where a redirect pointed

    def __str__(self) -> str:
        u = self.use
        return f"{u.file}:{u.item or '-'}:{u.field}: {u.url}: {self.message}"

    def to_dict(self) -> dict[str, str | None]:
        return {"file": self.use.file, "item": self.use.item or "-", "field": self.use.field,
                "url": self.use.url, "kind": self.kind, "problem": self.message,
                "target": self.target}


# --- collecting addresses ----------------------------------------------------------------


def collect_links(paths: Sequence[Path]) -> tuple[list[LinkUse], list[Problem]]:
    """Every settings_url and source address in the packs and overlays under `paths`.
    Files that do not validate are reported (their problems) and their links skipped."""
    uses: list[LinkUse] = []
    problems: list[Problem] = []
    for given in paths:
        given = Path(given)
        if given.is_dir():
            files = sorted(p for p in given.iterdir()
                           if p.suffix.lower() == ".toml" and not p.name.startswith(".")
                           and p.name != GLOSSARY_FILE and p.is_file())
        elif given.is_file():
            files = [given]
        else:
            problems.append(Problem(str(given), "", "", "no such file or directory"))
            continue
        for path in files:
            parsed, file_problems = validate_file(path)
            problems += file_problems
            uses += _links_in(parsed, str(path))
    return uses, problems


def _links_in(parsed: ChecklistPack | ChecklistOverlay | None, file: str) -> list[LinkUse]:
    if parsed is None:
        return []
    out: list[LinkUse] = []
    if isinstance(parsed, ChecklistPack):
        out += [LinkUse(url, file, "", "sources") for url in parsed.sources]
    for item in parsed.items:
        for fld in ("settings_url", "source"):
            url = getattr(item, fld)
            if url:
                out.append(LinkUse(url, file, item.id, fld))
    if isinstance(parsed, ChecklistOverlay):
        for override in parsed.overrides:
            for fld in ("settings_url", "source"):
                url = override.changes.get(fld)
                if url:
                    out.append(LinkUse(url, file, override.target, fld))
    return out


# --- checking ------------------------------------------------------------------------------


def check_links(
    uses: Iterable[LinkUse],
    *,
    settings: HttpSettings = CHECK_SETTINGS,
    slow_after: float = SLOW_AFTER,
    client: HttpClient | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[LinkProblem]:
    """Visit each distinct address once; the problems, one per place it is written, in order."""
    uses = list(uses)
    by_host: dict[str, list[str]] = {}
    for use in uses:
        host = _host(use.url) or ""
        if use.url not in by_host.setdefault(host, []):
            by_host[host].append(use.url)
    own_client = client is None
    client = client or HttpClient(replace(settings, retries=0))
    verdicts: dict[str, tuple[str, str, str | None] | None] = {}

    def run_host(urls: list[str]) -> None:
        for url in urls:  # one request at a time to each host
            if progress:
                progress(url)
            verdicts[url] = check_url(client, url, slow_after=slow_after)

    try:
        with ThreadPoolExecutor(max_workers=max(1, settings.max_workers)) as pool:
            for future in [pool.submit(run_host, urls) for urls in by_host.values()]:
                future.result()
    finally:
        if own_client:
            client.close()
    problems = []
    for use in uses:
        verdict = verdicts.get(use.url)
        if verdict is not None:
            kind, message, target = verdict
            problems.append(LinkProblem(use, kind, message, target))
    return problems


def check_url(client: HttpClient, url: str, *, slow_after: float = SLOW_AFTER
              ) -> tuple[str, str, str | None] | None:
    """None when the address answers well; else (kind, message, redirect target)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    scheme = parts.scheme.lower()
    if not host or not (scheme == "https" or (scheme == "http" and is_loopback_host(host))):
        return ("not_https", "not an https address, so it was not visited", None)
    started = time.monotonic()
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        try:
            response = client.get(HttpRequest(current, allow_redirects=False), host)
        except NetError as error:
            if error.kind == "too_large":
                break  # a page bigger than the cap is there: that is all we wanted to know
            return _net_problem(error, client.settings.timeout)
        location = response.headers.get("Location") if 300 <= response.status < 400 else None
        if location:
            target = urljoin(current, location.strip())
            if _looks_like_login(target):
                return ("login_redirect", f"redirected to a login page: {target}", target)
            if not _same_site(host, _host(target)):
                return ("other_host", f"redirected to a different host: {target}", target)
            if _is_home(target) and not _is_home(url):
                return ("home_redirect", f"redirected to the home page: {target}", target)
            current = target
            continue
        if response.status == 404:
            return ("not_found", "not found (404)", None)
        if response.status == 410:
            return ("gone", "gone (410): the page has been removed", None)
        if response.status >= 400 or 300 <= response.status < 400:
            return ("http_status", f"answered with HTTP {response.status}", None)
        break
    else:
        return ("too_many_redirects", f"more than {MAX_REDIRECTS} redirects", current)
    elapsed = time.monotonic() - started
    if elapsed > slow_after:
        return ("slow", f"slow: answered in {elapsed:.1f} seconds", None)
    return None


def _net_problem(error: NetError, timeout: float) -> tuple[str, str, None]:
    if error.kind == "timeout":
        return ("timeout", f"no answer within {timeout:g} seconds", None)
    if error.kind == "tls":
        return ("tls", "TLS failure: the secure connection could not be set up or verified", None)
    if error.kind == "cancelled":
        return ("cancelled", "not checked: the check was stopped", None)
    return ("connect", "could not connect", None)


def _host(url: str) -> str | None:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.lower().rstrip(".") if host else None


def _same_site(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return a.removeprefix("www.") == b.removeprefix("www.")


def _looks_like_login(url: str) -> bool:
    parts = urlsplit(url)
    where = (parts.path + "?" + parts.query).lower()
    return any(marker in where for marker in LOGIN_MARKERS)


def _is_home(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query
