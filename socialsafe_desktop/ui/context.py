"""What every step page is given: the session (the audit and its use cases) and the few things
only the window has: where files are, notices to show, a way to open the report file."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from ..app.backend import OPENED, REFUSED
from ..app.session import AuditSession
from ..core.profile import Profile
from ..logging_setup import redactor
from ..paths import AppPaths
from ..secrets import KeyStore

log = logging.getLogger("socialsafe.ui")


def open_in_browser(url: str) -> bool:
    return QDesktopServices.openUrl(QUrl(url, QUrl.ParsingMode.StrictMode))


@dataclass
class AppContext:
    paths: AppPaths
    session: AuditSession
    file_opener: Callable[[str], bool] = lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(path))
    notices: list[str] = field(default_factory=list)
    start_demo: Callable[[], Any] | None = None
    keys: KeyStore | None = None  # None in demo mode: a demo never reads or changes real keys
    # Told when a link was shown instead of opened (the demo) or could not be opened; the window
    # shows it as a notice. Set by the window.
    link_notice: Callable[[str, str], None] = lambda outcome, url: None
    # Starts a re-check (asking first) and shows the new audit; set by the window.
    start_recheck: Callable[[], Any] = lambda: None

    @property
    def store(self):
        """For reading; every change goes through the session."""
        return self.session.store

    @property
    def demo(self) -> bool:
        return self.session.demo

    @property
    def catalogue(self):
        return self.session.catalogue

    def open_url(self, url: str) -> bool:
        """Open a link in the person's browser: http and https only. The demo shows it instead."""
        outcome = self.session.backend.open_url(url)
        if outcome == REFUSED:
            log.warning("refused to open a link that is not http or https")
        if outcome != OPENED:
            self.link_notice(outcome, url)
        return outcome == OPENED

    def open_local_file(self, path) -> bool:
        """Open a file SocialSafe itself wrote (the report) with the system's default app."""
        return bool(self.file_opener(str(path)))

    def profile_changed(self, profile: Profile) -> None:
        """Keep the log redaction in step with what the person has typed."""
        redactor.set_private_strings(profile.private_strings())

