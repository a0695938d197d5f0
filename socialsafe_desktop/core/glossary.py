"""The glossary: plain explanations of the words the checklists use.

Data in checklists/glossary.toml, beside the packs but not a pack. Like the packs,
nothing here raises on bad content: every fault becomes a checklists.Problem
(FILE:TERM:FIELD: message), and a file with problems gives no terms.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .checklists import GLOSSARY_FILE, Problem, default_app_dir
from .configfile import ConfigFileError, read_toml_file

__all__ = ["GLOSSARY_FILE", "Glossary", "GlossaryTerm", "default_glossary_path", "load_glossary"]
TERM_FIELDS = ("term", "explanation", "also")
MAX_TERM = 60
MAX_EXPLANATION = 600


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    explanation: str
    also: tuple[str, ...] = ()  # other names the person may meet on a platform

    def matches(self, word: str) -> bool:
        wanted = word.strip().casefold()
        return wanted == self.term.casefold() or wanted in (a.casefold() for a in self.also)


@dataclass(frozen=True)
class Glossary:
    terms: tuple[GlossaryTerm, ...]

    def lookup(self, word: str) -> GlossaryTerm | None:
        return next((t for t in self.terms if t.matches(word)), None)


def default_glossary_path() -> Path:
    """The app's own glossary, beside the app's own packs."""
    return default_app_dir() / GLOSSARY_FILE


def load_glossary(path: Path) -> tuple[Glossary, list[Problem]]:
    """The terms in alphabetical order, or no terms and the problems."""
    path = Path(path)
    problems: list[Problem] = []

    def add(term: str, fld: str, message: str) -> None:
        problems.append(Problem(str(path), term, fld, message))

    data = _read(path, add)
    if data is None:
        return Glossary(()), problems
    for key in data:
        if key != "terms":
            add("", key, f"unknown field '{key}' (a glossary has only [[terms]])")
    raw = data.get("terms")
    if raw is None:
        add("", "terms", "missing required field 'terms'")
        raw = []
    if not isinstance(raw, list) or not all(isinstance(t, dict) for t in raw):
        add("", "terms", "wrong type for 'terms': expected an array of tables ([[terms]])")
        raw = []
    elif not raw and "terms" in data:
        add("", "terms", "a glossary needs at least one term")
    terms: list[GlossaryTerm] = []
    seen: dict[str, str] = {}
    for n, table in enumerate(raw, 1):
        term = _parse_term(table, n, add)
        if term is None:
            continue
        for word in (term.term, *term.also):
            key = word.casefold()
            if key in seen:
                add(term.term, "also" if word != term.term else "term",
                    f"'{word}' is already explained under '{seen[key]}'")
            seen.setdefault(key, term.term)
        terms.append(term)
    if problems:
        return Glossary(()), problems
    return Glossary(tuple(sorted(terms, key=lambda t: t.term.casefold()))), []


def _parse_term(table: Mapping[str, Any], n: int, add) -> GlossaryTerm | None:
    raw_term = table.get("term")
    label = raw_term.strip() if isinstance(raw_term, str) and raw_term.strip() else f"#{n}"
    before = []

    def fail(fld: str, message: str) -> None:
        before.append(1)
        add(label, fld, message)

    for key in table:
        if key not in TERM_FIELDS:
            fail(key, f"unknown field '{key}' (a term may have: {', '.join(TERM_FIELDS)})")
    term = _text(table, "term", MAX_TERM, fail, required=True)
    explanation = _text(table, "explanation", MAX_EXPLANATION, fail, required=True)
    also: list[str] = []
    if "also" in table:
        value = table["also"]
        if not isinstance(value, list):
            fail("also", "wrong type for 'also': expected an array of strings")
        else:
            for i, entry in enumerate(value, 1):
                if not isinstance(entry, str) or not entry.strip():
                    fail("also", f"entry {i} of 'also' must be a non-empty string")
                elif len(entry) > MAX_TERM:
                    fail("also", f"entry {i} of 'also' is longer than {MAX_TERM} characters")
                else:
                    also.append(entry.strip())
    if before or term is None or explanation is None:
        return None
    return GlossaryTerm(term, explanation, tuple(also))


def _text(table: Mapping[str, Any], fld: str, limit: int, fail, *, required: bool) -> str | None:
    if fld not in table:
        if required:
            fail(fld, f"missing required field '{fld}'")
        return None
    value = table[fld]
    if not isinstance(value, str) or not value.strip():
        fail(fld, f"'{fld}' must be non-empty text")
        return None
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
        fail(fld, f"'{fld}' contains a control character (write it on one line)")
        return None
    if len(value) > limit:
        fail(fld, f"'{fld}' is longer than {limit} characters")
        return None
    return value.strip()


def _read(path: Path, add) -> dict[str, Any] | None:
    try:
        return read_toml_file(path)
    except ConfigFileError as exc:
        add("", "", str(exc))
    return None
