"""Search answers for the trainer demo, read from the canned pages shipped in resources/demo/.

CannedClient stands in for HttpClient (same send/get/close/cancelled), so a demo search goes through
the real provider, the real DuckDuckGo parser and the real runner: the room sees exactly what a
real search looks like, with no network at all (often there is no Wi-Fi anyway). It never
imports requests and never opens a socket: it only reads files.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from ..core.demo import DemoPersona
from ..core.i18n import _
from ..net.http import HostRateLimiter, HttpRequest, HttpResponse
from .providers import DuckDuckGoProvider
from .results import SearchError
from .runner import RunnerEvent, SearchRunner
from .settings import DEFAULT_ENDPOINTS, SearchSettings

# Long enough for the progress to be seen on a projector, short enough not to bore the room.
DEFAULT_DELAY = 0.3


def normalise_query(text: str) -> str:
    """Case and spacing do not make a different search ("jordan  SAMPLE" = "Jordan Sample")."""
    return " ".join(text.split()).casefold()


class CannedClient:
    """Answers each request with the demo page planned for its query (the `q` parameter), or
    the no-results page for any other query. Thread-safe; close() wakes every waiting call."""

    def __init__(
        self,
        persona: DemoPersona,
        settings: SearchSettings | None = None,
        *,
        limiter: HostRateLimiter | None = None,
        delay: float = DEFAULT_DELAY,
    ) -> None:
        self.settings = settings or SearchSettings()
        # Accepted so the runner can build us like an HttpClient; there is no host to be polite to.
        self.limiter = limiter
        self.delay = max(0.0, delay)
        self.pages_dir = Path(persona.pages_dir)
        self.no_results_page = persona.no_results_page
        self._answers: dict[str, str] = {}
        for search in persona.searches:
            # First planned search wins: an image search shares its text with the name search,
            # but only runs in the browser, so it must not shadow the name search's page.
            if not search.browser_only:
                self._answers.setdefault(normalise_query(search.text), persona.page_for(search.id))
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._cache: dict[str, bytes] = {}
        self.served: list[tuple[str, str]] = []  # (query, page) per answer, for tests and logs

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def close(self) -> None:
        self._cancel.set()

    def page_for_query(self, query: str) -> str:
        return self._answers.get(normalise_query(query), self.no_results_page)

    def _check_cancelled(self) -> None:
        if self._cancel.is_set():
            raise SearchError("cancelled", _("The search was cancelled."))

    def _page(self, name: str) -> bytes:
        with self._lock:
            body = self._cache.get(name)
        if body is None:
            try:
                body = (self.pages_dir / name).read_bytes()
            except OSError as exc:
                raise SearchError(
                    "unexpected", _("A page of the demo is missing from this installation: reinstall SocialSafe.")
                ) from exc
            with self._lock:
                self._cache[name] = body
        return body

    def get(self, request: HttpRequest, service: str) -> HttpResponse:
        return self.send(request, service)

    def send(self, request: HttpRequest, service: str) -> HttpResponse:
        self._check_cancelled()
        params = dict(request.params)
        if isinstance(request.data, Mapping):  # DuckDuckGo's form is POSTed
            params.update(request.data)
        if "q" not in params:  # a request with the query already in its address
            params.update(parse_qsl(urlsplit(request.url).query))
        query = str(params.get("q", ""))
        name = self.page_for_query(query)
        body = self._page(name)
        # Event.wait, not sleep: Cancel must stop the demo as promptly as a real search.
        if self.delay and self._cancel.wait(self.delay):
            raise SearchError("cancelled", _("The search was cancelled."))
        self._check_cancelled()
        with self._lock:
            self.served.append((query, name))
        base = request.url.split("?", 1)[0]
        return HttpResponse(
            status=200,
            headers={"Content-Type": "text/html; charset=UTF-8"},
            body=body,
            url=f"{base}?{urlencode({'q': query})}",
            charset="UTF-8",
        )


def canned_client_factory(
    persona: DemoPersona, *, delay: float = DEFAULT_DELAY
) -> Callable[[SearchSettings, HostRateLimiter], CannedClient]:
    """For SearchRunner(client_factory=...): a fresh CannedClient per run, like HttpClient."""

    def build(settings: SearchSettings, limiter: HostRateLimiter) -> CannedClient:
        return CannedClient(persona, settings, limiter=limiter, delay=delay)

    return build


def demo_provider() -> DuckDuckGoProvider:
    """The provider demo searches go through. Always DuckDuckGo at its default address, whatever
    the settings, policy or environment say: the canned pages are DuckDuckGo pages, and the
    address is never contacted."""
    return DuckDuckGoProvider(DEFAULT_ENDPOINTS["duckduckgo"])


def make_demo_runner(
    persona: DemoPersona,
    on_event: Callable[[RunnerEvent], None] | None = None,
    *,
    delay: float = DEFAULT_DELAY,
    settings: SearchSettings | None = None,
) -> SearchRunner:
    """A SearchRunner wired for the demo: canned answers, DuckDuckGo parsing, no network."""
    # Two at a time, so the searches visibly tick through one by one on the projector.
    settings = settings or replace(SearchSettings(), max_workers=2, host_delay=0.0)
    return SearchRunner(demo_provider(), settings, on_event,
                        client_factory=canned_client_factory(persona, delay=delay))
