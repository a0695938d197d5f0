"""Waiting in tests for something another thread does, without a fixed sleep."""

from __future__ import annotations

import time
from collections.abc import Callable


def until(condition: Callable[[], bool], seconds: float = 5.0) -> bool:
    """True as soon as condition() is; False if it is still not after `seconds`."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.01)
    return condition()
