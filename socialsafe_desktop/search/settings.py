"""Search settings: provider addresses and how politely we talk to them.

The UI/policy layer fills a SearchSettings from the person's settings and the managed policy.
An address can be overridden by an environment variable (IT, trainers and tests use that).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..core.providers import DEFAULT_PROVIDER_URLS as DEFAULT_ENDPOINTS
from ..core.providers import ENDPOINT_ENV, PROVIDER_LABELS
from ..net.settings import HttpSettings

__all__ = ["DEFAULT_ENDPOINTS", "ENDPOINT_ENV", "PROVIDER_LABELS", "SearchSettings"]


@dataclass(frozen=True)
class SearchSettings(HttpSettings):
    duckduckgo_url: str = DEFAULT_ENDPOINTS["duckduckgo"]
    searxng_url: str = DEFAULT_ENDPOINTS["searxng"]
    brave_url: str = DEFAULT_ENDPOINTS["brave"]
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
