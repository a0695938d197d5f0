"""The in-app search providers: what to ask each one, and what its HTTP answers mean.

A provider only builds requests and judges answers; HttpClient does the talking, so one
client (with its rate limit and its cancel switch) can serve every search of a run.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from urllib.parse import urlsplit

from ..core.links import is_loopback_host
from ..net.http import HttpClient, HttpRequest, HttpResponse
from .parsing import parse_brave, parse_duckduckgo, parse_searxng
from .results import SearchError, SearchResult
from .settings import PROVIDER_LABELS, SearchSettings
from .urls import is_safe_link

MAX_QUERY = 500

KeyProvider = Callable[[str], "str | None"]


class Provider(ABC):
    """One search service at one address: how to ask it, and how to read its answer."""

    id = ""
    label = ""

    def __init__(self, endpoint: str) -> None:
        endpoint = (endpoint or "").strip()
        if not is_safe_link(endpoint):
            raise SearchError(
                "config",
                f"The {self.label} address in Settings is not a web address: it should start with https://.",
            )
        self.endpoint = endpoint

    @property
    def host(self) -> str:
        return (urlsplit(self.endpoint).hostname or "").lower()

    @abstractmethod
    def request(self, query: str) -> HttpRequest:
        """The HTTP request that runs `query`."""

    @abstractmethod
    def parse(self, response: HttpResponse) -> list[SearchResult]:
        """The results in a successful answer; SearchError for a block page or garbage."""

    def status_error(self, status: int) -> SearchError | None:
        """What a non-2xx status means for this provider (after retries); None for 2xx."""
        if 200 <= status < 300:
            return None
        if status == 429:
            return SearchError(
                "rate_limited",
                f"{self.label} is refusing more searches from this computer for now: "
                "wait a few minutes, or open this search in your browser.",
                status=status,
            )
        if status >= 500:
            return SearchError(
                "http",
                f"{self.label} is not working right now (error {status}): try again later, "
                "or open this search in your browser.",
                status=status,
            )
        if 300 <= status < 400:
            return SearchError(
                "http", f"{self.label} sent us to another address (error {status}): check its address in Settings.",
                status=status,
            )
        return SearchError(
            "http", f"{self.label} refused the search (error {status}): check its address in Settings.", status=status
        )

    def search(self, query: str, client: HttpClient) -> list[SearchResult]:
        query = " ".join(query.split())
        if not query:
            raise SearchError("config", "There is nothing to search for: type some words first.")
        if len(query) > MAX_QUERY:
            raise SearchError("config", f"This search is too long: use at most {MAX_QUERY} characters.")
        response = client.get(self.request(query), self.label)
        error = self.status_error(response.status)
        if error is not None:
            raise error
        return self.parse(response)


class DuckDuckGoProvider(Provider):
    id = "duckduckgo"
    label = PROVIDER_LABELS["duckduckgo"]

    def request(self, query: str) -> HttpRequest:
        return HttpRequest(self.endpoint, {"q": query}, {"Accept": "text/html"})

    def parse(self, response: HttpResponse) -> list[SearchResult]:
        return parse_duckduckgo(response.body, response.charset)

    def status_error(self, status: int) -> SearchError | None:
        if status == 403:  # how DuckDuckGo turns away traffic it takes for a robot
            return SearchError(
                "blocked", "DuckDuckGo refused the search (error 403): open this search in your browser instead.",
                status=status,
            )
        return super().status_error(status)


class SearxngProvider(Provider):
    id = "searxng"
    label = PROVIDER_LABELS["searxng"]

    def __init__(self, endpoint: str) -> None:
        if not (endpoint or "").strip():
            raise SearchError("config", "No SearXNG address is set: add one in Settings, or ask your IT team.")
        super().__init__(endpoint)
        # People paste the instance's home page; the API lives at /search.
        base = self.endpoint.split("?", 1)[0].split("#", 1)[0].rstrip("/")
        self.endpoint = base if base.endswith("/search") else base + "/search"

    def request(self, query: str) -> HttpRequest:
        return HttpRequest(self.endpoint, {"q": query, "format": "json"}, {"Accept": "application/json"})

    def parse(self, response: HttpResponse) -> list[SearchResult]:
        return parse_searxng(response.body, response.charset)

    def status_error(self, status: int) -> SearchError | None:
        if status == 403:  # SearXNG answers 403 when its JSON output is switched off
            return SearchError(
                "config",
                "This SearXNG server does not accept searches from apps (error 403): "
                "ask its administrator to allow the JSON format, or use another server.",
                status=status,
            )
        return super().status_error(status)


class BraveProvider(Provider):
    id = "brave"
    label = PROVIDER_LABELS["brave"]

    def __init__(self, endpoint: str, key: str) -> None:
        super().__init__(endpoint)
        if urlsplit(self.endpoint).scheme.lower() != "https" and not is_loopback_host(self.host):
            # The key must never travel in the clear (loopback is allowed for local testing).
            raise SearchError(
                "config", "The Brave Search address must start with https:// so your API key stays private."
            )
        self._key = key

    def __repr__(self) -> str:  # never show the key in logs or tracebacks
        return f"BraveProvider({self.endpoint!r}, key=<hidden>)"

    def request(self, query: str) -> HttpRequest:
        return HttpRequest(
            self.endpoint,
            {"q": query, "count": "20"},
            {"Accept": "application/json", "X-Subscription-Token": self._key},
            # requests would carry our custom key header along to wherever a redirect points.
            allow_redirects=False,
        )

    def parse(self, response: HttpResponse) -> list[SearchResult]:
        return parse_brave(response.body, response.charset)

    def status_error(self, status: int) -> SearchError | None:
        if status in (401, 403):
            return SearchError(
                "config", f"Brave Search did not accept the API key (error {status}): check the key in Settings.",
                status=status,
            )
        if status == 422:
            return SearchError(
                "config", "Brave Search did not accept the request (error 422): check the API key and your plan in Settings.",
                status=status,
            )
        return super().status_error(status)


def _brave_key(key_provider: KeyProvider | None) -> str:
    missing = SearchError(
        "config", "No Brave Search API key is set: add one in Settings (it is kept in your system's keyring)."
    )
    if key_provider is None:
        raise missing
    try:
        key = key_provider("brave")
    except Exception as exc:  # a keyring failure is reported, never crashes the search
        raise SearchError("config", "The Brave Search API key could not be read from your system's keyring.") from exc
    key = (key or "").strip()
    if not key:
        raise missing
    if any(ord(c) < 0x21 or ord(c) == 0x7F for c in key):
        raise SearchError("config", "The Brave Search API key contains characters a key cannot have: set it again in Settings.")
    return key


def make_provider(
    name: str, settings: SearchSettings | None = None, *, key_provider: KeyProvider | None = None
) -> Provider:
    """The provider called `name` (duckduckgo, searxng, brave), configured from settings and the
    environment. Raises SearchError(kind="config") when it cannot be used as configured."""
    settings = settings or SearchSettings()
    name = (name or "").strip().lower()
    if name == "duckduckgo":
        return DuckDuckGoProvider(settings.endpoint("duckduckgo"))
    if name == "searxng":
        return SearxngProvider(settings.endpoint("searxng"))
    if name == "brave":
        endpoint = settings.endpoint("brave")
        return BraveProvider(endpoint, _brave_key(key_provider))
    raise SearchError("config", f"There is no search provider called '{name}': use duckduckgo, searxng or brave.")
