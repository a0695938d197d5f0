"""The provider test behind Settings' "Test" button, without the window."""

from __future__ import annotations

from search_helpers import FAST, PATHS, TEST_KEY, fixture_bytes

from socialsafe_desktop.search import SearchSettings
from socialsafe_desktop.search.probe import PROBE_QUERY, probe_provider


def test_a_working_provider_is_one_sentence_with_what_it_found(providers_on_server):
    providers_on_server.expect_request(PATHS["brave"]).respond_with_data(
        fixture_bytes("brave_results.json"), content_type="application/json")
    result = probe_provider("brave", FAST, lambda name: TEST_KEY)
    assert result.ok
    assert result.sentence == "Brave Search at 127.0.0.1 works: a test search for \u201cprivacy\u201d found 2 results."
    [(request, _)] = providers_on_server.log
    assert request.args["q"] == PROBE_QUERY  # nothing about the person


def test_a_refusing_provider_is_tried_once_and_its_own_sentence_given(providers_on_server):
    providers_on_server.expect_request(PATHS["duckduckgo"]).respond_with_data("busy", status=503)
    result = probe_provider("duckduckgo", FAST)
    assert not result.ok and "error 503" in result.sentence
    assert len(providers_on_server.log) == 1  # no retries: the person is waiting


def test_no_key_or_plain_http_elsewhere_is_a_sentence_not_a_request():
    assert probe_provider("brave", SearchSettings(), lambda name: None).sentence.startswith(
        "No Brave Search API key is set")
    refused = probe_provider("searxng", SearchSettings(searxng_url="http://searx.example.org/", use_environment=False))
    assert not refused.ok and "https://" in refused.sentence
