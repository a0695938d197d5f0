"""Checking many sites off the calling thread, politely, with events and a prompt Cancel.

Politeness: one request in flight per host at a time, and the shared HostRateLimiter's delay
between two requests to one host (kept across runs, so Cancel and Check again stays polite);
a pool of workers spreads the run across hosts. The HTTP client's timeout and byte cap bound
every request.

Threading contract (as search/runner.py): `on_event` is called from the worker threads, and
from the thread that calls start()/cancel(), one event at a time, in order, under the runner's
lock. It must not touch a widget or do anything slow: a Qt bridge puts the event in an inbox
and wakes the GUI thread with a queued signal (as ui/search_worker.py does). Per run:
"started" first, then for each site "result" followed by "progress", then one "finished";
nothing follows "finished". cancel() emits "finished" (cancelled) before it returns and never
waits for the network; a result that arrives later is dropped.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..core.i18n import N_, _
from ..net.errors import NetError
from ..net.http import HostRateLimiter, HttpSettings
from .checker import COULD_NOT_CHECK, FOUND, SiteResult, check_one, check_settings, make_client
from .sites import PreparedCheck

EVENT_KINDS = ("started", "result", "progress", "finished")
UNEXPECTED = N_("Something went wrong with this check; nothing was concluded.")  # stored translated: _(UNEXPECTED)


@dataclass(frozen=True)
class CheckEvent:
    kind: str                        # one of EVENT_KINDS
    total: int = 0                   # sites in the run
    done: int = 0                    # sites settled so far
    found: int = 0                   # of which found
    result: SiteResult | None = None  # for "result"
    cancelled: bool = False          # for "finished"


class _Run:
    """One start() .. finished. Workers of an old run only ever talk to their own, finished run."""

    def __init__(self, checks: Sequence[PreparedCheck], client: Any, delay: float) -> None:
        self.client = client
        self.total = len(checks)
        self.done = 0
        self.found = 0
        self.delay = delay
        self.finished = threading.Event()
        self.cond = threading.Condition()
        self.queues: dict[str, deque[PreparedCheck]] = {}
        for check in checks:
            self.queues.setdefault(check.host, deque()).append(check)
        self.busy: set[str] = set()
        self.ready_at: dict[str, float] = {}
        self.threads: list[threading.Thread] = []

    def take(self) -> PreparedCheck | None:
        """The next check whose host is not busy (preferring hosts whose delay has passed);
        waits while every remaining host is busy; None when the run is over."""
        with self.cond:
            while not self.finished.is_set() and self.queues:
                now = time.monotonic()
                chosen, soonest = None, None
                for host in self.queues:
                    if host in self.busy:
                        continue
                    ready = self.ready_at.get(host, 0.0)
                    if ready <= now:
                        chosen = host
                        break
                    if soonest is None or ready < self.ready_at[soonest]:
                        soonest = host
                chosen = chosen or soonest
                if chosen is None:
                    self.cond.wait()
                    continue
                queue = self.queues[chosen]
                check = queue.popleft()
                if not queue:
                    del self.queues[chosen]
                self.busy.add(chosen)
                self.ready_at[chosen] = max(now, self.ready_at.get(chosen, 0.0)) + self.delay
                return check
            return None

    def release(self, host: str) -> None:
        with self.cond:
            self.busy.discard(host)
            self.cond.notify_all()

    def stop(self) -> None:
        with self.cond:
            self.cond.notify_all()


class AccountCheckRunner:
    """Checks prepared sites on worker threads, reporting CheckEvents (see the module text)."""

    WORKER_SPACING_S = 0.01  # between two workers starting

    def __init__(
        self,
        settings: HttpSettings | None = None,
        on_event: Callable[[CheckEvent], None] | None = None,
        *,
        limiter: HostRateLimiter | None = None,
        client_factory: Callable[[HttpSettings, HostRateLimiter], Any] | None = None,
    ) -> None:
        self.settings = settings or check_settings()
        self.on_event = on_event or (lambda event: None)
        # The demo passes a client that answers from stored pages and never opens a socket.
        self.client_factory = client_factory
        self.limiter = limiter or HostRateLimiter(self.settings.host_delay)
        self._lock = threading.RLock()  # re-entrant: the callback may call cancel()
        self._run: _Run | None = None

    @property
    def is_running(self) -> bool:
        run = self._run
        return run is not None and not run.finished.is_set()

    def start(self, checks: Sequence[PreparedCheck]) -> None:
        """Start checking. Raises RuntimeError while a run is still going."""
        with self._lock:
            if self.is_running:
                raise RuntimeError("a check is already in progress")
            client = (self.client_factory or make_client)(self.settings, self.limiter)
            run = _Run(list(checks), client, self.limiter.delay)
            self._run = run
            self._emit(CheckEvent("started", total=run.total))
            if not run.total:
                self._finish(run, cancelled=False)
                return
            workers = max(1, min(self.settings.max_workers, len(run.queues)))
            # The workers are started from a thread of their own: starting sixteen threads while
            # the first ones already run costs the caller (the window's thread) tens of ms.
            launcher = threading.Thread(target=self._launch, args=(run, workers), name="socialsafe-accounts",
                                        daemon=True)
            run.threads.append(launcher)
            launcher.start()

    def cancel(self) -> None:
        """Stop now: "finished" (cancelled) is emitted before this returns. Never blocks on I/O."""
        with self._lock:
            run = self._run
            if run is None or run.finished.is_set():
                return
            self._finish(run, cancelled=True)
        run.stop()          # wakes workers waiting for a free host
        run.client.close()  # wakes workers sleeping out a host's delay; in-flight answers are dropped

    def wait(self, timeout: float | None = None) -> bool:
        """True once the current run has finished (or there is none); False on timeout."""
        run = self._run
        return True if run is None else run.finished.wait(timeout)

    def join(self, timeout: float | None = None) -> bool:
        """True once every worker of the last run has ended (after Cancel, a worker may still be
        waiting for a socket). For tests and benchmarks; the window never needs it."""
        run = self._run
        if run is None:
            return True
        deadline = None if timeout is None else time.monotonic() + timeout
        run.threads[0].join(timeout)  # the launcher first: after it, the list of workers is complete
        with run.cond:
            threads = list(run.threads)
        for thread in threads:
            thread.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
        return not any(thread.is_alive() for thread in threads)

    # -- internals --------------------------------------------------------------------------

    def _emit(self, event: CheckEvent) -> None:
        self.on_event(event)

    def _finish(self, run: _Run, *, cancelled: bool) -> None:
        if not run.finished.is_set():
            self._emit(CheckEvent("finished", total=run.total, done=run.done, found=run.found, cancelled=cancelled))
            run.finished.set()

    def _launch(self, run: _Run, workers: int) -> None:
        # Daemon threads, as in the search runner: after cancel() a worker may sit in a socket
        # read until its timeout, and quitting the app must not wait for it.
        for n in range(workers):
            # A few ms apart: sixteen workers sending their first requests at once would keep
            # the interpreter from the window for tens of ms just as the check starts. The
            # politeness delay, not this, decides how long a check takes.
            if run.finished.is_set() or (n and run.finished.wait(self.WORKER_SPACING_S)):
                return
            thread = threading.Thread(target=self._worker, args=(run,), name=f"socialsafe-accounts-{n}", daemon=True)
            with run.cond:
                run.threads.append(thread)
            thread.start()

    def _worker(self, run: _Run) -> None:
        while True:
            check = run.take()
            if check is None:
                return
            try:
                result = check_one(run.client, check)
            except NetError:
                result = None  # cancelled: the run is over
            except Exception:  # a bug or an odd answer must not kill the run or the app
                result = SiteResult(site=check.site.name, category=check.site.category, outcome=COULD_NOT_CHECK,
                                    reason=_(UNEXPECTED), profile_url=check.profile_url, site_url=check.site_url)
            finally:
                run.release(check.host)
            if result is None:
                continue
            with self._lock:
                if run.finished.is_set():
                    return  # cancelled meanwhile: a late result is dropped
                run.done += 1
                if result.outcome == FOUND:
                    run.found += 1
                self._emit(CheckEvent("result", total=run.total, done=run.done, found=run.found, result=result))
                self._emit(CheckEvent("progress", total=run.total, done=run.done, found=run.found))
                if run.done >= run.total:
                    self._finish(run, cancelled=False)
                    run.stop()
                    run.client.close()
