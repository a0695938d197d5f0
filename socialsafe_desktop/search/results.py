"""What a search gives back: results as plain, bounded text, and errors as one plain sentence.

Everything in a result came from a stranger's web page, so it is treated as hostile text:
markup is turned into text (never interpreted), control and direction-changing characters are
removed, whitespace is folded and lengths are capped. The UI shows it as plain text only.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

from ..core.text import one_line
from ..net.errors import NetError
from .urls import is_safe_link

TITLE_MAX = 300
SNIPPET_MAX = 600
URL_MAX = 2000


# A search fails the way any request does; the name says where it happened.
SearchError = NetError


@dataclass(frozen=True)
class SearchResult:
    url: str
    title: str
    snippet: str
    provider: str


def clean_text(value: object, limit: int) -> str:
    """Plain text: control and invisible characters removed, whitespace folded, at most `limit` chars."""
    if not isinstance(value, str):
        return ""
    text = one_line(value)
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def markup_to_text(value: object) -> str:
    """Text of a fragment that may hold markup (e.g. "<strong>Sam</strong> Doe").

    BeautifulSoup only parses; nothing is executed or fetched. Script and style contents are
    not text and are dropped.
    """
    if not isinstance(value, str):
        return ""
    if "<" not in value and "&" not in value:
        return value
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(value, "html.parser")
    for tag in soup(["script", "style", "template", "noscript"]):
        tag.decompose()
    return soup.get_text(" ")


def make_result(url: object, title: object, snippet: object, provider: str) -> SearchResult | None:
    """A cleaned result, or None when the link is not a plain http(s) web address.

    A URL is never shortened (a cut URL points somewhere else): one that is too long is dropped.
    """
    if not isinstance(url, str):
        return None
    url = url.strip()
    if len(url) > URL_MAX or not is_safe_link(url):
        return None
    return SearchResult(
        url=url,
        title=clean_text(title, TITLE_MAX) or clean_text(url, TITLE_MAX),
        snippet=clean_text(snippet, SNIPPET_MAX),
        provider=provider,
    )


def results_to_json(results: Iterable[SearchResult]) -> str:
    """Results as a JSON array of {url, title, snippet, provider} (for `socialsafe search --json`).

    ASCII-only output, so printing it never fails on a console with a narrow code page.
    """
    return json.dumps([asdict(r) for r in results], indent=2, ensure_ascii=True)
