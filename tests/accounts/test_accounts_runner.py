"""The runner: events in order, one request at a time per host, hosts in parallel, a Cancel that
leaves it idle at once, and late answers dropped."""

from __future__ import annotations

import re
import threading
from dataclasses import replace

import pytest
from accounts_helpers import FAST, Recorder, entry, site_list
from werkzeug import Response

from socialsafe_desktop.accounts.checker import FOUND
from socialsafe_desktop.accounts.estimate import plan_check
from socialsafe_desktop.accounts.runner import AccountCheckRunner

USERNAME = "alex-example"


def plan(entries, username=USERNAME):
    return plan_check(site_list(entries), username, allow_loopback_http=True)


class Gate:
    """A handler that counts requests in flight per Host header and can hold answers back."""

    def __init__(self, body: str = "<p>profile</p>", status: int = 200) -> None:
        self.body, self.status = body, status
        self.lock = threading.Condition()
        self.in_flight: dict[str, int] = {}
        self.most: dict[str, int] = {}
        self.arrived = threading.Event()
        self.release = threading.Event()
        self.release.set()
        self.count = 0

    def __call__(self, request):
        host = request.headers.get("Host", "").rsplit(":", 1)[0]
        with self.lock:
            self.count += 1
            self.in_flight[host] = self.in_flight.get(host, 0) + 1
            self.most[host] = max(self.most.get(host, 0), self.in_flight[host])
            self.lock.notify_all()
        self.arrived.set()
        try:
            self.release.wait(10)
            return Response(self.body, self.status, content_type="text/html")
        finally:
            with self.lock:
                self.in_flight[host] -= 1

    def wait_for(self, predicate, timeout: float) -> bool:
        with self.lock:
            return self.lock.wait_for(predicate, timeout)


@pytest.fixture
def gate(server):
    handler = Gate()
    server.expect_request(re.compile(r"/.*")).respond_with_handler(handler)
    yield handler
    handler.release.set()


def test_events_come_in_order_with_counts(server, gate):
    base = server.url_for("").rstrip("/")
    checks = plan([entry(f"site{n}", f"{base}/s{n}/{{account}}") for n in range(5)]).checks
    recorder = Recorder()

    AccountCheckRunner(FAST, recorder).start(checks)

    assert recorder.finished.wait(10)
    events = recorder.events
    assert events[0].kind == "started" and events[0].total == 5
    assert [e.kind for e in events[1:-1]] == ["result", "progress"] * 5
    assert [e.done for e in events if e.kind == "progress"] == [1, 2, 3, 4, 5]
    assert [e.found for e in events if e.kind == "progress"] == [1, 2, 3, 4, 5]
    last = events[-1]
    assert (last.kind, last.cancelled, last.done, last.found) == ("finished", False, 5, 5)
    assert {r.outcome for r in recorder.results().values()} == {FOUND}


def test_one_request_at_a_time_per_host_while_hosts_go_in_parallel(server, gate):
    port = server.port
    entries = [entry(f"a{n}", f"http://127.0.0.1:{port}/a{n}/{{account}}") for n in range(4)]
    entries += [entry(f"b{n}", f"http://localhost:{port}/b{n}/{{account}}") for n in range(4)]
    gate.release.clear()
    recorder = Recorder()
    runner = AccountCheckRunner(replace(FAST, max_workers=8, timeout=5), recorder)
    runner.start(plan(entries).checks)
    # Hold the first answers until both hosts have a request in flight: only a runner that asks
    # two hosts at once gets there.
    both_hosts_busy = gate.wait_for(lambda: sum(1 for n in gate.in_flight.values() if n) == 2, timeout=5)
    gate.release.set()

    assert recorder.finished.wait(20)
    assert both_hosts_busy
    assert gate.most == {"127.0.0.1": 1, "localhost": 1}
    assert gate.count == 8 and len(recorder.results()) == 8


def test_cancel_leaves_the_runner_idle_at_once_and_drops_late_answers(server, gate):
    base = server.url_for("").rstrip("/")
    gate.release.clear()
    recorder = Recorder()
    runner = AccountCheckRunner(replace(FAST, timeout=10), recorder)
    runner.start(plan([entry(f"site{n}", f"{base}/s{n}/{{account}}") for n in range(3)]).checks)
    assert gate.arrived.wait(5)

    runner.cancel()

    # "finished" was reported before cancel() returned, while the answer is still held back.
    assert recorder.kinds() == ["started", "finished"] and recorder.events[-1].cancelled
    assert not runner.is_running
    gate.release.set()  # the held answer now arrives, too late
    assert runner.join(10), "a worker did not end after Cancel"
    assert recorder.kinds() == ["started", "finished"]


def test_cancel_wakes_a_worker_sleeping_out_a_hosts_delay(server, gate):
    base = server.url_for("").rstrip("/")
    recorder = Recorder()
    # Three sites on one host, 60 s apart: after the first answer, the next request waits.
    runner = AccountCheckRunner(replace(FAST, host_delay=60.0), recorder)
    runner.start(plan([entry(f"site{n}", f"{base}/s{n}/{{account}}") for n in range(3)]).checks)
    assert recorder.wait_for_kind("progress")
    assert recorder.kinds()[:3] == ["started", "result", "progress"]

    runner.cancel()

    assert runner.join(5), "the worker was still sleeping out the delay"
    assert gate.count == 1
    assert recorder.kinds() == ["started", "result", "progress", "finished"]


def test_a_second_start_while_running_is_refused_and_an_empty_plan_finishes_at_once(server, gate):
    base = server.url_for("").rstrip("/")
    gate.release.clear()
    runner = AccountCheckRunner(FAST, Recorder())
    runner.start(plan([entry("one", f"{base}/one/{{account}}")]).checks)
    with pytest.raises(RuntimeError):
        runner.start([])
    runner.cancel()

    recorder = Recorder()
    AccountCheckRunner(FAST, recorder).start([])
    assert [(e.kind, e.total) for e in recorder.events] == [("started", 0), ("finished", 0)]


def test_a_broken_check_is_could_not_check_and_the_run_goes_on(server, gate, monkeypatch):
    from socialsafe_desktop.accounts import runner as runner_module

    base = server.url_for("").rstrip("/")
    real = runner_module.check_one

    def sometimes_broken(client, check):
        if check.site.name == "broken":
            raise KeyError("a bug")
        return real(client, check)

    monkeypatch.setattr(runner_module, "check_one", sometimes_broken)
    recorder = Recorder()
    AccountCheckRunner(FAST, recorder).start(
        plan([entry("broken", f"{base}/b/{{account}}"), entry("fine", f"{base}/f/{{account}}")]).checks)

    assert recorder.finished.wait(10)
    results = recorder.results()
    assert results["broken"].outcome == "could_not_check" and results["fine"].outcome == FOUND


def test_workers_start_apart_and_a_cancel_stops_the_ones_not_yet_started(server, gate, monkeypatch):
    base = server.url_for("").rstrip("/")
    gate.release.clear()  # every answer held: the workers started stay busy
    monkeypatch.setattr(AccountCheckRunner, "WORKER_SPACING_S", 5.0)
    runner = AccountCheckRunner(replace(FAST, max_workers=8, timeout=10), Recorder())
    runner.start(plan([entry(f"site{n}", f"{base}/s{n}/{{account}}") for n in range(8)]).checks)
    assert gate.wait_for(lambda: gate.count == 1, 5)  # the first worker, and no other for now

    runner.cancel()  # wakes the launcher from its wait: no more workers start

    gate.release.set()
    assert runner.join(5)
    assert gate.count == 1
