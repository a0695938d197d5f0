"""The in-app search providers by name: labels, default addresses and the environment
variables that override them. Core owns them so the policy, the search package and the
window all name the same three providers the same way."""

from __future__ import annotations

PROVIDERS = ("duckduckgo", "searxng", "brave")

PROVIDER_LABELS = {
    "duckduckgo": "DuckDuckGo",
    "searxng": "SearXNG",
    "brave": "Brave Search",
}

DEFAULT_PROVIDER_URLS = {
    "duckduckgo": "https://html.duckduckgo.com/html/",
    "searxng": "",  # there is no neutral public instance to default to; the organisation picks one
    "brave": "https://api.search.brave.com/res/v1/web/search",
}

ENDPOINT_ENV = {name: f"SOCIALSAFE_{name.upper()}_URL" for name in PROVIDERS}
