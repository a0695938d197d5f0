"""SearchRunner: events, politeness across threads, and cancelling while a request is in flight."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

import pytest
from search_helpers import FAST, PATHS, Recorder, fixture_bytes
from werkzeug import Response

from socialsafe_desktop.core.queries import PlannedSearch
from socialsafe_desktop.search import SearchError, SearchRunner, make_provider
from socialsafe_desktop.search.runner import ResultBudget, RunnerEvent, RunTally, offline_message

TERMINAL = {"done", "failed", "cancelled"}


def planned(*texts, browser_only=False):
    return [PlannedSearch(f"custom:{i}", "custom", text, browser_only=browser_only) for i, text in enumerate(texts)]


def by_query(request):
    """A DuckDuckGo stand-in: the page depends on the words searched."""
    q = request.form.get("q", "")  # DuckDuckGo's form is POSTed
    if q == "found":
        return Response(fixture_bytes("ddg_results.html"), content_type="text/html")
    if q == "nothing":
        return Response(fixture_bytes("ddg_no_results.html"), content_type="text/html")
    return Response("not here", status=404)


def test_events_for_a_run(providers_on_server, recorder):
    providers_on_server.expect_request(PATHS["duckduckgo"]).respond_with_handler(by_query)
    runner = SearchRunner(make_provider("duckduckgo", FAST), FAST, recorder)
    searches = planned("found", "nothing", "missing")

    runner.start(searches + searches[:1])  # a repeated id runs once

    assert runner.wait(10)
    assert not runner.is_running
    assert recorder.kinds()[-1] == "finished" and recorder.kinds().count("finished") == 1
    for search in searches:
        kinds = recorder.kinds(search.id)
        assert kinds[:2] == ["queued", "running"] and len(kinds) == 3
    done = {e.search_id: e for e in recorder.of("done")}
    assert len(done["custom:0"].results) == 3
    assert done["custom:1"].results == ()  # "nothing found" is a success
    [failed] = recorder.of("failed")
    assert failed.search_id == "custom:2" and failed.error.kind == "http" and "404" in failed.error.message
    assert len(providers_on_server.log) == 3


def test_a_run_the_system_gives_no_thread_for_ends_with_every_search_failed(monkeypatch, recorder):
    def no_thread(self):
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", no_thread)
    runner = SearchRunner(make_provider("duckduckgo", FAST), FAST, recorder)
    searches = planned("one", "two")

    runner.start(searches)

    assert runner.wait(5)
    assert [e.search_id for e in recorder.of("failed")] == [s.id for s in searches]
    assert {e.error.kind for e in recorder.of("failed")} == {"unexpected"}
    assert recorder.of("finished")[0].reason == "complete"


def test_per_host_delay_holds_across_worker_threads(providers_on_server, recorder):
    delay = 0.25
    times = []
    lock = threading.Lock()

    def timed(request):
        with lock:
            times.append(time.monotonic())
        return by_query(request)

    providers_on_server.expect_request(PATHS["duckduckgo"]).respond_with_handler(timed)
    settings = replace(FAST, host_delay=delay, max_workers=4)
    runner = SearchRunner(make_provider("duckduckgo", settings), settings, recorder)

    runner.start(planned("found", "nothing", "found again", "nothing again"))

    assert runner.wait(10)
    times.sort()
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert len(gaps) == 3 and all(gap >= 0.9 * delay for gap in gaps)


def test_retries_happen_inside_a_run(providers_on_server, recorder):
    calls = []

    def flaky(request):
        calls.append(1)
        return Response("busy", status=503) if len(calls) <= 2 else by_query(request)

    providers_on_server.expect_request(PATHS["duckduckgo"]).respond_with_handler(flaky)
    runner = SearchRunner(make_provider("duckduckgo", FAST), FAST, recorder)
    runner.start(planned("found"))
    assert runner.wait(10)
    assert len(calls) == 3 and len(recorder.of("done")[0].results) == 3


class SpyProvider:
    """Wraps a provider to tell the test when each search's worker really returns."""

    def __init__(self, inner):
        self.inner = inner
        self.returned: dict[str, threading.Event] = {}
        self.outcome: dict[str, object] = {}
        self.entered = threading.Condition()

    def wait_entered(self, count, timeout=5):
        with self.entered:
            return self.entered.wait_for(lambda: len(self.returned) >= count, timeout)

    def search(self, query, client):
        with self.entered:
            returned = self.returned.setdefault(query, threading.Event())
            self.entered.notify_all()
        try:
            result = self.inner.search(query, client)
            self.outcome[query] = result
            return result
        except Exception as exc:
            self.outcome[query] = exc
            raise
        finally:
            returned.set()


def test_cancel_makes_the_runner_idle_while_a_request_hangs(silent_server, point_providers_at, recorder):
    point_providers_at(silent_server.url)
    settings = replace(FAST, timeout=3.0, max_workers=1)  # "one" in flight, the others queued
    spy = SpyProvider(make_provider("duckduckgo", settings))
    runner = SearchRunner(spy, settings, recorder)
    searches = planned("one", "two", "three")

    runner.start(searches)
    assert spy.wait_entered(1)  # "one" is now (about to be) stuck on the silent server
    cancelled_at = time.monotonic()
    runner.cancel()

    assert runner.wait(0.25) is True
    assert time.monotonic() - cancelled_at < 0.25
    assert not runner.is_running
    kinds = recorder.kinds()
    assert kinds[-1] == "finished"
    for search in searches:
        assert recorder.kinds(search.id)[-1] == "cancelled"
    assert not recorder.of("done") and not recorder.of("failed")

    # The stuck worker comes back with an outcome (when the server hangs up, or at once if
    # cancelling closed its connection first: either may win), and that outcome is discarded:
    # nothing is reported after "finished".
    count = len(recorder.events)
    assert list(spy.returned) == ["one"]
    silent_server.close()
    assert spy.returned["one"].wait(5)
    assert "one" in spy.outcome
    assert len(recorder.events) == count and recorder.kinds()[-1] == "finished"
    assert not recorder.of("done") and not recorder.of("failed")


def test_cancel_wakes_a_worker_waiting_for_its_turn(providers_on_server, recorder):
    providers_on_server.expect_request(PATHS["duckduckgo"]).respond_with_handler(by_query)
    settings = replace(FAST, host_delay=30.0, max_workers=2)  # the second search must wait 30 s
    spy = SpyProvider(make_provider("duckduckgo", settings))
    runner = SearchRunner(spy, settings, recorder)

    runner.start(planned("found", "nothing"))
    assert recorder.signal("done").wait(5) and spy.wait_entered(2)
    [waiting] = [query for query, event in spy.returned.items() if not event.is_set()]
    runner.cancel()

    assert runner.wait(0.25)
    assert spy.returned[waiting].wait(1)  # woken, not left asleep for 30 s
    assert getattr(spy.outcome[waiting], "kind", None) == "cancelled"
    assert len(providers_on_server.log) == 1


def test_cancel_from_inside_the_event_callback_does_not_deadlock(providers_on_server):
    providers_on_server.expect_request(PATHS["duckduckgo"]).respond_with_handler(by_query)
    events = Recorder()
    runner = None

    def on_event(event):
        events(event)
        if event.kind == "running":
            runner.cancel()

    runner = SearchRunner(make_provider("duckduckgo", FAST), FAST, on_event)
    runner.start(planned("found", "nothing"))
    assert runner.wait(5)
    assert events.kinds()[-1] == "finished" and events.kinds().count("finished") == 1
    assert not events.of("done")


def test_browser_only_searches_are_not_sent(providers_on_server, recorder):
    runner = SearchRunner(make_provider("duckduckgo", FAST), FAST, recorder)
    runner.start(planned('"Sam Doe"', browser_only=True))
    assert runner.wait(5)
    [failed] = recorder.of("failed")
    assert failed.error.kind == "browser_only"
    assert providers_on_server.log == []


def test_a_provider_bug_is_a_failed_search_not_a_crash(recorder):
    class Broken:
        def search(self, query, client):
            raise KeyError("surprise")

    runner = SearchRunner(Broken(), FAST, recorder)
    runner.start(planned("x"))
    assert runner.wait(5)
    [failed] = recorder.of("failed")
    assert failed.error.kind == "unexpected" and "surprise" not in failed.error.message


def test_start_while_running_is_refused_and_a_new_run_works_after(silent_server, point_providers_at, recorder):
    point_providers_at(silent_server.url)
    settings = replace(FAST, timeout=3.0)
    runner = SearchRunner(make_provider("duckduckgo", settings), settings, recorder)
    runner.start(planned("a"))
    with pytest.raises(RuntimeError):
        runner.start(planned("b"))
    runner.cancel()
    assert runner.wait(0.25)

    runner.start([])  # an empty plan finishes at once
    assert runner.wait(0.25) and recorder.kinds()[-1] == "finished"


def test_wait_without_a_run_and_cancel_twice_are_harmless(recorder):
    runner = SearchRunner(make_provider("duckduckgo", FAST), FAST, recorder)
    assert runner.wait(0) is True and not runner.is_running
    runner.cancel()
    runner.cancel()
    assert recorder.events == []


# -- stopping early: offline, human checks ------------------------------------------------------


def test_offline_stops_the_run_at_the_first_failure(closed_port, point_providers_at, recorder):
    point_providers_at(closed_port)  # every connection refused, as with no network
    runner = SearchRunner(make_provider("duckduckgo", FAST), FAST, recorder)
    searches = planned(*(f"search {n}" for n in range(15)))
    tally = RunTally([s.id for s in searches])

    runner.start(searches)
    assert runner.wait(10)

    for event in recorder.events:
        tally.add(event)
    [failed] = recorder.of("failed")
    assert failed.error.kind == "offline"
    not_run = recorder.of("not_run")
    assert len(not_run) == 14 and {e.error.kind for e in not_run} == {"offline"}
    [finished] = recorder.of("finished")
    assert finished.reason == "offline" and recorder.kinds()[-1] == "finished"
    summary = tally.summary()
    assert (summary.done, summary.failed, summary.not_run, summary.cancelled) == (0, 1, 14, 0)
    assert summary.reason == "offline" and summary.message == offline_message()
    assert summary.unanswered == tuple(s.id for s in searches)  # all of them, in plan order


def test_a_human_check_stops_the_run_and_sends_nothing_more(providers_on_server, recorder):
    server = providers_on_server
    server.expect_request(PATHS["duckduckgo"]).respond_with_data(
        fixture_bytes("ddg_anomaly.html"), status=202, content_type="text/html")
    settings = replace(FAST, max_workers=1)
    runner = SearchRunner(make_provider("duckduckgo", settings), settings, recorder)
    searches = planned("one", "two", "three", "four")

    runner.start(searches)
    assert runner.wait(10)

    assert len(server.log) == 1  # the rest were never sent
    [failed] = recorder.of("failed")
    assert failed.search_id == "custom:0" and failed.error.kind == "blocked"
    assert [e.search_id for e in recorder.of("not_run")] == ["custom:1", "custom:2", "custom:3"]
    assert recorder.of("finished")[0].reason == "blocked"
    tally = RunTally([s.id for s in searches])
    for event in recorder.events:
        tally.add(event)
    summary = tally.summary()
    assert summary.reason == "blocked" and summary.message.startswith("DuckDuckGo asked for a human check")
    assert summary.unanswered == ("custom:0", "custom:1", "custom:2", "custom:3")


def test_an_ordinary_failure_does_not_stop_the_run(providers_on_server, recorder):
    providers_on_server.expect_request(PATHS["duckduckgo"]).respond_with_handler(by_query)
    runner = SearchRunner(make_provider("duckduckgo", FAST), FAST, recorder)
    runner.start(planned("missing", "found"))
    assert runner.wait(10)
    assert len(recorder.of("failed")) == 1 and len(recorder.of("done")) == 1
    assert not recorder.of("not_run") and recorder.of("finished")[0].reason == "complete"


def test_results_per_run_are_capped_before_they_leave_the_worker(providers_on_server, recorder):
    providers_on_server.expect_request(PATHS["duckduckgo"]).respond_with_handler(by_query)
    budget = ResultBudget(limit=4)
    runner = SearchRunner(make_provider("duckduckgo", replace(FAST, max_workers=1)), replace(FAST, max_workers=1),
                          recorder)
    runner.start(planned("found", "found", "found"), budget)  # 3 results each
    assert runner.wait(10)
    counts = [len(e.results) for e in recorder.of("done")]
    assert sorted(counts) == [0, 1, 3] and budget.left_out == 5


def test_the_tally_always_adds_up_after_a_cancel():
    searches = planned("a", "b", "c", "d")
    tally = RunTally([s.id for s in searches])
    tally.add(RunnerEvent("done", "custom:0", "a"))
    tally.add(RunnerEvent("failed", "custom:1", "b", error=SearchError("http", "No.")))
    summary = tally.summary(cancelled=True)
    assert (summary.done, summary.failed, summary.not_run, summary.cancelled) == (1, 1, 0, 2)
    assert summary.done + summary.failed + summary.not_run + summary.cancelled == summary.total == 4
    assert summary.reason == "cancelled" and summary.unanswered == () and summary.message == ""
