"""Search settings: provider addresses and how politely we talk to them.

The UI/policy layer fills a SearchSettings from the person's settings and the managed policy.
An address can be overridden by an environment variable (IT, trainers and tests use that).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

PROVIDER_LABELS = {
    "duckduckgo": "DuckDuckGo",
    "searxng": "SearXNG",
    "brave": "Brave Search",
}

DEFAULT_ENDPOINTS = {
    "duckduckgo": "https://html.duckduckgo.com/html/",
    "searxng": "",  # there is no neutral public instance to default to; the organisation picks one
    "brave": "https://api.search.brave.com/res/v1/web/search",
}

ENDPOINT_ENV = {
    "duckduckgo": "SOCIALSAFE_DUCKDUCKGO_URL",
    "searxng": "SOCIALSAFE_SEARXNG_URL",
    "brave": "SOCIALSAFE_BRAVE_URL",
}


@dataclass(frozen=True)
class SearchSettings:
    duckduckgo_url: str = DEFAULT_ENDPOINTS["duckduckgo"]
    searxng_url: str = DEFAULT_ENDPOINTS["searxng"]
    brave_url: str = DEFAULT_ENDPOINTS["brave"]
    timeout: float = 10.0          # seconds, for connecting and for each wait on the answer
    host_delay: float = 1.0        # seconds between two requests to the same host
    retries: int = 2               # extra attempts after a 429/5xx/connection failure
    backoff: float = 1.0           # first retry waits this long, then twice as long
    max_retry_after: float = 30.0  # a server asking us to wait longer than this gets no retry
    max_bytes: int = 2 * 1024 * 1024  # a results page is ~50 kB; anything past this is not one
    max_workers: int = 4           # searches in flight at once (across hosts)
    proxy: str | None = None       # from the managed policy or Settings; None: the environment's
    # False when the addresses were already resolved (policy > environment > person's setting),
    # so the environment cannot undo what the organisation's policy set.
    use_environment: bool = True

    def endpoint(self, provider: str) -> str:
        """The address for a provider: the environment override if set, else the setting."""
        env = ENDPOINT_ENV.get(provider) if self.use_environment else None
        override = os.environ.get(env, "").strip() if env else ""
        if override:
            return override
        return str(getattr(self, f"{provider}_url", "") or "").strip()
