"""Which in-app search services can be used right now, and why not: the policy may allow only
some, SearXNG needs an address, Brave needs an API key. One answer for the Search yourself
step and the Settings window."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from ..core.i18n import _
from ..core.providers import PROVIDER_LABELS

MODE_SETTING = "search.mode"
PROVIDER_SETTING = "search.provider"
BROWSER, APP = "browser", "app"


@dataclass(frozen=True)
class ProviderChoice:
    name: str
    label: str
    problem: str = ""   # a few words for the list, "" when it can be used
    reason: str = ""    # a sentence saying what to do about it

    @property
    def usable(self) -> bool:
        return not self.problem


def endpoint_host(endpoint: str) -> str:
    """What a Run button names as the destination: the host (and port, if not the usual one)."""
    try:
        parts = urlsplit(endpoint)
        host = parts.hostname or ""
        return f"{host}:{parts.port}" if parts.port else host
    except ValueError:
        return ""


def provider_choices(session) -> list[ProviderChoice]:
    """The services the policy allows, each usable or with the reason it is not."""
    choices = []
    for name in session.allowed_providers:
        if name not in PROVIDER_LABELS:
            continue
        problem = reason = ""
        if name == "searxng" and not session.search_settings.endpoint("searxng") and not session.demo:
            # TRANSLATORS: why a search service cannot be used: a short label, then a sentence.
            problem = _("no server address")
            reason = _("SearXNG needs a server address in Settings (ask your IT team).")
        elif name == "brave" and not session.demo:
            try:
                key = session.backend.key_provider("brave")
            except Exception:  # a keyring that fails is the same as no key here
                key = None
            if not key:
                problem, reason = _("no API key"), _("Brave Search needs an API key in Settings.")
        choices.append(ProviderChoice(name, PROVIDER_LABELS[name], problem, reason))
    return choices


def in_app_allowed(session) -> bool:
    return "app" in session.allowed_search_modes and bool(session.allowed_providers)


def destination(session, name: str) -> str:
    """Where an in-app search through `name` goes (a host), or "" for the demo's stored pages."""
    if session.backend.sends_nothing:
        return ""
    return endpoint_host(session.search_settings.endpoint(name))


def chosen_mode(session) -> str:
    mode = session.setting(MODE_SETTING, BROWSER)
    return APP if in_app_allowed(session) and mode == APP else BROWSER


def chosen_provider(session) -> str | None:
    """The provider the person last chose if it can be used, else the first usable one."""
    usable = [c.name for c in provider_choices(session) if c.usable]
    wanted = session.setting(PROVIDER_SETTING, "duckduckgo")
    return wanted if wanted in usable else (usable[0] if usable else None)
