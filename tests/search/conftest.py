"""Local stand-ins for the search providers: a real HTTP server on 127.0.0.1, plus sockets that
never answer or refuse outright. Nothing here reaches the internet (the root conftest checks)."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer
from search_helpers import PATHS, Recorder


@pytest.fixture(scope="session")
def _threaded_server():
    # Threaded, unlike the plugin's default server: the runner sends several requests at once.
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


@pytest.fixture
def point_providers_at(monkeypatch):
    """Point every provider at a base URL through the documented environment overrides."""

    def point(base: str) -> None:
        base = base.rstrip("/")
        monkeypatch.setenv("SOCIALSAFE_DUCKDUCKGO_URL", base + PATHS["duckduckgo"])
        monkeypatch.setenv("SOCIALSAFE_SEARXNG_URL", base + "/searx/")
        monkeypatch.setenv("SOCIALSAFE_BRAVE_URL", base + PATHS["brave"])

    return point


@pytest.fixture
def providers_on_server(server, point_providers_at):
    point_providers_at(server.url_for("/"))
    return server




@pytest.fixture
def recorder():
    return Recorder()
