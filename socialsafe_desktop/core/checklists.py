"""Checklist content packs: schema, validation, loading and organisation overlays.

The format is documented for authors in checklists/README.md; keep the two in step.
Nothing here raises on bad content: every fault becomes a Problem, because packs are
edited by hand (by us and by IT admins) and one bad file must not stop the app.

Packs may carry translations beside the English (see "Translations" at the end of this
module): the app asks for an item or a whole pack `localised(lang)`, and an item that has
no translation comes back in English, whole, marked `translated=False`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .configfile import ConfigFileError, read_toml_file
from .i18n import ENGLISH, LANGUAGES, N_, PSEUDO, _, normalise, pseudo
from .links import is_openable_url

KINDS = ("habits", "platform")
PRIORITIES = ("essential", "recommended")
# "essential" must still mean something: about five a platform, the settings that stop a
# pupil, parent or service user finding and reading the person. Habits packs, organisation
# packs and overlay files keep the older, looser limit so existing organisation files load.
MAX_ESSENTIALS = 6
MAX_ESSENTIALS_OTHER = 10
# How sure we are of an item, written in the file as `evidence`:
#   platform     the platform's own help pages or official material confirm it
#   independent  only third-party guides confirm it
#   unconfirmed  nothing confirms it yet (then `source` may be left out)
EVIDENCE = ("platform", "independent", "unconfirmed")
# What an organisation's item carries when it does not say: its authority is the organisation.
ORGANISATION_EVIDENCE = "organisation"
# What the app says under an item that its platform's own help pages do not (yet) confirm.
EVIDENCE_NOTES = {
    # TRANSLATORS: under a checklist item that only third-party guides confirm.
    "independent": N_("Based on independent guides, not the platform's own help pages."),
    # TRANSLATORS: under a checklist item nothing confirms yet.
    "unconfirmed": N_("Not yet confirmed against the platform's help pages: menus may differ."),
}
# TRANSLATORS: before advice a checklist item gives in SocialSafe's own words, not the platform's.
OWN_ADVICE_LABEL = N_("SocialSafe's own advice")
MIN_MINUTES, MAX_MINUTES = 1, 120
STALE_AFTER_DAYS = 365

# Display order of the platforms we ship; any other platform pack follows alphabetically.
PLATFORM_ORDER = (
    "facebook", "instagram", "threads", "whatsapp", "linkedin", "x", "bluesky", "mastodon",
    "tiktok", "snapchat", "telegram", "discord", "pinterest", "reddit", "strava", "nextdoor",
    "dating-apps", "google", "microsoft", "search-engines", "uk-records",
)

# The documents the habits come from (shared/seeds/ in the project's steering folder; see
# its README). A habit's `seed` must name one of these, so advice stays traceable.
SEEDS = {
    "000_eb0acd88cd59338e.txt": "Notes from a staff briefing on staying safe on social media",
    "001_ad2ddcff13c2cbc3.txt": "A blog post on updated staff social media guidance",
    "002_1821d269caff86c7.txt": "Professionals' tea-break guide to using social media",
    "003_557f3cb52dede488.txt": "A blog post on a university social media workshop",
    "004_d1f8526f3ff9e0bf.txt": "A college's social media policy for staff",
}

# One vocabulary. Each phrase (matched without regard to case, as a whole word) and the
# words to use instead. Menu names in steps may keep the platform's own wording in quotes.
PREFERRED_TERM = "2-step verification"
BANNED_PHRASES = (
    "two-factor", "two factor", "2-factor", "2 factor", "2fa", "two-step", "two step",
    "2 step", "multi-factor", "multi factor", "mfa",
)
TEXT_FIELDS = ("title", "why", "steps", "app_steps", "recommended", "own_advice")
QUOTED_LABEL_FIELDS = ("steps", "app_steps")

# Lives beside the packs but is not one (see core/glossary.py); loading packs skips it.
GLOSSARY_FILE = "glossary.toml"

APP_DIR_ENV = "SOCIALSAFE_APP_CHECKLISTS"
EXTRA_DIRS_ENV = "SOCIALSAFE_CHECKLIST_PATH"

_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DOMAIN_RE = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}")
_BAD_URL_CHARS = re.compile(r"[\s\x00-\x1f\x7f]")


def _phrases_re(phrases: Sequence[str]) -> re.Pattern[str]:
    return re.compile(
        r"(?<![a-z0-9])(" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
        + r")(?![a-z0-9])",
        re.IGNORECASE,
    )


_BANNED_RE = _phrases_re(BANNED_PHRASES)
# A menu name quoted as the platform shows it: 'Two-factor authentication' or "…".
# An apostrophe (don't) never opens or closes one, so it cannot hide a phrase.
_QUOTED_RE = re.compile(
    r"(?<![A-Za-z0-9])(?:'[^'\n]{1,80}'|\"[^\"\n]{1,80}\"|‘[^’\n]{1,80}’|“[^”\n]{1,80}”)(?![A-Za-z0-9])"
)

PACK_FIELDS = ("id", "name", "kind", "domains", "last_reviewed", "sources", "items", "organisation", "report_url")
PACK_REQUIRED = ("id", "name", "kind", "domains", "last_reviewed", "sources", "items")
OVERLAY_FIELDS = ("extends", "organisation", "items", "disable", "override")
ITEM_FIELDS = (
    "id", "title", "why", "steps", "app_steps", "settings_url",
    "recommended", "priority", "minutes", "seed",
    "source", "evidence", "checked", "own_advice",
)
# Required in the app's own platform packs; an organisation's files may leave them out.
PROVENANCE_FIELDS = ("evidence", "checked")
ITEM_REQUIRED = ("id", "title", "why", "steps", "recommended", "priority", "minutes")
OVERRIDABLE = tuple(f for f in ITEM_FIELDS if f != "id")
# Packs, overlays and overrides may each carry their translations (see the end of this module).
TRANSLATIONS_FIELD = "translations"


@dataclass(frozen=True)
class Problem:
    file: str
    item: str
    field: str
    message: str
    # A warning is reported but skips nothing: the file still loads (a translation older
    # than the English it translates). Everything else is a problem and skips the file.
    warning: bool = False

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        return f"{self.file}:{self.item or '-'}:{self.field or '-'}: {kind}{self.message}"


@dataclass(frozen=True)
class ItemTranslation:
    """One item's text in one language, and the fingerprint of the English it translates."""

    language: str
    title: str
    why: str
    steps: tuple[str, ...]
    recommended: str
    app_steps: tuple[str, ...] = ()
    own_advice: str | None = None
    fingerprint: str = ""
    stale: bool = False  # the English has changed since this was translated


@dataclass(frozen=True)
class NameTranslation:
    language: str
    name: str
    fingerprint: str = ""
    stale: bool = False


@dataclass(frozen=True)
class ChecklistItem:
    pack_id: str
    id: str
    title: str
    why: str
    steps: tuple[str, ...]
    app_steps: tuple[str, ...]
    settings_url: str | None
    recommended: str
    priority: str
    minutes: int
    seed: str | None
    origin: str  # "app" | "organisation": who wrote the item
    overridden: tuple[str, ...] = ()  # fields an organisation replaced, so the UI can say so
    # Where the advice comes from (platform packs): the help page that confirms it, how sure
    # we are (EVIDENCE, or ORGANISATION_EVIDENCE for an organisation's item that does not
    # say; None for habits, whose authority is `seed`) and the day it was last checked.
    source: str | None = None
    evidence: str | None = None
    checked: date | None = None
    own_advice: str | None = None  # SocialSafe's own advice beyond the seed, shown labelled
    # Translations of the text fields, one per language, and (after localised()) which
    # language the text is in: `translated` is False when the language asked for has no
    # translation of this item, so its text is English ("not yet in Welsh").
    translations: tuple[ItemTranslation, ...] = ()
    language: str = ENGLISH
    translated: bool = True
    translation_stale: bool = False

    @property
    def key(self) -> str:
        return f"{self.pack_id}:{self.id}"

    @property
    def confirmed_by_platform(self) -> bool:
        return self.evidence == "platform"

    def translation(self, language: str) -> ItemTranslation | None:
        return next((t for t in self.translations if t.language == language), None)

    def localised(self, language: str) -> ChecklistItem:
        """This item in `language`, or in English (translated=False) if it has no translation."""
        return _localised_item(self, language)


@dataclass(frozen=True)
class ChecklistPack:
    id: str
    name: str
    kind: str
    domains: tuple[str, ...]
    last_reviewed: date
    sources: tuple[str, ...]
    items: tuple[ChecklistItem, ...]
    path: Path
    origin: str
    organisation: str | None = None
    # The platform's own page for reporting impersonation and harassment (platform packs only),
    # shown beside what the person keeps as evidence.
    report_url: str | None = None
    name_translations: tuple[NameTranslation, ...] = ()
    language: str = ENGLISH  # the language of `name` (each item says its own)
    translated: bool = True
    translation_stale: bool = False

    def is_stale(self, today: date) -> bool:
        return (today - self.last_reviewed).days > STALE_AFTER_DAYS

    @property
    def essentials(self) -> tuple[ChecklistItem, ...]:
        return tuple(i for i in self.items if i.priority == "essential")

    def localised(self, language: str) -> ChecklistPack:
        """The pack's name and every item in `language`, item by item (see ChecklistItem)."""
        return _localised_pack(self, language)


@dataclass(frozen=True)
class ItemOverride:
    target: str  # "pack:item"
    changes: Mapping[str, Any]
    # The changed text fields in other languages: for each language, the fields and the
    # fingerprint of the override's English they translate (see _apply_override_translations).
    translations: tuple[OverrideTranslation, ...] = ()


@dataclass(frozen=True)
class OverrideTranslation:
    language: str
    changes: Mapping[str, Any]
    fingerprint: str = ""
    stale: bool = False


@dataclass(frozen=True)
class ChecklistOverlay:
    """A file without its own `id`: adds to, changes or removes content of other packs."""

    path: Path
    origin: str
    organisation: str | None
    extends: str | None
    items: tuple[ChecklistItem, ...]
    disable: tuple[str, ...]
    overrides: tuple[ItemOverride, ...]


@dataclass
class Catalogue:
    packs: dict[str, ChecklistPack]
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # files that loaded, with a warning

    def pack(self, pack_id: str) -> ChecklistPack | None:
        return self.packs.get(pack_id)

    def localised(self, language: str) -> Catalogue:
        """Every pack in `language` (item by item, English where there is no translation)."""
        packs = {pack_id: pack.localised(language) for pack_id, pack in self.packs.items()}
        return Catalogue(packs, list(self.problems), list(self.warnings))

    def platform_packs(self) -> list[ChecklistPack]:
        return [p for p in self.packs.values() if p.kind == "platform"]

    def habits_pack(self) -> ChecklistPack | None:
        pack = self.packs.get("habits")
        if pack is not None and pack.kind == "habits":
            return pack
        return next((p for p in self.packs.values() if p.kind == "habits"), None)

    def item(self, key: str) -> ChecklistItem | None:
        pack_id, _colon, item_id = key.partition(":")
        pack = self.packs.get(pack_id)
        if pack is None:
            return None
        return next((i for i in pack.items if i.id == item_id), None)

    def platform_for_url(self, url: str) -> ChecklistPack | None:
        host = _host_of(url)
        if not host:
            return None
        best: tuple[int, ChecklistPack] | None = None
        for pack in self.packs.values():
            for domain in pack.domains:
                matches = host == domain or host.endswith("." + domain)
                # The most specific domain wins (e.g. myaccount.google.com over google.com).
                if matches and (best is None or len(domain) > best[0]):
                    best = (len(domain), pack)
        return best[1] if best else None


# --- public entry points ---------------------------------------------------------------


def default_app_dir() -> Path:
    here = Path(__file__).resolve()
    candidates = []
    env = os.environ.get(APP_DIR_ENV)
    if env:
        candidates.append(Path(env).expanduser())
    candidates += [here.parents[2] / "checklists", here.parents[1] / "checklists"]
    for candidate in candidates:
        if _is_dir(candidate):
            return candidate
    # Nothing exists: return the first choice so the "not found" problem names it.
    return candidates[0]


def extra_dirs_from_env() -> list[Path]:
    raw = os.environ.get(EXTRA_DIRS_ENV, "")
    return [Path(p).expanduser() for p in raw.split(os.pathsep) if p.strip()]


def validate_file(
    path: Path, origin: str = "app"
) -> tuple[ChecklistPack | ChecklistOverlay | None, list[Problem]]:
    """Parse one file on its own. The result is None exactly when there are problems.

    Warnings (a stale translation) are not problems: see validate_paths and load_catalogue."""
    result, problems, _warnings = _validate_file(Path(path), origin)
    return result, problems


def _validate_file(
    path: Path, origin: str
) -> tuple[ChecklistPack | ChecklistOverlay | None, list[Problem], list[Problem]]:
    check = _Checker(str(path))
    data = _read_toml(path, check)
    if data is None:
        return None, check.problems, []
    if "id" not in data and any(k in data for k in ("extends", "disable", "override")):
        result: ChecklistPack | ChecklistOverlay = _parse_overlay(data, path, origin, check)
    else:
        result = _parse_pack(data, path, origin, check)
    return (None if check.problems else result), check.problems, check.warnings


def load_catalogue(app_dir: Path, extra_dirs: Sequence[Path] = ()) -> Catalogue:
    problems: list[Problem] = []
    warnings: list[Problem] = []
    packs: dict[str, ChecklistPack] = {}
    overlays: list[ChecklistOverlay] = []
    sources = [(Path(app_dir), "app")] + [(Path(d), "organisation") for d in extra_dirs]
    # Whole packs from every directory first, so an overlay may extend a pack defined
    # in a later directory; overlays then apply in directory order, then file-name order.
    for directory, origin in sources:
        for path in _toml_files(directory, problems):
            parsed, file_problems, file_warnings = _validate_file(path, origin)
            problems += file_problems
            if parsed is not None:
                warnings += file_warnings
            if isinstance(parsed, ChecklistOverlay):
                overlays.append(parsed)
            elif isinstance(parsed, ChecklistPack):
                if parsed.id in packs:
                    problems.append(_duplicate_pack(parsed, packs[parsed.id]))
                else:
                    packs[parsed.id] = parsed
    disabled_by: dict[str, str] = {}
    for overlay in overlays:
        _apply_overlay(overlay, packs, disabled_by, problems)
    ordered = dict(sorted(packs.items(), key=lambda kv: _display_key(kv[1])))
    return Catalogue(ordered, problems, warnings)


def validate_paths(paths: Sequence[Path]) -> list[Problem]:
    """Every problem and every warning (Problem.warning) in the files, file by file."""
    problems: list[Problem] = []
    seen: dict[str, ChecklistPack] = {}
    for given in paths:
        given = Path(given)
        if _is_dir(given):
            files = _toml_files(given, problems)
            if not files and not _exists(given / GLOSSARY_FILE):
                problems.append(Problem(str(given), "", "", "no .toml files in this directory"))
        elif _exists(given):
            files = [given]  # reading it reports any other trouble
        else:
            problems.append(Problem(str(given), "", "", "no such file or directory"))
            continue
        glossary = given / GLOSSARY_FILE if _is_dir(given) else given
        if glossary.name == GLOSSARY_FILE and _exists(glossary):
            from .glossary import check_glossary  # glossary.py imports this module

            problems += check_glossary(glossary)
            files = [f for f in files if f != glossary]
        for path in files:
            parsed, file_problems, file_warnings = _validate_file(path, "app")
            problems += file_problems + file_warnings
            if isinstance(parsed, ChecklistPack):
                if parsed.id in seen:
                    problems.append(_duplicate_pack(parsed, seen[parsed.id]))
                else:
                    seen[parsed.id] = parsed
    return problems


# --- reading ---------------------------------------------------------------------------


class _Checker:
    """Collects problems for one file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def add(self, item: str, fld: str, message: str) -> None:
        self.problems.append(Problem(self.file, item, fld, message))

    def warn(self, item: str, fld: str, message: str) -> None:
        self.warnings.append(Problem(self.file, item, fld, message, warning=True))


def _exists(path: Path) -> bool:
    # pathlib raises on e.g. permission errors and NUL bytes; for us that is "not there".
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _toml_files(directory: Path, problems: list[Problem]) -> list[Path]:
    if not _exists(directory):
        problems.append(Problem(str(directory), "", "", "directory not found"))
        return []
    if not _is_dir(directory):
        problems.append(Problem(str(directory), "", "", "not a directory"))
        return []
    try:
        entries = sorted(directory.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        problems.append(Problem(str(directory), "", "", f"cannot read directory: {_reason(exc)}"))
        return []
    # Dot-files are editor back-ups and lock files, not content. Non-files (a directory
    # called x.toml) are skipped; an unreadable file is kept so reading it reports why.
    return [
        p for p in entries
        if p.suffix.lower() == ".toml" and not p.name.startswith(".") and not _is_dir(p)
        and p.name != GLOSSARY_FILE
    ]


def _read_toml(path: Path, check: _Checker) -> dict[str, Any] | None:
    try:
        return read_toml_file(path)
    except ConfigFileError as exc:
        check.add("", "", str(exc))
    return None


def _reason(exc: Exception) -> str:
    return getattr(exc, "strerror", None) or str(exc) or exc.__class__.__name__


# --- field checks ----------------------------------------------------------------------


def _toml_type(value: Any) -> str:
    # Named as TOML calls them, since authors write TOML, not Python.
    for kind, name in (
        (bool, "boolean"), (int, "integer"), (float, "float"), (str, "string"),
        (list, "array"), (dict, "table"), (datetime, "date-time"), (date, "date"),
        (time, "time"),
    ):
        if isinstance(value, kind):
            return name
    return type(value).__name__


def _wrong_type(check: _Checker, item: str, fld: str, expected: str, value: Any) -> None:
    got = _a(_toml_type(value))
    check.add(item, fld, f"wrong type for '{fld}': expected {expected}, got {got}")


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def _unknown_fields(
    check: _Checker, table: Mapping[str, Any], allowed: Sequence[str], item: str, hint: str = ""
) -> None:
    for key in table:
        if key in allowed:
            continue
        import difflib  # only when there is a slip to suggest a fix for
        close = difflib.get_close_matches(key, allowed, n=1)
        suggestion = f" (did you mean '{close[0]}'?)" if close else hint
        check.add(item, key, f"unknown field '{key}'{suggestion}")


def _missing(check: _Checker, table: Mapping[str, Any], required: Sequence[str], item: str) -> None:
    for key in required:
        if key not in table:
            check.add(item, key, f"missing required field '{key}'")


def _text(check: _Checker, item: str, fld: str, value: Any) -> str | None:
    if not isinstance(value, str):
        _wrong_type(check, item, fld, "a string", value)
        return None
    if not value.strip():
        check.add(item, fld, f"'{fld}' must not be empty")
        return None
    return value


def _ident(check: _Checker, item: str, fld: str, value: Any) -> str | None:
    text = _text(check, item, fld, value)
    if text is None:
        return None
    if not _ID_RE.fullmatch(text):
        check.add(item, fld, f"invalid id '{text}': use lowercase letters, digits "
                             f"and single hyphens")
        return None
    return text


def _choice(check: _Checker, item: str, fld: str, value: Any, allowed: Sequence[str]) -> str | None:
    text = _text(check, item, fld, value)
    if text is None:
        return None
    if text not in allowed:
        check.add(item, fld, f"unknown {fld} '{text}' (allowed: {', '.join(allowed)})")
        return None
    return text


def _url(check: _Checker, item: str, fld: str, value: Any) -> str | None:
    text = _text(check, item, fld, value)
    if text is None:
        return None
    if _BAD_URL_CHARS.search(text):
        check.add(item, fld, f"malformed URL '{text}': contains a space or control character")
        return None
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        check.add(item, fld, f"malformed URL '{text}'")
        return None
    if parts.scheme.lower() != "https":
        check.add(item, fld, f"not an https URL: '{text}'")
        return None
    if not host:
        check.add(item, fld, f"malformed URL '{text}': no host name")
        return None
    return text if is_openable_url(text) else check.add(item, fld, f"not a plain web address (a user name or password part, or too long): '{text}'")


def _text_list(
    check: _Checker, item: str, fld: str, value: Any, *, allow_empty: bool, each=None
) -> tuple[str, ...] | None:
    if not isinstance(value, list):
        _wrong_type(check, item, fld, "an array of strings", value)
        return None
    if not value and not allow_empty:
        check.add(item, fld, f"'{fld}' must not be empty")
        return None
    out = []
    for n, entry in enumerate(value, 1):
        if not isinstance(entry, str):
            check.add(item, fld, f"wrong type for entry {n} of '{fld}': expected a string, "
                                 f"got {_a(_toml_type(entry))}")
        elif not entry.strip():
            check.add(item, fld, f"entry {n} of '{fld}' is empty")
        elif each is None or each(entry):
            out.append(entry)
    return tuple(out) if len(out) == len(value) else None


def _minutes(check: _Checker, item: str, value: Any) -> int | None:
    # bool is a subclass of int in Python; `minutes = true` must not pass as 1.
    if isinstance(value, bool) or not isinstance(value, int):
        _wrong_type(check, item, "minutes", "an integer", value)
        return None
    if not MIN_MINUTES <= value <= MAX_MINUTES:
        check.add(item, "minutes", f"minutes must be between {MIN_MINUTES} and {MAX_MINUTES}, "
                                   f"got {value}")
        return None
    return value


def _seed(check: _Checker, item: str, value: Any) -> str | None:
    text = _text(check, item, "seed", value)
    if text is not None and ("/" in text or "\\" in text):
        check.add(item, "seed", f"seed '{text}' must be a file name, not a path")
        return None
    return text


def _past_date(check: _Checker, item: str, fld: str, value: Any) -> date | None:
    # datetime is a subclass of date, so rule it out first.
    if isinstance(value, datetime) or not isinstance(value, date):
        _wrong_type(check, item, fld, "a date like 2026-11-21 (no quotes)", value)
        return None
    # A day of slack: an author east of the build machine may already be on "tomorrow".
    if value > date.today() + timedelta(days=1):
        check.add(item, fld, f"{fld} {value.isoformat()} is in the future")
        return None
    return value


def _banned_phrases(
    check: _Checker, item: str, fld: str, value: Any, language: str = ENGLISH
) -> None:
    """One vocabulary: report each banned phrase once per field, with the replacement."""
    texts = value if isinstance(value, tuple) else (value,)
    banned, preferred = _BANNED_RE, PREFERRED_TERM
    if language in TRANSLATED_VOCABULARY:
        preferred, banned = TRANSLATED_VOCABULARY[language][0], _TRANSLATED_BANNED_RE[language]
    seen: list[str] = []
    for text in texts:
        if not isinstance(text, str):
            continue
        if fld in QUOTED_LABEL_FIELDS:
            # A menu name quoted as the platform shows it may keep the platform's words.
            text = _QUOTED_RE.sub(lambda m: " " * len(m.group(0)), text)
        for match in banned.finditer(text):
            phrase = match.group(0)
            if phrase.lower() not in (s.lower() for s in seen):
                seen.append(phrase)
    for phrase in seen:
        where = (" (a menu name may keep the platform's own words in quotes)"
                 if fld in QUOTED_LABEL_FIELDS else "")
        check.add(item, fld, f"'{phrase}' is not our wording: write '{preferred}'{where}")


def _item_field(check: _Checker, item: str, fld: str, value: Any) -> Any:
    """Check one item field; None means a problem was recorded."""
    if fld == "id":
        return _ident(check, item, fld, value)
    if fld in ("title", "why", "recommended"):
        return _text(check, item, fld, value)
    if fld == "steps":
        return _text_list(check, item, fld, value, allow_empty=False)
    if fld == "app_steps":
        return _text_list(check, item, fld, value, allow_empty=True)
    if fld == "settings_url":
        return _url(check, item, fld, value)
    if fld == "priority":
        return _choice(check, item, fld, value, PRIORITIES)
    if fld == "minutes":
        return _minutes(check, item, value)
    if fld == "seed":
        return _seed(check, item, value)
    if fld == "source":
        return _url(check, item, fld, value)
    if fld == "evidence":
        return _choice(check, item, fld, value, EVIDENCE)
    if fld == "checked":
        return _past_date(check, item, fld, value)
    if fld == "own_advice":
        return _text(check, item, fld, value)
    raise AssertionError(fld)  # pragma: no cover - callers pass only ITEM_FIELDS


# --- packs, items, overlays ------------------------------------------------------------


def _parse_items(
    check: _Checker, value: Any, pack_id: str, kind: str | None, origin: str,
    app_content: bool = False,
) -> tuple[ChecklistItem, ...]:
    """kind None means "not known yet" (an `extends` file): kind-specific rules wait.

    app_content: the app's own platform pack, where every item must say where it comes from.
    """
    if not isinstance(value, list) or not all(isinstance(t, dict) for t in value):
        got = "an array" if isinstance(value, list) else _a(_toml_type(value))
        check.add("", "items", f"wrong type for 'items': expected an array of tables "
                               f"([[items]]), got {got}")
        return ()
    items: list[ChecklistItem] = []
    seen: set[str] = set()
    for n, table in enumerate(value, 1):
        raw_id = table.get("id")
        label = raw_id if isinstance(raw_id, str) and raw_id.strip() else f"#{n}"
        before = len(check.problems)
        _unknown_fields(check, table, ITEM_FIELDS, label)
        _missing(check, table, ITEM_REQUIRED, label)
        if kind == "platform" and "settings_url" not in table:
            check.add(label, "settings_url", "missing required field 'settings_url' "
                                             "(required in platform packs)")
        if kind == "habits" and "seed" not in table:
            check.add(label, "seed", "missing required field 'seed' (required in habits packs)")
        if kind == "platform" and app_content:
            for fld in PROVENANCE_FIELDS:
                if fld not in table:
                    check.add(label, fld, f"missing required field '{fld}' (required in "
                                          f"platform packs; see 'Where advice comes from')")
        values = {f: _item_field(check, label, f, table[f]) for f in ITEM_FIELDS if f in table}
        if app_content and values.get("seed") is not None and values["seed"] not in SEEDS:
            # The app's habits are traceable to the seed documents; an organisation may
            # name its own policy documents.
            check.add(label, "seed", f"unknown seed '{values['seed']}' (the seed files are: "
                                     f"{', '.join(sorted(SEEDS))})")
        if values.get("evidence") in ("platform", "independent") and "source" not in table:
            check.add(label, "source", f"missing required field 'source' (evidence "
                                       f"'{values['evidence']}' needs the address that "
                                       f"confirms it)")
        for fld in TEXT_FIELDS:
            if values.get(fld) is not None:
                _banned_phrases(check, label, fld, values[fld])
        if isinstance(raw_id, str):
            if raw_id in seen:
                check.add(label, "id", f"duplicate item id '{raw_id}' (already used by an "
                                       f"earlier item in this file)")
            seen.add(raw_id)
        if len(check.problems) == before:
            items.append(_make_item(pack_id, values, origin))
    if kind is not None and not value:
        check.add("", "items", "a pack needs at least one item")
    return tuple(items)


def _make_item(pack_id: str, values: Mapping[str, Any], origin: str) -> ChecklistItem:
    return ChecklistItem(
        pack_id=pack_id,
        id=values["id"],
        title=values["title"],
        why=values["why"],
        steps=values["steps"],
        app_steps=values.get("app_steps", ()),
        settings_url=values.get("settings_url"),
        recommended=values["recommended"],
        priority=values["priority"],
        minutes=values["minutes"],
        seed=values.get("seed"),
        origin=origin,
        source=values.get("source"),
        evidence=values.get("evidence") or (ORGANISATION_EVIDENCE if origin == "organisation"
                                            else None),
        checked=values.get("checked"),
        own_advice=values.get("own_advice"),
    )


def _last_reviewed(check: _Checker, value: Any) -> date | None:
    return _past_date(check, "", "last_reviewed", value)


def _parse_pack(data: dict[str, Any], path: Path, origin: str, check: _Checker) -> ChecklistPack:
    _unknown_fields(
        check, data, (*PACK_FIELDS, TRANSLATIONS_FIELD), "",
        hint=" (extends/disable/override belong in overlay files, which have no 'id')",
    )
    _missing(check, data, PACK_REQUIRED, "")
    pack_id = _ident(check, "", "id", data["id"]) if "id" in data else None
    if pack_id is not None and pack_id != path.stem:
        check.add("", "id", f"id '{pack_id}' does not match the file name '{path.name}' "
                            f"(they must be the same)")
    name = _text(check, "", "name", data["name"]) if "name" in data else None
    kind = _choice(check, "", "kind", data["kind"], KINDS) if "kind" in data else None
    domains = ()
    if "domains" in data:
        domains = _text_list(check, "", "domains", data["domains"], allow_empty=True,
                             each=lambda d: _domain_ok(check, d)) or ()
    reviewed = _last_reviewed(check, data["last_reviewed"]) if "last_reviewed" in data else None
    sources = ()
    if "sources" in data:
        sources = _text_list(check, "", "sources", data["sources"],
                             allow_empty=kind != "platform",
                             each=lambda u: _url(check, "", "sources", u) is not None) or ()
    organisation = None
    if "organisation" in data:
        organisation = _text(check, "", "organisation", data["organisation"])
    report_url = None
    if "report_url" in data:
        report_url = _url(check, "", "report_url", data["report_url"])
        if report_url is not None and kind is not None and kind != "platform":
            check.add("", "report_url", "'report_url' belongs in platform packs: a habits pack has no "
                                        "platform to report to")
            report_url = None
    # The app's own content meets the full standard; an organisation's pack (loaded from an
    # organisation directory, or saying `organisation = ...`) need not, so its files keep working.
    app_content = origin == "app" and "organisation" not in data
    items: tuple[ChecklistItem, ...] = ()
    if "items" in data:
        # An unknown kind would only add noise about settings_url/seed; check items plainly.
        items = _parse_items(check, data["items"], pack_id or path.stem, kind or "", origin,
                             app_content)
    essentials = sum(1 for i in items if i.priority == "essential")
    limit = MAX_ESSENTIALS if kind == "platform" and app_content else MAX_ESSENTIALS_OTHER
    if essentials > limit:
        check.add("", "items", f"too many essential items: {essentials} "
                               f"(at most {limit}; mark the rest 'recommended')")
    checked = [i.checked for i in items if i.checked is not None]
    all_items_good = isinstance(data.get("items"), list) and len(items) == len(data["items"])
    if reviewed is not None and checked and all_items_good and reviewed != min(checked):
        check.add("", "last_reviewed", f"last_reviewed {reviewed.isoformat()} must be the "
                                       f"oldest 'checked' date of the items, "
                                       f"{min(checked).isoformat()}")
    names: tuple[NameTranslation, ...] = ()
    if TRANSLATIONS_FIELD in data:
        names, items = _parse_translations(check, data[TRANSLATIONS_FIELD], data.get("items"), items,
                                           name=name)
    return ChecklistPack(
        id=pack_id or path.stem, name=name or "", kind=kind or "", domains=domains,
        last_reviewed=reviewed or date.min, sources=sources, items=items, path=path,
        origin=origin, organisation=organisation, report_url=report_url, name_translations=names,
    )


def _domain_ok(check: _Checker, domain: str) -> bool:
    if _DOMAIN_RE.fullmatch(domain):
        return True
    check.add("", "domains", f"'{domain}' is not a bare lowercase domain "
                             f"(write it like 'example.com', without https:// or a path)")
    return False


def _parse_overlay(
    data: dict[str, Any], path: Path, origin: str, check: _Checker
) -> ChecklistOverlay:
    _unknown_fields(check, data, (*OVERLAY_FIELDS, TRANSLATIONS_FIELD), "",
                    hint=" (not allowed in an overlay file)")
    organisation = None
    if "organisation" in data:
        organisation = _text(check, "", "organisation", data["organisation"])
    extends = _ident(check, "", "extends", data["extends"]) if "extends" in data else None
    items: tuple[ChecklistItem, ...] = ()
    if "items" in data:
        if "extends" not in data:
            check.add("", "items", "items in an overlay file need 'extends' to name their pack")
        else:
            items = _parse_items(check, data["items"], extends or "", None, origin)
            essentials = sum(1 for i in items if i.priority == "essential")
            if essentials > MAX_ESSENTIALS_OTHER:
                check.add("", "items", f"too many essential items: {essentials} "
                                       f"(at most {MAX_ESSENTIALS_OTHER})")
    disable: tuple[str, ...] = ()
    if "disable" in data:
        disable = _text_list(check, "", "disable", data["disable"], allow_empty=True,
                             each=lambda t: _target_ok(check, "", "disable", t, True)) or ()
    overrides = _parse_overrides(check, data["override"]) if "override" in data else ()
    if TRANSLATIONS_FIELD in data:
        # An overlay translates the items it adds; its overrides carry their own.
        _names, items = _parse_translations(check, data[TRANSLATIONS_FIELD], data.get("items"), items,
                                            name=None, pack=False)
    return ChecklistOverlay(path, origin, organisation, extends, items, disable, overrides)


def _target_ok(check: _Checker, item: str, fld: str, target: str, pack_allowed: bool) -> bool:
    pack_id, colon, item_id = target.partition(":")
    if _ID_RE.fullmatch(pack_id) and (_ID_RE.fullmatch(item_id) if colon else pack_allowed):
        return True
    form = "'pack' or 'pack:item'" if pack_allowed else "'pack:item'"
    check.add(item, fld, f"invalid target '{target}': write it as {form}, "
                         f"e.g. 'facebook:past-posts'")
    return False


def _parse_overrides(check: _Checker, value: Any) -> tuple[ItemOverride, ...]:
    if not isinstance(value, list) or not all(isinstance(t, dict) for t in value):
        got = "an array" if isinstance(value, list) else _a(_toml_type(value))
        check.add("", "override", f"wrong type for 'override': expected an array of tables "
                                  f"([[override]]), got {got}")
        return ()
    out = []
    for n, table in enumerate(value, 1):
        target = table.get("item")
        label = target if isinstance(target, str) and target.strip() else f"override #{n}"
        before = len(check.problems)
        _unknown_fields(check, table, ("item", *OVERRIDABLE, TRANSLATIONS_FIELD), label,
                        hint=f" (an override may set: {', '.join(OVERRIDABLE)})")
        if "item" not in table:
            check.add(label, "item", "missing required field 'item'")
        elif _text(check, label, "item", target) is not None:
            _target_ok(check, label, "item", target, False)
        changes = {f: _item_field(check, label, f, table[f]) for f in OVERRIDABLE if f in table}
        if not changes:
            check.add(label, "", "override changes nothing: add at least one field to replace")
        translations: tuple[OverrideTranslation, ...] = ()
        if TRANSLATIONS_FIELD in table:
            translations = _parse_override_translations(check, label, table[TRANSLATIONS_FIELD], changes)
        if len(check.problems) == before:
            out.append(ItemOverride(target, changes, translations))
    return tuple(out)


# --- merging ---------------------------------------------------------------------------


def _duplicate_pack(pack: ChecklistPack, first: ChecklistPack) -> Problem:
    return Problem(str(pack.path), "", "id", f"duplicate pack id '{pack.id}' (already defined "
                                             f"in {first.path}); to add items use "
                                             f"extends = \"{pack.id}\" and no id")


def _apply_overlay(
    overlay: ChecklistOverlay,
    packs: dict[str, ChecklistPack],
    disabled_by: dict[str, str],
    problems: list[Problem],
) -> None:
    """Apply what can be applied; a missing target skips only that entry."""
    check = _Checker(str(overlay.path))

    def gone(what: str, target: str) -> str:
        where = disabled_by.get(target) or disabled_by.get(target.partition(":")[0])
        return f"no such {what}" + (f" (it was disabled by {where})" if where else "")

    if overlay.extends is not None:
        pack = packs.get(overlay.extends)
        if pack is None:
            check.add("", "extends", f"cannot extend '{overlay.extends}': "
                                     f"{gone('pack', overlay.extends)}")
        else:
            added = list(pack.items)
            for item in overlay.items:
                if pack.kind == "platform" and item.settings_url is None:
                    check.add(item.id, "settings_url", f"missing required field 'settings_url' "
                                                       f"('{pack.id}' is a platform pack)")
                elif any(i.id == item.id for i in added):
                    check.add(item.id, "id", f"duplicate item id '{item.id}' "
                                             f"(pack '{pack.id}' already has it)")
                else:
                    added.append(item)
            packs[pack.id] = dataclasses.replace(pack, items=tuple(added))

    for override in overlay.overrides:
        pack_id, _colon, item_id = override.target.partition(":")
        pack = packs.get(pack_id)
        found = pack and next((i for i in pack.items if i.id == item_id), None)
        if not found:
            what = "item" if pack else "pack"
            check.add(override.target, "item", f"cannot override '{override.target}': "
                                               f"{gone(what, override.target)}")
            continue
        changed = dataclasses.replace(
            found, **override.changes,
            overridden=tuple(sorted(set(found.overridden) | set(override.changes))),
            translations=_apply_override_translations(found, override),
        )
        items = tuple(changed if i is found else i for i in pack.items)
        packs[pack_id] = dataclasses.replace(pack, items=items)

    for target in overlay.disable:
        pack_id, colon, item_id = target.partition(":")
        pack = packs.get(pack_id)
        if colon and pack and any(i.id == item_id for i in pack.items):
            items = tuple(i for i in pack.items if i.id != item_id)
            packs[pack_id] = dataclasses.replace(pack, items=items)
        elif not colon and pack:
            del packs[pack_id]
        else:
            what = "item" if colon and pack else "pack"
            check.add("", "disable", f"cannot disable '{target}': {gone(what, target)}")
            continue
        disabled_by[target] = str(overlay.path)

    problems += check.problems


def _display_key(pack: ChecklistPack) -> tuple[int, int, str]:
    if pack.kind == "habits":
        return (1, 0 if pack.id == "habits" else 1, pack.id)
    order = PLATFORM_ORDER.index(pack.id) if pack.id in PLATFORM_ORDER else len(PLATFORM_ORDER)
    return (0, order, pack.id)


def _host_of(url: str) -> str | None:
    text = url.strip()
    if "//" not in text:
        text = "//" + text  # tolerate "facebook.com/name" without a scheme
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    return host.rstrip(".") if host else None


# --- translations ----------------------------------------------------------------------
#
# A pack carries its translations beside the English, in one block per language:
#
#   [translations.cy]
#   name = "..."                         # the pack's name
#   fingerprint = "..."                  # of the English name it translates
#   [translations.cy.items.<item-id>]
#   fingerprint = "..."                  # of the English item it translates
#   title = "..."  why = "..."  steps = [...]  recommended = "..."  (app_steps, own_advice)
#
# The fingerprint is how a translation that is older than its English is found: the
# validator warns, the app still shows it and says so. Format in checklists/README.md.

# The languages a pack may be translated into: those the app speaks, less its own.
TRANSLATION_LANGUAGES = tuple(code for code in LANGUAGES if code != ENGLISH)
FINGERPRINT_LENGTH = 12
STALE_TRANSLATION = "the English has changed since this was translated"
# One vocabulary in each translation too: the English phrases refused above are refused there
# (outside quoted menu names), and so are the language's own words for them.
TRANSLATED_VOCABULARY = {
    "cy": ("dilysu dau gam", ("dau ffactor", "ddau ffactor", "dau-ffactor", "ddau-ffactor",
                              "aml-ffactor", "aml ffactor", "amlffactor")),
}
_TRANSLATED_BANNED_RE = {
    language: _phrases_re((*BANNED_PHRASES, *banned))
    for language, (_preferred, banned) in TRANSLATED_VOCABULARY.items()
}
_FINGERPRINT_RE = re.compile(rf"[0-9a-f]{{{FINGERPRINT_LENGTH}}}")
# Always in the English, so always in a translation; app_steps and own_advice only when the
# English item has them.
_ALWAYS_TRANSLATED = ("title", "why", "steps", "recommended")


@dataclass(frozen=True)
class TextStatus:
    """Where the translation of one item (or of a pack's name, id "") stands."""

    id: str
    state: str  # "translated", "stale" or "missing"
    fingerprint: str  # of the English now: what the translation's `fingerprint` should say
    translated_from: str = ""  # the fingerprint a stale translation says


def fingerprint(english: Mapping[str, Any]) -> str:
    """The first 12 hex digits of the SHA-256 of the English fields as compact JSON.

    `english` maps field names to their text (lists for steps); the JSON has its keys sorted,
    no spaces, and non-ASCII characters as they are, encoded as UTF-8."""
    plain = {k: list(v) if isinstance(v, tuple) else v for k, v in english.items()}
    text = json.dumps(plain, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def is_fingerprint(value: Any) -> bool:
    """Is this written like a fingerprint: 12 lowercase hexadecimal digits?"""
    return isinstance(value, str) and _FINGERPRINT_RE.fullmatch(value) is not None


def item_fingerprint(item: ChecklistItem) -> str:
    """The fingerprint of the item's English text fields (those it has)."""
    english = _english_of(item)
    return fingerprint({f: getattr(english, f) for f in _english_fields(english)})


def name_fingerprint(name: str) -> str:
    return fingerprint({"name": name})


def translation_status(
    parsed: ChecklistPack | ChecklistOverlay, language: str
) -> tuple[TextStatus, ...]:
    """The pack's name (packs only) and then each item: translated, stale or missing."""
    out: list[TextStatus] = []
    if isinstance(parsed, ChecklistPack):
        now = name_fingerprint(parsed.name)
        found = next((n for n in parsed.name_translations if n.language == language), None)
        out.append(_status("", found, now))
    for item in parsed.items:
        out.append(_status(item.id, item.translation(language), item_fingerprint(item)))
    return tuple(out)


def _status(text_id: str, found: ItemTranslation | NameTranslation | None, now: str) -> TextStatus:
    if found is None:
        return TextStatus(text_id, "missing", now)
    if found.stale:
        return TextStatus(text_id, "stale", now, found.fingerprint)
    return TextStatus(text_id, "translated", now)


class _Prefixed(_Checker):
    """Reports into another checker with a prefix on the field: translations.cy.title."""

    def __init__(self, check: _Checker, prefix: str) -> None:
        self._check = check
        self.prefix = prefix
        self.file = check.file
        self.problems = check.problems
        self.warnings = check.warnings

    def add(self, item: str, fld: str, message: str) -> None:
        self._check.add(item, self.prefix + fld if fld else self.prefix.rstrip("."), message)


def _language_ok(check: _Checker, item: str, language: str) -> bool:
    if language in TRANSLATION_LANGUAGES:
        return True
    fld = f"translations.{language}"
    if language == ENGLISH:
        check.add(item, fld, f"English is the pack's own text, not a translation (translations "
                             f"may be in: {', '.join(TRANSLATION_LANGUAGES)})")
    else:
        check.add(item, fld, f"unknown language '{language}' (translations may be in: "
                             f"{', '.join(TRANSLATION_LANGUAGES)})")
    return False


def _fingerprint_field(
    sub: _Checker, item: str, table: Mapping[str, Any], now: str
) -> str | None:
    if "fingerprint" not in table:
        sub.add(item, "fingerprint", f"missing required field 'fingerprint': write "
                                     f"fingerprint = \"{now}\", the fingerprint of the English "
                                     f"this translates")
        return None
    value = table["fingerprint"]
    if not is_fingerprint(value):
        sub.add(item, "fingerprint", f"'fingerprint' must be {FINGERPRINT_LENGTH} lowercase "
                                     f"hexadecimal digits, like \"{now}\" (the fingerprint of "
                                     f"the English now)")
        return None
    return value


def _stale_warning(check: _Checker, item: str, fld: str, now: str) -> None:
    check.warn(item, fld, f"{STALE_TRANSLATION}: bring the translation up to date, then set "
                          f"fingerprint = \"{now}\"")


def _translatable_fields_only(sub: _Checker, table: Mapping[str, Any], item: str) -> None:
    allowed = (*TEXT_FIELDS, "fingerprint")
    for key in table:
        if key in allowed:
            continue
        if key in ITEM_FIELDS:
            sub.add(item, key, f"'{key}' is not translated: it is the same in every language "
                               f"(a translation may have: {', '.join(allowed)})")
        else:
            _unknown_fields(sub, {key: None}, allowed, item)


def _parse_translations(
    check: _Checker, value: Any, raw_items: Any, items: tuple[ChecklistItem, ...], *,
    name: str | None, pack: bool = True,
) -> tuple[tuple[NameTranslation, ...], tuple[ChecklistItem, ...]]:
    """The [translations.<lang>] tables of a pack (name and items) or of an overlay (items).

    Returns the name's translations and the items, each with its translations attached."""
    if not isinstance(value, dict):
        check.add("", "translations", f"wrong type for 'translations': expected a table for "
                                      f"each language ([translations.cy]), got "
                                      f"{_a(_toml_type(value))}")
        return (), items
    raw_ids = ({t.get("id") for t in raw_items if isinstance(t, dict)}
               if isinstance(raw_items, list) else set())
    by_id = {i.id: i for i in items}
    names: list[NameTranslation] = []
    per_item: dict[str, list[ItemTranslation]] = {}
    for language, table in value.items():
        fld = f"translations.{language}"
        if not _language_ok(check, "", language):
            continue
        if not isinstance(table, dict):
            check.add("", fld, f"wrong type for '{fld}': expected a table, got "
                               f"{_a(_toml_type(table))}")
            continue
        sub = _Prefixed(check, fld + ".")
        if pack:
            _unknown_fields(sub, table, ("name", "fingerprint", "items"), "",
                            hint=f" (a pack's translation has: name, fingerprint and "
                                 f"[{fld}.items.<item-id>])")
            found = _parse_name_translation(check, sub, language, table, name)
            if found is not None:
                names.append(found)
        else:
            _unknown_fields(sub, table, ("items",), "", hint=" (an overlay translates only the "
                                                          "items it adds, in [translations."
                                                          f"{language}.items.<item-id>])")
        raw = table.get("items", {})
        if not isinstance(raw, dict) or not all(isinstance(t, dict) for t in raw.values()):
            sub.add("", "items", f"wrong type for 'items': expected a table for each item "
                                 f"([{fld}.items.<item-id>])")
            continue
        for item_id, item_table in raw.items():
            item = by_id.get(item_id)
            if item is None:
                # An item with problems of its own is reported already; say nothing more.
                if item_id not in raw_ids:
                    check.add(item_id, fld, f"no item '{item_id}' in this file to translate")
                continue
            translation = _parse_item_translation(check, language, item, item_table)
            if translation is not None:
                per_item.setdefault(item_id, []).append(translation)
    items = tuple(dataclasses.replace(i, translations=tuple(per_item[i.id])) if i.id in per_item
                  else i for i in items)
    return tuple(names), items


def _parse_name_translation(
    check: _Checker, sub: _Checker, language: str, table: Mapping[str, Any], name: str | None
) -> NameTranslation | None:
    before = len(check.problems)
    now = name_fingerprint(name) if name is not None else ""
    if "name" not in table:
        sub.add("", "name", "missing required field 'name' (the pack's name in this language)")
    translated = _text(sub, "", "name", table["name"]) if "name" in table else None
    given = _fingerprint_field(sub, "", table, now)
    if len(check.problems) != before or name is None or translated is None or given is None:
        return None
    stale = given != now
    if stale:
        _stale_warning(check, "", f"translations.{language}.name", now)
    return NameTranslation(language, translated, given, stale)


def _english_fields(english: ItemTranslation) -> tuple[str, ...]:
    return (*_ALWAYS_TRANSLATED,
            *(("app_steps",) if english.app_steps else ()),
            *(("own_advice",) if english.own_advice is not None else ()))


def _parse_item_translation(
    check: _Checker, language: str, item: ChecklistItem, table: Mapping[str, Any]
) -> ItemTranslation | None:
    fld = f"translations.{language}"
    sub = _Prefixed(check, fld + ".")
    label = item.id
    before = len(check.problems)
    _translatable_fields_only(sub, table, label)
    now = item_fingerprint(item)
    given = _fingerprint_field(sub, label, table, now)
    stale = given is not None and given != now
    english = _english_of(item)
    has = _english_fields(english)
    for f in _ALWAYS_TRANSLATED:
        if f not in table:
            sub.add(label, f, f"missing required field '{f}'")
    # A stale translation may lack what the English gained, or keep what it lost: the
    # warning says so, and localised() falls back to the English for those fields.
    if not stale:
        for f in ("app_steps", "own_advice"):
            if f in has and f not in table:
                sub.add(label, f, f"missing required field '{f}' (the English item has it)")
            elif f not in has and f in table:
                sub.add(label, f, f"the English item has no '{f}' to translate")
    values = {f: _item_field(sub, label, f, table[f]) for f in TEXT_FIELDS if f in table}
    for f, v in values.items():
        if v is not None:
            _banned_phrases(sub, label, f, v, language)
    if not stale:
        for f in ("steps", "app_steps"):
            mine, theirs = values.get(f), getattr(english, f)
            if mine is not None and theirs and len(mine) != len(theirs):
                sub.add(label, f, f"{_count(len(mine), 'step')}, but the English has "
                                  f"{len(theirs)}: translate each step as one step")
    if len(check.problems) != before or given is None:
        return None
    if stale:
        _stale_warning(check, label, fld, now)
    return ItemTranslation(
        language=language, title=values["title"], why=values["why"], steps=values["steps"],
        recommended=values["recommended"], app_steps=values.get("app_steps") or (),
        own_advice=values.get("own_advice"), fingerprint=given, stale=stale,
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _parse_override_translations(
    check: _Checker, label: str, value: Any, changes: Mapping[str, Any]
) -> tuple[OverrideTranslation, ...]:
    """[override.translations.<lang>]: the text this override changes, in other languages."""
    if not isinstance(value, dict):
        check.add(label, "translations", f"wrong type for 'translations': expected a table "
                                         f"for each language ([override.translations.cy]), got "
                                         f"{_a(_toml_type(value))}")
        return ()
    text = {f: v for f, v in changes.items() if f in TEXT_FIELDS and v is not None}
    now = fingerprint(text)
    out: list[OverrideTranslation] = []
    for language, table in value.items():
        fld = f"translations.{language}"
        if not _language_ok(check, label, language):
            continue
        if not isinstance(table, dict):
            check.add(label, fld, f"wrong type for '{fld}': expected a table, got "
                                  f"{_a(_toml_type(table))}")
            continue
        sub = _Prefixed(check, fld + ".")
        before = len(check.problems)
        _translatable_fields_only(sub, table, label)
        if not text:
            check.add(label, fld, "this override changes no text, so there is nothing to "
                                  "translate")
            continue
        given = _fingerprint_field(sub, label, table, now)
        stale = given is not None and given != now
        if not stale:
            for f in TEXT_FIELDS:
                if f in text and f not in table:
                    sub.add(label, f, f"missing required field '{f}' (this override changes it)")
                elif f in table and f not in text:
                    sub.add(label, f, f"this override does not change '{f}', so there is "
                                      f"nothing to translate")
        values = {f: _item_field(sub, label, f, table[f]) for f in TEXT_FIELDS if f in table}
        for f, v in values.items():
            if v is not None:
                _banned_phrases(sub, label, f, v, language)
        if len(check.problems) != before or given is None:
            continue
        if stale:
            _stale_warning(check, label, fld, now)
        out.append(OverrideTranslation(language, values, given, stale))
    return tuple(out)


def _apply_override_translations(
    item: ChecklistItem, override: ItemOverride
) -> tuple[ItemTranslation, ...]:
    """The item's translations once an override has changed its English.

    An override that changes no text keeps them. One that changes text keeps a language only
    if it translates every text field it changes; otherwise the item falls back to English in
    that language (the organisation's words, "not yet in Welsh"), rather than showing a
    translation of advice the organisation replaced."""
    text = [f for f in override.changes if f in TEXT_FIELDS]
    if not text:
        return item.translations
    out: list[ItemTranslation] = []
    for language in TRANSLATION_LANGUAGES:
        given = next((t for t in override.translations if t.language == language), None)
        if given is None or any(f not in given.changes for f in text):
            continue
        base = item.translation(language)
        fields: dict[str, Any] = {f: getattr(base, f) for f in TEXT_FIELDS} if base else {}
        fields.update(given.changes)
        if any(not fields.get(f) for f in _ALWAYS_TRANSLATED):
            continue  # the rest of the item was never translated
        out.append(ItemTranslation(
            language=language, title=fields["title"], why=fields["why"], steps=fields["steps"],
            recommended=fields["recommended"], app_steps=fields.get("app_steps") or (),
            own_advice=fields.get("own_advice"),
            fingerprint=base.fingerprint if base else given.fingerprint,
            stale=(base.stale if base else False) or given.stale,
        ))
    return tuple(out)


def _english_of(item: ChecklistItem) -> ItemTranslation:
    """The item's English text, whatever language it has been localised to."""
    kept = item.translation(ENGLISH)
    if kept is not None:
        return kept
    return ItemTranslation(ENGLISH, item.title, item.why, item.steps, item.recommended,
                           item.app_steps, item.own_advice)


def translation_note(localised: ChecklistItem | ChecklistPack) -> str | None:
    """The note to show beside an item or a pack's name after localised(): that it is not yet in
    the language asked for (so it is shown in English), or that its English has changed since it
    was translated; None when there is nothing to say. In the window's language."""
    if not localised.translated:
        # TRANSLATORS: beside checklist text that has no translation in your language, so it is
        # shown in English. Name your language: "Not yet in Welsh: shown in English."
        return _("Not yet in this language: shown in English.")
    if localised.translation_stale:
        # TRANSLATORS: beside checklist text whose English was changed after it was translated.
        return _("The English has changed since this was translated.")
    return None


def _localised_item(item: ChecklistItem, language: str) -> ChecklistItem:
    language = normalise(language) or language  # "cy_GB" is Welsh
    english = _english_of(item)
    # The English travels with a localised item, so it can be localised again.
    kept = (*(t for t in item.translations if t.language != ENGLISH), english)
    if language == PSEUDO:
        shown = dataclasses.replace(
            english, title=pseudo(english.title), why=pseudo(english.why),
            steps=tuple(pseudo(s) for s in english.steps),
            recommended=pseudo(english.recommended),
            app_steps=tuple(pseudo(s) for s in english.app_steps),
            own_advice=pseudo(english.own_advice) if english.own_advice is not None else None,
        )
        return _with_text(item, shown, kept, PSEUDO, translated=True, stale=False)
    found = item.translation(language) if language != ENGLISH else None
    if found is None:
        return _with_text(item, english, kept, ENGLISH, translated=language == ENGLISH,
                          stale=False)
    # Only a stale translation can differ from its English in which fields it has: a field
    # the English gained stays English, one it lost is dropped.
    shown = dataclasses.replace(
        found,
        app_steps=(found.app_steps or english.app_steps) if english.app_steps else (),
        own_advice=((found.own_advice or english.own_advice)
                    if english.own_advice is not None else None),
    )
    return _with_text(item, shown, kept, language, translated=True, stale=found.stale)


def _with_text(
    item: ChecklistItem, text: ItemTranslation, kept: tuple[ItemTranslation, ...], language: str,
    *, translated: bool, stale: bool,
) -> ChecklistItem:
    return dataclasses.replace(
        item, title=text.title, why=text.why, steps=text.steps, recommended=text.recommended,
        app_steps=text.app_steps, own_advice=text.own_advice, translations=kept,
        language=language, translated=translated, translation_stale=stale,
    )


def _localised_pack(pack: ChecklistPack, language: str) -> ChecklistPack:
    language = normalise(language) or language
    english = next((n for n in pack.name_translations if n.language == ENGLISH), None)
    english = english or NameTranslation(ENGLISH, pack.name)
    kept = (*(n for n in pack.name_translations if n.language != ENGLISH), english)
    found = next((n for n in kept if n.language == language), None)
    if language == PSEUDO:
        name, shown, translated, stale = pseudo(english.name), PSEUDO, True, False
    elif found is None:
        name, shown, translated, stale = english.name, ENGLISH, False, False
    else:
        name, shown, translated, stale = found.name, language, True, found.stale
    return dataclasses.replace(
        pack, name=name, name_translations=kept, language=shown, translated=translated,
        translation_stale=stale, items=tuple(i.localised(language) for i in pack.items),
    )
