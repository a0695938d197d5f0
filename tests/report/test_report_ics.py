"""The calendar reminder: valid RFC 5545 text, one all-day event, no personal data."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from socialsafe_desktop.report import render_ics
from socialsafe_desktop.report.ics import SUMMARY, escape_text, fold


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def props(text: str) -> dict[str, str]:
    out = {}
    for line in unfold(text):
        name, _, value = line.partition(":")
        out.setdefault(name, value)
    return out


def test_calendar_has_one_all_day_event_on_the_next_check(alex):
    ics = render_ics(alex)
    lines = unfold(ics)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert lines.count("BEGIN:VEVENT") == 1 and lines.count("END:VEVENT") == 1
    p = props(ics)
    assert p["VERSION"] == "2.0" and p["PRODID"].startswith("-//SocialSafe//")
    assert p["DTSTART;VALUE=DATE"] == "20270221"
    assert p["DTEND;VALUE=DATE"] == "20270222"  # exclusive end: a single day
    assert p["SUMMARY"] == SUMMARY == "SocialSafe: check your privacy again"


def test_alarm_rings_the_day_before(alex):
    lines = unfold(render_ics(alex))
    alarm = lines[lines.index("BEGIN:VALARM"):lines.index("END:VALARM") + 1]
    assert "ACTION:DISPLAY" in alarm
    trigger = next(line for line in alarm if line.startswith("TRIGGER:"))
    # 15 hours before midnight at the start of the day: 09:00 the day before.
    assert trigger == "TRIGGER:-PT15H"
    assert any(line.startswith("DESCRIPTION:") for line in alarm)


def test_lines_end_in_crlf_and_are_at_most_75_octets(alex):
    ics = render_ics(alex)
    assert ics.endswith("\r\n")
    assert "\n" not in ics.replace("\r\n", "")
    for line in ics.split("\r\n")[:-1]:
        assert len(line.encode("utf-8")) <= 75, line


def test_uid_is_stable_and_dtstamp_is_utc(alex):
    first = props(render_ics(alex))
    alex.generated_at = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    second = props(render_ics(alex))
    assert first["UID"] == second["UID"]
    assert int(second["SEQUENCE"]) > int(first["SEQUENCE"])  # a newer export replaces the older one
    assert second["DTSTAMP"] == "20261201T080000Z"
    assert re.fullmatch(r"\d{8}T\d{6}Z", first["DTSTAMP"])
    alex.demo = True
    assert props(render_ics(alex))["UID"] != first["UID"]  # a demo never moves a real reminder


def test_calendar_holds_no_personal_data(alex_branded):
    ics = render_ics(alex_branded).lower()
    for secret in alex_branded.private_strings + [f.url for f in alex_branded.findings]:
        assert secret.lower() not in ics, secret
    assert "council" not in ics


def test_text_escaping_follows_rfc_5545():
    assert escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


@pytest.mark.parametrize("text", ["x" * 200, "é" * 100, "DESCRIPTION:" + "€😀" * 40])
def test_folding_keeps_75_octets_and_whole_characters(text):
    pieces = fold(text)
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert "".join([pieces[0]] + [p[1:] for p in pieces[1:]]) == text
