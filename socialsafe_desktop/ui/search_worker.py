"""The Qt side of searching inside the app.

SearchRunner calls back from its worker threads. Those threads must never touch a widget, so
the callback here only puts the event in an inbox and, if the GUI thread has not been woken
yet, emits a private signal connected with a queued connection. Qt turns that emit into an
event on the GUI thread's queue; there the inbox is drained and plain signals go out to the
page. This is the idea of MusicBrainz Picard's thread helper (work on a pool, post the result
back to the GUI thread), built on signals.

The GUI thread drains the inbox for at most a few milliseconds per turn of the event loop and
comes back for the rest on the next turn, so a burst of results never freezes the window.

An answer can be kept (saved) on the worker thread that fetched it, before it is posted: the
`keep` function given to the bridge, so the window never waits for the disk. search_done then
carries what keep returned.

Every run has a number. Cancel tells the runners to stop (waiting, at most, for an answer being
kept), hands out the answers already kept, bumps the number, empties the inbox and reports
"finished" at once, from the GUI thread; anything the old run still sends carries the old number
and is dropped. So after Cancel the page is idle straight away, nothing saved goes unshown, and a
result still on its way can never add a row.

When one search finds the computer offline, or a service asks for a human check, every runner
of the run stops (search/runner.py explains why): the searches left are reported with
search_not_run, then run_summary says so once, with one sentence for one banner and the ids to
offer in the browser, then finished.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from ..net.http import HostRateLimiter
from ..search.providers import Provider
from ..search.results import SearchResult
from ..search.runner import STOP_KINDS, ResultBudget, RunnerEvent, RunTally, SearchRunner, unexpected_failure
from ..search.settings import SearchSettings
from .gil import SwitchInterval
from .worker_inbox import WorkerInbox

log = logging.getLogger(__name__)

class SearchBridge(QObject):
    """Runs searches through one or more providers and reports on the GUI thread.

    One SearchRunner per provider (a provider is one endpoint, so one host); all share one
    per-host rate limiter that outlives the runs, so Cancel and Run again stays polite, and one
    budget of results (MAX_RESULTS_PER_RUN), so a flood of results is cut before it gets here.

    Signals, in the order a run sends them: started, then per search search_state ("queued",
    "running") and one of search_done / search_failed / search_not_run (none for searches a
    Cancel cuts short), progress after each done or failed, then run_summary and finished,
    exactly once each per run (also after Cancel, and for a run with nothing to do).
    """

    started = Signal(int)                # number of searches in the run
    search_state = Signal(str, str)      # search id, "queued" or "running"
    # search id, tuple of SearchResult (empty: nothing found), or what `keep` made of them
    search_done = Signal(str, object)
    search_failed = Signal(str, object)  # search id, SearchError
    # search id, SearchError (kind "offline" or "blocked"): never sent, or its answer dropped,
    # because the run stopped early. The page marks the search "not run" (not failed, not
    # cancelled) and does not repeat the message on each row: run_summary has it once.
    search_not_run = Signal(str, object)
    progress = Signal(int, int)          # searches settled (done + failed), searches in the run
    # search.runner.RunSummary, just before finished: the counts (done + failed + not_run +
    # cancelled == total), why the run ended (reason "complete", "cancelled", "offline" or
    # "blocked"), and for offline/blocked one sentence (message) for ONE banner plus the ids of
    # the searches to offer in the browser (unanswered), in plan order.
    run_summary = Signal(object)
    finished = Signal(bool)              # True when the run was cancelled

    DRAIN_BUDGET_S = 0.008  # GUI time per turn of the event loop spent on search events

    def __init__(self, settings: SearchSettings, parent: QObject | None = None, *,
                 client_factory: Callable | None = None,
                 keep: Callable[[str, tuple[SearchResult, ...]], Any] | None = None) -> None:
        """keep(search id, results): called on the worker thread with each answer, before it is
        reported; it must not touch a widget. An exception from it fails that search."""
        super().__init__(parent)
        self._settings = settings
        self._keep = keep
        # The demo passes a client that answers from canned pages and never opens a socket.
        self._client_factory = client_factory
        self._limiter = HostRateLimiter(settings.host_delay)
        self._run_number = 0
        self._runners: list[SearchRunner] = []
        self._open_runners = 0
        self._tally = RunTally([])
        self._inbox = WorkerInbox(self._drain, self)
        self._switch = SwitchInterval()

    @property
    def settings(self) -> SearchSettings:
        return self._settings

    def set_settings(self, settings: SearchSettings) -> None:
        """New settings apply to the next run; the politeness delay restarts only if it changed."""
        if settings.host_delay != self._settings.host_delay:
            self._limiter = HostRateLimiter(settings.host_delay)
        self._settings = settings

    @property
    def is_running(self) -> bool:
        return bool(self._runners)

    def start(self, jobs: Iterable[tuple[Provider, Sequence[Any]]]) -> None:
        """Start a run: each job is a provider and the searches (PlannedSearch-like) it runs."""
        if self.is_running:
            raise RuntimeError("a search run is already in progress")
        self._run_number += 1
        number = self._run_number
        work: list[tuple[SearchRunner, list[Any]]] = []
        ids: dict[str, None] = {}
        for provider, searches in jobs:
            # One search, one outcome: an id given twice (even to two providers) runs once.
            unique = [s for s in {s.id: s for s in searches}.values() if s.id not in ids]
            if not unique:
                continue
            runner = SearchRunner(provider, self._settings, lambda event, n=number: self._from_worker(n, event),
                                  limiter=self._limiter, client_factory=self._client_factory)
            work.append((runner, unique))
            ids.update(dict.fromkeys(s.id for s in unique))
        budget = ResultBudget()
        self._tally = RunTally(list(ids), budget)
        self._runners = [runner for runner, _ in work]
        self._open_runners = len(work)
        if work:
            self._share_the_gil(True)
        total = self._tally.total
        self.started.emit(total)
        self.progress.emit(0, total)
        if not work:
            self.run_summary.emit(self._tally.summary())
            self.finished.emit(False)
            return
        for runner, searches in work:
            runner.start(searches, budget)

    def cancel(self) -> None:
        """Stop everything now. Returns at once; "finished" (cancelled) is emitted before it returns."""
        if not self._runners:
            return
        runners, self._runners = self._runners, []
        self._open_runners = 0
        for runner in runners:
            # Never waits for the network; waits for an answer being kept, which is then posted.
            runner.cancel()
        # Answers already kept are saved: they are shown like any other. The rest is dropped;
        # no worker posts again once its runner's cancel() has returned.
        while (posted := self._inbox.take()) is not None:
            if posted[1][0].kind == "done":
                self._deliver(posted[0], *posted[1])
        self._run_number += 1  # from here on, whatever the old run still sends is dropped
        self._share_the_gil(False)
        self.run_summary.emit(self._tally.summary(cancelled=True))
        self.finished.emit(True)

    # -- the two sides of the thread boundary ------------------------------------------------

    def _from_worker(self, number: int, event: RunnerEvent) -> None:
        """Called on a worker thread (or wherever the runner calls from), inside the runner's
        lock: a Cancel comes wholly before an answer is kept, or after it is posted. Touches no
        widget."""
        if number != self._run_number:
            return  # a cancelled run's straggler
        kept: Any = event.results
        if event.kind == "done" and self._keep is not None:
            try:
                kept = self._keep(event.search_id, event.results)
            except Exception as exc:  # a bug must not stop the run: this search failed
                log.exception("an answer could not be kept")
                event = replace(event, kind="failed", results=(), error=unexpected_failure(exc))
        self._inbox.post(number, (event, kept))

    def _drain(self) -> None:
        """On the GUI thread: hand out events until the budget for this turn is spent."""
        deadline = time.perf_counter() + self.DRAIN_BUDGET_S
        while (posted := self._inbox.take()) is not None:
            self._deliver(posted[0], *posted[1])
            if time.perf_counter() > deadline:
                # The rest on the next turn, after timers and painting have had theirs.
                QTimer.singleShot(0, self, self._drain)
                return

    def _deliver(self, number: int, event: RunnerEvent, kept: Any) -> None:
        if number != self._run_number:
            return
        kind = event.kind
        self._tally.add(event)
        if kind in ("queued", "running"):
            self.search_state.emit(event.search_id, kind)
        elif kind in ("done", "failed"):
            if kind == "done":
                self.search_done.emit(event.search_id, kept)
            else:
                self.search_failed.emit(event.search_id, event.error)
            if number == self._run_number:  # a listener may have pressed Cancel meanwhile
                self.progress.emit(self._tally.settled, self._tally.total)
        elif kind == "not_run":
            self.search_not_run.emit(event.search_id, event.error)
        elif kind == "finished":
            self._open_runners -= 1
            if event.reason in STOP_KINDS and self._tally.stop_error is not None:
                # Offline here is offline everywhere; a human check stops the run as a whole so
                # the person gets one message and one way on.
                for runner in self._runners:
                    runner.stop(self._tally.stop_error)  # a runner already finished ignores this
            if self._open_runners <= 0 and self._runners and number == self._run_number:
                self._runners = []
                self._share_the_gil(False)
                self.run_summary.emit(self._tally.summary())
                self.finished.emit(False)

    def _share_the_gil(self, running: bool) -> None:
        """Up to a dozen workers parse pages at once while a run goes: see ui/gil.py."""
        self._switch.set(running)


class ProviderTester(QObject):
    """Settings' "Test" buttons: runs search.probe.probe_provider on a worker thread and reports
    on the GUI thread. The worker only calls the probe and posts its result back; it never
    touches a widget. A daemon thread, like the runner's, so closing the app never waits for a
    test that is still talking to a slow server."""

    # provider name, whether it worked, one plain sentence to show as plain text
    tested = Signal(str, bool, str)
    _result = Signal(str, bool, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: set[str] = set()
        self._result.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def is_testing(self, name: str) -> bool:
        return name in self._running

    def start(self, name: str, settings: SearchSettings, key_provider: Callable[[str], str | None] | None) -> bool:
        """Test provider `name`; False (and nothing sent) when a test of it is already running."""
        if name in self._running:
            return False
        self._running.add(name)

        def work() -> None:
            from ..search.probe import probe_provider  # requests is imported off the GUI thread

            result = probe_provider(name, settings, key_provider)
            try:
                self._result.emit(name, result.ok, result.sentence)
            except RuntimeError:
                pass  # the Settings window closed and took this object with it

        threading.Thread(target=work, name=f"socialsafe-test-{name}", daemon=True).start()
        return True

    def _deliver(self, name: str, ok: bool, sentence: str) -> None:
        self._running.discard(name)
        self.tested.emit(name, ok, sentence)
