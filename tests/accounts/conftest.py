"""Local stand-ins for the sites the forgotten-accounts check asks: one threaded HTTP server on
127.0.0.1 playing many sites at once, a socket that never answers, a port where nothing listens.
Nothing here reaches the internet (the root conftest checks)."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer


@pytest.fixture(scope="session")
def _threaded_server():
    # Threaded: the runner has several requests in flight at once.
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def server(_threaded_server):
    _threaded_server.clear()
    yield _threaded_server
    _threaded_server.clear()
