"""Who the person is: the facts they give in "About you".

Everything here stays on this computer. The profile is plain data with validation;
saving is the store's job and searching is the search plan's job.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from .text import has_unsafe_chars

NAME_KINDS = {
    "current": "Name you use now",
    "previous": "Previous name",
    "nickname": "Nickname",
}

# Role presets. The words are added to name searches ("Sam Doe" teacher).
ROLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "teacher": ("Teacher or lecturer", ("teacher", "lecturer")),
    "support": ("Support staff", ("teaching assistant", "support staff")),
    "social_worker": ("Social worker", ("social worker",)),
    "health": ("Health worker", ("nurse", "health")),
    "council": ("Council officer", ("council",)),
    "university": ("University staff", ("university",)),
    "other": ("Other", ()),
}

# Platforms a handle can belong to. Ids match the checklist pack ids.
HANDLE_PLATFORMS = {
    "": "Not sure / several",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "threads": "Threads",
    "x": "X (Twitter)",
    "tiktok": "TikTok",
    "snapchat": "Snapchat",
    "linkedin": "LinkedIn",
    "google": "YouTube",
    "reddit": "Reddit",
    "bluesky": "Bluesky",
    "whatsapp": "WhatsApp",
    "mastodon": "Mastodon",
    "telegram": "Telegram",
    "discord": "Discord",
    "pinterest": "Pinterest",
    "strava": "Strava",
}

_EMAIL = re.compile(r"^[^@\s]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
_HANDLE = re.compile(r"^@?[A-Za-z0-9_.\-]{1,64}$")
_PHONE = re.compile(r"^\+?[0-9 ()\-]{6,20}$")
# Where a name splits into parts: spaces, dashes of every kind, apostrophes, dots, commas.
_NAME_PARTS = re.compile(r"[\s\-\u2010-\u2015\u2212'\u2018\u2019\u02bc`.,]+")


@dataclass
class PersonName:
    text: str
    kind: str = "current"


@dataclass
class Handle:
    text: str
    platform: str = ""


@dataclass
class Profile:
    names: list[PersonName] = field(default_factory=list)
    handles: list[Handle] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    employer: str = ""
    role: str = ""
    town: str = ""
    phone: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Profile:
        """Build from stored data, ignoring anything unexpected rather than failing."""
        def text(value: Any) -> str:
            return value if isinstance(value, str) else ""

        names = [
            PersonName(text(n.get("text")), n.get("kind") if n.get("kind") in NAME_KINDS else "current")
            for n in data.get("names", []) if isinstance(n, dict)
        ]
        handles = [
            Handle(text(h.get("text")), h.get("platform") if h.get("platform") in HANDLE_PLATFORMS else "")
            for h in data.get("handles", []) if isinstance(h, dict)
        ]
        emails = [e for e in data.get("emails", []) if isinstance(e, str)]
        role = data.get("role")
        return cls(
            names=names,
            handles=handles,
            emails=emails,
            employer=text(data.get("employer")),
            role=role if role in ROLES else "",
            town=text(data.get("town")),
            phone=text(data.get("phone")),
        )

    @property
    def display_name(self) -> str:
        for name in self.names:
            if name.text.strip():
                return name.text.strip()
        return ""

    def filled_names(self) -> list[PersonName]:
        return [n for n in self.names if n.text.strip()]

    def filled_handles(self) -> list[Handle]:
        return [h for h in self.handles if h.text.strip()]

    def filled_emails(self) -> list[str]:
        return [e.strip() for e in self.emails if e.strip()]

    def private_strings(self) -> list[str]:
        """Every identifying string, longest first (for redaction in logs and reports): names
        and every part of them (each word, then split at dashes and apostrophes: "Mary-Jane
        O'Brien" gives "Mary-Jane", "O'Brien", "Mary", "Jane" and "Brien"; two-letter parts
        such as "Li" count), handles with
        and without "@", emails, phone, employer and town. How each is matched (accents,
        case, whole words for short ones) is the Redactor's business (report/redact.py)."""
        values = []
        for n in self.names:
            values.append(n.text.strip())
            for word in n.text.split():  # "O'Brien" and "Smith-Jones" whole, then their parts
                values.append(word)
                values += _NAME_PARTS.split(word)
        for h in self.handles:
            values.append(h.text.strip())
            values.append(h.text.strip().lstrip("@"))
        values += [e.strip() for e in self.emails]
        values += [self.phone.strip(), self.employer.strip(), self.town.strip()]
        unique = {v for v in values if len(v) >= 2}
        return sorted(unique, key=len, reverse=True)

    def is_started(self) -> bool:
        return bool(self.filled_names() or self.filled_handles() or self.filled_emails()
                    or self.employer.strip() or self.town.strip())


def email_problem(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if "@" not in value:
        return "This does not look like an email address: it has no @."
    if not _EMAIL.match(value):
        return "This does not look like an email address (for example: name@example.org)."
    return None


def handle_problem(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if " " in value:
        return "A username has no spaces. Enter it as it appears on the site, for example @sam_doe."
    if not _HANDLE.match(value):
        return "A username uses only letters, numbers, dots, dashes and underscores."
    return None


def name_problem(value: str) -> str | None:
    if has_unsafe_chars(value, allow_newlines=False):
        return "This name contains characters that cannot be used."
    if len(value) > 120:
        return "This name is too long (120 characters at most)."
    return None


def phone_problem(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if not _PHONE.match(value):
        return "Use digits only, with an optional + at the start (for example +44 7700 900123)."
    return None


def free_text_problem(value: str) -> str | None:
    if has_unsafe_chars(value, allow_newlines=False):
        return "This contains characters that cannot be used."
    if len(value) > 200:
        return "This is too long (200 characters at most)."
    return None


def profile_problems(profile: Profile) -> list[str]:
    """All validation problems, for a summary; the UI shows each next to its field."""
    problems = []
    for n in profile.names:
        if (p := name_problem(n.text)):
            problems.append(f"Name '{n.text}': {p}")
    for h in profile.handles:
        if (p := handle_problem(h.text)):
            problems.append(f"Username '{h.text}': {p}")
    for e in profile.emails:
        if (p := email_problem(e)):
            problems.append(f"Email '{e}': {p}")
    if (p := phone_problem(profile.phone)):
        problems.append(f"Phone: {p}")
    for label, value in (("Employer", profile.employer), ("Town", profile.town)):
        if (p := free_text_problem(value)):
            problems.append(f"{label}: {p}")
    return problems
