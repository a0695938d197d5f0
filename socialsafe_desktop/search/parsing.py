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
At most MAX_RESULTS_PER_SEARCH results are kept from an answer; of a JSON answer, what lies
beyond them is never even decoded (_JsonReader).
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from typing import Any

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning

from ..core.i18n import _
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

# Page furniture that only a human-check / consent page has. Matched by hand, not with CSS
# selectors: soupsieve compiles its selector grammar on first use, a quarter of a second of a
# worker holding the interpreter just as the first answers of a run come in.
_CHALLENGE_CLASSES = frozenset({"anomaly-modal", "anomaly-modal__mask", "g-recaptcha", "h-captcha"})
_CHALLENGE_FORM_ACTIONS = ("anomaly", "consent")
# Wording of such pages; only trusted when the page has no results (a result may be about CAPTCHAs).
_CHALLENGE_WORDS = re.compile(
    r"captcha|unusual traffic|are you a (?:human|robot)|made by a human|bots use duckduckgo"
    r"|verify you are human|before you continue",
    re.IGNORECASE,
)


def human_check(label: str, status: int | None = None) -> SearchError:
    """The service wants to see a person, so the rest of a run would be refused the same way."""
    return SearchError(
        "blocked", _("{label} asked for a human check: open the remaining searches in your browser instead.").format(
            label=label),
        status=status,
    )


# A results page has a few thousand tags (DuckDuckGo's: about 1,500 for 30 results). Building a
# tree costs some 30 microseconds a tag, so 2 MB of tags would keep a worker busy for ten
# seconds; only the page up to this many tags is read (results past it are past the cap anyway).
MAX_TAGS = 20_000
_TAG_START = re.compile(rb"<")


def _first_tags(body: bytes, limit: int = MAX_TAGS) -> bytes:
    """body cut just before its limit-th "<" (all of it when it has fewer)."""
    for count, match in enumerate(_TAG_START.finditer(body), 1):
        if count >= limit:
            return body[: match.start()]
    return body


def _soup(body: bytes, charset: str | None) -> BeautifulSoup:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        # Bytes in, so BeautifulSoup detects the encoding when the server did not name one.
        return BeautifulSoup(body, "html.parser", from_encoding=charset)


def _classes(tag) -> list[str]:
    return tag.get("class") or []


def _is_challenge(tag) -> bool:
    """form#challenge-form, .anomaly-modal, .anomaly-modal__mask, form[action*=anomaly],
    .g-recaptcha, .h-captcha, [data-sitekey], #cf-challenge-running, form[action*=consent]."""
    if tag.get("id") == "cf-challenge-running" or tag.has_attr("data-sitekey"):
        return True
    if not _CHALLENGE_CLASSES.isdisjoint(_classes(tag)):
        return True
    if tag.name != "form":
        return False
    action = str(tag.get("action") or "")
    return tag.get("id") == "challenge-form" or any(word in action for word in _CHALLENGE_FORM_ACTIONS)


def _is_results_list(tag) -> bool:
    """#links, .results, .serp__results: the list a results page has even when it is empty."""
    return tag.get("id") == "links" or not {"results", "serp__results"}.isdisjoint(_classes(tag))


def parse_duckduckgo(body: bytes, charset: str | None = None) -> list[SearchResult]:
    """Results from DuckDuckGo's HTML page (html.duckduckgo.com/html/)."""
    label = "DuckDuckGo"
    if not body.strip():
        raise SearchError("unparseable", _("{label} sent an empty page: try again later, or open this search in "
                                            "your browser.").format(label=label))
    soup = _soup(_first_tags(body), charset)
    if soup.find(_is_challenge):
        raise human_check(label)

    results: list[SearchResult] = []
    links_seen = 0
    blocks = soup.find_all(class_="result")
    for block in blocks:
        classes = _classes(block)
        if "result--ad" in classes or "result--no-result" in classes:
            continue  # adverts are not about the person; the no-result block is a message
        link = block.find("a", class_="result__a")
        if link is None:
            continue
        links_seen += 1
        snippet = block.find(class_="result__snippet")
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
    if soup.find(class_="no-results") or (soup.find(_is_results_list) and not blocks):
        return []  # a real results page that found nothing
    raise SearchError(
        "unparseable",
        _("{label} sent a page we could not read: try again later, or open this search in your browser.").format(
            label=label),
    )


def _not_results(label: str) -> SearchError:
    return SearchError("unparseable", _("{label} sent something that is not search results: check its address in "
                                         "Settings.").format(label=label))


def _too_deep(label: str) -> SearchError:
    # Results are nested four deep; thousands of brackets inside each other are an attack or a
    # fault, and must not become a traceback.
    return SearchError(
        "unparseable", _("{label} sent an answer nested far too deeply to be search results: check its address in "
                          "Settings.").format(label=label)
    )


_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class _JsonReader:
    """Reads a JSON answer a member and an element at a time, so that a results list of 40,000
    entries costs only the entries that are kept: the rest are never decoded. Each step is one
    short call into the json module, so a worker never holds the interpreter for long and the
    window keeps painting. What is read is checked as strictly as json.loads would check it;
    what is never read is not checked at all."""

    def __init__(self, text: str, label: str) -> None:
        self.text = text
        self.label = label
        self.pos = _SPACE.match(text, 0).end()

    def _skip_space(self) -> None:
        self.pos = _SPACE.match(self.text, self.pos).end()

    def peek(self, char: str) -> bool:
        return self.text.startswith(char, self.pos)

    def _expect(self, char: str) -> None:
        if not self.peek(char):
            raise _not_results(self.label)
        self.pos += 1
        self._skip_space()

    def value(self) -> Any:
        """The next value, whole."""
        try:
            value, end = _DECODER.raw_decode(self.text, self.pos)
        except RecursionError as exc:
            raise _too_deep(self.label) from exc
        except ValueError as exc:
            raise _not_results(self.label) from exc
        self.pos = end
        self._skip_space()
        return value

    def keys(self) -> Iterator[str]:
        """The keys of the object that starts here; read (or skip) each key's value before the next."""
        self._expect("{")
        if self.peek("}"):
            self._expect("}")
            return
        while True:
            key = self.value()
            if not isinstance(key, str):
                raise _not_results(self.label)
            self._expect(":")
            yield key
            if self.peek(","):
                self._expect(",")
                continue
            self._expect("}")
            return

    def elements(self) -> Iterator[Any]:
        """The elements of the array that starts here, one at a time."""
        self._expect("[")
        if self.peek("]"):
            self._expect("]")
            return
        while True:
            yield self.value()
            if self.peek(","):
                self._expect(",")
                continue
            self._expect("]")
            return


def _json_reader(body: bytes, label: str) -> _JsonReader:
    if not body.strip():
        raise SearchError("unparseable", _("{label} sent an empty answer: try again later, or open this search in "
                                            "your browser.").format(label=label))
    try:
        text = body.decode(json.detect_encoding(body), "surrogatepass")
    except (UnicodeDecodeError, LookupError) as exc:
        raise _not_results(label) from exc
    head = text[:200_000].lstrip()
    if head.startswith("<"):
        # A JSON API answering with an HTML page is often a human-check or a login page.
        if _CHALLENGE_WORDS.search(head):
            raise human_check(label)
        raise _not_results(label)
    reader = _JsonReader(text, label)
    if not reader.peek("{"):
        raise _not_results(label)
    return reader


def parse_searxng(body: bytes, charset: str | None = None) -> list[SearchResult]:
    """Results from a SearXNG instance's JSON API (/search?format=json)."""
    label = "SearXNG"
    reader = _json_reader(body, label)
    results: list[SearchResult] = []
    seen_results = False
    items = 0
    unresponsive: Any = None
    for key in reader.keys():
        if key == "results" and not seen_results:
            seen_results = True
            if not reader.peek("["):
                raise _not_results(label)
            for item in reader.elements():
                items += 1
                if not isinstance(item, dict):
                    continue
                # Engines behind SearXNG hand it DuckDuckGo's wrapped links at times: make_result unwraps.
                result = make_result(item.get("url"), plain_text(item.get("title")), plain_text(item.get("content")),
                                     "searxng")
                if result is not None:
                    results.append(result)
                    if len(results) >= MAX_RESULTS_PER_SEARCH:
                        return results  # the rest is never read
        elif key == "unresponsive_engines":
            unresponsive = reader.value()
        else:
            reader.value()
    if not seen_results:
        raise _not_results(label)
    if not items and unresponsive:
        # Nothing found because its engines failed (often a CAPTCHA upstream), not because
        # there is nothing: saying "nothing found" would be wrong.
        raise SearchError(
            "upstream",
            _("The SearXNG server could not get answers from its search engines: try again later, or open this "
               "search in your browser."),
        )
    return results


def parse_brave(body: bytes, charset: str | None = None) -> list[SearchResult]:
    """Results from the Brave Search API (web search)."""
    label = "Brave Search"
    reader = _json_reader(body, label)
    results: list[SearchResult] = []
    answer_type: Any = None
    error: Any = None
    seen_web = False
    for key in reader.keys():
        if key == "web" and not seen_web:
            seen_web = True
            if not reader.peek("{"):
                raise _not_results(label)
            for web_key in reader.keys():
                if web_key != "results":
                    reader.value()
                    continue
                if not reader.peek("["):
                    raise _not_results(label)
                for item in reader.elements():
                    if not isinstance(item, dict):
                        continue
                    result = make_result(item.get("url"), highlighted_text(item.get("title")),
                                         highlighted_text(item.get("description")), "brave")
                    if result is not None:
                        results.append(result)
                        if len(results) >= MAX_RESULTS_PER_SEARCH:
                            return results  # the rest is never read
        elif key == "type":
            answer_type = reader.value()
        elif key == "error":
            error = reader.value()
        else:
            reader.value()
    if answer_type == "ErrorResponse" or isinstance(error, dict):
        raise SearchError("http", _("{label} could not run the search: check the API key and your plan in "
                                     "Settings.").format(label=label))
    if not seen_web and answer_type != "search":
        raise _not_results(label)
    return results  # no "web" in a search answer: the API leaves it out when nothing was found
