"""The glossary: plain explanations of the words the checklists use.

Data in checklists/glossary.toml, beside the packs but not a pack. Like the packs,
nothing here raises on bad content: every fault becomes a checklists.Problem
(FILE:TERM:FIELD: message), and a file with problems gives no terms.

Like a pack, the file may carry translations, keyed by the English term, each with the
fingerprint of the English it translates ([translations.cy.terms."<term>"]);
`Glossary.localised(lang)` gives the terms in that language, term by term.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .checklists import (
    FINGERPRINT_LENGTH,
    GLOSSARY_FILE,
    STALE_TRANSLATION,
    TRANSLATION_LANGUAGES,
    Problem,
    TextStatus,
    default_app_dir,
    fingerprint,
    is_fingerprint,
)
from .configfile import ConfigFileError, read_toml_file
from .i18n import ENGLISH, PSEUDO, normalise, pseudo

__all__ = [
    "GLOSSARY_FILE", "Glossary", "GlossaryTerm", "TermTranslation", "check_glossary",
    "default_glossary_path", "glossary_translation_status", "load_glossary", "term_fingerprint",
]
TERM_FIELDS = ("term", "explanation", "also")
TRANSLATION_FIELDS = (*TERM_FIELDS, "fingerprint")
MAX_TERM = 60
MAX_EXPLANATION = 600


@dataclass(frozen=True)
class TermTranslation:
    language: str
    term: str
    explanation: str
    also: tuple[str, ...] = ()
    fingerprint: str = ""
    stale: bool = False  # the English has changed since this was translated


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    explanation: str
    also: tuple[str, ...] = ()  # other names the person may meet on a platform
    translations: tuple[TermTranslation, ...] = ()
    # After Glossary.localised(): the language of the text, and False when the language asked
    # for has no translation of this term (it is shown in English).
    language: str = ENGLISH
    translated: bool = True
    translation_stale: bool = False

    def matches(self, word: str) -> bool:
        wanted = word.strip().casefold()
        return wanted == self.term.casefold() or wanted in (a.casefold() for a in self.also)

    def translation(self, language: str) -> TermTranslation | None:
        return next((t for t in self.translations if t.language == language), None)


@dataclass(frozen=True)
class Glossary:
    terms: tuple[GlossaryTerm, ...]

    def lookup(self, word: str) -> GlossaryTerm | None:
        return next((t for t in self.terms if t.matches(word)), None)

    def localised(self, language: str) -> Glossary:
        """The terms in `language`, in its alphabetical order; a term with no translation stays
        English (translated=False). A translated term may still be looked up by its English
        names, which are the names a platform without that language shows."""
        terms = (_localised_term(t, language) for t in self.terms)
        return Glossary(tuple(sorted(terms, key=lambda t: t.term.casefold())))


def term_fingerprint(term: GlossaryTerm) -> str:
    """The fingerprint of the English term, explanation and other names (see checklists)."""
    english = _english_of(term)
    fields: dict[str, Any] = {"term": english.term, "explanation": english.explanation}
    if english.also:
        fields["also"] = english.also
    return fingerprint(fields)


def glossary_translation_status(glossary: Glossary, language: str) -> tuple[TextStatus, ...]:
    out = []
    for term in glossary.terms:
        now = term_fingerprint(term)
        found = term.translation(language)
        if found is None:
            out.append(TextStatus(term.term, "missing", now))
        elif found.stale:
            out.append(TextStatus(term.term, "stale", now, found.fingerprint))
        else:
            out.append(TextStatus(term.term, "translated", now))
    return tuple(out)


def default_glossary_path() -> Path:
    """The app's own glossary, beside the app's own packs."""
    return default_app_dir() / GLOSSARY_FILE


def load_glossary(path: Path) -> tuple[Glossary, list[Problem]]:
    """The terms in alphabetical order, or no terms and the problems.

    A stale translation is not a problem: check_glossary reports it as a warning."""
    glossary, problems, _warnings = _load(Path(path))
    return glossary, problems


def check_glossary(path: Path) -> list[Problem]:
    """The problems and then the warnings (Problem.warning), for the validator."""
    _glossary, problems, warnings = _load(Path(path))
    return problems + warnings


def _load(path: Path) -> tuple[Glossary, list[Problem], list[Problem]]:
    problems: list[Problem] = []
    warnings: list[Problem] = []

    def add(term: str, fld: str, message: str) -> None:
        problems.append(Problem(str(path), term, fld, message))

    def warn(term: str, fld: str, message: str) -> None:
        warnings.append(Problem(str(path), term, fld, message, warning=True))

    data = _read(path, add)
    if data is None:
        return Glossary(()), problems, []
    for key in data:
        if key not in ("terms", "translations"):
            add("", key, f"unknown field '{key}' (a glossary has only [[terms]] and "
                         f"[translations])")
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
    if "translations" in data:
        terms = _parse_translations(data["translations"], terms, add, warn)
    if problems:
        return Glossary(()), problems, []
    return Glossary(tuple(sorted(terms, key=lambda t: t.term.casefold()))), [], warnings


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
    also = _also(table, fail)
    if before or term is None or explanation is None:
        return None
    return GlossaryTerm(term, explanation, tuple(also))


def _also(table: Mapping[str, Any], fail) -> list[str]:
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
    return also


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


# --- translations ----------------------------------------------------------------------


def _parse_translations(value: Any, terms: list[GlossaryTerm], add, warn) -> list[GlossaryTerm]:
    """[translations.<lang>.terms."<English term>"]: each term's translation, attached to it."""
    if not isinstance(value, dict):
        add("", "translations", "wrong type for 'translations': expected a table for each "
                                "language ([translations.cy])")
        return terms
    by_term = {t.term: t for t in terms}
    found: dict[str, list[TermTranslation]] = {}
    for language, table in value.items():
        fld = f"translations.{language}"
        if language not in TRANSLATION_LANGUAGES:
            add("", fld, f"unknown language '{language}' (translations may be in: "
                         f"{', '.join(TRANSLATION_LANGUAGES)})")
            continue
        raw = table.get("terms") if isinstance(table, dict) else None
        if not isinstance(table, dict) or set(table) != {"terms"} or not isinstance(raw, dict) \
                or not all(isinstance(t, dict) for t in raw.values()):
            add("", fld, f"wrong shape for '{fld}': expected a table for each term "
                         f"([{fld}.terms.\"<English term>\"])")
            continue
        seen: dict[str, str] = {}
        for english_term, entry in raw.items():
            term = by_term.get(english_term)
            if term is None:
                add(english_term, fld, f"no term '{english_term}' in this glossary to translate")
                continue
            translation = _parse_term_translation(language, term, entry, add, warn)
            if translation is None:
                continue
            for word in (translation.term, *translation.also):
                key = word.casefold()
                if key in seen:
                    which = "term" if word == translation.term else "also"
                    add(term.term, f"{fld}.{which}", f"'{word}' is already explained under "
                                                     f"'{seen[key]}'")
                seen.setdefault(key, translation.term)
            found.setdefault(term.term, []).append(translation)
    return [dataclasses.replace(t, translations=tuple(found[t.term])) if t.term in found else t
            for t in terms]


def _parse_term_translation(
    language: str, term: GlossaryTerm, table: Mapping[str, Any], add, warn
) -> TermTranslation | None:
    prefix = f"translations.{language}."
    failed = []

    def fail(fld: str, message: str) -> None:
        failed.append(1)
        add(term.term, prefix + fld, message)

    for key in table:
        if key not in TRANSLATION_FIELDS:
            fail(key, f"unknown field '{key}' (a translation may have: "
                      f"{', '.join(TRANSLATION_FIELDS)})")
    now = term_fingerprint(term)
    given = table.get("fingerprint")
    if "fingerprint" not in table:
        fail("fingerprint", f"missing required field 'fingerprint': write fingerprint = "
                            f"\"{now}\", the fingerprint of the English this translates")
    elif not is_fingerprint(given):
        fail("fingerprint", f"'fingerprint' must be {FINGERPRINT_LENGTH} lowercase hexadecimal "
                            f"digits, like \"{now}\" (the fingerprint of the English now)")
    translated = _text(table, "term", MAX_TERM, fail, required=True)
    explanation = _text(table, "explanation", MAX_EXPLANATION, fail, required=True)
    also = _also(table, fail)
    if failed or translated is None or explanation is None:
        return None
    stale = given != now
    if stale:
        warn(term.term, prefix.rstrip("."), f"{STALE_TRANSLATION}: bring the translation up to "
                                            f"date, then set fingerprint = \"{now}\"")
    return TermTranslation(language, translated, explanation, tuple(also), given, stale)


def _english_of(term: GlossaryTerm) -> TermTranslation:
    kept = term.translation(ENGLISH)
    return kept or TermTranslation(ENGLISH, term.term, term.explanation, term.also)


def _localised_term(term: GlossaryTerm, language: str) -> GlossaryTerm:
    language = normalise(language) or language
    english = _english_of(term)
    kept = (*(t for t in term.translations if t.language != ENGLISH), english)
    found = term.translation(language) if language not in (ENGLISH, PSEUDO) else None
    if language == PSEUDO:
        return dataclasses.replace(
            term, term=pseudo(english.term), explanation=pseudo(english.explanation),
            also=(english.term, *english.also), translations=kept, language=PSEUDO,
            translated=True, translation_stale=False)
    if found is None:
        return dataclasses.replace(
            term, term=english.term, explanation=english.explanation, also=english.also,
            translations=kept, language=ENGLISH, translated=language == ENGLISH,
            translation_stale=False)
    # The English names stay searchable: they are what an English-only platform shows.
    names = dict.fromkeys((*found.also, english.term, *english.also))
    also = tuple(n for n in names if n.casefold() != found.term.casefold())
    return dataclasses.replace(
        term, term=found.term, explanation=found.explanation, also=also, translations=kept,
        language=language, translated=True, translation_stale=found.stale)
