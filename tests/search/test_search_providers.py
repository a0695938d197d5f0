"""Each provider against a local server serving pages shaped like its real answers, good and broken."""

from __future__ import annotations

import json
import time

import pytest
from search_helpers import FAST, PATHS, TEST_KEY, fixture_bytes
from werkzeug import Response

from socialsafe_desktop.search import SearchError, SearchSettings, make_provider, run_single_search, user_agent

PROVIDERS = ["duckduckgo", "searxng", "brave"]
GOOD = {"duckduckgo": "ddg_results.html", "searxng": "searxng_results.json", "brave": "brave_results.json"}
EMPTY = {"duckduckgo": "ddg_no_results.html", "searxng": "searxng_empty.json", "brave": "brave_empty.json"}
CONTENT_TYPE = {"duckduckgo": "text/html; charset=UTF-8", "searxng": "application/json", "brave": "application/json"}


def keys(name: str) -> str | None:
    return TEST_KEY if name == "brave" else None


def search(provider: str, query: str = '"Sam Doe"', settings: SearchSettings = FAST):
    return run_single_search(query, provider, key_provider=keys, timeout=settings.timeout, settings=settings)


def serve(server, provider: str, body: bytes, status: int = 200, headers=None, content_type=None):
    server.expect_request(PATHS[provider]).respond_with_data(
        body, status=status, headers=headers, content_type=content_type or CONTENT_TYPE[provider]
    )


def assert_one_sentence(error: SearchError) -> None:
    assert error.message.endswith(".") and "\n" not in error.message
    assert TEST_KEY not in error.message and "Traceback" not in error.message


# -- good pages ---------------------------------------------------------------------------------


def test_duckduckgo_results_page_is_parsed(providers_on_server):
    server = providers_on_server
    serve(server, "duckduckgo", fixture_bytes("ddg_results.html"))

    results = search("duckduckgo")

    # the advert is skipped; redirect wrappers are unwrapped to the real page
    assert [r.url for r in results] == [
        "https://www.facebook.com/sam.doe.example?utm_source=newsletter&fbclid=IwAR0abc",
        "https://northfield-academy.example.org/about/staff/",
        "https://news.example.net/2023/05/fun-run-raises-money#comments",
    ]
    assert results[0].title == "Sam Doe | Facebook"
    assert results[0].snippet.startswith("Sam Doe is on Facebook.")
    assert results[2].title == "Teachers' fun run raises £2,000 & counting"
    # "<b>Doe</b>," : highlighting adds no space before the comma
    assert results[2].snippet == "Staff from Northfield Academy, including Sam Doe, ran ten kilometres around the park on Saturday."
    assert {r.provider for r in results} == {"duckduckgo"}
    request, _ = server.log[0]
    assert request.headers["User-Agent"] == user_agent() == "SocialSafe/0.1.0 (personal privacy self-audit)"


def test_duckduckgo_is_asked_the_way_its_own_form_asks(providers_on_server):
    server = providers_on_server
    serve(server, "duckduckgo", fixture_bytes("ddg_results.html"))

    run_single_search('"Sam Doe"', "duckduckgo", timeout=FAST.timeout, settings=FAST, locale="cy_GB.UTF-8")

    request, _ = server.log[0]
    assert request.method == "POST" and request.args == {}  # nothing searched for in the address
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert request.form.to_dict() == {"q": '"Sam Doe"', "b": "", "kl": "uk-en", "df": ""}
    assert request.headers["Accept-Language"] == "cy-GB,cy;q=0.9,en;q=0.8"
    assert request.headers["Accept"].startswith("text/html")
    origin = server.url_for("/").rstrip("/")
    assert request.headers["Referer"] == origin + "/" and request.headers["Origin"] == origin


def test_searxng_json_api_is_parsed(providers_on_server):
    server = providers_on_server
    serve(server, "searxng", fixture_bytes("searxng_results.json"))

    results = search("searxng")

    assert [r.title for r in results] == [
        "Our staff - Northfield Academy",
        "Sam Doe (@sam_doe_example) • Instagram photos and videos",  # &bull; is text, decoded
        "Results for Sam DOE | parkrun",
    ]
    assert results[2].snippet == ""
    request, _ = server.log[0]
    assert request.path == "/searx/search"  # the settings held the instance's home address
    assert request.args["format"] == "json" and request.args["q"] == '"Sam Doe"'


def test_searxng_is_asked_with_headers_its_limiter_accepts(providers_on_server):
    # SearXNG's bot detection answers 429 when Accept lacks text/html, when there is no
    # Accept-Language, and when Accept-Encoding offers neither gzip nor deflate.
    server = providers_on_server
    serve(server, "searxng", fixture_bytes("searxng_results.json"))

    run_single_search("x", "searxng", timeout=FAST.timeout, settings=FAST, locale="en_GB.UTF-8")

    request, _ = server.log[0]
    assert "text/html" in request.accept_mimetypes and request.accept_mimetypes["text/html"] > 0
    assert request.headers["Accept-Language"] == "en-GB,en;q=0.9"
    assert "gzip" in request.headers["Accept-Encoding"]
    assert request.headers.get("Connection", "").lower() != "close"


def test_brave_api_is_parsed_and_sends_the_key_in_a_header(providers_on_server):
    server = providers_on_server
    server.expect_request(
        PATHS["brave"], headers={"X-Subscription-Token": TEST_KEY, "Accept": "application/json"}
    ).respond_with_data(fixture_bytes("brave_results.json"), content_type="application/json")

    results = search("brave")

    assert [(r.url, r.title) for r in results] == [
        ("https://northfield-academy.example.org/about/staff/sam-doe", "Sam Doe - Staff - Northfield Academy"),
        ("https://x.com/samdoe_example", "Sam Doe (@samdoe_example) / X"),
    ]
    # <strong> highlighting becomes plain text; &amp; is decoded once
    assert results[0].snippet == "Sam Doe teaches geography and leads the Year 9 trip to the coast & the river study."
    request, _ = server.log[0]
    assert TEST_KEY not in request.url  # the key travels in a header, never in the address


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_valid_page_with_nothing_on_it_is_not_an_error(providers_on_server, provider):
    serve(providers_on_server, provider, fixture_bytes(EMPTY[provider]))
    assert search(provider, '"zq-nobody-9x"') == []


# -- hostile content ----------------------------------------------------------------------------


def test_duckduckgo_hostile_results_come_out_as_plain_text(providers_on_server):
    serve(providers_on_server, "duckduckgo", fixture_bytes("ddg_hostile.html"))

    results = search("duckduckgo")

    # javascript:, a wrapped javascript: and data: links are all dropped
    assert [r.url for r in results] == ["https://evil.example.org/page", "https://long.example.net/sam-doe"]
    first = results[0]
    assert "alert('title')" not in first.title and "color:red" not in first.title  # script/style not text
    assert first.title == "Sam Doe <img src=x onerror=alert(1)>"  # escaped markup stays literal text
    # control characters, the right-to-left override and the zero-width space are gone; real tags
    # (<img onerror>, <iframe>) are not text at all
    assert first.snippet == "Bell and escape [31m red rightto-left hidden end"
    long = results[1]
    assert len(long.title) <= 300 and long.title.endswith("…")
    assert len(long.snippet) <= 600 and long.snippet.endswith("…")


def test_searxng_hostile_results_are_cleaned_or_dropped(providers_on_server):
    serve(providers_on_server, "searxng", fixture_bytes("searxng_hostile.json"))

    results = search("searxng")

    assert [r.url for r in results] == ["https://evil.example.org/a"]
    # SearXNG's fields are text (its own page escapes them), so tags in them are shown as the
    # characters they are, never run; the window shows them as plain text. References are decoded.
    assert results[0].title == "<script>alert(1)</script>Sam <b>Doe</b> & friends"
    assert results[0].snippet == "nul bell bidievil <img src=x onerror=alert(1)>text"


# -- broken answers -----------------------------------------------------------------------------


@pytest.mark.parametrize("provider", PROVIDERS)
def test_empty_page(providers_on_server, provider):
    serve(providers_on_server, provider, b"")
    with pytest.raises(SearchError) as caught:
        search(provider)
    assert caught.value.kind == "unparseable" and "empty" in caught.value.message
    assert_one_sentence(caught.value)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_garbage_or_invalid_json(providers_on_server, provider):
    serve(providers_on_server, provider, fixture_bytes("garbage.html"))
    with pytest.raises(SearchError) as caught:
        search(provider)
    assert caught.value.kind == "unparseable"
    assert_one_sentence(caught.value)


@pytest.mark.parametrize("body", [b'{"results": [', b"\xff\xfe\x00garbage", b"[1, 2, 3]", b'{"results": "no"}'])
@pytest.mark.parametrize("provider", ["searxng", "brave"])
def test_json_providers_reject_broken_json(providers_on_server, provider, body):
    serve(providers_on_server, provider, body)
    with pytest.raises(SearchError) as caught:
        search(provider)
    assert caught.value.kind == "unparseable"
    assert "not search results" in caught.value.message


def test_duckduckgo_human_check_page(providers_on_server):
    # DuckDuckGo serves its challenge with status 202.
    serve(providers_on_server, "duckduckgo", fixture_bytes("ddg_anomaly.html"), status=202)
    with pytest.raises(SearchError) as caught:
        search("duckduckgo")
    assert caught.value.kind == "blocked"
    assert caught.value.message == "DuckDuckGo asked for a human check: open the remaining searches in your browser instead."
    assert len(providers_on_server.log) == 1  # asking again would only make the block last longer


@pytest.mark.parametrize("status", [202, 403, 418, 429])
def test_duckduckgo_turning_a_robot_away_is_a_human_check(providers_on_server, status):
    serve(providers_on_server, "duckduckgo", b"", status=status)
    with pytest.raises(SearchError) as caught:
        search("duckduckgo")
    assert caught.value.kind == "blocked" and caught.value.status == status
    assert caught.value.message.startswith("DuckDuckGo asked for a human check")
    assert "browser" in caught.value.message
    assert len(providers_on_server.log) == 1


def test_searxng_429_says_the_server_refused_an_app(providers_on_server):
    serve(providers_on_server, "searxng", b"Too Many Requests", status=429, content_type="text/plain")
    with pytest.raises(SearchError) as caught:
        search("searxng")
    error = caught.value
    assert error.kind == "blocked" and error.status == 429
    assert "refused to answer an app" in error.message and "administrator" in error.message
    assert "browser" in error.message and "wait" not in error.message
    assert len(providers_on_server.log) == 1
    assert_one_sentence(error)


def test_a_human_check_in_words_only_is_recognised_too(providers_on_server):
    page = b"<html><body><p>Our systems have detected unusual traffic from your computer network.</p></body></html>"
    serve(providers_on_server, "duckduckgo", page)
    with pytest.raises(SearchError) as caught:
        search("duckduckgo")
    assert caught.value.kind == "blocked"


def test_a_result_about_captchas_is_not_a_human_check(providers_on_server):
    page = fixture_bytes("ddg_results.html").replace(b"Our staff - Northfield Academy", b"How a CAPTCHA works")
    serve(providers_on_server, "duckduckgo", page)
    assert len(search("duckduckgo")) == 3


@pytest.mark.parametrize("provider", ["searxng", "brave"])
def test_json_provider_answering_with_a_captcha_page(providers_on_server, provider):
    page = b'<html><body><div class="g-recaptcha" data-sitekey="x"></div>Please complete the CAPTCHA.</body></html>'
    serve(providers_on_server, provider, page, content_type="text/html")
    with pytest.raises(SearchError) as caught:
        search(provider)
    assert caught.value.kind == "blocked" and "human check" in caught.value.message


def test_searxng_engines_all_failing_is_said_not_hidden(providers_on_server):
    serve(providers_on_server, "searxng", fixture_bytes("searxng_engines_failed.json"))
    with pytest.raises(SearchError) as caught:
        search("searxng")
    assert caught.value.kind == "upstream"


@pytest.mark.parametrize("provider, status, kind", [
    ("brave", 429, "rate_limited"), ("duckduckgo", 503, "http"), ("searxng", 503, "http"), ("brave", 503, "http"),
])
def test_429_and_503_are_retried_then_explained(providers_on_server, provider, status, kind):
    server = providers_on_server
    serve(server, provider, b"busy", status=status, content_type="text/plain")
    with pytest.raises(SearchError) as caught:
        search(provider)
    assert caught.value.kind == kind and caught.value.status == status
    assert len(server.log) == 3  # one try and two retries
    assert_one_sentence(caught.value)


@pytest.mark.parametrize("provider, status, kind, words", [
    ("duckduckgo", 404, "http", "error 404"),
    ("duckduckgo", 403, "blocked", "browser"),
    ("duckduckgo", 418, "blocked", "human check"),
    ("searxng", 403, "config", "JSON format"),
    ("brave", 401, "config", "API key"),
    ("brave", 422, "config", "API key"),
])
def test_4xx_statuses_are_explained_without_retrying(providers_on_server, provider, status, kind, words):
    server = providers_on_server
    body = fixture_bytes("brave_error_401.json") if provider == "brave" else b"no"
    serve(server, provider, body, status=status)
    with pytest.raises(SearchError) as caught:
        search(provider)
    assert caught.value.kind == kind and words in caught.value.message
    assert len(server.log) == 1
    assert_one_sentence(caught.value)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_server_that_never_answers_times_out(silent_server, point_providers_at, provider):
    point_providers_at(silent_server.url)
    started = time.monotonic()
    with pytest.raises(SearchError) as caught:
        search(provider)
    assert caught.value.kind == "timeout" and "0.5 seconds" in caught.value.message
    assert time.monotonic() - started < 3  # not retried: a dead server would cost three timeouts


@pytest.mark.parametrize("provider", PROVIDERS)
def test_connection_refused(closed_port, point_providers_at, provider):
    point_providers_at(closed_port)
    with pytest.raises(SearchError) as caught:
        search(provider)
    assert caught.value.kind == "offline" and caught.value.message.startswith("Could not connect to")
    assert "offline" in caught.value.message
    assert_one_sentence(caught.value)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_10_mb_page_is_refused_from_its_declared_length(providers_on_server, provider):
    serve(providers_on_server, provider, b"<p>" + b"x" * (10 * 1024 * 1024))
    with pytest.raises(SearchError) as caught:
        search(provider)
    assert caught.value.kind == "too_large" and "2 MB" in caught.value.message


def test_a_10_mb_page_without_a_length_is_cut_off_while_reading(providers_on_server):
    sent = []

    def stream(_request):
        def chunks():
            for _ in range(160):  # 160 x 64 kB = 10 MB
                sent.append(1)
                yield b"x" * 65536
        return Response(chunks(), content_type="text/html")  # no Content-Length: chunked

    providers_on_server.expect_request(PATHS["duckduckgo"]).respond_with_handler(stream)
    with pytest.raises(SearchError) as caught:
        search("duckduckgo")
    assert caught.value.kind == "too_large"


# -- configuration ------------------------------------------------------------------------------


def test_searxng_without_an_address_says_so():
    with pytest.raises(SearchError) as caught:
        make_provider("searxng", SearchSettings())
    assert caught.value.kind == "config"
    assert caught.value.message == "No SearXNG address is set: add one in Settings, or ask your IT team."


def test_searxng_address_from_settings_when_no_override():
    provider = make_provider("searxng", SearchSettings(searxng_url="https://searx.example.org/"))
    assert provider.endpoint == "https://searx.example.org/search"


def test_environment_overrides_the_setting(monkeypatch):
    monkeypatch.setenv("SOCIALSAFE_DUCKDUCKGO_URL", "http://127.0.0.1:9/html/")
    assert make_provider("duckduckgo", SearchSettings(duckduckgo_url="https://other.example.org/")).endpoint == (
        "http://127.0.0.1:9/html/"
    )


@pytest.mark.parametrize("key_provider", [None, lambda name: None, lambda name: "  "])
def test_brave_without_a_key_says_so(key_provider):
    with pytest.raises(SearchError) as caught:
        make_provider("brave", key_provider=key_provider)
    assert caught.value.kind == "config" and "No Brave Search API key" in caught.value.message


def test_brave_keyring_failure_is_a_message_not_a_crash():
    def broken(name):
        raise RuntimeError("no keyring backend")

    with pytest.raises(SearchError) as caught:
        make_provider("brave", key_provider=broken)
    assert caught.value.kind == "config" and "keyring" in caught.value.message


PLAIN_HTTP_REFUSED = ("must start with https:// so that your searches are not sent in the clear "
                      "(plain http:// is allowed only to this computer).")


@pytest.mark.parametrize("provider", PROVIDERS)
def test_plain_http_to_another_machine_is_refused_from_the_environment(monkeypatch, provider):
    monkeypatch.setenv(f"SOCIALSAFE_{provider.upper()}_URL", "http://search.example.org/search")
    with pytest.raises(SearchError) as caught:
        make_provider(provider, key_provider=keys)
    assert caught.value.kind == "config" and caught.value.message.endswith(PLAIN_HTTP_REFUSED)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_plain_http_to_another_machine_is_refused_from_settings_with_the_same_sentence(provider):
    settings = SearchSettings(**{f"{provider}_url": "http://192.0.2.10/search"}, use_environment=False)
    with pytest.raises(SearchError) as caught:
        make_provider(provider, settings, key_provider=keys)
    assert caught.value.kind == "config" and caught.value.message.endswith(PLAIN_HTTP_REFUSED)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8888/search", "http://localhost:8888/search", "http://[::1]:8888/"])
def test_plain_http_to_this_computer_is_allowed(url):
    assert make_provider("searxng", SearchSettings(searxng_url=url)).endpoint.startswith(url.split("/search")[0])


def test_brave_key_is_never_sent_in_the_clear(monkeypatch):
    monkeypatch.setenv("SOCIALSAFE_BRAVE_URL", "http://search.example.org/res/v1/web/search")
    with pytest.raises(SearchError) as caught:
        make_provider("brave", key_provider=keys)
    assert caught.value.kind == "config" and "https://" in caught.value.message
    monkeypatch.delenv("SOCIALSAFE_BRAVE_URL")
    assert TEST_KEY not in repr(make_provider("brave", SearchSettings(), key_provider=keys))


def test_brave_does_not_follow_redirects_with_the_key(providers_on_server):
    server = providers_on_server
    server.expect_request(PATHS["brave"]).respond_with_data(
        "", status=302, headers={"Location": server.url_for("/elsewhere")}
    )
    server.expect_request("/elsewhere").respond_with_data("{}", content_type="application/json")
    with pytest.raises(SearchError) as caught:
        search("brave")
    assert caught.value.kind == "http" and "302" in caught.value.message
    assert [request.path for request, _ in server.log] == [PATHS["brave"]]


@pytest.mark.parametrize("url", ["ftp://search.example.org/", "not a url", "javascript:alert(1)"])
def test_a_bad_provider_address_is_a_config_message(monkeypatch, url):
    monkeypatch.setenv("SOCIALSAFE_DUCKDUCKGO_URL", url)
    with pytest.raises(SearchError) as caught:
        make_provider("duckduckgo")
    assert caught.value.kind == "config"


def test_unknown_provider_name():
    with pytest.raises(SearchError) as caught:
        run_single_search("x", "altavista")
    assert caught.value.kind == "config" and "duckduckgo, searxng or brave" in caught.value.message


@pytest.mark.parametrize("query", ["", "   ", "x" * 501])
def test_empty_or_huge_query_is_refused_before_sending(providers_on_server, query):
    with pytest.raises(SearchError) as caught:
        search("duckduckgo", query)
    assert caught.value.kind == "config"
    assert providers_on_server.log == []


def test_default_duckduckgo_address_hits_the_network_guard_not_the_internet():
    # No override: the real address is used, and the test guard stops the lookup.
    with pytest.raises(AssertionError, match="html.duckduckgo.com"):
        run_single_search('"Sam Doe"', "duckduckgo", timeout=0.5)


def test_results_to_json_round_trips(providers_on_server):
    from socialsafe_desktop.search import results_to_json

    serve(providers_on_server, "duckduckgo", fixture_bytes("ddg_results.html"))
    results = search("duckduckgo")
    data = json.loads(results_to_json(results))
    assert data[1] == {
        "url": "https://northfield-academy.example.org/about/staff/",
        "title": "Our staff - Northfield Academy",
        "snippet": results[1].snippet,
        "provider": "duckduckgo",
    }


@pytest.mark.parametrize("locale, region", [
    ("en_GB.UTF-8", "uk-en"), ("cy_GB", "uk-en"), ("en_US", "us-en"), ("de_AT.UTF-8", "at-de"),
    ("xx_YY", "wt-wt"), ("", "wt-wt"), (None, "wt-wt"),
])
def test_duckduckgo_region_from_the_locale(locale, region, monkeypatch):
    from socialsafe_desktop.search.providers import duckduckgo_region

    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert duckduckgo_region(locale) == region
