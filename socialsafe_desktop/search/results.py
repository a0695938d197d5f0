"""What a search gives back: results as plain, bounded text, and errors as one plain sentence.

Everything in a result came from a stranger's web page, so it is treated as hostile text:
markup is turned into text (never interpreted) the way a browser shows it, control and
direction-changing characters are removed, whitespace is folded and lengths are capped. The
UI shows it as plain text only.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass

from bs4 import NavigableString, PageElement, Tag

from ..core.text import one_line
from ..net.errors import NetError
from .urls import clean_result_url, is_safe_link

TITLE_MAX = 300
SNIPPET_MAX = 600
URL_MAX = 2000
# Results kept from one search, and from one run. A person reads a few dozen; an answer with
# 40,000 results is cut here, in the worker, before any of it reaches the window.
MAX_RESULTS_PER_SEARCH = 50
MAX_RESULTS_PER_RUN = 500


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


# Elements that end a line or a cell, or stand for something that is not text: words on either
# side of them are separate words. Everything else (<b>, <strong>, <em>, <span>, <a> ...) is
# inline highlighting inside a word as often as between words, so it adds no space:
# "<b>jo.sample</b>@example.com" is one address, "built-<b>in</b>" one word.
_SEPARATING = frozenset({
    "address", "article", "aside", "audio", "blockquote", "body", "br", "button", "canvas", "caption",
    "dd", "details", "dialog", "div", "dl", "dt", "embed", "fieldset", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "iframe", "img",
    "input", "li", "main", "nav", "object", "ol", "option", "p", "pre", "section", "select", "summary",
    "svg", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "tr", "ul", "video",
})
# Never text, whatever a result smuggles into them.
NOT_TEXT = ("script", "style", "template", "noscript")
# What Brave Search marks matches with. Only these are taken out of its text; anything else
# shaped like a tag is something the page itself said, and stays.
_HIGHLIGHT = re.compile(r"</?(?:strong|b|em|i|mark)\s*>", re.IGNORECASE)


def html_text(element: Tag) -> str:
    """The text a browser shows for a parsed element: inline tags join what is around them,
    block boundaries and <br> separate words. Comments and script-like contents are not text.

    Walks the tree with its own stack: a page nested ten thousand deep is just a long walk."""
    parts: list[str] = []
    stack: list[tuple[Iterator[PageElement], bool]] = [(iter(element.contents), False)]
    while stack:
        children, separating = stack[-1]
        node = next(children, None)
        if node is None:
            stack.pop()
            if separating:
                parts.append(" ")
            continue
        if isinstance(node, Tag):
            if node.name in NOT_TEXT:
                continue
            separating = node.name in _SEPARATING
            if separating:
                parts.append(" ")
            stack.append((iter(node.contents), separating))
        elif type(node) is NavigableString:  # not a Comment, Doctype or other declaration
            parts.append(str(node))
    return "".join(parts)


def plain_text(value: object) -> str:
    """A field that is text already (SearXNG's JSON): nothing in it is markup, so a "<table>"
    in a title stays. Character references left in by the engines behind it (&amp;, &#39;) are
    decoded once: nobody titles a page "&amp;"."""
    if not isinstance(value, str):
        return ""
    return html.unescape(value) if "&" in value else value


def highlighted_text(value: object) -> str:
    """A field of escaped text with match highlighting (Brave Search's titles and descriptions:
    "<strong>Sam</strong> Doe &amp; friends"): the highlighting goes, references are decoded
    once, and nothing else is taken for markup."""
    if not isinstance(value, str):
        return ""
    return plain_text(_HIGHLIGHT.sub("", value))


def make_result(url: object, title: object, snippet: object, provider: str) -> SearchResult | None:
    """A cleaned result, or None when the link is not a plain http(s) web address.

    A search engine's redirect wrapper is removed here, so every caller (the window, the
    command line, the report) sees the real address. A URL is never shortened (a cut URL
    points somewhere else): one that is too long is dropped.
    """
    if not isinstance(url, str):
        return None
    url = url.strip()
    if len(url) > 4 * URL_MAX:  # even wrapped and percent-encoded, no real address is this long
        return None
    if url.startswith("//"):  # scheme-relative, as DuckDuckGo writes its links
        url = "https:" + url
    url = clean_result_url(url)
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
