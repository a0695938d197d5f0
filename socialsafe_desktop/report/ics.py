"""The calendar reminder for the next check: one all-day event (RFC 5545).

It holds no personal data at all (no name, no findings), because calendars sync to
cloud services the person may not think of as "sending" anything.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ..core import i18n
from ..core.estimate import in_words
from ..core.i18n import N_, _
from .model import ReportInput

# English, marked for translation: the file carries them in the language SocialSafe speaks.
# TRANSLATORS: the calendar reminder of the next check: its title, its text, and the alarm's text
# the day before.
SUMMARY = N_("SocialSafe: check your privacy again")
DESCRIPTION = N_("Time for your next privacy check. Open SocialSafe, search for yourself again, and look at what "
                 "has changed since last time.")
ALARM_TEXT = N_("Tomorrow: check your privacy again with SocialSafe")
# One UID for every export, so importing a newer plan moves the reminder instead of adding a
# second one (SEQUENCE says which is newer). The demo person has its own, so a trainer's
# demo export never moves their real reminder.
UID = "next-privacy-check@socialsafe.invalid"
DEMO_UID = "demo-next-privacy-check@socialsafe.invalid"
_FOLD_AT = 75  # octets per line, CRLF not counted (RFC 5545 section 3.1)


def escape_text(value: str) -> str:
    """TEXT value escaping (RFC 5545 section 3.3.11)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\n", "\\n")


def fold(line: str) -> list[str]:
    """Split a content line into pieces of at most 75 octets, never inside a UTF-8
    character; continuation pieces start with a space, which counts towards their 75."""
    pieces: list[str] = []
    current, size, limit = [], 0, _FOLD_AT
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, _FOLD_AT - 1
        current.append(ch)
        size += width
    pieces.append("".join(current))
    return [pieces[0]] + [" " + p for p in pieces[1:]]


def _utc_stamp(moment: datetime) -> str:
    # A naive time is the computer's local time, as everywhere else in the app.
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def description(data: ReportInput) -> str:
    """The reminder's text; the time is the same estimate the app shows, for a check from the start."""
    if data.recheck_estimate is None or data.recheck_estimate.essentials <= 0:
        return _(DESCRIPTION)
    # TRANSLATORS: {time} is e.g. "about 25 minutes".
    return _(DESCRIPTION) + " " + _("It takes {time} for the essentials.").format(
        time=in_words(data.recheck_estimate.essentials))


def _language_parameter() -> str:
    """";LANGUAGE=cy" on the texts when they are not English (RFC 5545 section 3.2.10), so a
    calendar app can read them aloud in the right voice."""
    language = i18n.current_language()
    return "" if language in (i18n.ENGLISH, i18n.PSEUDO) else f";LANGUAGE={i18n.html_lang(language)}"


def render_ics(data: ReportInput) -> str:
    start = data.next_check
    end = start + timedelta(days=1)  # DTEND is exclusive for all-day events
    sequence = max(0, int(data.generated_at.timestamp()) // 60)  # newer export, higher number
    lang = _language_parameter()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//SocialSafe//Privacy check reminder//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{DEMO_UID if data.demo else UID}",
        f"SEQUENCE:{sequence}",
        f"DTSTAMP:{_utc_stamp(data.generated_at)}",
        f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
        f"DTEND;VALUE=DATE:{end:%Y%m%d}",
        f"SUMMARY{lang}:{escape_text(_(SUMMARY))}",
        f"DESCRIPTION{lang}:{escape_text(description(data))}",
        "TRANSP:TRANSPARENT",  # a reminder, not a meeting: do not show the day as busy
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        # The day before at 09:00: an all-day event starts at midnight, so -P1D would ring at
        # midnight. -PT15H is how calendar apps write "1 day before, at 9am".
        "TRIGGER:-PT15H",
        f"DESCRIPTION{lang}:{escape_text(_(ALARM_TEXT))}",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    out: list[str] = []
    for line in lines:
        out += fold(line)
    return "\r\n".join(out) + "\r\n"
