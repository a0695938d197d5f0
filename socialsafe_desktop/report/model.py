"""What a report is made from. Plain data handed over by the caller (the UI or the CLI);
nothing here reads the store, so a report can be built from the demo person or from tests.

Branding comes from an IT-managed policy file, so every field is checked here and a bad
value is dropped (the report is still made, just without that piece of branding).
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from socialsafe_desktop.core.actions import Action
from socialsafe_desktop.core.audit import Finding, ItemState
from socialsafe_desktop.core.checklists import ChecklistItem, ChecklistPack
from socialsafe_desktop.core.estimate import TimeEstimate
from socialsafe_desktop.core.forgotten_accounts import AccountCheck, AccountHit, DeletionInfo, SiteOutcome
from socialsafe_desktop.core.links import is_openable_url
from socialsafe_desktop.core.queries import PlannedSearch
from socialsafe_desktop.core.recheck import ChangeSet

_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_LOGO = re.compile(r"data:image/(?:png|jpeg|svg\+xml);base64,([A-Za-z0-9+/]+={0,2})")
MAX_LOGO_CHARS = 512 * 1024  # a logo, not a photo album: keeps the report small


class ReportError(Exception):
    """Saving the report failed; the message is one plain sentence for the person."""


@dataclass(frozen=True)
class ReportBranding:
    name: str
    accent_colour: str | None = None
    logo_data_uri: str | None = None
    contacts: tuple[tuple[str, str, str], ...] = ()  # (role, name, how to reach them)
    policy_url: str | None = None
    footer: str | None = None

    @property
    def valid_accent(self) -> str | None:
        """"#rrggbb" in lower case, or None when the colour is missing or malformed."""
        value = self.accent_colour
        if isinstance(value, str) and _HEX_COLOUR.fullmatch(value.strip()):
            return value.strip().lower()
        return None

    @property
    def valid_logo(self) -> str | None:
        """The logo as a base64 PNG/JPEG/SVG data URI, or None. Anything that could make the
        report fetch something (an https:// logo) or that does not decode is dropped."""
        value = self.logo_data_uri
        if not isinstance(value, str) or len(value) > MAX_LOGO_CHARS:
            return None
        match = _LOGO.fullmatch(value.strip())
        if not match:
            return None
        try:
            base64.b64decode(match.group(1), validate=True)
        except (binascii.Error, ValueError):
            return None
        return value.strip()

    @property
    def valid_policy_url(self) -> str | None:
        return self.policy_url if is_openable_url(self.policy_url) else None


@dataclass
class ReportInput:
    person_name: str
    private_strings: list[str]  # Profile.private_strings(): names, handles, emails, phone
    packs: list[ChecklistPack]  # display order: chosen platform packs, then the habits pack
    items: list[ChecklistItem]  # the items in scope (a subset of those packs' items)
    states: dict[str, ItemState]  # "pack:item" -> status, note, updated_at
    findings: list[Finding]  # every page found or added, with the person's decisions and notes
    searches: list[PlannedSearch]  # the plan, with outcomes and notes recorded in browser mode
    next_check: date
    generated_at: datetime
    branding: ReportBranding | None = None
    demo: bool = False
    # Everything left to do, ranked (core.actions.rank_actions via the app layer, which adds
    # where to act); None: ranked here from the fields above, without removal routes.
    actions: list[Action] | None = None
    estimate: TimeEstimate | None = None          # the time left (core.estimate)
    recheck_estimate: TimeEstimate | None = None  # how long the next check takes, for the reminder
    # A re-check: what changed since the audit before (core.recheck); None for a first audit.
    changes: ChangeSet | None = None
    # How many pages the person keeps in the evidence log: the full report says how many (the
    # evidence itself is never in a report); the redacted report says nothing about it.
    evidence_count: int = 0
    # When the report is of an earlier audit (History), the day that audit was started.
    checked_on: date | None = None
    # Forgotten accounts: the usernames checked, what the sites answered, the accounts found with
    # the person's answers, and (from the deletion directory, via the app layer) how to close each
    # account of theirs and which platform checklist covers it.
    account_checks: list[AccountCheck] = field(default_factory=list)
    account_results: list[SiteOutcome] = field(default_factory=list)
    accounts: list[AccountHit] = field(default_factory=list)
    account_deletion: dict[str, DeletionInfo] = field(default_factory=dict)  # account key -> how to close
    account_checklists: dict[str, str] = field(default_factory=dict)         # account key -> pack id
    # Pages found whose domain belongs to a service in the deletion directory: "How to delete
    # this account" beside them. Normalised address -> the service.
    finding_deletion: dict[str, DeletionInfo] = field(default_factory=dict)

    @property
    def search_labels(self) -> dict[str, str]:
        return {s.id: s.text for s in self.searches}
