"""Safe links, normalising for de-duplication, merging, and platform recognition."""

from __future__ import annotations

import base64
from urllib.parse import urlsplit

import pytest

from socialsafe_desktop.search import SearchResult, is_safe_link, merge_results, normalise_url, platform_for_host
from socialsafe_desktop.search.results import clean_text, make_result

DOMAINS = {
    "facebook": ["facebook.com", "fb.com"],
    "instagram": ["instagram.com"],
    "x": ["x.com", "twitter.com"],
}


@pytest.mark.parametrize("url, safe", [
    ("https://example.org/a", True),
    ("http://example.org", True),
    ("HTTPS://Example.org/", True),
    ("javascript:alert(1)", False),
    ("JavaScript:alert(1)", False),
    ("java\nscript:alert(1)", False),
    (" https://example.org/", False),  # callers strip; anything with whitespace inside is refused
    ("data:text/html,<script>alert(1)</script>", False),
    ("file:///etc/passwd", False),
    ("ftp://example.org/", False),
    ("//example.org/a", False),
    ("https://", False),
    ("https:///path-only", False),
    ("https://user:pw@example.org/", False),
    ("https://example.org:99999/", False),
    ("", False),
])
def test_is_safe_link(url, safe):
    assert is_safe_link(url) is safe


@pytest.mark.parametrize("raw, expected", [
    ("https://WWW.Example.ORG/Path/?b=2&a=1#section", "https://example.org/Path?a=1&b=2"),
    ("HTTP://example.org:80/", "http://example.org"),
    ("https://example.org:443/a/", "https://example.org/a"),
    ("https://example.org:8443/a", "https://example.org:8443/a"),
    ("https://example.org/p?utm_source=x&utm_medium=y&fbclid=1&gclid=2&igshid=3&ref=4&ref_src=5&si=6"
     "&mc_cid=7&mc_eid=8&_hsenc=9&id=42", "https://example.org/p?id=42"),
    ("https://example.org/p?UTM_Campaign=x", "https://example.org/p"),
    # redirect wrappers
    ("//duckduckgo.com/l/?uddg=https%3A%2F%2Fwww.example.org%2Fa%2F&rut=abc", "https://example.org/a"),
    ("https://www.google.com/url?q=https://example.org/a&sa=U&ved=xyz", "https://example.org/a"),
    ("https://www.google.co.uk/url?url=https%3A%2F%2Fexample.org%2Fb", "https://example.org/b"),
    ("https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.org%2Fc%3Ffbclid%3Dx&h=AT0", "https://example.org/c"),
    ("https://l.instagram.com/?u=https%3A%2F%2Fexample.org%2Fd&e=1", "https://example.org/d"),
    # a wrapper inside a wrapper
    ("https://www.google.com/url?q=https%3A%2F%2Fl.facebook.com%2Fl.php%3Fu%3Dhttps%253A%252F%252Fexample.org%252Fe",
     "https://example.org/e"),
])
def test_normalise_url(raw, expected):
    assert normalise_url(raw) == expected


def test_normalise_unwraps_bing_base64_links():
    target = "https://example.org/profile/sam?utm_source=bing"
    encoded = base64.urlsafe_b64encode(target.encode()).decode().rstrip("=")
    assert normalise_url(f"https://www.bing.com/ck/a?!&&p=abc&u=a1{encoded}&ntb=1") == "https://example.org/profile/sam"


@pytest.mark.parametrize("url", [
    "https://duckduckgo.com/l/?uddg=javascript%3Aalert(1)",  # unsafe target: not unwrapped
    "https://google.evil.example/url?q=https://example.org/",  # not Google
    "https://evilfacebook.com/l.php?u=https://example.org/",  # not Facebook
    "https://www.bing.com/ck/a?u=a1!!!notbase64",
])
def test_lookalike_or_unsafe_wrappers_are_left_alone(url):
    # Still the wrapper's own host: nothing was unwrapped.
    expected_host = urlsplit(url).hostname.removeprefix("www.")
    assert urlsplit(normalise_url(url)).hostname == expected_host


def test_normalise_keeps_unsafe_input_unchanged_rather_than_prettifying_it():
    assert normalise_url("javascript:alert(1)") == "javascript:alert(1)"


@pytest.mark.parametrize("host, platform", [
    ("facebook.com", "facebook"),
    ("m.facebook.com", "facebook"),
    ("www.fb.com", "facebook"),
    ("notfacebook.com", None),
    ("facebook.com.evil.example", None),
    ("twitter.com", "x"),
    ("example.org", None),
])
def test_platform_for_host(host, platform):
    assert platform_for_host(host, DOMAINS) == platform


def test_longest_matching_domain_wins():
    assert platform_for_host("business.facebook.com", {"facebook": ["facebook.com"], "meta_business": ["business.facebook.com"]}) == "meta_business"


def r(url, title="t", snippet="", provider="duckduckgo"):
    return SearchResult(url, title, snippet, provider)


def test_merge_results_deduplicates_and_records_who_found_what():
    merged = merge_results(
        [
            ("name:sam-doe", [
                r("https://www.facebook.com/sam.doe.example?fbclid=1", "Sam Doe | Facebook"),
                r("https://northfield-academy.example.org/staff/", "Staff", ""),
                r("javascript:alert(1)", "bad"),
            ]),
            ("name_employer:sam-doe-northfield", [
                r("https://northfield-academy.example.org/staff", "Staff again", "Ms Sam Doe, geography"),
                r("//duckduckgo.com/l/?uddg=https%3A%2F%2Fm.facebook.com%2Fsam.doe.example", "Sam Doe"),
            ]),
            ("handle:samdoe", [r("https://x.com/samdoe_example/", "Sam on X")]),
            ("name:sam-doe", [r("https://facebook.com/sam.doe.example#about", "dup from same search")]),
        ],
        DOMAINS,
    )
    by_key = {m.normalised: m for m in merged}
    assert list(by_key) == [
        "https://facebook.com/sam.doe.example",
        "https://northfield-academy.example.org/staff",
        "https://m.facebook.com/sam.doe.example",  # the mobile site is a different address
        "https://x.com/samdoe_example",
    ]
    fb = by_key["https://facebook.com/sam.doe.example"]
    assert fb.found_by == ["name:sam-doe"] and fb.platform == "facebook" and fb.title == "Sam Doe | Facebook"
    assert fb.url == "https://www.facebook.com/sam.doe.example?fbclid=1"  # the original is kept for opening
    school = by_key["https://northfield-academy.example.org/staff"]
    assert school.found_by == ["name:sam-doe", "name_employer:sam-doe-northfield"]
    assert school.title == "Staff" and school.snippet == "Ms Sam Doe, geography"  # empty snippet filled in
    assert school.platform is None
    assert by_key["https://m.facebook.com/sam.doe.example"].url == "https://m.facebook.com/sam.doe.example"
    assert by_key["https://x.com/samdoe_example"].platform == "x"


def test_merge_without_domains_recognises_no_platform():
    [m] = merge_results([("s", [r("https://facebook.com/x")])])
    assert m.platform is None


def test_clean_text_and_make_result():
    assert clean_text("  a\tb\n\nc\x00d\x1b[0m \u202eevil\u200b ", 100) == "a b c d [0m evil"
    assert clean_text(None, 10) == ""
    assert clean_text("x" * 20, 10) == "x" * 9 + "…"
    assert make_result("https://example.org/" + "a" * 2000, "t", "s", "p") is None  # never cut a URL
    assert make_result("https://example.org/", "", "", "p").title == "https://example.org/"  # no title: show the address
    assert make_result(None, "t", "s", "p") is None
