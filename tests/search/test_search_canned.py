"""Demo searches: canned DuckDuckGo pages, read through the real provider, parser and runner,
with no socket opened at all."""

from __future__ import annotations

import ast
import socket
import threading
import time
from pathlib import Path

import pytest
from search_helpers import Recorder

from socialsafe_desktop.core.demo import load_persona
from socialsafe_desktop.core.queries import custom_search
from socialsafe_desktop.net.http import HttpRequest
from socialsafe_desktop.search import HostRateLimiter, SearchRunner, SearchSettings, merge_results, normalise_url
from socialsafe_desktop.search import canned as canned_module
from socialsafe_desktop.search.canned import CannedClient, canned_client_factory, demo_provider, make_demo_runner
from socialsafe_desktop.search.parsing import parse_duckduckgo
from socialsafe_desktop.search.results import SearchError
from socialsafe_desktop.search.urls import is_safe_link

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
PAGES = sorted((RESOURCES / "demo" / "pages").glob("*.html"))


@pytest.fixture(scope="module")
def persona():
    return load_persona(RESOURCES)


@pytest.fixture
def no_sockets(monkeypatch):
    """Stricter than the suite's guard: loopback is refused too, and so is making a socket."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError("the demo tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket.socket, "__init__", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


def test_there_is_a_page_for_each_group_and_a_no_results_page(persona):
    names = {p.name for p in PAGES}
    assert set(persona.pages.values()) | {persona.no_results_page} == names
    assert len(names) >= 10


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_canned_page_parses_as_duckduckgo(page, persona):
    results = parse_duckduckgo(page.read_bytes())
    if page.name == persona.no_results_page:
        assert results == []
        return
    assert results and all(is_safe_link(r.url) and r.title and r.snippet for r in results)
    for r in results:
        host = r.url.split("/")[2]
        assert "example" in host or "example" in r.url.split(host, 1)[1]  # made-up pages only
    assert b"<img" not in page.read_bytes() and b"<script" not in page.read_bytes()


def test_the_pages_give_exactly_the_persona_findings(persona):
    """The seeded findings are what running the plan gives, so a live re-run adds nothing new."""
    domains = {"facebook": ["facebook.com"], "instagram": ["instagram.com"],
               "linkedin": ["linkedin.com"], "x": ["x.com", "twitter.com"]}
    batches = [(s.id, parse_duckduckgo((persona.pages_dir / persona.page_for(s.id)).read_bytes()))
               for s in persona.searches if not s.browser_only]
    merged = merge_results(batches, domains)
    assert [(m.url, m.normalised, m.title, m.snippet, m.found_by, m.platform) for m in merged] == \
        [(f.url, f.normalised_url, f.title, f.snippet, f.found_by, f.platform) for f in persona.findings]
    assert all(normalise_url(f.url) == f.normalised_url for f in persona.findings)


def test_a_name_search_through_the_provider_uses_no_socket(persona, no_sockets):
    client = CannedClient(persona, delay=0)
    results = demo_provider().search('  "jordan   SAMPLE" ', client)  # spacing and case do not matter

    expected = [f.url for f in persona.findings if "name:jordan-sample" in f.found_by]
    assert [r.url for r in results] == expected
    assert all(r.provider == "duckduckgo" for r in results)
    assert client.served == [('"jordan SAMPLE"', "name.html")]
    assert no_sockets == []


def test_unknown_queries_get_the_no_results_page(persona, no_sockets):
    client = CannedClient(persona, delay=0)
    assert demo_provider().search("something nobody planned", client) == []
    # The image search shares its words with the name search but must not shadow its page.
    assert client.page_for_query('"Jordan Sample"') == "name.html"
    request = HttpRequest("https://html.duckduckgo.com/html/?q=%22Jo+Sample%22")
    response = client.get(request, "DuckDuckGo")
    assert response.status == 200 and response.charset == "UTF-8"
    assert client.served[-1] == ('"Jo Sample"', "nickname.html")


def test_canned_module_does_not_import_requests():
    tree = ast.parse(Path(canned_module.__file__).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    # Absolute imports only: "from .http import HttpRequest" is our own module, not http.client.
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and not node.level}
    assert "threading" in imported and "urllib.parse" in imported  # the walk does see imports
    assert not any(name.split(".")[0] in ("requests", "urllib3", "socket", "http") for name in imported)


def test_close_interrupts_the_demo_delay(persona):
    client = CannedClient(persona, delay=30)
    outcome = []

    def ask():
        try:
            client.get(HttpRequest("https://html.duckduckgo.com/html/", {"q": '"Jordan Sample"'}), "DuckDuckGo")
        except SearchError as error:
            outcome.append(error.kind)

    worker = threading.Thread(target=ask)
    started = time.monotonic()
    worker.start()
    time.sleep(0.05)  # let it reach the wait; the assertion below does not depend on it
    client.close()
    worker.join(5)
    assert outcome == ["cancelled"] and time.monotonic() - started < 5 and client.cancelled
    with pytest.raises(SearchError):
        client.get(HttpRequest("https://html.duckduckgo.com/html/", {"q": "x"}), "DuckDuckGo")


def test_runner_runs_the_demo_plan_end_to_end(persona, no_sockets):
    recorder = Recorder()
    runner = make_demo_runner(persona, recorder, delay=0.01)
    runner.start(persona.searches + [custom_search("Jordan Sample netball")])
    assert runner.wait(10)

    done = {e.search_id: e.results for e in recorder.of("done")}
    [failed] = recorder.of("failed")
    assert failed.search_id == "image:jordan-sample" and failed.error.kind == "browser_only"
    assert set(done) == {s.id for s in persona.searches if not s.browser_only} | {"custom:jordan-sample-netball"}
    assert done["custom:jordan-sample-netball"] == () and done["name:jordan-testbury"] == ()
    merged = merge_results([(s.id, done[s.id]) for s in persona.searches if s.id in done])
    assert [(m.normalised, m.found_by) for m in merged] == [(f.normalised_url, f.found_by) for f in persona.findings]
    assert recorder.kinds()[-1] == "finished"
    assert no_sockets == []


def test_runner_hands_its_settings_and_limiter_to_the_factory(persona, no_sockets):
    built = []
    make = canned_client_factory(persona, delay=0)

    def factory(settings, limiter):
        built.append((settings, limiter))
        return make(settings, limiter)

    settings = SearchSettings(max_workers=1)
    limiter = HostRateLimiter(0.0)
    recorder = Recorder()
    runner = SearchRunner(demo_provider(), settings, recorder, limiter=limiter, client_factory=factory)
    runner.start([persona.searches[0]])
    assert runner.wait(10)
    runner.start([persona.searches[1]])  # a new run gets a new client
    assert runner.wait(10)
    assert built == [(settings, limiter), (settings, limiter)]
    assert [e.search_id for e in recorder.of("done")] == [persona.searches[0].id, persona.searches[1].id]


def test_cancelling_a_demo_run_is_prompt(persona):
    recorder = Recorder()
    runner = make_demo_runner(persona, recorder, delay=30)
    runner.start(persona.searches)
    assert recorder.signal("running").wait(5)
    started = time.monotonic()
    runner.cancel()
    assert runner.wait(1) and time.monotonic() - started < 1
    assert recorder.of("done") == [] and recorder.kinds()[-1] == "finished"
