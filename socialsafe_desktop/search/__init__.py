"""Searching for yourself: in your own browser (browser.py) or in the app through a provider.

Modules, one job each:
  settings.py   provider addresses and politeness settings (env overrides)
  providers.py  DuckDuckGo, SearXNG, Brave: requests and what their statuses mean
  parsing.py    answers -> SearchResults; human-check, empty and broken pages -> SearchError
  results.py    SearchResult / SearchError and hostile-text cleaning
  urls.py       safe links, normalising for de-duplication, merging, platform recognition
  runner.py     background runs (SearchRunner) and one-shot searches (run_single_search)
  browser.py    search addresses for Google, Bing, DuckDuckGo, Startpage

Nothing here imports Qt, and nothing is sent until a caller runs a search.
"""

import importlib

# Names are loaded on first use (PEP 562): requests and BeautifulSoup are not needed until a
# search runs, and importing them up front made the window noticeably slower to appear.
_EXPORTS = {
    "browser": ("ENGINES", "browser_search_url", "browser_url_for", "engine_has_images"),
    "providers": ("BraveProvider", "DuckDuckGoProvider", "Provider", "SearxngProvider", "make_provider"),
    "results": ("SearchError", "SearchResult", "results_to_json"),
    "runner": ("RunnerEvent", "SearchRunner", "run_single_search"),
    "settings": ("PROVIDER_LABELS", "SearchSettings"),
    "urls": ("MergedResult", "is_safe_link", "merge_results", "normalise_url", "platform_for_host"),
}
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}
# The HTTP client lives in socialsafe_desktop.net; these names stay importable from here.
_WHERE.update({"HostRateLimiter": "..net.http", "HttpClient": "..net.http", "user_agent": "..net.http"})
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module if module.startswith(".") else f".{module}", __name__), name)
