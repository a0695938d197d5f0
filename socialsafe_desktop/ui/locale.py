"""Dates, times and numbers as the window shows them, in the language SocialSafe speaks.

Dates and times in words come from core.dates, the one rule the report and the window share
("23 November 2026", "23 Tachwedd 2026"). Qt's own date fields (QDateEdit and its calendar) are
given qt_locale(), whose month names are Qt's: the same words.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QLocale

from ..core import dates
from ..core.checklists import translation_note
from ..core.dates import long_date_or_unknown
from ..core.i18n import ENGLISH, WELSH, _, current_language

# The Qt locale of each language SocialSafe speaks: British English, Welsh as written in
# Wales. The pseudo-language (and any language Qt does not know) writes dates as British
# English does, so a test can tell a date from a string that escaped translation.
_LOCALES = {
    ENGLISH: (QLocale.Language.English, QLocale.Country.UnitedKingdom),
    WELSH: (QLocale.Language.Welsh, QLocale.Country.UnitedKingdom),
}
DATE_FORMAT = "d MMMM yyyy"  # "23 November 2026": day, month in words, year, in every language


def qt_locale(language: str | None = None) -> QLocale:
    """The QLocale for `language` (default: the language the app speaks now)."""
    language = language or current_language()
    return QLocale(*_LOCALES.get(language, _LOCALES[ENGLISH]))


def day(moment: date | datetime | None) -> str:
    """"23 November 2026" ("23 Tachwedd 2026" in Welsh); "an unknown day" for None."""
    return long_date_or_unknown(moment)


def time_of_day(moment: datetime | None) -> str:
    """"14:05:09": hours, minutes and seconds, 24-hour clock."""
    return dates.time_of_day(moment) if moment is not None else ""


def localised(content):
    """A checklist pack or item, a glossary or a catalogue in the language the app speaks: it
    carries its own translations (checklists/*.toml), English where it has none."""
    return content.localised(current_language())


def translated(labels: dict[str, str]) -> dict[str, str]:
    """Labels made at import (marked with N_ where they are defined), translated now."""
    return {key: _(label) for key, label in labels.items()}


def translation_notes(content) -> list[str]:
    """What to say about the language of a checklist item's (or a glossary term's) text, when the
    app speaks other than English (core.checklists.translation_note has the rule)."""
    if current_language() == ENGLISH:
        return []
    note = translation_note(content)
    return [note] if note else []
