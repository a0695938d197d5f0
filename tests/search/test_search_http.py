"""The HTTP client: retries and Retry-After, per-host delay, proxies from the environment, caps."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

import pytest
from search_helpers import FAST, PATHS, fixture_bytes
from werkzeug import Response

from socialsafe_desktop.net.http import HttpRequest, retry_after_seconds
from socialsafe_desktop.search import HostRateLimiter, HttpClient, SearchError, run_single_search


def sequence_handler(*responses):
    """Answers with the given responses in turn (the last one repeats); records arrival times."""
    times = []
    lock = threading.Lock()

    def handler(_request):
        with lock:
            times.append(time.monotonic())
            index = min(len(times), len(responses)) - 1
        return responses[index]()

    handler.times = times
    return handler


def page():
    return Response(fixture_bytes("ddg_results.html"), content_type="text/html; charset=utf-8")


def test_503_twice_then_success_is_retried_to_success(providers_on_server):
    handler = sequence_handler(lambda: Response("down", 503), lambda: Response("down", 503), page)
    providers_on_server.expect_request(PATHS["duckduckgo"]).respond_with_handler(handler)

    results = run_single_search('"Sam Doe"', "duckduckgo", timeout=0.5, settings=FAST)

    assert len(results) == 3 and len(handler.times) == 3


def test_connection_errors_are_retried(providers_on_server, monkeypatch):
    attempts = []
    original = HttpClient._get_once

    def flaky(self, request, service):
        attempts.append(1)
        if len(attempts) < 3:
            raise SearchError("network", "Could not connect.")
        return original(self, request, service)

    monkeypatch.setattr(HttpClient, "_get_once", flaky)
    providers_on_server.expect_request(PATHS["duckduckgo"]).respond_with_handler(sequence_handler(page))
    assert len(run_single_search("x", "duckduckgo", timeout=0.5, settings=FAST)) == 3
    assert len(attempts) == 3


def test_retry_after_is_honoured(providers_on_server):
    handler = sequence_handler(lambda: Response("slow down", 429, headers={"Retry-After": "1"}), page)
    providers_on_server.expect_request(PATHS["duckduckgo"]).respond_with_handler(handler)

    run_single_search("x", "duckduckgo", timeout=0.5, settings=FAST)

    assert len(handler.times) == 2
    assert handler.times[1] - handler.times[0] >= 0.9


def test_retry_after_beyond_the_cap_gives_up_at_once(providers_on_server):
    handler = sequence_handler(lambda: Response("come back in an hour", 429, headers={"Retry-After": "3600"}))
    providers_on_server.expect_request(PATHS["duckduckgo"]).respond_with_handler(handler)
    with pytest.raises(SearchError) as caught:
        run_single_search("x", "duckduckgo", timeout=0.5, settings=FAST)
    assert caught.value.kind == "rate_limited" and len(handler.times) == 1


@pytest.mark.parametrize("value, seconds", [("5", 5.0), ("0", 0.0), ("-3", 0.0), ("soon", None), (None, None)])
def test_retry_after_parsing(value, seconds):
    assert retry_after_seconds(value) == seconds


def test_retry_after_as_http_date():
    from email.utils import formatdate

    assert 25 <= retry_after_seconds(formatdate(time.time() + 30, usegmt=True)) <= 31


def test_requests_to_one_host_keep_their_distance(server):
    delay = 0.3
    handler = sequence_handler(page)
    server.expect_request(PATHS["duckduckgo"]).respond_with_handler(handler)
    client = HttpClient(replace(FAST, host_delay=delay))
    request = HttpRequest(server.url_for(PATHS["duckduckgo"]), {"q": "x"})
    for _ in range(3):
        assert client.get(request, "DuckDuckGo").status == 200
    client.close()
    gaps = [b - a for a, b in zip(handler.times, handler.times[1:], strict=False)]
    assert len(gaps) == 2 and all(gap >= 0.9 * delay for gap in gaps)


def test_rate_limiter_is_per_host():
    limiter = HostRateLimiter(10.0)
    assert limiter.reserve("a.example.org") == 0
    assert limiter.reserve("b.example.org") == 0  # another host need not wait
    assert 9.0 < limiter.reserve("a.example.org") <= 10.0
    assert 19.0 < limiter.reserve("a.example.org") <= 20.0


def test_environment_proxy_is_used(server, monkeypatch):
    # trust_env: a proxy set for the machine (as on managed laptops) carries our request.
    server.expect_request(PATHS["duckduckgo"]).respond_with_handler(sequence_handler(page))
    monkeypatch.setenv("HTTP_PROXY", server.url_for("/").rstrip("/"))
    monkeypatch.setenv("SOCIALSAFE_DUCKDUCKGO_URL", "http://search.example.invalid/html/")

    results = run_single_search("x", "duckduckgo", timeout=0.5, settings=FAST)

    assert len(results) == 3
    request, _ = server.log[0]
    assert request.headers["Host"] == "search.example.invalid"


def test_session_is_verified_and_trusts_the_environment():
    client = HttpClient()
    assert client.session.verify is True and client.session.trust_env is True
    assert client.session.headers["User-Agent"].startswith("SocialSafe/")


def test_a_closed_client_refuses_to_send(server):
    client = HttpClient(FAST)
    client.close()
    with pytest.raises(SearchError) as caught:
        client.get(HttpRequest(server.url_for("/x")), "Test")
    assert caught.value.kind == "cancelled" and server.log == []


def test_a_trickling_server_is_cut_off_by_the_overall_deadline(server):
    def trickle(_request):
        def body():
            for _ in range(100):
                time.sleep(0.05)  # server side: each byte arrives well within the socket timeout
                yield b"x"
        return Response(body(), content_type="text/html")

    server.expect_request("/slow").respond_with_handler(trickle)
    client = HttpClient(replace(FAST, timeout=0.2))
    with pytest.raises(SearchError) as caught:
        client.get(HttpRequest(server.url_for("/slow")), "Slow")
    assert caught.value.kind == "timeout"
