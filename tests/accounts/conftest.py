"""Local stand-ins for the sites the forgotten-accounts check asks: one threaded HTTP server on
127.0.0.1 playing many sites at once, a socket that never answers, a port where nothing listens.
Nothing here reaches the internet (the root conftest checks)."""

from __future__ import annotations

import socket

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


class SilentServer:
    """Accepts connections (the kernel does, from the backlog) and never says a word."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(32)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def close(self) -> None:
        self.sock.close()  # resets the waiting connections, so stranded clients end at once


@pytest.fixture
def silent_server():
    server = SilentServer()
    yield server
    server.close()


@pytest.fixture
def closed_port():
    """An address where nothing listens: connecting is refused at once."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}"
