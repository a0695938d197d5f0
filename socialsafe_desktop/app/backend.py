"""The two worlds a session can run in, chosen once when it starts (as Dangerzone injects its
dummy backend): the person's own audit, where links open in their browser and searches and the
forgotten-accounts check go where the person says, and the trainer demo, where nothing is
opened or sent.

Pages never ask "is this the demo?": they ask the backend what it does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..core.links import is_openable_url

# What happened when the person asked to open a link.
OPENED = "opened"
SHOWN_INSTEAD = "shown_instead"  # the demo: the address is shown, nothing is opened
REFUSED = "refused"              # not an http(s) link: never opened
FAILED = "failed"                # the system could not open it


@dataclass
class RealBackend:
    """The person's own audit."""

    url_opener: Callable[[str], bool]
    key_provider: Callable[[str], str | None] = lambda _name: None
    sends_nothing = False  # searches go to the service named on the Run button

    def open_url(self, url: str) -> str:
        if not is_openable_url(url):
            return REFUSED
        return OPENED if self.url_opener(url) else FAILED

    def search_provider(self, name: str, settings) -> Any:
        from ..search.providers import make_provider  # the HTTP stack only when a search is run

        return make_provider(name, settings, key_provider=self.key_provider)

    def search_client_factory(self) -> Callable | None:
        return None  # the real HTTP client

    # Forgotten accounts: each site chosen is asked once, from this computer, through the proxy.
    allows_adult_sites = True  # only when the person switches them on

    def account_check_settings(self, proxy: str | None) -> Any:
        from ..accounts.checker import check_settings

        return check_settings(proxy)

    def account_answer_seconds(self) -> float:
        from ..accounts.estimate import TYPICAL_ANSWER_S

        return TYPICAL_ANSWER_S

    def account_client_factory(self, site_list) -> Callable | None:
        return None  # the real HTTP client


@dataclass
class DemoBackend:
    """The trainer demo: a fictional person, searches answered from stored pages, links shown
    rather than opened. Nothing leaves the computer."""

    persona: Any
    shown_urls: list[str] = field(default_factory=list)
    sends_nothing = True
    key_provider: Callable[[str], str | None] = lambda _name: None  # a demo never reads real keys

    def open_url(self, url: str) -> str:
        if not is_openable_url(url):
            return REFUSED
        self.shown_urls.append(url)
        return SHOWN_INSTEAD

    def search_provider(self, name: str, settings) -> Any:
        from ..search.canned import demo_provider

        return demo_provider()  # canned pages through the real DuckDuckGo parser, whatever is chosen

    def search_client_factory(self) -> Callable | None:
        from ..search.canned import canned_client_factory

        return canned_client_factory(self.persona)

    # Forgotten accounts: answered from the persona's stored pages; never an adult site, whatever
    # is chosen (the demo runs in front of a room).
    allows_adult_sites = False

    def account_check_settings(self, proxy: str | None) -> Any:
        from dataclasses import replace

        from ..accounts.checker import check_settings

        return replace(check_settings(None), host_delay=0.0)  # no host is contacted: nothing to space out

    def account_answer_seconds(self) -> float:
        from ..accounts.canned import DEFAULT_DELAY

        return DEFAULT_DELAY

    def account_client_factory(self, site_list) -> Callable | None:
        from ..accounts.canned import canned_account_client_factory

        return canned_account_client_factory(self.persona, site_list)
