"""Shared constants and helpers for the search tests (fixtures live in conftest.py)."""

from __future__ import annotations

import threading
from pathlib import Path

from socialsafe_desktop.search import SearchSettings

FIXTURES = Path(__file__).parent / "fixtures"

# Short everything, so broken-server cases cost fractions of a second.
FAST = SearchSettings(timeout=0.5, host_delay=0.0, backoff=0.01, max_retry_after=5.0)

PATHS = {"duckduckgo": "/html/", "searxng": "/searx/search", "brave": "/res/v1/web/search"}
TEST_KEY = "BSA-test-key-0123456789"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


class Recorder:
    """Collects runner events (from any thread) and signals when a given kind arrives."""

    def __init__(self) -> None:
        self.events = []
        self.lock = threading.Lock()
        self.seen: dict[str, threading.Event] = {}

    def __call__(self, event) -> None:
        with self.lock:
            self.events.append(event)
            self.seen.setdefault(event.kind, threading.Event()).set()

    def signal(self, kind: str) -> threading.Event:
        with self.lock:
            return self.seen.setdefault(kind, threading.Event())

    def kinds(self, search_id=None) -> list[str]:
        with self.lock:
            return [e.kind for e in self.events if search_id is None or e.search_id == search_id]

    def of(self, kind: str) -> list:
        with self.lock:
            return [e for e in self.events if e.kind == kind]
