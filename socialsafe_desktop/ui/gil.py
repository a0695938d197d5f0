"""Sharing the interpreter with worker threads while they run.

While a run goes, up to sixteen workers read pages in Python at once. By default a thread keeps
the interpreter for 5 ms before another gets a turn, so the GUI thread can wait several turns
and the window stutters; 1 ms turns keep it responsive. The usual interval is put back after.
"""

from __future__ import annotations

import sys


class SwitchInterval:
    """shorten() while workers run, restore() after; each is safe to call twice."""

    def __init__(self, interval: float = 0.001) -> None:
        self.interval = interval
        self._saved: float | None = None

    def shorten(self) -> None:
        if self._saved is None:
            self._saved = sys.getswitchinterval()
            sys.setswitchinterval(min(self._saved, self.interval))

    def restore(self) -> None:
        if self._saved is not None:
            sys.setswitchinterval(self._saved)
            self._saved = None

    def set(self, running: bool) -> None:
        self.shorten() if running else self.restore()
