"""Dates, times and numbers as a person reads them, in the language chosen at start-up: the one
home for "23 November 2026" / "23 Tachwedd 2026", used by the report, the calendar reminder, the
command line and the window alike.

Welsh writes a date the way English does, day, month, year, with no mutation: a numeral stands
between any word that would mutate the month and the month itself ("ar 23 Tachwedd 2026"), and a
month after a numeral keeps its radical form. Welsh and English also write numbers alike
(1,234.5), so a number needs no catalogue at all.
"""

from __future__ import annotations

from datetime import date, datetime

from .i18n import _, pgettext


def month_name(month: int) -> str:
    """1 -> "January" / "Ionawr". Each has the context "month": the same English word can mean
    something else elsewhere ("May", and in Welsh "Mawrth" is also Tuesday)."""
    names = (
        pgettext("month", "January"), pgettext("month", "February"), pgettext("month", "March"),
        pgettext("month", "April"), pgettext("month", "May"), pgettext("month", "June"),
        pgettext("month", "July"), pgettext("month", "August"), pgettext("month", "September"),
        pgettext("month", "October"), pgettext("month", "November"), pgettext("month", "December"),
    )
    return names[month - 1]


def long_date(value: date | datetime | None) -> str:
    """"23 November 2026" / "23 Tachwedd 2026"; "" for no date."""
    if value is None:
        return ""
    # TRANSLATORS: a date, as in "23 November 2026". {day} and {year} are numbers, {month} the
    # month's name from the catalogue. Reorder if your language writes dates another way.
    return _("{day} {month} {year}").format(day=value.day, month=month_name(value.month), year=value.year)


_ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December")


def long_date_in_english(value: date | datetime) -> str:
    """"23 November 2026" whatever the language: for text that is English on purpose (a letter
    to a site's privacy team), and never the system's strftime, whose month names follow the
    computer's locale."""
    return f"{value.day} {_ENGLISH_MONTHS[value.month - 1]} {value.year}"


def long_date_or_unknown(value: date | datetime | None) -> str:
    """long_date, or "an unknown day" when there is none (for a sentence that needs a date)."""
    return long_date(value) if value is not None else _("an unknown day")


def time_of_day(value: datetime) -> str:
    """"14:05:09": the 24-hour clock, as both languages write it in the UK."""
    return f"{value:%H:%M:%S}"


def date_and_time(value: datetime, zone: str) -> str:
    """"23 November 2026, 14:05:09 (UTC)": for the evidence log, where the second matters."""
    # TRANSLATORS: a date and a time of day, then the time zone in brackets:
    # "23 November 2026, 14:05:09 (UTC)".
    return _("{date}, {time} ({zone})").format(date=long_date(value), time=time_of_day(value), zone=zone)


def number(value: int | float) -> str:
    """A number as both English (UK) and Welsh write it: 1,234 and 1,234.5."""
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.1f}"
