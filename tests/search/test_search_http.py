"""The HTTP client as searches use it: retries and Retry-After, per-host delay, proxies from the
environment, caps. (Deadlines, POST and "offline" have their own tests in tests/net.)"""

from __future__ import annotations

import threading
import time
from dataclasses import replace

import pytest
from search_helpers import FAST, PATHS, fixture_bytes
from socket_servers import ScriptedServer, read_request, reset, respond
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


def test_connection_errors_are_retried(point_providers_at):
    # A real server that hangs up on the first two connections, then answers.
    def script(server, conn, index):
        read_request(conn)
        if index < 2:
            reset(conn)
        else:
            respond(conn, fixture_bytes("ddg_results.html"))

    server = ScriptedServer(script)
    try:
        point_providers_at(server.url)
        assert len(run_single_search("x", "duckduckgo", timeout=0.5, settings=FAST)) == 3
        assert server.connections == 3
    finally:
        server.close()


def test_a_connection_that_keeps_breaking_gives_up_after_the_retries(point_providers_at):
    def script(server, conn, index):
        read_request(conn)
        reset(conn)

    server = ScriptedServer(script)
    try:
        point_providers_at(server.url)
        with pytest.raises(SearchError) as caught:
            run_single_search("x", "duckduckgo", timeout=0.5, settings=FAST)
        assert caught.value.kind == "network" and "DuckDuckGo" in caught.value.message
        assert server.connections == 3  # one try and two retries
    finally:
        server.close()


def test_retry_after_is_honoured(server):
    handler = sequence_handler(lambda: Response("slow down", 429, headers={"Retry-After": "1"}), page)
    server.expect_request("/api").respond_with_handler(handler)

    client = HttpClient(FAST)
    assert client.send(HttpRequest(server.url_for("/api")), "Test").status == 200
    client.close()

    assert len(handler.times) == 2
    assert handler.times[1] - handler.times[0] >= 0.9


def test_retry_after_beyond_the_cap_gives_up_at_once(server):
    handler = sequence_handler(lambda: Response("come back in an hour", 429, headers={"Retry-After": "3600"}))
    server.expect_request("/api").respond_with_handler(handler)
    client = HttpClient(FAST)
    assert client.send(HttpRequest(server.url_for("/api")), "Test").status == 429
    client.close()
    assert len(handler.times) == 1


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
    # trust_env: a proxy set for the machine (as on managed laptops) carries our request. Plain
    # http to another machine is refused for searches (see test_search_providers), so this is
    # the client on its own.
    server.expect_request("/html/").respond_with_handler(sequence_handler(page))
    monkeypatch.setenv("HTTP_PROXY", server.url_for("/").rstrip("/"))
    client = HttpClient(FAST)

    response = client.send(HttpRequest("http://search.example.invalid/html/", method="POST", data={"q": "x"}),
                           "Test")
    client.close()

    assert response.status == 200
    request, _ = server.log[0]
    assert request.headers["Host"] == "search.example.invalid" and request.form["q"] == "x"


def test_session_is_verified_and_names_the_app():
    client = HttpClient()
    assert client.session.verify is True
    assert client.session.headers["User-Agent"].startswith("SocialSafe/")


def test_an_explicit_proxy_wins_over_the_environments(server, monkeypatch):
    server.expect_request("/html/").respond_with_handler(sequence_handler(page))
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there
    client = HttpClient(replace(FAST, proxy=server.url_for("/").rstrip("/")))

    response = client.send(HttpRequest("http://search.example.invalid/html/"), "Test")
    client.close()

    assert response.status == 200 and server.log[0][0].headers["Host"] == "search.example.invalid"


def test_no_proxy_sends_a_host_direct(server, monkeypatch):
    server.expect_request("/html/").respond_with_handler(sequence_handler(page))
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    client = HttpClient(FAST)

    assert client.send(HttpRequest(server.url_for("/html/")), "Test").status == 200
    assert client.send(HttpRequest(server.url_for("/html/")), "Test").status == 200  # read once, kept
    client.close()


def test_a_redirect_to_another_host_goes_through_that_hosts_proxy(server, monkeypatch):
    # The first host is reached direct (NO_PROXY); the one it sends us on to is not, so the
    # machine's proxy carries that request, as it would have carried a first request there.
    server.expect_request("/start").respond_with_response(
        Response("moved", 302, headers={"Location": "http://search.example.invalid/html/"}))
    server.expect_request("/html/").respond_with_handler(sequence_handler(page))
    monkeypatch.setenv("HTTP_PROXY", server.url_for("/").rstrip("/"))
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    client = HttpClient(FAST)

    response = client.send(HttpRequest(server.url_for("/start")), "Test")
    client.close()

    assert response.status == 200
    assert server.log[-1][0].headers["Host"] == "search.example.invalid"


def test_a_password_in_netrc_never_goes_to_the_sites_asked(server, monkeypatch, tmp_path):
    server.expect_request("/html/").respond_with_handler(sequence_handler(page))
    netrc = tmp_path / ".netrc"
    netrc.write_text("default login someone password secret\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("NETRC", str(netrc))
    client = HttpClient(FAST)

    assert client.send(HttpRequest(server.url_for("/html/")), "Test").status == 200
    client.close()

    assert "Authorization" not in server.log[0][0].headers


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
