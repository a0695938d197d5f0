"""The Qt side of searching inside the app.

SearchRunner calls back from its worker threads. Those threads must never touch a widget, so
the callback here only puts the event in an inbox and, if the GUI thread has not been woken
yet, emits a private signal connected with a queued connection. Qt turns that emit into an
event on the GUI thread's queue; there the inbox is drained and plain signals go out to the
page. This is the idea of MusicBrainz Picard's thread helper (work on a pool, post the result
back to the GUI thread), built on signals.

The GUI thread drains the inbox for at most a few milliseconds per turn of the event loop and
comes back for the rest on the next turn, so a burst of results never freezes the window.

Every run has a number. Cancel bumps the number, empties the inbox, tells the runners to stop
and reports "finished" at once, from the GUI thread; anything the old run still sends carries
the old number and is dropped. So after Cancel the page is idle straight away, and a result
that was already on its way can never add a row.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from ..net.http import HostRateLimiter
from ..search.providers import Provider
from ..search.runner import RunnerEvent, SearchRunner
from ..search.settings import SearchSettings


class _Probe(QObject):
    ping = Signal()



class SearchBridge(QObject):
    """Runs searches through one or more providers and reports on the GUI thread.

    One SearchRunner per provider (a provider is one endpoint, so one host); all share one
    per-host rate limiter that outlives the runs, so Cancel and Run again stays polite.
    """

    started = Signal(int)                # number of searches in the run
    search_state = Signal(str, str)      # search id, "queued" or "running"
    search_done = Signal(str, object)    # search id, tuple of SearchResult (empty: nothing found)
    search_failed = Signal(str, object)  # search id, SearchError
    progress = Signal(int, int)          # searches settled, searches in the run
    finished = Signal(bool)              # True when the run was cancelled

    # Emitted from any thread when the inbox has something new; handled on the GUI thread only.
    _wake = Signal()
    DRAIN_BUDGET_S = 0.008  # GUI time per turn of the event loop spent on search events

    def __init__(self, settings: SearchSettings, parent: QObject | None = None, *,
                 client_factory: Callable | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        # The demo passes a client that answers from canned pages and never opens a socket.
        self._client_factory = client_factory
        self._limiter = HostRateLimiter(settings.host_delay)
        self._run_number = 0
        self._runners: list[SearchRunner] = []
        self._open_runners = 0
        self._total = 0
        self._settled = 0
        self._inbox: deque[tuple[int, RunnerEvent]] = deque()
        self._inbox_lock = threading.Lock()
        self._woken = False  # a drain is already on its way to the GUI thread
        self._saved_switch: float | None = None
        # Queued even when emitted on the GUI thread (runner.start emits "queued" there), so
        # events are always handled later, in the order the runners sent them.
        self._wake.connect(self._drain, Qt.ConnectionType.QueuedConnection)

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
        total = 0
        for provider, searches in jobs:
            unique = list({s.id: s for s in searches}.values())
            if not unique:
                continue
            runner = SearchRunner(provider, self._settings, lambda event, n=number: self._from_worker(n, event),
                                  limiter=self._limiter, client_factory=self._client_factory)
            work.append((runner, unique))
            total += len(unique)
        self._runners = [runner for runner, _ in work]
        self._open_runners = len(work)
        if work:
            self._share_the_gil(True)
        self._total, self._settled = total, 0
        self.started.emit(total)
        self.progress.emit(0, total)
        if not work:
            self.finished.emit(False)
            return
        for runner, searches in work:
            runner.start(searches)

    def cancel(self) -> None:
        """Stop everything now. Returns at once; "finished" (cancelled) is emitted before it returns."""
        if not self._runners:
            return
        self._run_number += 1  # from here on, whatever the old run still sends is dropped
        with self._inbox_lock:
            self._inbox.clear()
        runners, self._runners = self._runners, []
        self._open_runners = 0
        for runner in runners:
            runner.cancel()  # never waits for the network
        self._share_the_gil(False)
        self.finished.emit(True)

    # -- the two sides of the thread boundary ------------------------------------------------

    def _from_worker(self, number: int, event: RunnerEvent) -> None:
        """Called on a worker thread (or wherever the runner calls from). Touches no widget."""
        if number != self._run_number:
            return  # a cancelled run
        with self._inbox_lock:
            self._inbox.append((number, event))
            if self._woken:
                return
            self._woken = True
        try:
            self._wake.emit()
        except RuntimeError:
            pass  # the window closed and took this object with it; nobody is listening

    def _drain(self) -> None:
        """On the GUI thread: hand out events until the budget for this turn is spent."""
        deadline = time.perf_counter() + self.DRAIN_BUDGET_S
        while True:
            with self._inbox_lock:
                if not self._inbox:
                    self._woken = False  # the next event from a worker wakes us again
                    return
                number, event = self._inbox.popleft()
            self._deliver(number, event)
            if time.perf_counter() > deadline:
                # The rest on the next turn, after timers and painting have had theirs.
                QTimer.singleShot(0, self, self._drain)
                return

    def _deliver(self, number: int, event: RunnerEvent) -> None:
        if number != self._run_number:
            return
        kind = event.kind
        if kind in ("queued", "running"):
            self.search_state.emit(event.search_id, kind)
        elif kind in ("done", "failed"):
            self._settled += 1
            if kind == "done":
                self.search_done.emit(event.search_id, event.results)
            else:
                self.search_failed.emit(event.search_id, event.error)
            if number == self._run_number:  # a listener may have pressed Cancel meanwhile
                self.progress.emit(self._settled, self._total)
        elif kind == "finished":
            self._open_runners -= 1
            if self._open_runners <= 0 and self._runners:
                self._runners = []
                self._share_the_gil(False)
                self.finished.emit(False)

    def _share_the_gil(self, running: bool) -> None:
        """While a run goes, up to a dozen workers parse pages in Python at once. By default a
        thread keeps the interpreter for 5 ms before another gets a turn, so the GUI thread can
        wait several turns and the window stutters; 1 ms turns keep it responsive. Put back after."""
        if running and self._saved_switch is None:
            self._saved_switch = sys.getswitchinterval()
            sys.setswitchinterval(min(self._saved_switch, 0.001))
        elif not running and self._saved_switch is not None:
            sys.setswitchinterval(self._saved_switch)
            self._saved_switch = None
