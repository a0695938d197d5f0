"""Running a plan of searches in the background, and one search from the command line.

Threading contract: SearchRunner calls `on_event` from its worker threads (and from the thread
that calls start()/cancel()/stop()). It never touches the UI; the UI's adapter must marshal each
event to the GUI thread (e.g. emit a Qt signal with a queued connection). Events are delivered
one at a time, in order, under the runner's lock; no event follows "finished" of a run. So a
callback may do a little work on an answer (the window saves it there), knowing that a cancel()
waits for it, and that nothing of that search is reported cancelled.

A run stops early, at the first search that fails in a way every other search would too: the
computer is offline (kind "offline"), or the service asked for a human check or refused an app
(kind "blocked"). That search is "failed"; every search not yet answered is "not_run" with the
same error; then one "finished" whose reason says why. Sending the rest would only make the
person wait for the same message fifteen times (and, for a human check, make the block last).
"""

from __future__ import annotations

import _thread
import queue
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from ..core.i18n import _
from ..net.http import HostRateLimiter, HttpClient
from .providers import KeyProvider, Provider, make_provider
from .results import MAX_RESULTS_PER_RUN, SearchError, SearchResult
from .settings import SearchSettings

EVENT_KINDS = ("queued", "running", "done", "failed", "not_run", "cancelled", "finished")
# Error kinds after which the rest of a run would fail the same way, so the run stops.
STOP_KINDS = frozenset({"offline", "blocked"})
# Why a run finished: every search settled, the person cancelled, or one of STOP_KINDS.
FINISH_REASONS = ("complete", "cancelled", *sorted(STOP_KINDS))


@dataclass(frozen=True)
class RunnerEvent:
    kind: str                       # one of EVENT_KINDS
    search_id: str | None = None    # None only for "finished"
    query: str = ""
    results: tuple[SearchResult, ...] = ()   # for "done"; empty means "nothing found"
    error: SearchError | None = None         # for "failed"; for "not_run", why the run stopped
    reason: str = ""                         # for "finished": one of FINISH_REASONS


class ResultBudget:
    """How many results one run may still hand on (MAX_RESULTS_PER_RUN), shared by the runners
    of a run. Results past it are dropped in the worker and never reach the window. Thread-safe."""

    def __init__(self, limit: int = MAX_RESULTS_PER_RUN) -> None:
        self._left = max(0, limit)
        self.left_out = 0
        self._lock = threading.Lock()

    def take(self, results: tuple[SearchResult, ...]) -> tuple[SearchResult, ...]:
        with self._lock:
            kept = results[: self._left]
            self._left -= len(kept)
            self.left_out += len(results) - len(kept)
            return kept


@dataclass(frozen=True)
class RunSummary:
    """One run, counted once, so that every number the window shows agrees:
    done + failed + not_run + cancelled == total."""

    total: int
    done: int
    failed: int
    not_run: int
    cancelled: int
    reason: str                       # one of FINISH_REASONS
    message: str = ""                 # for offline/blocked: one sentence for a single banner
    unanswered: tuple[str, ...] = ()  # search ids to offer in the browser, in plan order
    results_left_out: int = 0         # results past the run's cap, dropped before the window


def unexpected_failure(exc: Exception) -> SearchError:
    """The error of a search that failed for a reason of ours (a bug), not the service's."""
    error = SearchError("unexpected", _("Something went wrong with this search: try it in your browser instead."))
    error.__cause__ = exc
    return error


def offline_message() -> str:
    return _("You seem to be offline, so the remaining searches were not sent: open them in your browser, or run "
             "them again when you are back online.")


class RunTally:
    """Counts a run's outcomes as its events come in (from one runner or several) and sums
    them up at the end. Not thread-safe: feed it from one thread (the GUI's, in the window)."""

    def __init__(self, search_ids: list[str], budget: ResultBudget | None = None) -> None:
        self.order = list(dict.fromkeys(search_ids))
        self.budget = budget
        self.outcome: dict[str, str] = {}       # search id -> done, failed, not_run or cancelled
        self.hit_the_stop: set[str] = set()     # failed searches whose error stopped the run
        self.stop_error: SearchError | None = None

    @property
    def total(self) -> int:
        return len(self.order)

    @property
    def settled(self) -> int:
        """Searches that got an answer or an error of their own (done + failed)."""
        return sum(1 for outcome in self.outcome.values() if outcome in ("done", "failed"))

    def add(self, event: RunnerEvent) -> None:
        if event.kind not in ("done", "failed", "not_run", "cancelled") or event.search_id not in self.order:
            return
        self.outcome.setdefault(event.search_id, event.kind)
        error = event.error
        if event.kind in ("failed", "not_run") and error is not None and error.kind in STOP_KINDS:
            if self.stop_error is None:
                self.stop_error = error
            if event.kind == "failed":
                self.hit_the_stop.add(event.search_id)

    def summary(self, cancelled: bool = False) -> RunSummary:
        outcomes = [self.outcome.get(search_id, "") for search_id in self.order]
        done, failed, not_run = outcomes.count("done"), outcomes.count("failed"), outcomes.count("not_run")
        stop = self.stop_error
        if cancelled:
            reason = "cancelled"
        elif stop is not None:
            reason = stop.kind
        else:
            reason = "complete"
        unanswered: tuple[str, ...] = ()
        message = ""
        if stop is not None:
            unanswered = tuple(
                search_id for search_id, outcome in zip(self.order, outcomes, strict=True)
                if outcome == "not_run" or search_id in self.hit_the_stop
            )
            message = offline_message() if stop.kind == "offline" else stop.message
        return RunSummary(
            total=self.total, done=done, failed=failed, not_run=not_run,
            cancelled=self.total - done - failed - not_run, reason=reason, message=message,
            unanswered=unanswered, results_left_out=self.budget.left_out if self.budget else 0,
        )


class _Run:
    """State of one start() .. finished. A new start() gets a new _Run, so stragglers from an
    old run (a worker whose socket only now returned) can only ever talk to their own, finished run."""

    def __init__(self, searches: list[tuple[str, str, bool]], client: HttpClient, budget: ResultBudget) -> None:
        self.searches = searches
        self.client = client
        self.budget = budget
        self.pending = {search_id for search_id, _text, _only in searches}
        self.finished = threading.Event()
        self.todo: queue.SimpleQueue[tuple[str, str, bool]] = queue.SimpleQueue()
        for item in searches:
            self.todo.put(item)


class SearchRunner:
    """Runs searches through one provider on worker threads, reporting RunnerEvents.

    Per search: queued -> running -> done | failed | not_run | cancelled; then one "finished"
    per run, whose reason is one of FINISH_REASONS. cancel() and stop() return at once and leave
    the runner idle; requests still in flight are cut off and their results discarded.
    """

    def __init__(
        self,
        provider: Provider,
        settings: SearchSettings | None = None,
        on_event: Callable[[RunnerEvent], None] | None = None,
        *,
        limiter: HostRateLimiter | None = None,
        client_factory: Callable[[SearchSettings, HostRateLimiter], Any] | None = None,
    ) -> None:
        self.provider = provider
        self.settings = settings or SearchSettings()
        self.on_event = on_event or (lambda event: None)
        # Builds the client each run talks through; the demo passes one that answers from
        # canned pages (search/canned.py). Default: a real HttpClient.
        self.client_factory = client_factory
        # Kept across runs, so cancelling and starting again does not reset the politeness delay.
        self.limiter = limiter or HostRateLimiter(self.settings.host_delay)
        self._lock = threading.RLock()  # re-entrant: the callback may call cancel()
        self._run: _Run | None = None

    @property
    def is_running(self) -> bool:
        run = self._run
        return run is not None and not run.finished.is_set()

    def start(self, searches: Iterable[Any], budget: ResultBudget | None = None) -> None:
        """Start searches: objects with .id and .text (e.g. PlannedSearch), optional .browser_only.

        Duplicated ids run once. Runners of one run share one `budget` of results (default:
        a budget of their own). Raises RuntimeError if a run is still going.
        """
        with self._lock:
            if self.is_running:
                raise RuntimeError("a search run is already in progress")
            items: list[tuple[str, str, bool]] = []
            seen: set[str] = set()
            for search in searches:
                if search.id not in seen:
                    seen.add(search.id)
                    items.append((search.id, search.text, bool(getattr(search, "browser_only", False))))
            if self.client_factory is not None:
                client = self.client_factory(self.settings, self.limiter)
            else:
                client = HttpClient(self.settings, limiter=self.limiter)
            run = _Run(items, client, budget or ResultBudget())
            self._run = run
            for search_id, text, _only in items:
                self._emit(RunnerEvent("queued", search_id, text))
            if not items:
                self._finish(run, "complete")
                return
            # Daemon threads, not a ThreadPoolExecutor: after cancel() a worker may still sit in
            # a socket read until its timeout, and the executor's exit hook would make quitting
            # the app wait for it. A daemon worker holds nothing that needs saving.
            # A bare thread starts them: threading's start() waits until the new thread runs,
            # and the caller (the window) should not wait for any of them.
            workers = max(1, min(self.settings.max_workers, len(items)))
            _thread.start_new_thread(self._launch, (run, workers))

    def _launch(self, run: _Run, workers: int) -> None:
        for n in range(workers):
            if run.finished.is_set():
                break
            try:
                threading.Thread(target=self._worker, args=(run,), name=f"socialsafe-search-{n}", daemon=True).start()
            except RuntimeError as exc:  # the system gives no more threads: fewer workers do it all
                if n == 0:
                    self._end("failed", "complete", unexpected_failure(exc))
                break

    def cancel(self) -> None:
        """Stop now: every unfinished search is reported cancelled, then finished. Never blocks on I/O."""
        self._end("cancelled", "cancelled")

    def stop(self, error: SearchError) -> None:
        """Stop because of `error` (one of STOP_KINDS, met by another runner of the same run):
        every unfinished search is reported not_run with it, then finished. Never blocks on I/O."""
        self._end("not_run", error.kind, error)

    def _end(self, kind: str, reason: str, error: SearchError | None = None) -> None:
        with self._lock:
            run = self._run
            if run is None or run.finished.is_set():
                return
            self._end_run(run, kind, reason, error)
        # Outside the lock: wakes sleeping workers and cuts the connections in flight.
        run.client.close()

    def _end_run(self, run: _Run, kind: str, reason: str, error: SearchError | None) -> None:
        for search_id, text, _only in run.searches:
            if search_id in run.pending:
                run.pending.discard(search_id)
                self._emit(RunnerEvent(kind, search_id, text, error=error))
        self._finish(run, reason)

    def wait(self, timeout: float | None = None) -> bool:
        """True once the current run has finished (or there is none); False on timeout."""
        run = self._run
        return True if run is None else run.finished.wait(timeout)

    # -- internals --------------------------------------------------------------------------

    def _emit(self, event: RunnerEvent) -> None:
        self.on_event(event)

    def _finish(self, run: _Run, reason: str) -> None:
        if not run.finished.is_set():
            self._emit(RunnerEvent("finished", reason=reason))
            run.finished.set()

    def _worker(self, run: _Run) -> None:
        while not run.finished.is_set():
            try:
                item = run.todo.get_nowait()
            except queue.Empty:
                return
            self._work(run, *item)

    def _work(self, run: _Run, search_id: str, text: str, browser_only: bool) -> None:
        with self._lock:
            if search_id not in run.pending:
                return  # cancelled before it began
            self._emit(RunnerEvent("running", search_id, text))
        try:
            if browser_only:
                raise SearchError("browser_only", _("This search only works in your browser: open it from there."))
            results = self.provider.search(text, run.client)
        except SearchError as error:
            outcome = RunnerEvent("failed", search_id, text, error=error)
        except Exception as exc:  # a bug or an odd answer must not kill the run or the app
            outcome = RunnerEvent("failed", search_id, text, error=unexpected_failure(exc))
        else:
            outcome = RunnerEvent("done", search_id, text, results=tuple(results))
        stopping = outcome.kind == "failed" and outcome.error.kind in STOP_KINDS
        with self._lock:
            if search_id not in run.pending or run.finished.is_set():
                return  # cancelled or stopped meanwhile: a late result is discarded
            run.pending.discard(search_id)
            if outcome.results:
                outcome = replace(outcome, results=run.budget.take(outcome.results))
            self._emit(outcome)
            if stopping:
                self._end_run(run, "not_run", outcome.error.kind, outcome.error)
            elif not run.pending:
                self._finish(run, "complete")
            else:
                return
        run.client.close()


def run_single_search(
    query: str,
    provider_name: str,
    *,
    key_provider: KeyProvider | None = None,
    timeout: float = 10.0,
    settings: SearchSettings | None = None,
    locale: str | None = None,
) -> list[SearchResult]:
    """One search, in this thread (for `socialsafe search`). Raises SearchError with one sentence."""
    settings = replace(settings or SearchSettings(), timeout=timeout)
    provider = make_provider(provider_name, settings, key_provider=key_provider, locale=locale)
    client = HttpClient(settings)
    try:
        return provider.search(query, client)
    finally:
        client.close()
