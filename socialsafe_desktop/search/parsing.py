"""Turning each provider's answer into SearchResults, and recognising answers that are not results.

Pure functions over bytes: no network, so every odd page a provider can send is a unit test.
An answer that is a valid results page with nothing on it gives [] ("nothing found"); anything
else that is not results raises SearchError with a sentence saying what to do.

What each service sends, and so how its text is read:
  DuckDuckGo  an HTML page; titles and snippets are markup with <b> around matched words, read
              the way a browser shows them (results.html_text).
  SearXNG     JSON whose title and content are text (its own page escapes them), so a "<" in a
              title is a "<" (results.plain_text).
  Brave       JSON whose title and description are escaped text with <strong> around matches
              (results.highlighted_text).
Every result keeps at most MAX_RESULTS_PER_SEARCH of what an answer holds; the rest is never
turned into objects.
"""

from __future__ import annotations

import json
import re
import warnings
from typing import Any

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning

from .results import (
    MAX_RESULTS_PER_SEARCH,
    NOT_TEXT,
    SearchError,
    SearchResult,
    highlighted_text,
    html_text,
    make_result,
    plain_text,
)

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


def human_check(label: str, status: int | None = None) -> SearchError:
    """The service wants to see a person, so the rest of a run would be refused the same way."""
    return SearchError(
        "blocked", f"{label} asked for a human check: open the remaining searches in your browser instead.",
        status=status,
    )


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
        raise human_check(label)

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
        snippet = block.select_one(".result__snippet")
        # make_result removes the /l/?uddg= wrapper, judging the address it hides.
        result = make_result(
            str(link.get("href") or ""),
            html_text(link),
            html_text(snippet) if snippet is not None else "",
            "duckduckgo",
        )
        if result is not None:
            results.append(result)
            if len(results) >= MAX_RESULTS_PER_SEARCH:
                break
    if links_seen:
        return results  # possibly [] when every link was unsafe: that is still a valid page

    for tag in soup(list(NOT_TEXT)):
        tag.decompose()
    if _CHALLENGE_WORDS.search(soup.get_text(" ")):
        raise human_check(label)
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
    except RecursionError as exc:
        # Results are nested four deep; thousands of brackets inside each other are an attack
        # or a fault, and must not become a traceback.
        raise SearchError(
            "unparseable", f"{label} sent an answer nested far too deeply to be search results: check its address in Settings."
        ) from exc
    except (ValueError, UnicodeDecodeError) as exc:
        # A JSON API answering with an HTML page is often a human-check or a login page.
        head = body[:200_000].decode("utf-8", "replace")
        if head.lstrip().startswith("<") and _CHALLENGE_WORDS.search(head):
            raise human_check(label) from exc
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
        # Engines behind SearXNG hand it DuckDuckGo's wrapped links at times: make_result unwraps.
        result = make_result(item.get("url"), plain_text(item.get("title")), plain_text(item.get("content")), "searxng")
        if result is not None:
            results.append(result)
            if len(results) >= MAX_RESULTS_PER_SEARCH:
                break
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
        result = make_result(
            item.get("url"), highlighted_text(item.get("title")), highlighted_text(item.get("description")), "brave"
        )
        if result is not None:
            results.append(result)
            if len(results) >= MAX_RESULTS_PER_SEARCH:
                break
    return results
