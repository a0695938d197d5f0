"""The Qt side of the forgotten-accounts check, and of loading its data off the GUI thread.

AccountCheckRunner (accounts/runner.py) calls back from its worker threads. As in
ui/search_worker.py, those threads never touch a widget: the callback only puts the event in an
inbox and, if the GUI thread has not been woken yet, emits a private signal connected with a
queued connection. On the GUI thread the inbox is drained in small time slices and plain
signals go out to the page.

Answers are handed out in batches, at most about ten a second: each batch is one save (one
SQLite transaction) and one update of the page, however many sites answered meanwhile. So 700
sites answering in a minute never turn into 700 saves and 700 repaints. The save is made by
the run's `keep` function on a saving thread of its own, batch after batch, so the window never
waits for the disk; each batch is handed out once it is kept, and "finished" after the last.

Cancel stops the runner (which reports "finished" before it returns and drops anything that
arrives later), then keeps and hands out, at once, the answers that had already arrived: they
are real answers. So after Cancel the page is idle straight away and nothing is lost.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from .gil import SwitchInterval
from .worker_inbox import WorkerInbox

log = logging.getLogger(__name__)


class BackgroundTask(QObject):
    """Runs one function on a daemon thread and reports on the GUI thread: done(result) or
    failed(exception). The thread never touches a widget; the page shows the result."""

    done = Signal(object)
    failed = Signal(object)
    _finished = Signal(bool, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.running = False
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def start(self, work: Callable[[], Any], name: str = "socialsafe-load") -> bool:
        """False (and nothing started) while the previous one is still running."""
        if self.running:
            return False
        self.running = True

        def run() -> None:
            try:
                result, ok = work(), True
            except Exception as exc:  # reported to the page as one sentence, never a crash
                result, ok = exc, False
            try:
                self._finished.emit(ok, result)
            except RuntimeError:
                pass  # the page closed and took this object with it

        threading.Thread(target=run, name=name, daemon=True).start()
        return True

    def _deliver(self, ok: bool, result: object) -> None:
        self.running = False
        (self.done if ok else self.failed).emit(result)


class _Keeper:
    """A daemon thread that runs a run's keep() on its batches, in order, and posts each
    outcome back. The window hands it work and, on Cancel, waits for it to be done. The thread
    ends after a run's "finished" when nothing more is waiting, so none is left idle between
    checks (a trainer may reset the demo many times)."""

    def __init__(self, post: Callable[[tuple], None]) -> None:
        self._post = post
        self._jobs: queue.SimpleQueue[tuple] = queue.SimpleQueue()
        self._idle = threading.Condition()
        self._pending = 0
        self._thread: threading.Thread | None = None

    def ready(self) -> None:
        """Start the thread, if none is running: best before the check's workers compete with
        the window for the interpreter, since threading's start() waits until the thread runs."""
        with self._idle:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="socialsafe-accounts-save", daemon=True)
                self._thread.start()

    def put(self, keep: Callable[[tuple], Any] | None, kind: str, payload: Any, last: tuple) -> None:
        """kind "results": keep(payload) is posted; "finished": payload as it is (keep None)."""
        with self._idle:
            self._pending += 1  # counted first: a thread about to end sees it and carries on
        self.ready()
        self._jobs.put((keep, kind, payload, last))

    def wait(self) -> None:
        """Until every batch handed over is kept and posted."""
        with self._idle:
            self._idle.wait_for(lambda: self._pending == 0)

    def _run(self) -> None:
        while True:
            keep, kind, payload, last = self._jobs.get()
            if kind == "results":
                try:
                    payload = keep(payload)
                except Exception:  # a bug must not stop the check: the batch is handed out unkept
                    log.exception("a batch of answers could not be kept")
                    payload = None
            try:
                self._post((kind, payload, last))
            finally:
                ending = self._done(kind)
            if ending:
                return

    def _done(self, kind: str) -> bool:
        """One job less; True (and the thread is let go) after a run's end with nothing waiting."""
        with self._idle:
            self._pending -= 1
            self._idle.notify_all()
            if kind == "finished" and self._pending == 0:
                self._thread = None
                return True
            return False


class AccountCheckBridge(QObject):
    """Runs one check at a time and reports on the GUI thread.

    Signals, in the order a run sends them: started (sites in the run), then any number of
    results each followed by progress (done, total, found in this run), then finished (True when
    cancelled), exactly once per run. results carries what the run's keep() made of a batch (a
    tuple of SiteResult, in the order they came), or None when keep failed with a bug.
    """

    started = Signal(int)
    results = Signal(object)
    progress = Signal(int, int, int)
    finished = Signal(bool)

    DRAIN_BUDGET_S = 0.008   # GUI time per turn spent reading the inbox
    BATCH_INTERVAL_S = 0.1   # at least this long between two batches (one save, one repaint each)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = None
        self._limiter = None
        self._run_number = 0
        self._inbox = WorkerInbox(self._drain, self)
        self._kept = WorkerInbox(self._hand_out, self)
        self._keeper = _Keeper(lambda outcome: self._kept.post(0, outcome))
        self._keep: Callable[[tuple], Any] | None = None  # the current run's
        self._next_batch = 0.0
        self._switch = SwitchInterval()
        self._last = (0, 0, 0)  # done, total, found of the current run

    @property
    def is_running(self) -> bool:
        return self._runner is not None

    def start(self, checks: Sequence, settings, client_factory: Callable | None = None,
              *, keep: Callable[[tuple], Any]) -> None:
        """Check these sites (PreparedChecks). The per-host politeness delay outlives the run,
        so Cancel and carrying on stays polite. keep(batch) saves a batch of SiteResults on the
        saving thread; it must not touch a widget. RuntimeError while a run is going."""
        from ..accounts.runner import AccountCheckRunner  # the HTTP stack only when a check runs
        from ..net.http import HostRateLimiter

        if self.is_running:
            raise RuntimeError("a check is already in progress")
        if self._limiter is None or self._limiter.delay != settings.host_delay:
            self._limiter = HostRateLimiter(settings.host_delay)
        self._run_number += 1
        number = self._run_number
        self._keep = keep
        self._keeper.ready()
        self._last = (0, len(checks), 0)
        self._runner = AccountCheckRunner(settings, lambda event: self._from_worker(number, event),
                                          limiter=self._limiter, client_factory=client_factory)
        self._switch.shorten()
        self._runner.start(list(checks))

    def cancel(self) -> None:
        """Stop now. Answers already in hand are kept and handed out, and "finished" (cancelled)
        is emitted before this returns; nothing of this run follows."""
        runner = self._runner
        if runner is None:
            return
        runner.cancel()  # puts "finished" in the inbox before it returns, and never waits for the network
        self._drain(everything=True)
        self._keeper.wait()  # at most the batches already handed over: a save or two
        self._hand_out()

    # -- the two sides of the thread boundary ------------------------------------------------

    def _from_worker(self, number: int, event) -> None:
        """Called on a worker thread (or wherever the runner calls from). Touches no widget."""
        if number == self._run_number:
            self._inbox.post(number, event)

    def _drain(self, everything: bool = False) -> None:
        """On the GUI thread: read the inbox (for a few ms at most) and hand out one batch."""
        now = time.perf_counter()
        if not everything and now < self._next_batch:
            QTimer.singleShot(max(1, round((self._next_batch - now) * 1000)), self, self._drain)
            return
        deadline = now + self.DRAIN_BUDGET_S
        batch: list = []
        finished: bool | None = None
        more = False
        while (posted := self._inbox.take()) is not None:
            number, event = posted
            if number != self._run_number:
                continue
            if event.kind == "result":
                batch.append(event.result)
            if event.kind in ("result", "progress", "finished"):
                self._last = (event.done, event.total, event.found)
            if event.kind == "started":
                self.started.emit(event.total)
            elif event.kind == "finished":
                finished = event.cancelled
                break
            if not everything and time.perf_counter() > deadline:
                more = True
                break
        self._next_batch = time.perf_counter() + self.BATCH_INTERVAL_S
        if batch:
            self._keeper.put(self._keep, "results", tuple(batch), self._last)
        if finished is not None:
            self._run_number += 1  # nothing more of this run is read from the inbox
            self._inbox.clear()
            self._keeper.put(None, "finished", finished, self._last)  # handed out after the last batch
        elif more:
            QTimer.singleShot(0, self, self._drain)

    def _hand_out(self) -> None:
        """On the GUI thread: the batches kept so far, in order, then "finished" after the last."""
        while (posted := self._kept.take()) is not None:
            kind, payload, last = posted[1]
            if kind == "results":
                self.results.emit(payload)
                self.progress.emit(*last)
            else:
                self._runner = None
                self._switch.restore()
                self.progress.emit(*last)
                self.finished.emit(payload)
