"""The site list, and the one place a username is placed into a site's address or body.

The list is resources/accounts/sites.json, derived from WhatsMyName's wmn-data.json by
tools/build_account_data.py (CC BY-SA 4.0, see resources/accounts/NOTICE.md). Each site says
how to tell from one request whether a username exists there, in WhatsMyName's terms:

  uri_check       the address asked, with "{account}" where the username goes
  post_body       when present, the request is a POST with this body ("{account}" inside)
  headers         extra request headers (a POST names its Content-Type here)
  strip_bad_char  characters removed from the username before it is used
  e_code/e_string the status code and text of the answer when the account exists
  m_code/m_string the same when it does not
  uri_pretty      the address shown to the person (when uri_check is an API)
  cat             a category; "xx NSFW xx" (here: "adult") is never asked unless asked for

Loading never crashes on a bad entry: it is skipped with one sentence in `problems`. A site is
refused when its check address is not https (plain http only to this machine, and only when the
caller says so: tests), when its rule cannot tell "exists" from "missing", or when its body is
of a kind we cannot place a username into safely.

The username is never pasted raw: the site's bad characters are removed, then it is
percent-encoded for an address or a form, JSON-escaped for a JSON body. Where it would have to
become part of a host name it must be a valid host-name label; a username that cannot be placed
on a site makes that site not applicable (it is not asked), never a malformed request.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from ..core.configfile import ConfigFileError, read_config_bytes
from ..core.demo import resources_dir
from ..core.i18n import _
from ..core.links import is_loopback_host, is_openable_url
from ..core.text import has_unsafe_chars, one_line

ACCOUNT = "{account}"
ADULT = "adult"
UPSTREAM_ADULT = "xx NSFW xx"
MAX_DATA_BYTES = 8 * 1024 * 1024   # the derived file is ~250 kB
MAX_USERNAME = 100                 # longer than any site allows
MAX_NAME = 100

# Headers that describe the connection, not the question: requests sets them itself, and a
# "Host" from a data file would send the request to another site behind the same address.
CONNECTION_HEADERS = frozenset({
    "host", "content-length", "transfer-encoding", "connection", "te", "trailer", "upgrade",
    "keep-alive", "proxy-connection", "proxy-authorization",
})
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_HOST_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_EMAIL_LIKE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_SAMPLE = "sample"
_NETLOC = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*)")


class AccountDataError(Exception):
    """The data file as a whole cannot be used; str() is one sentence for the person."""


class UsernameError(ValueError):
    """A username that cannot be checked; str() is one sentence for the person."""


class _Invalid(ValueError):
    """One entry cannot be used; the message finishes "skipped because ..."."""


@dataclass(frozen=True)
class Site:
    name: str
    category: str
    uri_check: str
    e_code: int
    e_string: str
    m_code: int
    m_string: str
    uri_pretty: str | None = None
    post_body: str | None = None
    body_kind: str | None = None          # "json" or "form" when post_body is set
    headers: tuple[tuple[str, str], ...] = ()
    strip_bad_char: str = ""
    protection: tuple[str, ...] = ()

    @property
    def is_adult(self) -> bool:
        return self.category == ADULT

    @property
    def method(self) -> str:
        return "POST" if self.post_body is not None else "GET"

    @property
    def account_in_host(self) -> bool:
        return ACCOUNT in _netloc(self.uri_check)


@dataclass(frozen=True)
class PreparedCheck:
    """One site's request for one username, built and checked, ready to send."""

    site: Site
    username: str                 # as given (after clean_username), for the record
    url: str
    host: str                     # lower case; requests to one host go one at a time
    method: str
    body: bytes | None
    headers: tuple[tuple[str, str], ...]
    profile_url: str | None       # the address to show and open: uri_pretty, else a GET's own address
    site_url: str                 # the site's home, for a POST check with no profile address


@dataclass(frozen=True)
class SiteList:
    sites: tuple[Site, ...]
    categories: tuple[str, ...]                     # as listed in the file, adult as "adult"
    problems: tuple[str, ...] = ()
    source: Mapping[str, Any] = field(default_factory=dict)  # upstream project, commit, licence

    def select(self, categories: Iterable[str] | None = None, *, include_adult: bool = False) -> list[Site]:
        """Sites in `categories` (None: every category). Adult sites only with include_adult."""
        wanted = None if categories is None else set(categories)
        return [s for s in self.sites
                if (wanted is None or s.category in wanted) and (include_adult or not s.is_adult)]


# --- the username ------------------------------------------------------------------------


def clean_username(text: object) -> str:
    """The username to check, or UsernameError. A leading "@" (as handles are often written)
    is dropped; an email address is refused, because email addresses are never probed."""
    if not isinstance(text, str):
        raise UsernameError(_("Type a username to check."))
    name = text.strip()
    if name.startswith("@"):
        name = name[1:].strip()
    if not name:
        raise UsernameError(_("Type a username to check."))
    folded = one_line(name)  # runs of spaces become one; invisible characters go
    if has_unsafe_chars(name, allow_newlines=False) or folded.replace(" ", "") != "".join(name.split()):
        raise UsernameError(_("A username cannot contain control, direction or invisible characters, tabs or line "
                               "breaks."))
    name = folded
    if len(name) > MAX_USERNAME:
        raise UsernameError(_("That username is longer than {most} characters; no site allows one so long.").format(
            most=MAX_USERNAME))
    if _EMAIL_LIKE.fullmatch(name):
        raise UsernameError(_("That is an email address: SocialSafe checks usernames only, and never asks sites "
                               "about email addresses."))
    return name


def _stripped(site: Site, username: str) -> str:
    if not site.strip_bad_char:
        return username
    return username.translate({ord(ch): None for ch in site.strip_bad_char})


def _json_escaped(value: str) -> str | None:
    # Inside a JSON string; some bodies nest a second string level (a GraphQL query inside
    # JSON), where a quote or backslash would need escaping twice: such usernames are refused.
    if '"' in value or "\\" in value:
        return None
    return json.dumps(value, ensure_ascii=True)[1:-1]


def prepare(site: Site, username: str, *, allow_loopback_http: bool = False) -> PreparedCheck | None:
    """The request for `username` (already cleaned) on `site`; None when the username cannot
    be placed there (its characters cannot be part of this site's address or body)."""
    value = _stripped(site, username)
    if not value or not value.strip("."):
        return None  # nothing left, or only dots: "/user/.." is another page, not a profile
    if site.account_in_host and not _HOST_LABEL.fullmatch(value):
        return None
    encoded = quote(value, safe="")  # unreserved characters (letters, digits, -._~) stay as they are
    url = site.uri_check.replace(ACCOUNT, encoded)
    # The username can change the host only where the site puts it there, and only as its first label.
    expected_host = _host(site.uri_check.replace(ACCOUNT, value if site.account_in_host else _SAMPLE))
    if not _address_allowed(url, allow_loopback_http) or _host(url) != expected_host:
        return None
    body = None
    if site.post_body is not None:
        if site.body_kind == "json":
            escaped = _json_escaped(value)
            if escaped is None:
                return None
            text = site.post_body.replace(ACCOUNT, escaped)
            try:
                json.loads(text)
            except ValueError:
                return None
        else:
            text = site.post_body.replace(ACCOUNT, encoded)
        body = text.encode("utf-8")
    profile_url = None
    if site.uri_pretty:
        pretty = site.uri_pretty.replace(ACCOUNT, encoded)
        in_host = ACCOUNT in _netloc(site.uri_pretty)
        if _address_allowed(pretty, allow_loopback_http) and (not in_host or _HOST_LABEL.fullmatch(value)):
            profile_url = pretty
    elif site.post_body is None:
        profile_url = url
    parts = urlsplit(url)
    return PreparedCheck(
        site=site, username=username, url=url, host=_host(url), method=site.method, body=body,
        headers=site.headers, profile_url=profile_url, site_url=f"{parts.scheme}://{parts.netloc}/",
    )


def _netloc(url: str) -> str:
    match = _NETLOC.match(url)
    return match.group(1) if match else ""


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


# --- loading -----------------------------------------------------------------------------


def default_sites_path() -> Path:
    return resources_dir() / "accounts" / "sites.json"


def read_json_file(path: Path, what: str) -> Any:
    """Parsed JSON from a regular file of reasonable size, else AccountDataError naming `what`."""
    try:
        raw = read_config_bytes(Path(path), MAX_DATA_BYTES)
    except ConfigFileError as exc:
        raise AccountDataError(_("The {what} ({path}) cannot be used: {reason}.").format(
            what=what, path=path, reason=exc)) from None
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise AccountDataError(_("The {what} ({path}) cannot be used: it is not valid JSON.").format(
            what=what, path=path)) from None


def load_sites(path: Path | None = None, *, allow_loopback_http: bool = False) -> SiteList:
    """The site list from `path` (default: the app's). AccountDataError when the file cannot be
    used at all; a bad entry is skipped with a sentence in `problems`."""
    path = Path(path) if path is not None else default_sites_path()
    return parse_sites(read_json_file(path, _("site list")), origin=path.name, allow_loopback_http=allow_loopback_http)


def parse_sites(data: Any, *, origin: str = "sites.json", allow_loopback_http: bool = False) -> SiteList:
    if not isinstance(data, dict) or not isinstance(data.get("sites"), list):
        raise AccountDataError(_("The site list ({origin}) cannot be used: it has no list of sites.").format(
            origin=origin))
    categories = _categories(data.get("categories"))
    problems: list[str] = []
    sites: list[Site] = []
    names: set[str] = set()
    for number, entry in enumerate(data["sites"], 1):
        label = _entry_label(entry, number)
        try:
            site = parse_site(entry, categories=categories, allow_loopback_http=allow_loopback_http)
        except _Invalid as exc:
            problems.append(f"{origin}: {label} was skipped because {exc}.")
            continue
        if site.name.casefold() in names:
            problems.append(f"{origin}: {label} was skipped because another site has the same name.")
            continue
        names.add(site.name.casefold())
        sites.append(site)
    source = data.get("upstream") if isinstance(data.get("upstream"), dict) else {}
    listed = categories or tuple(dict.fromkeys(s.category for s in sites))
    return SiteList(tuple(sites), listed, tuple(problems), source)


def _entry_label(entry: Any, number: int) -> str:
    name = entry.get("name") if isinstance(entry, dict) else None
    if isinstance(name, str) and name.strip():
        return f"site {number} ({one_line(name)[:MAX_NAME]})"
    return f"site {number}"


def _category(value: str) -> str:
    return ADULT if value == UPSTREAM_ADULT else value


def _categories(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(dict.fromkeys(_category(v) for v in value if isinstance(v, str) and v and v == one_line(v)))


def _text(entry: Mapping[str, Any], key: str, *, required: bool = True) -> str | None:
    value = entry.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise _Invalid(f"'{key}' is missing or is not text")
    if has_unsafe_chars(value):
        raise _Invalid(f"'{key}' contains control or direction characters")
    return value


def _code(entry: Mapping[str, Any], key: str) -> int:
    value = entry.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not 100 <= value <= 599:
        raise _Invalid(f"'{key}' is not an HTTP status code")
    return value


def _address_allowed(url: str, allow_loopback_http: bool) -> bool:
    if not is_openable_url(url):
        return False
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme == "https" or (allow_loopback_http and scheme == "http" and is_loopback_host(parts.hostname or ""))


def _check_address(url: str, key: str, allow_loopback_http: bool, *, needs_account: bool) -> None:
    if needs_account and ACCOUNT not in url:
        raise _Invalid(f"'{key}' has no {ACCOUNT} where the username goes")
    netloc = _netloc(url)
    if ACCOUNT in netloc and not (netloc.startswith(ACCOUNT + ".") and netloc.count(ACCOUNT) == 1):
        raise _Invalid(f"'{key}' puts the username in its host name other than as the first label")
    sample = url.replace(ACCOUNT, _SAMPLE)
    if not _address_allowed(sample, allow_loopback_http):
        if is_openable_url(sample) and urlsplit(sample).scheme.lower() == "http":
            raise _Invalid(f"'{key}' is not an https address, and a check is only ever sent over https")
        raise _Invalid(f"'{key}' is not a valid web address")


def _headers(value: Any) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict) or not value:
        raise _Invalid("'headers' is not a table of header names and values")
    headers = []
    for name, text in value.items():
        if not isinstance(name, str) or not _HEADER_NAME.fullmatch(name):
            raise _Invalid("'headers' has a name that is not a valid header name")
        if not isinstance(text, str) or has_unsafe_chars(text, allow_newlines=False) or "\r" in text or "\n" in text:
            raise _Invalid(f"header '{name}' has a value that is not one line of text")
        if name.lower() not in CONNECTION_HEADERS:
            headers.append((name, text))
    return tuple(headers)


def _body_kind(headers: tuple[tuple[str, str], ...]) -> str:
    content_type = next((v for k, v in headers if k.lower() == "content-type"), "").split(";")[0].strip().lower()
    if content_type == "application/json" or content_type.endswith("+json"):
        return "json"
    if content_type == "application/x-www-form-urlencoded":
        return "form"
    raise _Invalid("its POST body is not JSON or a form, so the username cannot be placed in it safely")


def parse_site(entry: Any, *, categories: tuple[str, ...] = (), allow_loopback_http: bool = False) -> Site:
    """One entry of the list as a Site; _Invalid says why it cannot be used."""
    if not isinstance(entry, dict):
        raise _Invalid("it is not a table of fields")
    if entry.get("valid") is False:
        raise _Invalid("the list marks it as not working")
    name = one_line(_text(entry, "name"))
    if not name or len(name) > MAX_NAME:
        raise _Invalid("'name' is empty or too long")
    category = _text(entry, "cat")
    category = _category(category)
    if categories and category not in categories:
        raise _Invalid(f"its category '{one_line(category)[:40]}' is not one of the list's categories")
    post_body = _text(entry, "post_body", required=False)
    uri_check = _text(entry, "uri_check")
    _check_address(uri_check, "uri_check", allow_loopback_http, needs_account=post_body is None)
    uri_pretty = _text(entry, "uri_pretty", required=False)
    if uri_pretty is not None:
        _check_address(uri_pretty, "uri_pretty", allow_loopback_http, needs_account=False)
    headers = _headers(entry.get("headers"))
    body_kind = None
    if post_body is not None:
        if ACCOUNT not in post_body:
            raise _Invalid(f"'post_body' has no {ACCOUNT} where the username goes")
        body_kind = _body_kind(headers)
        if body_kind == "json":
            try:
                json.loads(post_body.replace(ACCOUNT, _SAMPLE))
            except ValueError:
                raise _Invalid("'post_body' is not valid JSON") from None
    e_code, m_code = _code(entry, "e_code"), _code(entry, "m_code")
    e_string, m_string = _text(entry, "e_string"), _text(entry, "m_string")
    if e_code == m_code and (e_string == m_string or not e_string or (m_string and m_string in e_string)):
        # the same answer would mean both "exists" and "missing": the rule cannot tell them apart
        raise _Invalid("its rule cannot tell an account that exists from one that does not")
    strip = _text(entry, "strip_bad_char", required=False) or ""
    protection = entry.get("protection") or []
    if not isinstance(protection, list) or not all(isinstance(p, str) for p in protection):
        raise _Invalid("'protection' is not a list of words")
    return Site(
        name=name, category=category, uri_check=uri_check, e_code=e_code, e_string=e_string,
        m_code=m_code, m_string=m_string, uri_pretty=uri_pretty, post_body=post_body, body_kind=body_kind,
        headers=headers, strip_bad_char=strip, protection=tuple(one_line(p) for p in protection),
    )
