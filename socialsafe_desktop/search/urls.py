"""Result addresses: which are safe to open, which are the same page, which platform they are on.

The same profile page turns up in several searches under slightly different addresses
(tracking parameters, "www.", a search engine's redirect wrapper). normalise_url() reduces
them to one key so the person judges each page once.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..core.links import is_openable_url

if TYPE_CHECKING:
    from .results import SearchResult

# Parameters that only say how someone got to a page, never which page it is.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid",
    "igshid", "igsh", "ref", "ref_src", "ref_url", "referrer", "si", "mc_cid", "mc_eid",
    "_hsenc", "_hsmi", "__hstc", "__hssc", "__hsfp", "hsctatracking", "mkt_tok", "_ga", "_gl",
    "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv", "s_cid", "trk", "trkcampaign", "spm",
    "share_id", "sh", "rcm",
})
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")

_MAX_UNWRAP = 4


def is_safe_link(url: str) -> bool:
    """True for an address SocialSafe would open or link (core.links has the one rule)."""
    return is_openable_url(url)


def _absolute(url: str) -> str:
    return "https:" + url if url.startswith("//") else url


def _bing_target(value: str) -> str | None:
    # Bing's /ck/a links carry the address as "a1" + base64url without padding.
    if not value.startswith("a1"):
        return None
    data = value[2:]
    try:
        return base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)).decode("utf-8")
    except (binascii.Error, ValueError):
        return None


def unwrap_redirect(url: str) -> str:
    """The real address behind a search engine's or a platform's redirect link, else url unchanged."""
    for _ in range(_MAX_UNWRAP):  # a wrapper inside a wrapper happens; a loop must end
        target = _unwrap_once(_absolute(url.strip()))
        if target is None or not is_safe_link(target):
            return url
        url = target
    return url


def redirect_target(url: str) -> str | None:
    """The raw target of a known redirect wrapper (not checked for safety), None if url is not one."""
    return _unwrap_once(_absolute(url.strip()))


def _unwrap_once(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    path = parts.path
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    if _within(host, "duckduckgo.com") and path.startswith("/l/"):
        return query.get("uddg")
    if _is_google(host) and path == "/url":
        return query.get("q") or query.get("url")
    if _within(host, "bing.com") and path == "/ck/a":
        return _bing_target(query.get("u", ""))
    if _within(host, "facebook.com") and path in ("/l.php", "/flx/warn/"):
        return query.get("u")
    if host == "l.instagram.com":
        return query.get("u")
    if _within(host, "linkedin.com") and path == "/redir/redirect":
        return query.get("url")
    return None


def _within(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def _is_google(host: str) -> bool:
    # google.com, www.google.de, www.google.co.uk - but not google.evil.example
    labels = host.split(".")
    if "google" not in labels:
        return False
    suffix = labels[labels.index("google") + 1:]
    return len(suffix) == 1 or (len(suffix) == 2 and suffix[0] in ("co", "com"))


def normalise_url(url: str) -> str:
    """A key for "is this the same page": redirect unwrapped, scheme and host lowercased, no
    "www.", no default port, no fragment, no tracking parameters, other parameters sorted,
    no trailing slash. Not meant to be opened; open the original address.
    """
    url = unwrap_redirect(url.strip())
    if not is_safe_link(url):
        return url
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    elif ":" in host:
        host = f"[{host}]"
    params = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in TRACKING_PARAMS and not key.lower().startswith(TRACKING_PREFIXES)
    ]
    query = urlencode(sorted(params))
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, host, path, query, ""))


def host_of(url: str) -> str:
    try:
        host = (urlsplit(unwrap_redirect(url)).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""
    return host


def platform_for_host(host: str, domains: Mapping[str, Sequence[str]]) -> str | None:
    """The platform id whose domain is host or a parent of it (m.facebook.com -> facebook).

    The longest matching domain wins, so a more specific pack beats a general one.
    """
    host = host.lower().rstrip(".")
    best: tuple[int, str] | None = None
    for platform, names in domains.items():
        for domain in names:
            domain = domain.strip().lower().rstrip(".")
            if domain and (host == domain or host.endswith("." + domain)):
                if best is None or len(domain) > best[0]:
                    best = (len(domain), platform)
    return best[1] if best else None


@dataclass
class MergedResult:
    url: str
    normalised: str
    title: str
    snippet: str
    found_by: list[str] = field(default_factory=list)
    platform: str | None = None


def merge_results(
    batches: Iterable[tuple[str, Sequence[SearchResult]]],
    domains: Mapping[str, Sequence[str]] | None = None,
) -> list[MergedResult]:
    """One entry per page across all searches, in the order pages were first seen.

    found_by lists the search ids that found the page (each once). A later search's snippet
    fills in an empty one. Unsafe links never get in.
    """
    merged: dict[str, MergedResult] = {}
    for search_id, results in batches:
        for result in results:
            url = unwrap_redirect(result.url)
            if not is_safe_link(url):
                continue
            key = normalise_url(url)
            entry = merged.get(key)
            if entry is None:
                entry = merged[key] = MergedResult(
                    url=url,
                    normalised=key,
                    title=result.title,
                    snippet=result.snippet,
                    platform=platform_for_host(host_of(url), domains or {}),
                )
            elif not entry.snippet and result.snippet:
                entry.snippet = result.snippet
            if search_id not in entry.found_by:
                entry.found_by.append(search_id)
    return list(merged.values())
