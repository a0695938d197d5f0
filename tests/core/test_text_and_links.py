"""The one home of two rules every part of the app relies on: which characters may be shown,
and which links may be opened."""

import pytest

from socialsafe_desktop.core.contrast import contrast_ratio, darken_until_readable
from socialsafe_desktop.core.links import is_loopback_host, is_openable_url, is_private_transport
from socialsafe_desktop.core.text import has_unsafe_chars, one_line, strip_unsafe


@pytest.mark.parametrize("text", ["a\x00b", "a\x1bb", "a\x7fb", "a\x85b", "a\u202eb", "a\u2066b",
                                  "a\u200fb", "a\u2028b", "a\ufeffb", "a\ud800b"])
def test_unsafe_characters_are_found_and_removed(text):
    assert has_unsafe_chars(text)
    assert strip_unsafe(text) == "ab"


def test_tab_and_newline_are_allowed_unless_one_line_is_asked_for():
    assert not has_unsafe_chars("a\tb\nc")
    assert has_unsafe_chars("a\nb", allow_newlines=False)
    assert strip_unsafe("a\tb\nc") == "a\tb\nc"


def test_zero_width_space_is_kept_for_display_but_dropped_from_one_line_text():
    assert strip_unsafe("jo\u200bsample") == "jo\u200bsample"
    assert one_line("jo\u200bsample") == "josample"


def test_one_line_turns_controls_into_spaces_and_drops_bidi_marks():
    assert one_line("  Sam\n\tDoe\x07teacher \u202eevil\u202c ") == "Sam Doe teacher evil"


def test_one_line_keeps_words_apart_that_a_line_or_paragraph_separator_divided():
    assert one_line("Sam\u2028Doe\u2029teacher\x85end") == "Sam Doe teacher end"


def test_replacement_character_can_be_chosen():
    assert strip_unsafe("a\u202eb", "\ufffd") == "a\ufffdb"
    assert strip_unsafe(None) == ""
    assert strip_unsafe(12) == "12"


@pytest.mark.parametrize("url", [
    "https://example.org/", "http://example.org/path?q=1", "https://xn--bcher-kva.example/",
    "https://example.org:8443/x", "HTTPS://EXAMPLE.ORG/",
])
def test_plain_web_addresses_can_be_opened(url):
    assert is_openable_url(url)


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd", "ftp://example.org/",
    "https://bank.example@evil.example/", "https://user:pw@example.org/", "https://example.org:99999/",
    "https://example.org:port/", "https://exa mple.org/", "https://example.org/\nx", "//example.org/",
    "https:///path-only", "", None, 42, "https://example.org/" + "a" * 5000, "https://example.org/\x85",
])
def test_anything_else_is_refused(url):
    assert not is_openable_url(url)


@pytest.mark.parametrize("url,private", [
    ("https://search.example.org/", True), ("http://127.0.0.1:8888/", True), ("http://localhost/", True),
    ("http://[::1]:9000/", True), ("http://search.example.org/", False), ("http://10.0.0.5/", False),
    ("javascript:alert(1)", False),
])
def test_private_text_travels_only_over_https_or_to_this_machine(url, private):
    assert is_private_transport(url) is private


def test_loopback_hosts():
    assert is_loopback_host("127.0.0.2") and is_loopback_host("::1") and is_loopback_host("[::1]")
    assert not is_loopback_host("example.org") and not is_loopback_host("")


def test_contrast_matches_wcag_reference_values():
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast_ratio("#767676", "#ffffff"), 2) == 4.54
    assert contrast_ratio("#fff", "#ffffff") == 1.0


def test_a_light_colour_is_darkened_until_white_text_reads_on_it():
    darker = darken_until_readable("#f0b400")
    assert darker != "#f0b400"
    assert contrast_ratio(darker, "#ffffff") >= 4.5
    assert darken_until_readable("#003366") == "#003366"
