"""Searching for yourself: in your own browser (browser.py) or in the app through a provider.

Modules, one job each:
  settings.py   provider addresses and politeness settings (env overrides)
  http.py       the HTTP client: timeouts, retries, per-host delay, size cap, cancel
  providers.py  DuckDuckGo, SearXNG, Brave: requests and what their statuses mean
  parsing.py    answers -> SearchResults; human-check, empty and broken pages -> SearchError
  results.py    SearchResult / SearchError and hostile-text cleaning
  urls.py       safe links, normalising for de-duplication, merging, platform recognition
  runner.py     background runs (SearchRunner) and one-shot searches (run_single_search)
  browser.py    search addresses for Google, Bing, DuckDuckGo, Startpage

Nothing here imports Qt, and nothing is sent until a caller runs a search.
"""

from .browser import ENGINES, browser_search_url, browser_url_for, engine_has_images
from .http import HostRateLimiter, HttpClient, user_agent
from .providers import BraveProvider, DuckDuckGoProvider, Provider, SearxngProvider, make_provider
from .results import SearchError, SearchResult, results_to_json
from .runner import RunnerEvent, SearchRunner, run_single_search
from .settings import PROVIDER_LABELS, SearchSettings
from .urls import MergedResult, is_safe_link, merge_results, normalise_url, platform_for_host

__all__ = [
    "ENGINES", "PROVIDER_LABELS", "BraveProvider", "DuckDuckGoProvider", "HostRateLimiter", "HttpClient",
    "MergedResult", "Provider", "RunnerEvent", "SearchError", "SearchResult", "SearchRunner",
    "SearchSettings", "SearxngProvider", "browser_search_url", "browser_url_for", "engine_has_images",
    "is_safe_link", "make_provider", "merge_results", "normalise_url", "platform_for_host",
    "results_to_json", "run_single_search", "user_agent",
]
