"""Browser mode: search addresses for the person's own browser (the app sends nothing)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from socialsafe_desktop.core.queries import PlannedSearch
from socialsafe_desktop.search import ENGINES, browser_search_url, browser_url_for, engine_has_images

QUERY = '"Sam Doe" "Northfield & Co" site:facebook.com #1 100%'


def parts(url):
    split = urlsplit(url)
    return split.scheme, split.netloc, split.path, {k: v[0] for k, v in parse_qs(split.query).items()}


@pytest.mark.parametrize("engine, netloc, path, param", [
    ("google", "www.google.com", "/search", "q"),
    ("bing", "www.bing.com", "/search", "q"),
    ("duckduckgo", "duckduckgo.com", "/", "q"),
    ("startpage", "www.startpage.com", "/sp/search", "query"),
])
def test_web_search_urls_are_https_and_encode_the_query(engine, netloc, path, param):
    url = browser_search_url(engine, QUERY)
    scheme, got_netloc, got_path, params = parts(url)
    assert (scheme, got_netloc, got_path) == ("https", netloc, path)
    assert params == {param: QUERY}  # quotes, &, # and % survive the round trip
    assert " " not in url and '"' not in url and "#" not in url


@pytest.mark.parametrize("engine, path, extra", [
    ("google", "/search", {"tbm": "isch"}),
    ("bing", "/images/search", {}),
    ("duckduckgo", "/", {"iax": "images", "ia": "images"}),
    ("startpage", "/sp/search", {"cat": "images"}),
])
def test_image_search_urls(engine, path, extra):
    assert engine_has_images(engine)
    _, _, got_path, params = parts(browser_search_url(engine, '"Sam Doe"', images=True))
    assert got_path == path
    params.pop("q", None) or params.pop("query")
    assert params == extra


def test_engine_without_images_falls_back_to_web(monkeypatch):
    from dataclasses import replace

    monkeypatch.setitem(ENGINES, "startpage", replace(ENGINES["startpage"], images=None, image_params=()))
    assert engine_has_images("startpage") is False
    assert browser_search_url("startpage", "x", images=True) == browser_search_url("startpage", "x")


def test_planned_image_search_opens_the_image_tab():
    image = PlannedSearch("image:sam-doe", "image", '"Sam Doe"', browser_only=True)
    name = PlannedSearch("name:sam-doe", "name", '"Sam Doe"')
    assert "tbm=isch" in browser_url_for(image, "google")
    assert "tbm" not in browser_url_for(name, "google")


def test_engine_names_are_case_insensitive_and_unknown_ones_refused():
    assert browser_search_url("Google", "x") == browser_search_url("google", "x")
    with pytest.raises(ValueError, match="unknown search engine"):
        browser_search_url("altavista", "x")
