"""The one HTTP client: POST as well as GET, a deadline that holds however slowly a server
talks, and "offline" told apart from other failures. Real sockets on 127.0.0.1 throughout."""

from __future__ import annotations

import errno
import socket
import threading
from dataclasses import replace

import pytest
from polling import until
from pytest_httpserver import HTTPServer
from socket_servers import ScriptedServer, closed_port_url, read_request, reset, trickle_body, trickle_headers

from socialsafe_desktop.net.deadline import Watch
from socialsafe_desktop.net.errors import NetError
from socialsafe_desktop.net.http import HttpClient, HttpRequest, HttpSettings

FAST = HttpSettings(timeout=0.3, host_delay=0.0, backoff=0.01, retries=2)


def outcome_within(bound: float, call):
    """Run call() on a thread; its result or exception, or AssertionError if it is still going
    after `bound` seconds (the server keeps trickling far longer than that)."""
    box: dict[str, object] = {}

    def run():
        try:
            box["result"] = call()
        except BaseException as exc:  # noqa: BLE001 - handed to the test as it is
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(bound)
    assert not thread.is_alive(), f"still waiting after {bound} s"
    if "error" in box:
        raise box["error"]
    return box["result"]


@pytest.fixture
def scripted():
    servers = []

    def start(script):
        server = ScriptedServer(script)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


@pytest.fixture
def httpserver_local():
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    yield server
    server.clear()
    server.stop()


def one_sentence(error: NetError) -> bool:
    return error.message.endswith(".") and "\n" not in error.message and "Traceback" not in error.message


# -- POST -------------------------------------------------------------------------------------


def test_a_form_is_posted_with_the_callers_headers(httpserver_local):
    httpserver_local.expect_request("/html/", method="POST").respond_with_data("ok")
    client = HttpClient(FAST)
    response = client.send(HttpRequest(httpserver_local.url_for("/html/"), method="POST",
                                       data={"q": "Siân O’Brien", "b": ""}, headers={"Referer": "https://x.example/"}),
                           "Test")
    client.close()
    request, _ = httpserver_local.log[0]
    assert response.status == 200 and response.body == b"ok"
    assert request.form.to_dict() == {"q": "Siân O’Brien", "b": ""}
    assert request.headers["Referer"] == "https://x.example/"


def test_a_raw_body_is_sent_as_given_in_utf8(httpserver_local):
    # The shape of a WhatsMyName entry: a post_body template and headers of its own.
    httpserver_local.expect_request("/api/check", method="POST").respond_with_data("{}")
    client = HttpClient(FAST)
    client.send(HttpRequest(httpserver_local.url_for("/api/check"), method="POST", data='{"username": "siân"}',
                            headers={"Content-Type": "application/json"}), "Test")
    client.close()
    request, _ = httpserver_local.log[0]
    assert request.get_data() == '{"username": "siân"}'.encode()
    assert request.headers["Content-Type"] == "application/json"


def test_get_stays_the_default(httpserver_local):
    httpserver_local.expect_request("/x", method="GET", query_string="a=1").respond_with_data("ok")
    client = HttpClient(FAST)
    assert client.get(HttpRequest(httpserver_local.url_for("/x"), {"a": "1"}), "Test").status == 200
    client.close()


# -- deadlines --------------------------------------------------------------------------------


def test_headers_trickled_a_byte_at_a_time_end_at_the_deadline(scripted):
    # Each byte comes well within the 0.3 s read timeout, so only the overall deadline
    # (3 x 0.3 s) can end this; the server would go on for as long as anyone listens.
    server = scripted(trickle_headers)
    client = HttpClient(FAST)
    with pytest.raises(NetError) as caught:
        outcome_within(5, lambda: client.send(HttpRequest(server.url + "/slow"), "Slow Server"))
    error = caught.value
    assert error.kind == "timeout" and one_sentence(error)
    assert error.message == ("Slow Server took longer than 0.9 seconds to send its answer, so it was stopped: "
                             "try again later.")
    assert server.connections == 1  # a slow server is not asked again


def test_a_body_trickled_a_byte_at_a_time_ends_at_the_deadline(scripted):
    server = scripted(trickle_body)
    client = HttpClient(FAST)
    with pytest.raises(NetError) as caught:
        outcome_within(5, lambda: client.send(HttpRequest(server.url + "/slow"), "Slow Server"))
    assert caught.value.kind == "timeout" and "took longer than 0.9 seconds" in caught.value.message
    assert one_sentence(caught.value)


def test_a_post_to_a_trickling_server_ends_at_the_deadline_too(scripted):
    server = scripted(trickle_headers)
    client = HttpClient(FAST)
    with pytest.raises(NetError) as caught:
        outcome_within(5, lambda: client.send(HttpRequest(server.url, method="POST", data={"q": "x"}), "Slow"))
    assert caught.value.kind == "timeout"


def test_closing_the_client_cuts_a_trickling_request_at_once(scripted):
    trickling = threading.Event()

    def script(server, conn, index):
        read_request(conn)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n")
        trickling.set()
        while not server.pause(0.05):
            conn.sendall(b"x")

    server = scripted(script)
    client = HttpClient(replace(FAST, timeout=30.0))  # a deadline of 90 s: only close() can end it
    box: dict[str, NetError] = {}
    done = threading.Event()

    def send():
        try:
            client.send(HttpRequest(server.url), "Slow")
        except NetError as exc:
            box["error"] = exc
        done.set()

    threading.Thread(target=send, daemon=True).start()
    assert trickling.wait(5)
    client.close()
    assert done.wait(2), "close() did not end the request"
    assert box["error"].kind == "cancelled"


def test_a_finished_attempt_is_never_cut_afterwards():
    # Its connection goes back to the pool for the next request, so a late deadline must not
    # reach it.
    class Connection:
        sock = None

    watch = Watch()
    watch.attach(Connection())
    watch.finish()
    watch.fire("deadline")
    assert watch.fired is None


def test_deadlines_fire_in_their_order_from_one_thread_however_many_attempts(monkeypatch):
    started = []
    start = threading.Thread.start
    monkeypatch.setattr(threading.Thread, "start", lambda thread: (started.append(thread.name), start(thread))[1])
    late, soon = Watch(), Watch()
    late.start(0.6)
    soon.start(0.05)  # added after, due first: the one thread wakes up for it
    quiet = [Watch() for _ in range(200)]
    for watch in quiet:
        watch.start(0.05)
        watch.finish()  # attempts that ended in time: their deadline passes without effect

    assert until(lambda: soon.fired == "deadline", 0.5) and late.fired is None
    assert until(lambda: late.fired == "deadline", 2)
    assert all(watch.fired is None for watch in quiet)
    assert started in ([], ["socialsafe-deadlines"])  # one thread for every attempt of the process


# -- offline ----------------------------------------------------------------------------------


def test_a_refused_connection_is_offline():
    client = HttpClient(FAST)
    with pytest.raises(NetError) as caught:
        client.send(HttpRequest(closed_port_url() + "/x"), "Test Service")
    assert caught.value.kind == "offline" and one_sentence(caught.value)
    assert caught.value.message.startswith("Could not connect to Test Service: this computer seems to be offline")


def test_a_failed_name_lookup_is_offline_and_not_tried_again(monkeypatch):
    lookups = []

    def no_dns(host, *args, **kwargs):  # what a computer with no network answers
        lookups.append(host)
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    client = HttpClient(FAST)
    with pytest.raises(NetError) as caught:
        client.send(HttpRequest("https://search.example.org/"), "Test")
    assert caught.value.kind == "offline"
    assert len(lookups) == 1  # retries=2, but offline rarely mends in seconds: the caller stops


@pytest.mark.parametrize("code", ["ENETUNREACH", "EHOSTUNREACH"])
def test_no_route_is_offline(monkeypatch, code):
    def no_route(sock, address, *args):
        raise OSError(getattr(errno, code), code)

    monkeypatch.setattr(socket.socket, "connect", no_route)
    client = HttpClient(FAST)
    with pytest.raises(NetError) as caught:
        client.send(HttpRequest("http://127.0.0.1:9/"), "Test")
    assert caught.value.kind == "offline"


def test_a_server_that_hangs_up_is_not_offline(scripted):
    def hang_up(server, conn, index):
        read_request(conn)
        reset(conn)

    server = scripted(hang_up)
    client = HttpClient(FAST)
    with pytest.raises(NetError) as caught:
        client.send(HttpRequest(server.url), "Test")
    assert caught.value.kind == "network" and server.connections == 3


# -- size -------------------------------------------------------------------------------------


def gzip_response(body: bytes):
    import gzip

    from werkzeug import Response

    return Response(gzip.compress(body), headers={"Content-Encoding": "gzip"}, content_type="text/html")


def test_a_compressed_answer_is_read_decompressed(httpserver_local):
    httpserver_local.expect_request("/z").respond_with_response(gzip_response(b"<p>hello</p>" * 1000))
    client = HttpClient(FAST)
    assert client.send(HttpRequest(httpserver_local.url_for("/z")), "Test").body == b"<p>hello</p>" * 1000
    client.close()


def test_a_compression_bomb_is_stopped_at_the_size_cap(httpserver_local):
    # 50 MB of zeros in about 50 kB: the cap counts what it becomes, not what was sent.
    httpserver_local.expect_request("/bomb").respond_with_response(gzip_response(b"\0" * (50 * 1024 * 1024)))
    client = HttpClient(FAST)
    with pytest.raises(NetError) as caught:
        client.send(HttpRequest(httpserver_local.url_for("/bomb")), "Test")
    client.close()
    assert caught.value.kind == "too_large" and one_sentence(caught.value)


def test_a_tls_handshake_trickled_a_byte_at_a_time_ends_at_the_deadline(scripted):
    # A record header promising 16 kB of handshake, then its bytes one at a time: the TLS
    # handshake happens before any request is sent, and must be bounded all the same.
    def script(server, conn, index):
        conn.recv(65536)  # the ClientHello
        conn.sendall(b"\x16\x03\x03\x40\x00")
        while not server.pause(0.05):
            conn.sendall(b"\x00")

    server = scripted(script)
    client = HttpClient(FAST)
    with pytest.raises(NetError) as caught:
        outcome_within(5, lambda: client.send(HttpRequest(server.url.replace("http:", "https:")), "Slow TLS"))
    # Python bounds a whole handshake by the socket timeout already; either bound will do.
    assert caught.value.kind == "timeout" and one_sentence(caught.value)


def test_a_proxy_that_trickles_its_answer_to_connect_ends_at_the_deadline(scripted, monkeypatch):
    # Managed laptops reach https sites through a proxy's CONNECT; its answer is read line by
    # line before any TLS or request, so only the watch can bound it.
    proxy = scripted(trickle_headers)
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    monkeypatch.setenv("NO_PROXY", "")
    client = HttpClient(FAST)
    with pytest.raises(NetError) as caught:
        outcome_within(5, lambda: client.send(HttpRequest("https://search.example.invalid/"), "Proxied"))
    assert caught.value.kind == "timeout" and "took longer than 0.9 seconds" in caught.value.message
