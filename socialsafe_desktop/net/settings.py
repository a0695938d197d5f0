"""How politely and how long every network feature talks to a server. Kept apart from the
client so the window can build settings at start-up without importing requests."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HttpSettings:
    """How politely and how long we talk to a server; every network feature has these."""

    timeout: float = 10.0          # seconds, for connecting and for each wait on the answer
    host_delay: float = 1.0        # seconds between two requests to the same host
    retries: int = 2               # extra attempts after a 429/5xx/connection failure
    backoff: float = 1.0           # first retry waits this long, then twice as long
    max_retry_after: float = 30.0  # a server asking us to wait longer than this gets no retry
    max_bytes: int = 2 * 1024 * 1024  # a results page is ~50 kB; anything past this is not one
    max_workers: int = 4           # requests in flight at once (across hosts)
    proxy: str | None = None       # from the managed policy or Settings; None: the environment's
