"""What every step page needs: the store, the checklists, and a safe way to open links."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from ..configuration import report_branding, search_settings
from ..core.audit import audit_packs, chosen_platform_packs
from ..core.checklists import Catalogue, ChecklistPack
from ..core.links import is_openable_url
from ..core.policy import EffectiveSettings
from ..core.profile import Profile
from ..export import essentials_only
from ..logging_setup import redactor
from ..paths import AppPaths
from ..report import ReportBranding
from ..search.settings import SearchSettings
from ..secrets import KeyStore
from ..store import AuditStore

log = logging.getLogger("socialsafe.ui")


def open_in_browser(url: str) -> bool:
    return QDesktopServices.openUrl(QUrl(url, QUrl.ParsingMode.StrictMode))


@dataclass
class AppContext:
    paths: AppPaths
    store: AuditStore
    demo: bool = False
    # Replaced in tests and in demo mode; receives only URLs that passed the http/https check.
    url_opener: Callable[[str], bool] = open_in_browser
    file_opener: Callable[[str], bool] = lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(path))
    notices: list[str] = field(default_factory=list)
    # The checklists load when a step first needs them, not before the first window is painted.
    catalogue_loader: Callable[[], Catalogue] = lambda: Catalogue({}, [])
    _catalogue: Catalogue | None = None
    search_settings: SearchSettings = field(default_factory=SearchSettings)
    # Where API keys come from (the OS keyring, or this session's memory); never the database.
    key_provider: Callable[[str], str | None] = lambda _name: None
    allowed_search_modes: tuple[str, ...] = ("browser", "app")
    allowed_providers: tuple[str, ...] = ("duckduckgo", "searxng", "brave")
    branding: ReportBranding | None = None  # from the managed policy
    # Demo mode: the fictional person, a client answering from canned pages, and a record of
    # the links that were shown instead of opened.
    persona: Any = None
    search_client_factory: Callable | None = None
    demo_shown_urls: list[str] = field(default_factory=list)
    quiet_demo_notices: bool = False  # tests turn the "nothing was opened" dialog off
    start_demo: Callable[[], Any] | None = None
    settings: EffectiveSettings = field(default_factory=EffectiveSettings)
    keys: KeyStore | None = None  # None in demo mode: a demo never reads real keys
    recheck_months: int = 3

    @property
    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            self._catalogue = self.catalogue_loader()
        return self._catalogue

    def essentials_only(self) -> bool:
        return essentials_only(self.store)

    def chosen_platform_packs(self) -> list[ChecklistPack]:
        return chosen_platform_packs(self.catalogue, self.store.chosen_platforms())

    def audit_packs(self) -> list[ChecklistPack]:
        return audit_packs(self.catalogue, self.store.chosen_platforms())

    def open_url(self, url: str) -> bool:
        """Open a link in the person's browser: http and https only, anything else refused."""
        if not is_openable_url(url):
            log.warning("refused to open a link that is not http or https")
            return False
        return bool(self.url_opener(url))

    def apply_settings(self, settings: EffectiveSettings) -> None:
        """What the policy and the person's settings decide: addresses, modes, branding."""
        self.settings = settings
        self.search_settings = search_settings(settings)
        modes = settings.allowed_search_modes()
        self.branding = report_branding(settings)
        self.recheck_months = settings.recheck_months()
        if self.demo:
            self.allowed_search_modes = ("browser", "app")  # canned pages only: nothing to restrict
        else:
            self.allowed_search_modes = tuple("app" if m == "in_app" else m for m in modes)
            self.allowed_providers = tuple(settings.allowed_providers())

    def open_local_file(self, path) -> bool:
        """Open a file SocialSafe itself wrote (the report) with the system's default app."""
        return bool(self.file_opener(str(path)))

    def profile_changed(self, profile: Profile) -> None:
        """Keep the log redaction in step with what the person has typed."""
        redactor.set_private_strings(profile.private_strings())
