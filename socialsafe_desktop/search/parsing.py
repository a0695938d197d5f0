"""Turning each provider's answer into SearchResults, and recognising answers that are not results.

Pure functions over bytes: no network, so every odd page a provider can send is a unit test.
An answer that is a valid results page with nothing on it gives [] ("nothing found"); anything
else that is not results raises SearchError with a sentence saying what to do.
"""

from __future__ import annotations

import json
import re
import warnings
from typing import Any

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning

from .results import SearchError, SearchResult, make_result, markup_to_text
from .urls import redirect_target, unwrap_redirect

# Page furniture that only a human-check / consent page has.
_CHALLENGE_SELECTORS = (
    "form#challenge-form, .anomaly-modal, .anomaly-modal__mask, form[action*='anomaly'], "
    ".g-recaptcha, .h-captcha, [data-sitekey], #cf-challenge-running, form[action*='consent']"
)
# Wording of such pages; only trusted when the page has no results (a result may be about CAPTCHAs).
_CHALLENGE_WORDS = re.compile(
    r"captcha|unusual traffic|are you a (?:human|robot)|made by a human|bots use duckduckgo"
    r"|verify you are human|before you continue",
    re.IGNORECASE,
)


def _blocked(label: str) -> SearchError:
    return SearchError("blocked", f"{label} asked for a human check: open this search in your browser instead.")


def _soup(body: bytes, charset: str | None) -> BeautifulSoup:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        # Bytes in, so BeautifulSoup detects the encoding when the server did not name one.
        return BeautifulSoup(body, "html.parser", from_encoding=charset)


def parse_duckduckgo(body: bytes, charset: str | None = None) -> list[SearchResult]:
    """Results from DuckDuckGo's HTML page (html.duckduckgo.com/html/)."""
    label = "DuckDuckGo"
    if not body.strip():
        raise SearchError("unparseable", f"{label} sent an empty page: try again later, or open this search in your browser.")
    soup = _soup(body, charset)
    if soup.select_one(_CHALLENGE_SELECTORS):
        raise _blocked(label)
    for tag in soup(["script", "style", "template", "noscript"]):
        tag.decompose()  # never text, whatever a result title smuggles in

    results: list[SearchResult] = []
    links_seen = 0
    blocks = soup.select(".result")
    for block in blocks:
        classes = block.get("class") or []
        if "result--ad" in classes or "result--no-result" in classes:
            continue  # adverts are not about the person; the no-result block is a message
        link = block.select_one("a.result__a")
        if link is None:
            continue
        links_seen += 1
        href = str(link.get("href") or "").strip()
        if href.startswith("//"):  # DuckDuckGo writes its links scheme-relative
            href = "https:" + href
        # A wrapper around an unsafe target (uddg=javascript:...) must not survive as a
        # harmless-looking duckduckgo.com link: judge the target itself.
        target = redirect_target(href)
        url = href if target is None else unwrap_redirect(target)
        snippet = block.select_one(".result__snippet")
        result = make_result(
            url,
            link.get_text(" "),
            snippet.get_text(" ") if snippet else "",
            "duckduckgo",
        )
        if result is not None:
            results.append(result)
    if links_seen:
        return results  # possibly [] when every link was unsafe: that is still a valid page

    text = soup.get_text(" ")
    if _CHALLENGE_WORDS.search(text):
        raise _blocked(label)
    if soup.select_one(".no-results") or (
        soup.select_one("#links, .results, .serp__results") and not blocks
    ):
        return []  # a real results page that found nothing
    raise SearchError(
        "unparseable",
        f"{label} sent a page we could not read: try again later, or open this search in your browser.",
    )


def _not_results(label: str) -> SearchError:
    return SearchError("unparseable", f"{label} sent something that is not search results: check its address in Settings.")


def _json(body: bytes, label: str) -> Any:
    if not body.strip():
        raise SearchError("unparseable", f"{label} sent an empty answer: try again later, or open this search in your browser.")
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        # A JSON API answering with an HTML page is often a human-check or a login page.
        head = body[:200_000].decode("utf-8", "replace")
        if head.lstrip().startswith("<") and _CHALLENGE_WORDS.search(head):
            raise _blocked(label) from exc
        raise _not_results(label) from exc


def parse_searxng(body: bytes, charset: str | None = None) -> list[SearchResult]:
    """Results from a SearXNG instance's JSON API (/search?format=json)."""
    label = "SearXNG"
    data = _json(body, label)
    items = data.get("results") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise _not_results(label)
    results = []
    for item in items:
        if not isinstance(item, dict):
            continue
        result = make_result(
            item.get("url"), markup_to_text(item.get("title")), markup_to_text(item.get("content")), "searxng"
        )
        if result is not None:
            results.append(result)
    if not items and data.get("unresponsive_engines"):
        # Nothing found because its engines failed (often a CAPTCHA upstream), not because
        # there is nothing: saying "nothing found" would be wrong.
        raise SearchError(
            "upstream",
            "The SearXNG server could not get answers from its search engines: try again later, "
            "or open this search in your browser.",
        )
    return results


def parse_brave(body: bytes, charset: str | None = None) -> list[SearchResult]:
    """Results from the Brave Search API (web search)."""
    label = "Brave Search"
    data = _json(body, label)
    if not isinstance(data, dict):
        raise _not_results(label)
    if data.get("type") == "ErrorResponse" or isinstance(data.get("error"), dict):
        raise SearchError("http", f"{label} could not run the search: check the API key and your plan in Settings.")
    web = data.get("web")
    if web is None:
        if data.get("type") == "search":
            return []  # the API leaves "web" out when nothing was found
        raise _not_results(label)
    items = web.get("results") if isinstance(web, dict) else None
    if items is None and isinstance(web, dict):
        items = []
    if not isinstance(items, list):
        raise _not_results(label)
    results = []
    for item in items:
        if not isinstance(item, dict):
            continue
        # Brave highlights matches with <strong>: that markup becomes plain text.
        result = make_result(
            item.get("url"), markup_to_text(item.get("title")), markup_to_text(item.get("description")), "brave"
        )
        if result is not None:
            results.append(result)
    return results
