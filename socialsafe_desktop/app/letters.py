"""The removal request letter for a page the person wants the site to take down: drafted from
About you and the finding (core/letters), shown for the person to copy or save. Nothing is sent,
and nothing about the letter is stored: it is drafted afresh each time, so it is never part of
the audit, the report or a backup."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from ..core.audit import ME_ACTION, Finding
from ..core.i18n import _
from ..core.letters import draft_erasure_request
from ..core.savefile import save_text

LETTER_ACTION = "ask_site"  # "Ask the site to remove it" (core.audit.SUGGESTED_ACTIONS)
_NOT_IN_NAME = re.compile(r"[^a-z0-9.-]+")


class RemovalLetters:
    def __init__(self, session) -> None:
        self.session = session

    def finding(self, normalised_url: str) -> Finding | None:
        return next((f for f in self.session.findings.all() if f.normalised_url == normalised_url), None)

    def can_draft(self, normalised_url: str) -> bool:
        """Only for a page marked as about the person, needing action, and "ask the site"."""
        finding = self.finding(normalised_url)
        return finding is not None and finding.decision == ME_ACTION and finding.action == LETTER_ACTION

    def draft(self, normalised_url: str, *, today: date | None = None) -> str | None:
        """The letter as plain text, or None for a page that is not (or no longer) recorded."""
        finding = self.finding(normalised_url)
        if finding is None:
            return None
        return draft_erasure_request(self.session.profile(), finding, today=today or date.today())

    def file_name(self, normalised_url: str, *, today: date | None = None) -> str:
        """A name to suggest when saving: the site and the date, nothing from the person."""
        finding = self.finding(normalised_url)
        try:
            host = urlsplit(finding.url).hostname if finding is not None else None
        except ValueError:
            host = None
        site = _NOT_IN_NAME.sub("-", (host or "").removeprefix("www.").lower()).strip(".-")[:60]
        return f"removal-request-{site + '-' if site else ''}{(today or date.today()):%Y-%m-%d}.txt"

    def save(self, path: Path, text: str) -> Path:
        """Write the letter as a text file by the one rule for saving files; SaveError if not."""
        return save_text(Path(path), text, _("the letter"))
