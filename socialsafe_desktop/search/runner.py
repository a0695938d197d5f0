"""Running a plan of searches in the background, and one search from the command line.

Threading contract: SearchRunner calls `on_event` from its worker threads (and from the thread
that calls start()/cancel()). It never touches the UI; the UI's adapter must marshal each event
to the GUI thread (e.g. emit a Qt signal with a queued connection) and do nothing slow inside
the callback. Events are delivered one at a time, in order, under the runner's lock; no event
follows "finished" of a run.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from ..net.http import HostRateLimiter, HttpClient
from .providers import KeyProvider, Provider, make_provider
from .results import SearchError, SearchResult
from .settings import SearchSettings

EVENT_KINDS = ("queued", "running", "done", "failed", "cancelled", "finished")


@dataclass(frozen=True)
class RunnerEvent:
    kind: str                       # one of EVENT_KINDS
    search_id: str | None = None    # None only for "finished"
    query: str = ""
    results: tuple[SearchResult, ...] = ()   # for "done"; empty means "nothing found"
    error: SearchError | None = None         # for "failed"


class _Run:
    """State of one start() .. finished. A new start() gets a new _Run, so stragglers from an
    old run (a worker whose socket only now returned) can only ever talk to their own, finished run."""

    def __init__(self, searches: list[tuple[str, str, bool]], client: HttpClient) -> None:
        self.searches = searches
        self.client = client
        self.pending = {search_id for search_id, _, _ in searches}
        self.finished = threading.Event()
        self.todo: queue.SimpleQueue[tuple[str, str, bool]] = queue.SimpleQueue()
        for item in searches:
            self.todo.put(item)


class SearchRunner:
    """Runs searches through one provider on worker threads, reporting RunnerEvents.

    Per search: queued -> running -> done | failed | cancelled; then one "finished" per run.
    cancel() returns at once and leaves the runner idle; requests still in flight are abandoned
    (their sockets end by themselves within the timeout) and their results are discarded.
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

    def start(self, searches: Iterable[Any]) -> None:
        """Start searches: objects with .id and .text (e.g. PlannedSearch), optional .browser_only.

        Duplicated ids run once. Raises RuntimeError if a run is still going.
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
            run = _Run(items, client)
            self._run = run
            for search_id, text, _ in items:
                self._emit(RunnerEvent("queued", search_id, text))
            if not items:
                self._finish(run)
                return
            # Daemon threads, not a ThreadPoolExecutor: after cancel() a worker may still sit in
            # a socket read until its timeout, and the executor's exit hook would make quitting
            # the app wait for it. A daemon worker holds nothing that needs saving.
            for n in range(max(1, min(self.settings.max_workers, len(items)))):
                threading.Thread(target=self._worker, args=(run,), name=f"socialsafe-search-{n}", daemon=True).start()

    def cancel(self) -> None:
        """Stop now: every unfinished search is reported cancelled, then finished. Never blocks on I/O."""
        with self._lock:
            run = self._run
            if run is None or run.finished.is_set():
                return
            for search_id, text, _ in run.searches:
                if search_id in run.pending:
                    run.pending.discard(search_id)
                    self._emit(RunnerEvent("cancelled", search_id, text))
            self._finish(run)
        # Outside the lock: wakes sleeping workers and drops pooled connections.
        run.client.close()

    def wait(self, timeout: float | None = None) -> bool:
        """True once the current run has finished (or there is none); False on timeout."""
        run = self._run
        return True if run is None else run.finished.wait(timeout)

    # -- internals --------------------------------------------------------------------------

    def _emit(self, event: RunnerEvent) -> None:
        self.on_event(event)

    def _finish(self, run: _Run) -> None:
        if not run.finished.is_set():
            self._emit(RunnerEvent("finished"))
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
                raise SearchError("browser_only", "This search only works in your browser: open it from there.")
            results = self.provider.search(text, run.client)
        except SearchError as error:
            outcome = RunnerEvent("failed", search_id, text, error=error)
        except Exception as exc:  # a bug or an odd answer must not kill the run or the app
            error = SearchError("unexpected", "Something went wrong with this search: try it in your browser instead.")
            error.__cause__ = exc
            outcome = RunnerEvent("failed", search_id, text, error=error)
        else:
            outcome = RunnerEvent("done", search_id, text, results=tuple(results))
        with self._lock:
            if search_id not in run.pending or run.finished.is_set():
                return  # cancelled meanwhile: a late result is discarded
            run.pending.discard(search_id)
            self._emit(outcome)
            if not run.pending:
                self._finish(run)
                run.client.close()


def run_single_search(
    query: str,
    provider_name: str,
    *,
    key_provider: KeyProvider | None = None,
    timeout: float = 10.0,
    settings: SearchSettings | None = None,
) -> list[SearchResult]:
    """One search, in this thread (for `socialsafe search`). Raises SearchError with one sentence."""
    settings = replace(settings or SearchSettings(), timeout=timeout)
    provider = make_provider(provider_name, settings, key_provider=key_provider)
    client = HttpClient(settings)
    try:
        return provider.search(query, client)
    finally:
        client.close()
