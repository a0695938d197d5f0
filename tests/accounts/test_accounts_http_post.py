"""The shared HTTP client sends POST bodies (some sites answer a username check only to a POST)."""

from __future__ import annotations

from werkzeug import Response

from socialsafe_desktop.net.http import HttpClient, HttpRequest, HttpSettings

FAST = HttpSettings(timeout=2.0, host_delay=0.0, retries=0)


def test_post_sends_method_body_and_headers(server):
    seen = {}

    def handler(request):
        seen.update(method=request.method, body=request.get_data(), type=request.headers.get("Content-Type"))
        return Response('{"ok":true}', 200, content_type="application/json")

    server.expect_request("/api/check", method="POST").respond_with_handler(handler)
    client = HttpClient(FAST)
    try:
        response = client.get(HttpRequest(server.url_for("/api/check"), method="POST", data=b'{"username":"x"}',
                                          headers={"Content-Type": "application/json"}), "Example")
    finally:
        client.close()

    assert response.status == 200
    assert seen == {"method": "POST", "body": b'{"username":"x"}', "type": "application/json"}


def test_a_request_without_a_method_is_still_a_get(server):
    seen = {}

    def handler(request):
        seen.update(method=request.method, body=request.get_data())
        return Response("ok", 200)

    server.expect_request("/page").respond_with_handler(handler)
    client = HttpClient(FAST)
    try:
        assert client.get(HttpRequest(server.url_for("/page")), "Example").status == 200
    finally:
        client.close()
    assert seen == {"method": "GET", "body": b""}
