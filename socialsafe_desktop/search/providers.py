"""The in-app search providers: what to ask each one, and what its HTTP answers mean.

A provider only builds requests and judges answers; HttpClient does the talking, so one
client (with its rate limit and its cancel switch) can serve every search of a run.

Requests look like what each service expects from a person, because both services turn away
what does not: DuckDuckGo's HTML page is a form that a browser POSTs (q, b, kl, df) with its
language and the form page as Referer; a SearXNG server's limiter refuses clients whose Accept
lacks text/html or that send no Accept-Language. The User-Agent stays SocialSafe's own.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from urllib.parse import urlsplit

from ..core.i18n import _
from ..core.links import is_private_transport
from ..core.queries import MAX_QUERY
from ..net.http import RETRY_STATUSES, HttpClient, HttpRequest, HttpResponse
from ..net.language import accept_language, language_and_region, system_locale
from .parsing import human_check, parse_brave, parse_duckduckgo, parse_searxng
from .results import SearchError, SearchResult
from .settings import PROVIDER_LABELS, SearchSettings
from .urls import is_safe_link

KeyProvider = Callable[[str], "str | None"]

# What a browser sends for a page it is about to show.
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
# A 429 from these services means "you look like a program", not "come back in a second":
# asking again only makes the block last longer.
NO_429_RETRY = RETRY_STATUSES - {429}

# DuckDuckGo's region codes ("kl") for the regions its form offers most often; they are
# country-language, with a few names of their own (uk for the United Kingdom). Anything else
# searches all regions, as the form does by default.
_DDG_REGIONS = {
    ("en", "GB"): "uk-en", ("cy", "GB"): "uk-en", ("gd", "GB"): "uk-en", ("ga", "IE"): "ie-en",
    ("en", "IE"): "ie-en", ("en", "US"): "us-en", ("en", "CA"): "ca-en", ("fr", "CA"): "ca-fr",
    ("en", "AU"): "au-en", ("en", "NZ"): "nz-en", ("en", "IN"): "in-en", ("en", "ZA"): "za-en",
    ("en", "SG"): "sg-en", ("de", "DE"): "de-de", ("de", "AT"): "at-de", ("de", "CH"): "ch-de",
    ("fr", "FR"): "fr-fr", ("fr", "BE"): "be-fr", ("nl", "BE"): "be-nl", ("fr", "CH"): "ch-fr",
    ("it", "IT"): "it-it", ("es", "ES"): "es-es", ("pt", "PT"): "pt-pt", ("nl", "NL"): "nl-nl",
    ("da", "DK"): "dk-da", ("sv", "SE"): "se-sv", ("fi", "FI"): "fi-fi", ("pl", "PL"): "pl-pl",
}
ALL_REGIONS = "wt-wt"


def duckduckgo_region(locale: str | None) -> str:
    """DuckDuckGo's region code for a locale ("en_GB.UTF-8" -> "uk-en"); all regions if unknown."""
    return _DDG_REGIONS.get(language_and_region(locale), ALL_REGIONS)


class Provider(ABC):
    """One search service at one address: how to ask it, and how to read its answer."""

    id = ""
    label = ""

    def __init__(self, endpoint: str, *, locale: str | None = None) -> None:
        endpoint = (endpoint or "").strip()
        if not is_safe_link(endpoint):
            raise SearchError(
                "config",
                _("The {label} address in Settings is not a web address: it should start with https://.").format(
                    label=self.label),
            )
        # One rule whatever the address came from (Settings, the policy, an environment
        # variable): what the person searches for never crosses a network in the clear.
        if not is_private_transport(endpoint):
            raise SearchError(
                "config",
                _("The {label} address must start with https:// so that your searches are not sent in the clear "
                   "(plain http:// is allowed only to this computer).").format(label=self.label),
            )
        self.endpoint = endpoint
        # The person's locale, for Accept-Language (None: this computer's); tests pass one.
        self.locale = locale

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
                _("{label} is refusing more searches from this computer for now: wait a few minutes, or open this "
                   "search in your browser.").format(label=self.label),
                status=status,
            )
        if status >= 500:
            return SearchError(
                "http",
                _("{label} is not working right now (error {status}): try again later, or open this search in your "
                   "browser.").format(label=self.label, status=status),
                status=status,
            )
        if 300 <= status < 400:
            return SearchError(
                "http", _("{label} sent us to another address (error {status}): check its address in Settings.").format(
                    label=self.label, status=status),
                status=status,
            )
        return SearchError(
            "http", _("{label} refused the search (error {status}): check its address in Settings.").format(
                label=self.label, status=status), status=status
        )

    def search(self, query: str, client: HttpClient) -> list[SearchResult]:
        query = " ".join(query.split())
        if not query:
            raise SearchError("config", _("There is nothing to search for: type some words first."))
        if len(query) > MAX_QUERY:
            raise SearchError("config", _("This search is too long: use at most {most} characters.").format(
                most=MAX_QUERY))
        response = client.send(self.request(query), self.label)
        error = self.status_error(response.status)
        if error is not None:
            raise error
        return self.parse(response)


class DuckDuckGoProvider(Provider):
    id = "duckduckgo"
    label = PROVIDER_LABELS["duckduckgo"]

    # How DuckDuckGo turns away what it takes for a robot: 202 with its challenge page, 403, 418
    # ("I'm a teapot") or 429. The rest of a run would get the same, so the run stops there.
    CHALLENGE_STATUSES = frozenset({202, 403, 418, 429})

    def request(self, query: str) -> HttpRequest:
        """The search as the HTML page's own form sends it: a POST of its fields, from its page."""
        parts = urlsplit(self.endpoint)
        origin = f"{parts.scheme}://{parts.netloc}"
        return HttpRequest(
            self.endpoint,
            method="POST",
            # b is the search button's (empty) value, df the "any time" choice; both are in the form.
            data={"q": query, "b": "", "kl": duckduckgo_region(self._locale()), "df": ""},
            headers={
                "Accept": BROWSER_ACCEPT,
                "Accept-Language": accept_language(self.locale),
                # The page says Referrer-Policy: origin, so a browser names only the origin.
                "Referer": origin + "/",
                "Origin": origin,
            },
            retry_statuses=NO_429_RETRY,
        )

    def _locale(self) -> str | None:
        return self.locale if self.locale is not None else system_locale()

    def parse(self, response: HttpResponse) -> list[SearchResult]:
        return parse_duckduckgo(response.body, response.charset)

    def status_error(self, status: int) -> SearchError | None:
        if status in self.CHALLENGE_STATUSES:
            return human_check(self.label, status)
        return super().status_error(status)


class SearxngProvider(Provider):
    id = "searxng"
    label = PROVIDER_LABELS["searxng"]

    def __init__(self, endpoint: str, *, locale: str | None = None) -> None:
        if not (endpoint or "").strip():
            raise SearchError("config", _("No SearXNG address is set: add one in Settings, or ask your IT team."))
        super().__init__(endpoint, locale=locale)
        # People paste the instance's home page; the API lives at /search.
        base = self.endpoint.split("?", 1)[0].split("#", 1)[0].rstrip("/")
        self.endpoint = base if base.endswith("/search") else base + "/search"

    def request(self, query: str) -> HttpRequest:
        # SearXNG's limiter answers 429 to an Accept without text/html or a missing
        # Accept-Language; the answer is JSON either way (format=json decides).
        return HttpRequest(
            self.endpoint,
            {"q": query, "format": "json"},
            {"Accept": "application/json,text/html;q=0.9,*/*;q=0.8", "Accept-Language": accept_language(self.locale)},
            retry_statuses=NO_429_RETRY,
        )

    def parse(self, response: HttpResponse) -> list[SearchResult]:
        return parse_searxng(response.body, response.charset)

    def status_error(self, status: int) -> SearchError | None:
        if status == 403:  # SearXNG answers 403 when its JSON output is switched off
            return SearchError(
                "config",
                _("This SearXNG server does not accept searches from apps (error 403): ask its administrator to "
                   "allow the JSON format, or use another server."),
                status=status,
            )
        if status == 429:  # its bot detection, which waiting does not get past
            return SearchError(
                "blocked",
                _("The SearXNG server refused to answer an app (error 429): ask its administrator to let "
                   "SocialSafe search it, or open the remaining searches in your browser."),
                status=status,
            )
        return super().status_error(status)


class BraveProvider(Provider):
    id = "brave"
    label = PROVIDER_LABELS["brave"]

    def __init__(self, endpoint: str, key: str, *, locale: str | None = None) -> None:
        super().__init__(endpoint, locale=locale)  # https (or this computer) only: the key travels too
        self._key = key

    def __repr__(self) -> str:  # never show the key in logs or tracebacks
        return f"BraveProvider({self.endpoint!r}, key=<hidden>)"

    def request(self, query: str) -> HttpRequest:
        return HttpRequest(
            self.endpoint,
            {"q": query, "count": "20"},
            {"Accept": "application/json", "Accept-Language": accept_language(self.locale),
             "X-Subscription-Token": self._key},
            # requests would carry our custom key header along to wherever a redirect points.
            allow_redirects=False,
        )

    def parse(self, response: HttpResponse) -> list[SearchResult]:
        return parse_brave(response.body, response.charset)

    def status_error(self, status: int) -> SearchError | None:
        if status in (401, 403):
            return SearchError(
                "config", _("Brave Search did not accept the API key (error {status}): check the key in Settings.").format(
                    status=status),
                status=status,
            )
        if status == 422:
            return SearchError(
                "config", _("Brave Search did not accept the request (error 422): check the API key and your plan "
                             "in Settings."),
                status=status,
            )
        return super().status_error(status)


def _brave_key(key_provider: KeyProvider | None) -> str:
    missing = SearchError(
        "config", _("No Brave Search API key is set: add one in Settings (it is kept in your system's keyring).")
    )
    if key_provider is None:
        raise missing
    try:
        key = key_provider("brave")
    except Exception as exc:  # a keyring failure is reported, never crashes the search
        raise SearchError("config", _("The Brave Search API key could not be read from your system's keyring.")) from exc
    key = (key or "").strip()
    if not key:
        raise missing
    if any(ord(c) < 0x21 or ord(c) == 0x7F for c in key):
        raise SearchError("config", _("The Brave Search API key contains characters a key cannot have: set it "
                                       "again in Settings."))
    return key


def make_provider(
    name: str, settings: SearchSettings | None = None, *, key_provider: KeyProvider | None = None,
    locale: str | None = None,
) -> Provider:
    """The provider called `name` (duckduckgo, searxng, brave), configured from settings and the
    environment, speaking the language of `locale` (None: this computer's). Raises
    SearchError(kind="config") when it cannot be used as configured."""
    settings = settings or SearchSettings()
    name = (name or "").strip().lower()
    if name == "duckduckgo":
        return DuckDuckGoProvider(settings.endpoint("duckduckgo"), locale=locale)
    if name == "searxng":
        return SearxngProvider(settings.endpoint("searxng"), locale=locale)
    if name == "brave":
        endpoint = settings.endpoint("brave")
        return BraveProvider(endpoint, _brave_key(key_provider), locale=locale)
    raise SearchError("config", _("There is no search provider called '{name}': use duckduckgo, searxng or brave.").format(
        name=name))
