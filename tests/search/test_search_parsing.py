"""Parsing answers shaped like the engines' own: highlighted words inside handles, addresses and
hyphenated words, titles that contain "<", redirect-wrapped links, and answers too big or too
deep to be results. Pure functions over bytes: no network."""

from __future__ import annotations

import json

import pytest
from search_helpers import fixture_bytes

from socialsafe_desktop.search.parsing import MAX_TAGS, _first_tags, parse_brave, parse_duckduckgo, parse_searxng
from socialsafe_desktop.search.results import MAX_RESULTS_PER_SEARCH, SearchError


def by_url(results):
    return {r.url: r for r in results}


# -- DuckDuckGo, two years' shapes --------------------------------------------------------------


def test_duckduckgo_2020_page_keeps_highlighted_words_whole():
    results = parse_duckduckgo(fixture_bytes("ddg_2020_highlighted.html"))

    assert [r.url for r in results] == [  # every /l/?uddg= wrapper removed
        "https://www.instagram.com/jo_sample/",
        "https://www.exampleton-rotary.example.org/contact/",
        "https://blog.example.net/2019/built-in-wardrobes",
    ]
    instagram, rotary, blog = results
    assert instagram.title == "Jo Sample (@jo_sample) • Instagram photos and videos"
    assert instagram.snippet.endswith("from Jo Sample (@jo_sample)")
    assert rotary.snippet == ("Secretary: Jo Sample, jo.sample@example.com. "
                              "Meetings are on the first Tuesday of the month.")
    assert blog.title == "How we fitted built-in wardrobes - Jo's house blog"
    # <br> still separates; highlighting inside "self-build", "Sample-Jones", "well-known" does not
    assert blog.snippet == "A self-build diary by Jo Sample-Jones. Part two: the well-known problems."


def test_duckduckgo_2024_page_with_direct_links_and_an_advert():
    results = parse_duckduckgo(fixture_bytes("ddg_2024_highlighted.html"))

    assert [r.url for r in results] == [  # the advert (y.js) is not a result
        "https://www.linkedin.com/in/jo-sample-exampleton",
        "https://bsky.app/profile/josample.example.social",
    ]
    linkedin, bluesky = results
    assert linkedin.title == "Jo Sample - Teacher - Northfield Academy | LinkedIn"
    assert linkedin.snippet == ("Experienced teacher with a demonstrated history. Contact: "
                                "jo.sample@northfield-academy.example.org · Jo's co-ordinator role covers Year 9.")
    assert bluesky.title == "Jo Sample (@josample.example.social) — Bluesky"
    assert bluesky.snippet == "Jo Sample's posts: e-mail me at jo[at]example[dot]com"  # the comment is not text


def test_block_boundaries_still_separate_words():
    page = (b'<div id="links" class="results"><div class="result web-result"><h2 class="result__title">'
            b'<a class="result__a" href="https://a.example.org/">One<br>Two<div>Three</div>Four</a></h2>'
            b'<a class="result__snippet" href="#"><p>First</p><p>second</p>third<img src="x">fourth</a></div></div>')
    [result] = parse_duckduckgo(page)
    assert result.title == "One Two Three Four"
    assert result.snippet == "First second third fourth"


@pytest.mark.parametrize("furniture", [
    b'<form id="challenge-form" action="/x"></form>',
    b'<div class="modal anomaly-modal"></div>',
    b'<div class="anomaly-modal__mask"></div>',
    b'<form action="//duckduckgo.com/anomaly.js?x=1"></form>',
    b'<div class="g-recaptcha"></div>',
    b'<div class="h-captcha"></div>',
    b'<span data-sitekey="abc"></span>',
    b'<p id="cf-challenge-running"></p>',
    b'<form action="https://consent.example/"></form>',
])
def test_each_mark_of_a_human_check_page_is_recognised(furniture):
    page = b'<html><body><div id="links" class="results"></div>' + furniture + b"</body></html>"
    with pytest.raises(SearchError) as caught:
        parse_duckduckgo(page)
    assert caught.value.kind == "blocked"


@pytest.mark.parametrize("look_alike", [
    b'<div id="challenge-form"></div>',          # only a form of that name is the challenge
    b'<div action="/anomaly"></div>',            # only a form posts anywhere
    b'<div class="anomaly-modal-ish"></div>',    # classes are matched whole
    b'<div class="no-captcha here"></div>',
])
def test_look_alikes_of_a_human_check_leave_an_empty_results_page_empty(look_alike):
    page = b'<html><body><div id="links" class="results"></div>' + look_alike + b"</body></html>"
    assert parse_duckduckgo(page) == []


@pytest.mark.parametrize("empty_list", [
    b'<div id="links"></div>', b'<div class="results"></div>', b'<div class="x serp__results"></div>',
    b'<div class="no-results">No results.</div>',
])
def test_every_shape_of_an_empty_results_page_is_an_empty_list(empty_list):
    assert parse_duckduckgo(b"<html><body>" + empty_list + b"</body></html>") == []


def test_a_page_with_no_results_list_at_all_cannot_be_read():
    with pytest.raises(SearchError) as caught:
        parse_duckduckgo(b'<html><body><div class="results-wrapper">Hello</div></body></html>')
    assert caught.value.kind == "unparseable"


def test_a_page_nested_thousands_deep_is_read_without_a_recursion_error():
    deep = b"<span>" * 9_000 + b"Jo" + b"</span>" * 9_000  # Python's own limit is 1,000
    page = (b'<div id="links" class="results"><div class="result web-result"><h2 class="result__title">'
            b'<a class="result__a" href="https://a.example.org/">' + deep + b'</a></h2></div></div>')
    [result] = parse_duckduckgo(page)
    assert result.title == "Jo"


def test_duckduckgo_results_per_search_are_capped():
    block = ('<div class="result web-result"><h2 class="result__title"><a class="result__a" '
             'href="https://site{n}.example.org/">Result {n}</a></h2></div>')
    page = ('<div id="links" class="results">' + "".join(block.format(n=n) for n in range(300)) + "</div>").encode()
    results = parse_duckduckgo(page)
    assert len(results) == MAX_RESULTS_PER_SEARCH
    assert results[-1].url == f"https://site{MAX_RESULTS_PER_SEARCH - 1}.example.org/"


# -- SearXNG: text, not markup ------------------------------------------------------------------


def test_searxng_titles_are_text_and_duckduckgo_wrappers_are_removed():
    results = parse_searxng(fixture_bytes("searxng_highlighted.json"))

    assert [r.url for r in results] == [
        "https://www.linkedin.com/in/jo-sample-exampleton",  # https://duckduckgo.com/l/?uddg=...
        "https://blog.example.net/layout",                   # //duckduckgo.com/l/?uddg=...
        "https://www.exampleton-rotary.example.org/contact/",
    ]
    linkedin, blog, rotary = results
    assert linkedin.snippet == "Contact: jo.sample@northfield-academy.example.org · Jo's co-ordinator role covers Year 9."
    assert blog.title == "Why I still use <table> for layout (and <div> for nothing) - Jo Sample"
    assert blog.snippet == "Built-in tables beat flexbox when x < y && y > z, says Jo Sample (@jo_sample)."
    assert rotary.title == "Contact us & our secretary - Exampleton Rotary"  # a stray reference is decoded once


def test_searxng_redirect_to_an_unsafe_target_is_dropped_not_kept_as_a_wrapper():
    body = json.dumps({"results": [
        {"url": "https://duckduckgo.com/l/?uddg=javascript%3Aalert(1)", "title": "wrapped script"},
        {"url": "https://www.google.com/url?q=https%3A%2F%2Fok.example.org%2F&sa=U", "title": "google wrapped"},
    ]}).encode()
    assert [r.url for r in parse_searxng(body)] == ["https://ok.example.org/"]


def test_a_40000_result_searxng_answer_gives_the_first_50():
    items = [{"url": f"https://s{n}.example/", "title": f"r{n}"} for n in range(40_000)]
    body = json.dumps({"results": items}, separators=(",", ":")).encode()
    assert len(body) < 2 * 1024 * 1024  # under the size cap, so only the result cap stops it
    results = parse_searxng(body)
    assert len(results) == MAX_RESULTS_PER_SEARCH
    assert results[0].title == "r0" and results[-1].title == f"r{MAX_RESULTS_PER_SEARCH - 1}"


@pytest.mark.parametrize("parse, label", [(parse_searxng, "SearXNG"), (parse_brave, "Brave Search")])
def test_json_nested_far_too_deep_is_one_clear_error(parse, label):
    body = b'{"results": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with pytest.raises(SearchError) as caught:
        parse(body)
    assert caught.value.kind == "unparseable"
    assert caught.value.message == (f"{label} sent an answer nested far too deeply to be search results: "
                                    "check its address in Settings.")


# -- Brave: escaped text with <strong> highlighting ---------------------------------------------


def test_brave_highlighting_is_removed_and_references_decoded_once():
    results = parse_brave(fixture_bytes("brave_highlighted.json"))

    rotary, blog = results
    assert rotary.snippet == "Secretary: Jo Sample, jo.sample@example.com. Meetings on the first Tuesday & third Thursday."
    assert blog.title == "Why I still use <table> for layout - Jo Sample"
    assert blog.snippet == "Jo's built-in tables: when x < y, write to jo.sample@example.com."


def test_what_lies_beyond_the_kept_results_is_never_decoded():
    # 50 good results, then a tail that would make json.loads fail: the tail is never read.
    items = [{"url": f"https://s{n}.example/", "title": f"r{n}"} for n in range(MAX_RESULTS_PER_SEARCH)]
    body = json.dumps({"results": items})[:-2].encode() + b", {broken" + b"[" * 50_000
    assert len(parse_searxng(body)) == MAX_RESULTS_PER_SEARCH
    with pytest.raises(SearchError):  # fewer results, so the reader gets to the tail
        parse_searxng(json.dumps({"results": items[:3]})[:-2].encode() + b", {broken")


def test_brave_answers_of_every_shape_still_parse():
    assert parse_brave(b'{"type": "search"}') == []  # nothing found: no "web" at all
    assert parse_brave(b'{"web": {"type": "search"}, "type": "search"}') == []
    with pytest.raises(SearchError) as caught:
        parse_brave(b'{"type": "ErrorResponse", "error": {"code": "SUBSCRIPTION_TOKEN_INVALID"}}')
    assert caught.value.kind == "http"
    with pytest.raises(SearchError) as caught:
        parse_brave(b'{"web": {"results": {"not": "a list"}}}')
    assert caught.value.kind == "unparseable"


def test_a_page_of_a_million_tags_is_read_only_as_far_as_a_results_page_goes():
    # 2 MB of empty tags after the results: without a limit, building the tree alone would
    # take a worker many seconds. The results at the top are still found.
    block = ('<div class="result web-result"><h2 class="result__title"><a class="result__a" '
             'href="https://site{n}.example.org/">Result {n}</a></h2></div>')
    page = ('<div id="links" class="results">' + "".join(block.format(n=n) for n in range(10))).encode()
    page += b"<i></i>" * 300_000
    assert len(parse_duckduckgo(page)) == 10
    assert _first_tags(page).count(b"<") == MAX_TAGS - 1
    assert _first_tags(b"<p>short</p>") == b"<p>short</p>"
