"""An overall deadline for one HTTP attempt, however slowly the server talks.

A socket timeout only bounds each single read. A server that sends its headers or its body one
byte a second never lets such a timeout fire, and http.client reads the status line and the
headers itself, so no loop of ours runs in between to look at a clock. Instead every attempt
has a Watch that, when the attempt's deadline passes (or the client is closed), shuts the
connection's socket down. Whatever read is blocked on it returns at once, and the client,
seeing that the Watch fired, reports a timeout (or a cancel) instead of the broken read.

The connection is found through the pool: requests' adapter is given urllib3 connection
classes that, when a request is sent on them, attach themselves to the Watch of the thread
that sends it. Only a bare socket shutdown is used: it is safe from another thread, wakes a
blocked recv on every platform, and leaves closing the socket to its owner.
"""

from __future__ import annotations

import heapq
import itertools
import socket
import threading
import time
from typing import Any

import requests.adapters
import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection

_current = threading.local()


class _Deadlines:
    """One thread that fires every Watch whose deadline has passed. A timer thread per attempt
    would start 700 threads for one check of 700 sites, each start a wait for the caller and a
    turn of the interpreter taken from the window."""

    def __init__(self) -> None:
        self._due = threading.Condition()
        self._heap: list[tuple[float, int, Watch]] = []
        self._order = itertools.count()
        self._thread: threading.Thread | None = None

    def add(self, seconds: float, watch: Watch) -> None:
        with self._due:
            heapq.heappush(self._heap, (time.monotonic() + max(0.0, seconds), next(self._order), watch))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="socialsafe-deadlines", daemon=True)
                self._thread.start()
            elif self._heap[0][2] is watch:
                self._due.notify()  # sooner than the one the thread is waiting for

    def _run(self) -> None:
        while True:
            with self._due:
                while not self._heap or self._heap[0][0] > time.monotonic():
                    self._due.wait(self._heap[0][0] - time.monotonic() if self._heap else None)
                watch = heapq.heappop(self._heap)[2]
            watch.fire("deadline")  # an attempt already over ignores it


_DEADLINES = _Deadlines()


class Watch:
    """The deadline of one attempt. fire() may come from the deadlines' thread, close() or any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connection: Any = None
        self._over = False
        self.fired: str | None = None  # "deadline" or "cancelled" once it has fired

    def start(self, seconds: float) -> None:
        _DEADLINES.add(seconds, self)

    def attach(self, connection: Any) -> None:
        with self._lock:
            self._connection = connection
            fired = self.fired is not None and not self._over
        if fired:  # fired before this connection reported in
            _shut(connection)

    def fire(self, reason: str) -> None:
        with self._lock:
            if self._over or self.fired is not None:
                return
            self.fired = reason
            connection = self._connection
        if connection is not None:
            _shut(connection)

    def finish(self) -> None:
        """The attempt is over: from now on firing does nothing (the connection may be reused)."""
        with self._lock:
            self._over = True
            self._connection = None  # back to the pool; the deadline's entry waits until it is due


def _shut(connection: Any) -> None:
    sock = getattr(connection, "sock", None)
    if sock is None:
        return
    try:
        # The plain socket's shutdown, also for TLS: SSLSocket.shutdown would tear down its
        # TLS state under the feet of the thread that is reading.
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except (OSError, ValueError):
        pass  # already closed


class watching:  # noqa: N801 (used as a context manager, like open())
    """Within this block, connections that send a request on this thread report to `watch`."""

    def __init__(self, watch: Watch) -> None:
        self.watch = watch

    def __enter__(self) -> Watch:
        _current.watch = self.watch
        return self.watch

    def __exit__(self, *exc: object) -> None:
        _current.watch = None


def _attach_current(connection: Any) -> None:
    watch = getattr(_current, "watch", None)
    if watch is not None:
        watch.attach(connection)


# Attached on connect (so a TLS handshake or a proxy's CONNECT answer that trickles is cut too:
# urllib3 sets .sock to the plain socket before it starts TLS) and on every request (so a
# connection reused from the pool reports to the new attempt's watch).
class _Watched:
    def connect(self) -> None:
        _attach_current(self)
        super().connect()  # type: ignore[misc]

    def request(self, *args: Any, **kwargs: Any) -> None:
        _attach_current(self)
        super().request(*args, **kwargs)  # type: ignore[misc]


class _WatchedHTTPConnection(_Watched, HTTPConnection):
    pass


class _WatchedHTTPSConnection(_Watched, HTTPSConnection):
    pass


class _WatchedHTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_POOLS = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


class DeadlineAdapter(requests.adapters.HTTPAdapter):
    """requests' adapter, with connections a Watch can find (directly and through an HTTP proxy)."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _POOLS

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        # A SOCKS proxy has pools of its own kind; there the per-read timeout and the checks
        # between reads still hold, only a stalled header read is not cut short.
        if type(manager) is urllib3.ProxyManager:
            manager.pool_classes_by_scheme = _POOLS
        return manager
