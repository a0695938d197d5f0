"""Dates, times and numbers as the window shows them, in the language SocialSafe speaks.

The one place the window turns a date into words: Qt's own locale data has the month names
("23 November 2026", "23 Tachwedd 2026"), so nothing here depends on the computer's locale
settings or on strftime's C-locale English. Date fields (QDateEdit and its calendar) are given
qt_locale() too, so their month names match.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale, QTime

from ..core.i18n import ENGLISH, WELSH, _, current_language

# The Qt locale of each language SocialSafe speaks: British English, Welsh as written in
# Wales. The pseudo-language (and any language Qt does not know) writes dates as British
# English does, so a test can tell a date from a string that escaped translation.
_LOCALES = {
    ENGLISH: (QLocale.Language.English, QLocale.Country.UnitedKingdom),
    WELSH: (QLocale.Language.Welsh, QLocale.Country.UnitedKingdom),
}
DATE_FORMAT = "d MMMM yyyy"  # "23 November 2026": day, month in words, year, in every language
TIME_FORMAT = "HH:mm:ss"


def qt_locale(language: str | None = None) -> QLocale:
    """The QLocale for `language` (default: the language the app speaks now)."""
    language = language or current_language()
    return QLocale(*_LOCALES.get(language, _LOCALES[ENGLISH]))


def day(moment: date | datetime | None) -> str:
    """"23 November 2026" ("23 Tachwedd 2026" in Welsh); "an unknown day" for None."""
    if moment is None:
        # TRANSLATORS: stands in for a date SocialSafe does not know, inside a sentence such as
        # "Your next check was due on an unknown day."
        return _("an unknown day")
    return qt_locale().toString(QDate(moment.year, moment.month, moment.day), DATE_FORMAT)


def time_of_day(moment: datetime | None) -> str:
    """"14:05:09": hours, minutes and seconds, 24-hour clock."""
    if moment is None:
        return ""
    return qt_locale().toString(QTime(moment.hour, moment.minute, moment.second), TIME_FORMAT)


def number(value: int) -> str:
    """A whole number as the language writes it ("1,234")."""
    return qt_locale().toString(int(value))


def localised(content):
    """A checklist pack or item, a glossary or a catalogue in the language the app speaks: it
    carries its own translations (checklists/*.toml), English where it has none."""
    return content.localised(current_language())


def translated(labels: dict[str, str]) -> dict[str, str]:
    """Labels made at import (marked with N_ where they are defined), translated now."""
    return {key: _(label) for key, label in labels.items()}


def translation_notes(content) -> list[str]:
    """What to say about the language of a checklist item's (or a glossary term's) text, when the
    app speaks other than English: not translated yet (the English is shown), or translated from
    English older than the English it has now."""
    if current_language() == ENGLISH:
        return []
    if not content.translated:
        # TRANSLATORS: on a checklist item whose text is shown in English because it has no
        # translation yet. Name the language of this catalogue (in the Welsh catalogue: Welsh).
        return [_("Not yet in Welsh")]
    if content.translation_stale:
        # TRANSLATORS: on a checklist item whose translation was made from an older English text.
        return [_("The English has changed since this was translated")]
    return []
