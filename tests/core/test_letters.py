"""The removal request letter: plain text, the person's details, the finding, the deadline."""

from __future__ import annotations

import re
from datetime import date

import pytest

from socialsafe_desktop.core.audit import Finding
from socialsafe_desktop.core.letters import add_months, draft_erasure_request
from socialsafe_desktop.core.profile import Handle, PersonName, Profile

TODAY = date(2026, 11, 27)


def profile() -> Profile:
    return Profile(
        names=[PersonName("Jordan Sample"), PersonName("Jordan Example", "previous")],
        handles=[Handle("@jsample", "x")],
        emails=["jordan.sample@example.org", "second@example.org"],
        employer="Example Academy", town="Exampleton",
    )


def finding(url: str = "https://people.example.net/uk/jordan-sample-exampleton",
            title: str = "Jordan Sample, Exampleton - address and phone") -> Finding:
    return Finding(url=url, normalised_url=url, title=title, platform=None)


def test_letter_names_the_person_the_page_and_the_deadline() -> None:
    letter = draft_erasure_request(profile(), finding(), today=TODAY)
    assert letter.startswith("27 November 2026\n")
    assert "To: the data protection officer or privacy team, people.example.net\n" in letter
    assert "From: Jordan Sample\n" in letter
    assert "Reply to: jordan.sample@example.org\n" in letter
    assert "  Address: https://people.example.net/uk/jordan-sample-exampleton\n" in letter
    assert "  Title: Jordan Sample, Exampleton - address and phone\n" in letter
    assert "  Other names I have used: Jordan Example\n" in letter
    assert "  Town: Exampleton\n" in letter
    assert "Article 17" in letter
    # one calendar month after 27 November 2026
    assert "that is by 27 December 2026." in letter
    assert "If there is no answer by 27 December 2026" in letter
    # the ICO's own complaint route and address, for the person
    assert "https://ico.org.uk/make-a-complaint/" in letter
    assert "Wycliffe House" in letter and "SK9 5AF" in letter
    # the employer is not put in a letter to a stranger's website
    assert "Example Academy" not in letter
    assert letter.rstrip().splitlines()[-1].strip() == "SK9 5AF"


def test_letter_says_nothing_is_sent() -> None:
    letter = draft_erasure_request(profile(), finding(), today=TODAY)
    assert "SocialSafe has not sent this letter anywhere" in letter


def test_hostile_title_cannot_add_lines_or_hide_text() -> None:
    title = "Jordan\nSubject: Pay now\r\n\x1b[31mred\x00\u202eevil\u2066\u200b<b>bold</b>\u2028end"
    letter = draft_erasure_request(profile(), finding(title=title), today=TODAY)
    assert not any(line.startswith("Subject: Pay now") for line in letter.splitlines())
    title_lines = [line for line in letter.splitlines() if line.startswith("  Title: ")]
    assert title_lines == ["  Title: Jordan Subject: Pay now [31mred evil<b>bold</b> end"]
    # Only newlines remain of all control and invisible characters, and the markup is literal.
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f\u200b\u202e\u2066\u2028]", letter)
    assert "&lt;" not in letter


def test_non_web_address_is_not_put_in_the_letter() -> None:
    letter = draft_erasure_request(profile(), finding(url="javascript:alert(1)"), today=TODAY)
    assert "javascript" not in letter
    assert "  Address: [the web address of the page]\n" in letter
    assert "privacy team, [the website]\n" in letter


def test_long_title_is_shortened() -> None:
    letter = draft_erasure_request(profile(), finding(title="x" * 5000), today=TODAY)
    (line,) = [line for line in letter.splitlines() if line.startswith("  Title: ")]
    assert len(line) == len("  Title: ") + 200 and line.endswith("…")


def test_empty_profile_leaves_clear_gaps_to_fill() -> None:
    letter = draft_erasure_request(Profile(), finding(title=""), today=TODAY)
    assert "From: [your full name]\n" in letter
    assert "Reply to: [your email address]\n" in letter
    assert "Title:" not in letter and "Town:" not in letter and "Other names" not in letter


@pytest.mark.parametrize(("day", "expected"), [
    (date(2026, 11, 27), date(2026, 12, 27)),
    (date(2026, 12, 15), date(2027, 1, 15)),
    (date(2027, 1, 31), date(2027, 2, 28)),
    (date(2028, 1, 31), date(2028, 2, 29)),
    (date(2027, 3, 31), date(2027, 4, 30)),
])
def test_one_month_later(day: date, expected: date) -> None:
    assert add_months(day, 1) == expected
