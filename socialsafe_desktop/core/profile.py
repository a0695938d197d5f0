"""Who the person is: the facts they give in "About you".

Everything here stays on this computer. The profile is plain data with validation;
saving is the store's job and searching is the search plan's job.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from .i18n import N_, _
from .text import has_unsafe_chars

# Labels are English, marked for translation (N_): show them with _(LABELS[key]).
# TRANSLATORS: the kinds of name a person gives in About you.
NAME_KINDS = {
    "current": N_("Name you use now"),
    "previous": N_("Previous name"),
    "nickname": N_("Nickname"),
}

# The words a role adds to name searches ("Sam Doe" teacher), in each language a person may
# choose for their searches (SEARCH_LANGUAGES). The plan uses the first word of each language:
# the common one ("teacher", not "lecturer"); the others are kept as the glossary of the role.
# The Welsh words and where each was seen in use are in docs/TRANSLATING.md (glossary).
ROLE_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "teacher": {"en": ("teacher", "lecturer"), "cy": ("athro", "athrawes", "darlithydd")},
    "support": {"en": ("teaching assistant", "support staff"), "cy": ("cynorthwyydd addysgu", "staff cymorth")},
    "social_worker": {"en": ("social worker",), "cy": ("gweithiwr cymdeithasol",)},
    "health": {"en": ("nurse", "health"), "cy": ("nyrs", "iechyd")},
    "council": {"en": ("council",), "cy": ("cyngor",)},
    "university": {"en": ("university",), "cy": ("prifysgol",)},
    "other": {},
}

# Role presets: the label (English, marked for translation) and the English search words.
# TRANSLATORS: the roles a person can choose in About you.
ROLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "teacher": (N_("Teacher or lecturer"), ROLE_WORDS["teacher"]["en"]),
    "support": (N_("Support staff"), ROLE_WORDS["support"]["en"]),
    "social_worker": (N_("Social worker"), ROLE_WORDS["social_worker"]["en"]),
    "health": (N_("Health worker"), ROLE_WORDS["health"]["en"]),
    "council": (N_("Council officer"), ROLE_WORDS["council"]["en"]),
    "university": (N_("University staff"), ROLE_WORDS["university"]["en"]),
    "other": (N_("Other"), ()),
}

# The languages of the words searches add (the role), whatever the language of the window: a
# Welsh speaker may still be found under "teacher". The profile keeps one of these keys.
SEARCH_LANGUAGES: dict[str, tuple[str, ...]] = {"en": ("en",), "cy": ("cy",), "both": ("en", "cy")}
DEFAULT_SEARCH_LANGUAGES = "en"
# TRANSLATORS: the choice, in About you, of the language of the words added to searches.
SEARCH_LANGUAGE_LABELS = {"en": N_("English"), "cy": N_("Welsh"), "both": N_("English and Welsh")}


def search_language_choices() -> list[tuple[str, str]]:
    """(key, label) for each choice of search language, labels translated, in display order."""
    return [(key, _(label)) for key, label in SEARCH_LANGUAGE_LABELS.items()]


def role_words(role: str, language: str) -> tuple[str, ...]:
    """The words for `role` in `language` ("en", "cy"); () when there are none."""
    return ROLE_WORDS.get(role, {}).get(language, ())


# Platforms a handle can belong to. Ids match the checklist pack ids. Platform names are
# names: only the first entry is words to translate.
HANDLE_PLATFORMS = {
    # TRANSLATORS: the platform of a username, when the person does not know or it is on several.
    "": N_("Not sure / several"),
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


def handle_platform_labels() -> dict[str, str]:
    """The choices for a username's platform, as shown: services keep their own names."""
    return {key: _(label) if not key else label for key, label in HANDLE_PLATFORMS.items()}

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
    # The language of the words added to searches: a key of SEARCH_LANGUAGES ("en", "cy", "both").
    search_languages: str = DEFAULT_SEARCH_LANGUAGES

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
        languages = data.get("search_languages")
        return cls(
            names=names,
            handles=handles,
            emails=emails,
            employer=text(data.get("employer")),
            role=role if role in ROLES else "",
            town=text(data.get("town")),
            phone=text(data.get("phone")),
            search_languages=(languages if isinstance(languages, str) and languages in SEARCH_LANGUAGES
                              else DEFAULT_SEARCH_LANGUAGES),
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
        return _("This does not look like an email address: it has no @.")
    if not _EMAIL.match(value):
        return _("This does not look like an email address (for example: name@example.org).")
    return None


def handle_problem(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if " " in value:
        return _("A username has no spaces. Enter it as it appears on the site, for example @sam_doe.")
    if not _HANDLE.match(value):
        return _("A username uses only letters, numbers, dots, dashes and underscores.")
    return None


def name_problem(value: str) -> str | None:
    if has_unsafe_chars(value, allow_newlines=False):
        return _("This name contains characters that cannot be used.")
    if len(value) > 120:
        return _("This name is too long ({most} characters at most).").format(most=120)
    return None


def phone_problem(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if not _PHONE.match(value):
        return _("Use digits only, with an optional + at the start (for example +44 7700 900123).")
    return None


def free_text_problem(value: str) -> str | None:
    if has_unsafe_chars(value, allow_newlines=False):
        return _("This contains characters that cannot be used.")
    if len(value) > 200:
        return _("This is too long ({most} characters at most).").format(most=200)
    return None


def profile_problems(profile: Profile) -> list[str]:
    """All validation problems, for a summary; the UI shows each next to its field."""
    problems = []
    # TRANSLATORS: each problem names the field, then says what is wrong in a sentence ({problem}).
    for n in profile.names:
        if (p := name_problem(n.text)):
            problems.append(_("Name '{name}': {problem}").format(name=n.text, problem=p))
    for h in profile.handles:
        if (p := handle_problem(h.text)):
            problems.append(_("Username '{username}': {problem}").format(username=h.text, problem=p))
    for e in profile.emails:
        if (p := email_problem(e)):
            problems.append(_("Email '{email}': {problem}").format(email=e, problem=p))
    if (p := phone_problem(profile.phone)):
        problems.append(_("Phone: {problem}").format(problem=p))
    if (p := free_text_problem(profile.employer)):
        problems.append(_("Employer: {problem}").format(problem=p))
    if (p := free_text_problem(profile.town)):
        problems.append(_("Town: {problem}").format(problem=p))
    return problems
