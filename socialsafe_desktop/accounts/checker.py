"""One request to one site, and what its answer means.

A site's rule is read as WhatsMyName defines it (and as its own checker applies it): the
account exists when the answer has status `e_code` and contains `e_string`; it is missing when
the answer has status `m_code` and contains `m_string` (an empty string matches any answer).
Redirects are not followed, because for many sites the redirect is the answer (`m_code` 302).
One request per site, no retries: the person is told "each site will see one request".

Three outcomes. Only the site's own rule, or a known false-positive pattern, can say
"not found"; anything we cannot read for certain is "could not check", with our reason:

- found: the exists rule matches (and the answer is not also the missing answer).
- not found: the missing rule matches; or a known false positive: a redirect to the site's
  sign-in or home page, or a soft 404 (the exists status, usually 200, without the exists text).
- could not check: a bot wall (Cloudflare's challenge, a CAPTCHA, DDoS-Guard, Anubis, and
  their kin), 429, a server error (a 5xx counts as "missing" only when the site's rule names
  it and its missing text is there), a timeout, a refused or broken connection, a page over
  the size cap, a redirect elsewhere, and any other answer the rule does not explain.

Nothing from the page is kept or shown: a result holds the outcome, our own sentence, the
status code and the addresses we built. Hostile text in a page can only ever change which of
the three outcomes applies, by the site's own rule.
"""

from __future__ import annotations

import http.cookiejar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

# The outcomes are named once, in core, where the audit keeps them; re-exported here.
from ..core.forgotten_accounts import COULD_NOT_CHECK, FOUND, NOT_FOUND, OUTCOMES  # noqa: F401
from ..core.i18n import N_, _
from ..net.errors import NetError
from ..net.http import HostRateLimiter, HttpClient, HttpRequest, HttpResponse, HttpSettings
from .sites import PreparedCheck

# TRANSLATORS: what one site answered in the forgotten-accounts check (shown with _()).
OUTCOME_LABELS = {FOUND: N_("found"), NOT_FOUND: N_("not found"), COULD_NOT_CHECK: N_("could not check")}


def check_settings(proxy: str | None = None) -> HttpSettings:
    """How the check talks to sites: one request each (no retries), 10 s to answer, at most
    2 MB read, a second between two requests to one host, 16 hosts asked at once."""
    return HttpSettings(timeout=10.0, host_delay=1.0, retries=0, max_bytes=2 * 1024 * 1024,
                        max_workers=16, proxy=proxy)


@dataclass(frozen=True)
class SiteResult:
    site: str                    # the site's name (from our data)
    category: str
    outcome: str                 # FOUND, NOT_FOUND or COULD_NOT_CHECK
    reason: str                  # our own sentence: why this outcome
    profile_url: str | None      # the address to show and open (built by us), when the site has one
    site_url: str                # the site's home
    status: int | None = None    # the HTTP status, when there was an answer

    @property
    def found(self) -> bool:
        return self.outcome == FOUND


@dataclass(frozen=True)
class Verdict:
    outcome: str
    reason: str


# --- the reasons, in our words ------------------------------------------------------------

# English, marked for translation: a result carries them translated (see check_site).
# TRANSLATORS: why a site's answer was read as it was, in the forgotten-accounts check.
EXISTS = N_("The site's answer is the one it gives for an account that exists.")
MISSING = N_("The site's answer is the one it gives when there is no such account.")
TO_SIGN_IN = N_("The site sent the request to its sign-in page, as it does for names it does not know.")
TO_HOME = N_("The site sent the request to its home page, as it does for names it does not know.")
SOFT_404 = N_("The site answered, but without the signs of an account.")
BOT_WALL = N_("The site asked for a human check (a CAPTCHA or a challenge page), so it could not be checked automatically.")
SLOW_DOWN = N_("The site asked us to slow down (HTTP 429), so it was not checked this time.")
AMBIGUOUS = N_("The site's answer fits both an account that exists and one that does not.")
ELSEWHERE = N_("The site sent the request to another address, so its answer could not be read.")
TOO_LARGE = N_("The site sent more than this check reads, so it was not what was asked for.")
TIMEOUT = N_("The site did not answer in time.")
NO_CONNECTION = N_("The site could not be reached.")
TLS = N_("The site's secure connection could not be verified, so nothing was sent.")


_FIXED_REASONS = frozenset((EXISTS, MISSING, TO_SIGN_IN, TO_HOME, SOFT_404, BOT_WALL, SLOW_DOWN, AMBIGUOUS, ELSEWHERE,
                            TOO_LARGE, TIMEOUT, NO_CONNECTION, TLS))


def _server_error(status: int) -> str:
    return _("The site had a problem of its own (HTTP {status}).").format(status=status)


def _unexpected(status: int) -> str:
    return _("The site's answer (HTTP {status}) is not one its rule explains.").format(status=status)


# --- bot walls ---------------------------------------------------------------------------

# Signs of a page that stands between us and the site: challenge pages and CAPTCHAs. Looked
# for only when neither the exists rule nor the site's own "missing" text has matched, so a
# profile page that happens to carry a CAPTCHA widget is still "found"; where they appear,
# "not found" becomes "could not check", the safe direction.
_WALL_MARKERS = (
    "/cdn-cgi/challenge-platform", "challenges.cloudflare.com", "cf-chl-", "cf_chl_", "cf-turnstile",
    "<title>just a moment", "checking your browser", "attention required! | cloudflare",
    "ddos-guard", "captcha", "/.within.website/", "anubis_", "making sure you're not a bot",
    "verify you are human", "are you a robot", "px-captcha", "captcha-delivery.com", "awswaf",
    "request unsuccessful. incapsula", "_incapsula_resource",
)


def is_bot_wall(status: int, headers: Mapping[str, str], text: str) -> bool:
    if headers.get("cf-mitigated", "").strip().lower() == "challenge":
        return True
    lowered = text.lower()
    return any(marker in lowered for marker in _WALL_MARKERS)


# --- redirects that mean "no such account" -------------------------------------------------

_SIGN_IN = re.compile(
    r"(?:^|/)(?:log-?in|log_in|sign-?in|sign_in|signin|auth|authenticate|sessions?/new|accounts?/login)"
    r"(?:/|$|\.\w+$|\?)", re.IGNORECASE)
_HOME = re.compile(r"/?(?:index\.\w+|home)?/?", re.IGNORECASE)


def _same_site(host: str, other: str) -> bool:
    host, other = host.lower().removeprefix("www."), other.lower().removeprefix("www.")
    return host == other or host.endswith("." + other) or other.endswith("." + host)


def redirect_kind(request_url: str, location: str | None) -> str | None:
    """"sign_in" or "home" when a redirect goes to the same site's sign-in or home page;
    "elsewhere" for any other target; None when there is no usable Location."""
    if not location:
        return None
    try:
        target = urlsplit(urljoin(request_url, location.strip()))
        source_host = urlsplit(request_url).hostname or ""
    except ValueError:
        return "elsewhere"
    if target.scheme not in ("http", "https") or not _same_site(source_host, target.hostname or ""):
        return "elsewhere"
    if _SIGN_IN.search(target.path) or re.search(r"(?:^|&)(?:next|return_?to|redirect)=", target.query):
        return "sign_in"
    if _HOME.fullmatch(target.path or "/"):
        return "home"
    return "elsewhere"


# --- reading one answer ------------------------------------------------------------------


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE)


def decode_body(body: bytes, charset: str | None) -> str:
    """The page as text: the charset the server named, else the page's own <meta> charset,
    else UTF-8 (the match strings are compared as text, so a Cyrillic page must read as one)."""
    if not charset:
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            meta = _META_CHARSET.search(body[:4096])
            charset = meta.group(1).decode("ascii") if meta else "utf-8"
    try:
        return body.decode(charset, errors="replace")
    except LookupError:  # a charset Python does not know
        return body.decode("utf-8", errors="replace")


def classify(check: PreparedCheck, response: HttpResponse) -> Verdict:
    """What the site's answer means, by its rule and the known patterns (see the module text)."""
    site = check.site
    status = response.status
    if status == 429:
        return Verdict(COULD_NOT_CHECK, SLOW_DOWN)
    if response.headers.get("cf-mitigated", "").strip().lower() == "challenge":
        return Verdict(COULD_NOT_CHECK, BOT_WALL)
    if 300 <= status < 400:
        kind = redirect_kind(check.url, response.headers.get("Location"))
        if kind == "sign_in":
            return Verdict(NOT_FOUND, TO_SIGN_IN)
        if kind == "home":
            return Verdict(NOT_FOUND, TO_HOME)
    text = decode_body(response.body, response.charset)
    exists = status == site.e_code and site.e_string in text
    missing = status == site.m_code and site.m_string in text
    if exists and missing:
        if not site.m_string:
            # "any answer with this status" is weaker than the exists text: the text decides
            return Verdict(FOUND, EXISTS)
        return Verdict(COULD_NOT_CHECK, AMBIGUOUS)
    if exists:
        if not site.e_string and is_bot_wall(status, response.headers, text):
            return Verdict(COULD_NOT_CHECK, BOT_WALL)
        return Verdict(FOUND, EXISTS)
    if missing and site.m_string:
        return Verdict(NOT_FOUND, MISSING)  # the site's own words for "no such account"
    if is_bot_wall(status, response.headers, text):
        return Verdict(COULD_NOT_CHECK, BOT_WALL)
    if missing:  # by status alone
        if status >= 500:
            return Verdict(COULD_NOT_CHECK, _server_error(status))  # a crash looks the same
        return Verdict(NOT_FOUND, MISSING)
    if 300 <= status < 400:
        return Verdict(COULD_NOT_CHECK, ELSEWHERE)
    if status >= 500:
        return Verdict(COULD_NOT_CHECK, _server_error(status))
    if 200 <= status < 300 and status == site.e_code:
        return Verdict(NOT_FOUND, SOFT_404)
    return Verdict(COULD_NOT_CHECK, _unexpected(status))


class _NoCookies(http.cookiejar.DefaultCookiePolicy):
    def set_ok(self, cookie, request) -> bool:
        return False


def make_client(settings: HttpSettings, limiter: HostRateLimiter) -> HttpClient:
    """The check's client: the shared HttpClient, keeping no cookies, so the requests of a run
    (several sites can share one host) are not tied together by a cookie a site hands out."""
    client = HttpClient(settings, limiter=limiter)
    client.session.cookies.set_policy(_NoCookies())
    return client


_NET_REASONS = {"timeout": TIMEOUT, "too_large": TOO_LARGE, "tls": TLS}


def request_for(check: PreparedCheck) -> HttpRequest:
    return HttpRequest(url=check.url, headers=dict(check.headers), allow_redirects=False,
                       method=check.method, data=check.body)


def check_one(client: HttpClient, check: PreparedCheck) -> SiteResult:
    """Ask one site, in this thread. NetError("cancelled") passes through for the caller to drop."""
    site = check.site
    try:
        response = client.get(request_for(check), site.name)
    except NetError as error:
        if error.kind == "cancelled":
            raise
        verdict = Verdict(COULD_NOT_CHECK, _NET_REASONS.get(error.kind, NO_CONNECTION))
        status = None
    else:
        verdict = classify(check, response)
        status = response.status
    reason = _(verdict.reason) if verdict.reason in _FIXED_REASONS else verdict.reason  # the others are translated
    return SiteResult(site=site.name, category=site.category, outcome=verdict.outcome, reason=reason,
                      profile_url=check.profile_url, site_url=check.site_url, status=status)
