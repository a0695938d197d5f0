"""The evidence log: pages the person keeps as evidence of abuse, impersonation or harassment,
with the files they add (screenshots they took), each recorded by its SHA-256.

Plain data and the naming rules; copying files is the app layer's job (app/evidence.py), the
records are the store's. The files live in one folder inside the data folder, under names
SocialSafe makes, so "forget" can delete exactly them and nothing of the person's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from .i18n import N_

EVIDENCE_DIR = "evidence"

IMPERSONATION, HARASSMENT, ABUSE = "impersonation", "harassment", "abuse"
# Labels are English, marked for translation (N_): show them with _(EVIDENCE_KINDS[kind]).
# TRANSLATORS: what a page kept as evidence shows.
EVIDENCE_KINDS = {
    IMPERSONATION: N_("Impersonation"),
    HARASSMENT: N_("Harassment"),
    ABUSE: N_("Abuse"),
}

# Names of the copies SocialSafe keeps ("ev-" and 32 random hex digits, and the original's
# extension when it is a plain one), and of a copy still being written.
_SUFFIX = r"(?:\.[a-z0-9]{1,8})?"
STORED_NAME = re.compile(r"ev-[0-9a-f]{32}" + _SUFFIX)
PARTIAL_NAME = re.compile(r"\.ev-[0-9a-f]{32}\.part")
OWNED_NAMES = re.compile(f"{STORED_NAME.pattern}|{PARTIAL_NAME.pattern}")
_PLAIN_SUFFIX = re.compile(r"\.[a-z0-9]{1,8}")


def stored_suffix(original_name: str) -> str:
    """The extension a copy keeps: the original's, lower-cased, when it is plain letters and
    digits (".png", ".jpeg"); otherwise none."""
    dot = original_name.rfind(".")
    suffix = original_name[dot:].lower() if dot > 0 else ""
    return suffix if _PLAIN_SUFFIX.fullmatch(suffix) else ""


@dataclass(frozen=True)
class EvidenceFile:
    id: int
    evidence_id: int
    stored_name: str    # the copy's name in the evidence folder
    original_name: str  # the name the person's file had (shown, never used as a path)
    sha256: str
    size: int
    added_at: datetime | None = None


@dataclass(frozen=True)
class EvidenceItem:
    id: int
    audit_id: int
    normalised_url: str
    url: str
    title: str           # as found
    snippet: str         # as found
    platform: str | None
    kind: str            # a key of EVIDENCE_KINDS
    seen_utc: datetime   # when SocialSafe first recorded the page, in UTC
    seen_local: datetime  # the same moment in the computer's time zone (with its offset)
    note: str
    kept_at: datetime | None
    files: tuple[EvidenceFile, ...] = field(default_factory=tuple)
