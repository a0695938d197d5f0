"""SearchBridge, the Qt side of a run: one clear end when the computer is offline, counts that
always add up, and the summary the page shows its one banner from."""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import contextmanager

import pytest
from pytest_httpserver import HTTPServer
from socket_servers import closed_port_url
from werkzeug import Response

from socialsafe_desktop.core.queries import PlannedSearch
from socialsafe_desktop.search import SearchSettings
from socialsafe_desktop.search.providers import DuckDuckGoProvider
from socialsafe_desktop.search.runner import offline_message
from socialsafe_desktop.ui.search_worker import SearchBridge

FAST = SearchSettings(timeout=0.5, host_delay=0.0, backoff=0.01, retries=2)


def plan(prefix: str, count: int) -> list[PlannedSearch]:
    return [PlannedSearch(f"{prefix}{n}", "custom", f"{prefix} words {n}") for n in range(count)]


class Seen:
    """Everything a bridge says, in order."""

    def __init__(self, bridge: SearchBridge) -> None:
        self.events: list[tuple] = []
        bridge.search_done.connect(lambda sid, results: self.events.append(("done", sid)))
        bridge.search_failed.connect(lambda sid, error: self.events.append(("failed", sid, error.kind)))
        bridge.search_not_run.connect(lambda sid, error: self.events.append(("not_run", sid, error.kind)))
        bridge.progress.connect(lambda settled, total: self.events.append(("progress", settled, total)))
        bridge.run_summary.connect(lambda summary: self.events.append(("summary", summary)))
        bridge.finished.connect(lambda cancelled: self.events.append(("finished", cancelled)))

    def of(self, kind: str) -> list[tuple]:
        return [e for e in self.events if e[0] == kind]


@contextmanager
def duckduckgo_stand_in(holds: Callable[[str], bool]):
    """A DuckDuckGo stand-in answering an empty results page; a search whose words `holds`
    is held until the test ends."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    release = threading.Event()

    def answer(request):
        if holds(request.form.get("q", "")):
            release.wait(10)
        return Response("<div id='links' class='results'></div>", content_type="text/html")

    server.expect_request("/html/").respond_with_handler(answer)
    try:
        yield server
    finally:
        release.set()
        server.clear()
        server.stop()


@pytest.fixture
def gated_server():
    """Every request held until the test ends."""
    with duckduckgo_stand_in(lambda _words: True) as server:
        yield server


def test_fifteen_searches_with_every_connection_refused_end_in_one_offline_summary(qtbot):
    bridge = SearchBridge(FAST)
    seen = Seen(bridge)
    searches = plan("s", 15)
    provider = DuckDuckGoProvider(closed_port_url() + "/html/", locale="en_GB")

    # The 2 s bound of the brief: the run must be over, with its one summary, within it.
    with qtbot.waitSignal(bridge.finished, timeout=2000) as finished:
        bridge.start([(provider, searches)])

    assert finished.args == [False] and not bridge.is_running
    [(_, summary)] = seen.of("summary")
    assert summary.reason == "offline" and summary.message == offline_message()
    assert (summary.done, summary.failed, summary.not_run, summary.cancelled) == (0, 1, 14, 0)
    assert summary.done + summary.failed + summary.not_run + summary.cancelled == summary.total == 15
    assert summary.unanswered == tuple(s.id for s in searches)  # one button opens all of these
    assert len(seen.of("failed")) == 1 and seen.of("failed")[0][2] == "offline"
    assert len(seen.of("not_run")) == 14 and {e[2] for e in seen.of("not_run")} == {"offline"}
    assert seen.of("progress")[-1] == ("progress", 1, 15)  # settled: the one that failed
    assert [e[0] for e in seen.events[-2:]] == ["summary", "finished"]


def test_offline_in_one_runner_stops_the_others_too(qtbot, gated_server):
    bridge = SearchBridge(FAST)
    seen = Seen(bridge)
    held = plan("held", 3)
    refused = plan("refused", 3)
    jobs = [(DuckDuckGoProvider(gated_server.url_for("/html/"), locale="en_GB"), held),
            (DuckDuckGoProvider(closed_port_url() + "/html/", locale="en_GB"), refused)]

    with qtbot.waitSignal(bridge.finished, timeout=2000):
        bridge.start(jobs)

    [(_, summary)] = seen.of("summary")
    assert summary.reason == "offline"
    assert (summary.done, summary.failed, summary.not_run, summary.cancelled) == (0, 1, 5, 0)
    assert {e[1] for e in seen.of("not_run")} >= {s.id for s in held}  # the waiting ones too
    assert len(seen.of("finished")) == 1


def test_cancel_sums_up_before_it_reports_finished(qtbot, gated_server):
    bridge = SearchBridge(FAST)
    seen = Seen(bridge)
    with qtbot.waitSignal(bridge.search_state, timeout=2000):
        bridge.start([(DuckDuckGoProvider(gated_server.url_for("/html/")), plan("c", 4))])

    bridge.cancel()

    assert [e[0] for e in seen.events[-2:]] == ["summary", "finished"]
    summary = seen.of("summary")[0][1]
    assert summary.reason == "cancelled" and summary.cancelled == 4 and summary.unanswered == ()
    assert seen.of("finished") == [("finished", True)]


def test_a_run_with_nothing_to_do_still_sums_up(qtbot):
    bridge = SearchBridge(FAST)
    seen = Seen(bridge)
    bridge.start([])
    assert [e[0] for e in seen.events] == ["progress", "summary", "finished"]
    summary = seen.of("summary")[0][1]
    assert summary.total == 0 and summary.reason == "complete"


@pytest.fixture
def answering_server():
    """"quick" searches answered at once, every other one held until the test ends."""
    with duckduckgo_stand_in(lambda words: not words.startswith("quick")) as server:
        yield server


def test_answers_are_kept_on_the_worker_thread_and_a_failing_keep_fails_only_its_search(qtbot, answering_server):
    kept_on = []

    def keep(search_id, results):
        kept_on.append(threading.current_thread() is threading.main_thread())
        if search_id == "quick1":
            raise ValueError("a bug in keeping")
        return ("kept", search_id, results)

    bridge = SearchBridge(FAST, keep=keep)
    handed = []
    bridge.search_done.connect(lambda sid, kept: handed.append(kept))
    seen = Seen(bridge)
    with qtbot.waitSignal(bridge.finished, timeout=5000):
        bridge.start([(DuckDuckGoProvider(answering_server.url_for("/html/"), locale="en_GB"), plan("quick", 2))])

    assert kept_on == [False, False]  # never on the GUI thread
    assert handed == [("kept", "quick0", ())]
    assert seen.of("failed") == [("failed", "quick1", "unexpected")]
    summary = seen.of("summary")[0][1]
    assert (summary.done, summary.failed, summary.reason) == (1, 1, "complete")


def test_an_answer_kept_just_before_cancel_is_handed_out_before_finished(qtbot, answering_server):
    kept = threading.Event()

    def keep(search_id, results):
        kept.set()
        return ("kept", search_id)

    bridge = SearchBridge(FAST, keep=keep)
    seen = Seen(bridge)
    searches = [PlannedSearch("quick", "custom", "quick words"), *plan("held", 2)]
    bridge.start([(DuckDuckGoProvider(answering_server.url_for("/html/"), locale="en_GB"), searches)])
    assert kept.wait(5)
    # Kept (saved) and posted, but the GUI thread has not read it yet: Cancel must not drop it.
    bridge.cancel()

    assert [e[0] for e in seen.events if e[0] != "progress"] == ["done", "summary", "finished"]
    assert seen.of("done") == [("done", "quick")]
    summary = seen.of("summary")[0][1]
    assert (summary.done, summary.cancelled, summary.reason) == (1, 2, "cancelled")
