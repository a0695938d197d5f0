"""A removal request letter: an erasure request under Article 17 of the UK GDPR.

Drafted as plain text from the person's profile and one finding, for the person to read,
change, copy or print. Nothing here sends anything: the app never contacts the site.

The letter itself is in English, whatever the language of the window: it goes to a site's
privacy team, and most sites answer only in English. The notes after it are for the person,
and are in their language (with a note saying why the letter is in English).

Everything taken from a finding (its title and address) came from the web and may be
hostile, so it is put on one line by core/text.one_line (the one rule for control,
invisible and direction-changing characters): a title cannot add lines to the letter or
reorder what is around it.
"""

from __future__ import annotations

import calendar
from datetime import date
from urllib.parse import urlsplit

from .audit import Finding
from .dates import long_date_in_english
from .i18n import ENGLISH, _, current_language
from .links import is_openable_url
from .profile import Profile
from .text import one_line

RESPONSE_MONTHS = 1  # UK GDPR Article 12(3): without undue delay, at the latest within one month
ICO_NAME = "Information Commissioner's Office (ICO)"
ICO_COMPLAINT_URL = "https://ico.org.uk/make-a-complaint/"
ICO_POSTAL_ADDRESS = (
    "Information Commissioner's Office",
    "Wycliffe House",
    "Water Lane",
    "Wilmslow",
    "Cheshire",
    "SK9 5AF",
)
ICO_PHONE = "0303 123 1113"

_TITLE_LIMIT = 200
_URL_LIMIT = 2000
_NAME_LIMIT = 120


def draft_erasure_request(profile: Profile, finding: Finding, *, today: date) -> str:
    """The letter and, after it, a short note for the person (what to do if no answer)."""
    name = _one_line(profile.display_name, _NAME_LIMIT) or "[your full name]"
    other_names = [
        _one_line(n.text, _NAME_LIMIT) for n in profile.filled_names()
        if _one_line(n.text, _NAME_LIMIT) and _one_line(n.text, _NAME_LIMIT) != name
    ]
    emails = [_one_line(e, _NAME_LIMIT) for e in profile.filled_emails()]
    reply_to = emails[0] if emails else "[your email address]"
    town = _one_line(profile.town, _NAME_LIMIT)
    address = _one_line(finding.url, _URL_LIMIT)
    if not is_openable_url(address):
        address = "[the web address of the page]"
    site = _site_name(address)
    title = _one_line(finding.title, _TITLE_LIMIT)
    deadline = add_months(today, RESPONSE_MONTHS)

    lines = [
        _long_date(today),
        "",
        f"To: the data protection officer or privacy team, {site}",
        f"From: {name}",
        f"Reply to: {reply_to}",
        "",
        "Subject: Request to erase my personal data (Article 17, UK GDPR)",
        "",
        "Dear Sir or Madam,",
        "",
        "I am writing to ask you to erase personal data about me, under Article 17 of the UK "
        "General Data Protection Regulation (the right to erasure).",
        "",
        "The data is on this page of your website:",
        f"  Address: {address}",
    ]
    if title:
        lines.append(f"  Title: {title}")
    lines += [
        "",
        "Please remove from this page, and from any copies, archives or search features of your "
        "site, my name and every other detail about me, including any photograph of me and my "
        "home address, phone number or email address.",
        "",
        "To help you find the data, these are the details that identify me:",
        f"  Name: {name}",
    ]
    if other_names:
        lines.append(f"  Other names I have used: {', '.join(other_names)}")
    if town:
        lines.append(f"  Town: {town}")
    lines += [
        "",
        "I have not given my consent to this publication, and I object to it. If you rely on "
        "another lawful basis, please tell me what it is.",
        "",
        f"Under Article 12(3) of the UK GDPR you must answer without undue delay and at the "
        f"latest within one month of receiving this request, that is by {_long_date(deadline)}. "
        f"Please confirm in writing when the data has been erased. If you decide not to erase "
        f"it, please tell me why within the same time.",
        "",
        f"If I do not receive an answer by then, I may complain to the {ICO_NAME}.",
        "",
        "Yours faithfully,",
        "",
        name,
        "",
        "-" * 60,
        *_notes(deadline),
    ]
    return "\n".join(lines) + "\n"


def _notes(deadline: date) -> list[str]:
    """The notes after the letter, for the person, in their language."""
    from .dates import long_date

    # TRANSLATORS: notes after a removal request letter, for the person who will send it. The
    # letter above them stays in English (it goes to a site's privacy team).
    notes = [_("Notes for you (delete these before you send the letter):")]
    if current_language() != ENGLISH:
        notes.append("- " + _("The letter is in English because most sites answer only in English. You may write "
                              "it in your own language if the site accepts that."))
    notes += [
        "- " + _("SocialSafe has not sent this letter anywhere. Read it, change anything you need, and send it "
                 "yourself, by the site's contact or privacy form, or by email or post."),
        "- " + _("Send it only if it is safe to contact the site. Do not contact a site that is being used to harass "
                 "you: report it, and talk to your manager or the police instead."),
        "- " + _("Keep a copy of what you send and the date you sent it."),
        "- " + _("The site may ask you to prove who you are; the month starts when it has that proof."),
        "- " + _("If there is no answer by {date}, or you disagree with the answer, you can complain to the "
                 "Information Commissioner's Office (ICO):").format(date=long_date(deadline)),
        f"    {ICO_COMPLAINT_URL}",
        "    " + _("Phone: {number}").format(number=ICO_PHONE),
        *(f"    {part}" for part in ICO_POSTAL_ADDRESS),
    ]
    return notes


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the last day of that month when there is no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _one_line(value: object, limit: int) -> str:
    """Plain text on one line (core/text.one_line), shortened to `limit` characters."""
    text = one_line(value) if isinstance(value, str) else ""
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def _site_name(address: str) -> str:
    try:
        host = urlsplit(address).hostname
    except ValueError:
        host = None
    return host.removeprefix("www.") if host else "[the website]"


def _long_date(day: date) -> str:
    return long_date_in_english(day)
