"""The thread boundary every background job crosses to reach the window: workers post events
into an inbox from any thread; the GUI thread is woken once (a queued signal) and reads them.
Workers never touch a widget (MusicBrainz Picard's idea: work on other threads, results posted
back to the GUI thread).

Each event carries the number of the run that sent it, so a cancelled run's stragglers can be
told apart and dropped by whoever reads them.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal


class WorkerInbox(QObject):
    # Emitted from any thread when the inbox has something new; handled on the GUI thread only.
    _wake = Signal()

    def __init__(self, on_wake: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._events: deque[tuple[int, Any]] = deque()
        self._lock = threading.Lock()
        self._woken = False  # a read is already on its way to the GUI thread
        # Queued even when posted on the GUI thread itself (a runner's start posts there), so
        # events are always read later, in the order they were sent.
        self._wake.connect(on_wake, Qt.ConnectionType.QueuedConnection)

    def post(self, number: int, event: Any) -> None:
        """From any thread. Wakes the GUI thread only if no read is already on its way."""
        with self._lock:
            self._events.append((number, event))
            if self._woken:
                return
            self._woken = True
        try:
            self._wake.emit()
        except RuntimeError:
            pass  # the window closed and took this object with it; nobody is listening

    def take(self) -> tuple[int, Any] | None:
        """On the GUI thread: the oldest event, or None (and the next post wakes us again)."""
        with self._lock:
            if not self._events:
                self._woken = False
                return None
            return self._events.popleft()

    def clear(self) -> None:
        with self._lock:
            self._events.clear()
            self._woken = False
