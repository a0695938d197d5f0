"""A fictional person and their audit, built in memory, for the report tests.
(A module of its own, not conftest.py, so test files and the browser tests can import it.)

Alex Example (every address under example.org / example.net) has two platform packs, one
of them stale, the habits pack, a mix of statuses, and findings of every decision.
"""

from __future__ import annotations

import base64
from datetime import date, datetime
from pathlib import Path

from socialsafe_desktop.core.audit import (
    DONE,
    LATER,
    ME_ACTION,
    ME_FINE,
    NOT_FOR_ME,
    NOT_ME,
    Finding,
    ItemState,
)
from socialsafe_desktop.core.checklists import ChecklistItem, ChecklistPack
from socialsafe_desktop.core.forgotten_accounts import (
    CLOSE,
    COULD_NOT_CHECK,
    FOUND,
    KEEP,
    MINE,
    NOT_FOUND,
    NOT_MINE,
    AccountCheck,
    AccountHit,
    DeletionInfo,
    SiteOutcome,
)
from socialsafe_desktop.core.profile import Handle, PersonName, Profile
from socialsafe_desktop.core.queries import PlannedSearch
from socialsafe_desktop.report import ReportBranding, ReportInput

GENERATED = datetime(2026, 11, 21, 10, 30)
NEXT_CHECK = date(2027, 2, 21)

# A 1x1 transparent PNG: the smallest real logo.
PNG_1PX = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)).decode()


def make_item(pack_id, item_id, title, *, priority="essential", minutes=2,
              url="https://www.example.com/settings", steps=None, why=None):
    return ChecklistItem(
        pack_id=pack_id, id=item_id, title=title,
        why=why or f"Why {title.lower()} matters for someone who works with the public.",
        steps=tuple(steps or (f"Open the settings for {title.lower()}.", "Choose the safer option.")),
        app_steps=(), settings_url=url, recommended="Friends", priority=priority,
        minutes=minutes, seed=None, origin="app",
    )


def make_pack(pack_id, name, items, *, kind="platform", reviewed=date(2026, 11, 1), domains=()):
    return ChecklistPack(
        id=pack_id, name=name, kind=kind, domains=tuple(domains), last_reviewed=reviewed,
        sources=(), items=tuple(items), path=Path(f"{pack_id}.toml"), origin="app",
    )


def alex_profile() -> Profile:
    return Profile(
        names=[PersonName("Alex Example"), PersonName("Alexandra Sample", "previous"),
               PersonName("Lexi", "nickname")],
        handles=[Handle("@alexex_teach", "facebook"), Handle("lexi.sample", "instagram")],
        emails=["alex.example@example.org", "a.sample@school.example.org"],
        employer="Example Primary School", role="teacher", town="Exampleton",
        phone="+44 7700 900123",
    )


def alex_input(**changes) -> ReportInput:
    fb = [
        make_item("facebook", "future-posts", "Set who can see your future posts", minutes=2,
                  url="https://www.facebook.com/settings?tab=privacy"),
        make_item("facebook", "past-posts", "Limit who can see your past posts", minutes=3,
                  url="https://www.facebook.com/settings?tab=privacy"),
        make_item("facebook", "friends-list", "Hide your friends list", priority="recommended",
                  minutes=1, url="https://www.facebook.com/settings?tab=privacy"),
        make_item("facebook", "tag-review", "Review tags before they appear", minutes=5,
                  url="https://www.facebook.com/settings?tab=profile_and_tagging"),
    ]
    ig = [
        make_item("instagram", "private-account", "Make your account private", minutes=1,
                  url="https://www.instagram.com/accounts/privacy_and_security/"),
        make_item("instagram", "activity-status", "Turn off activity status",
                  priority="recommended", minutes=1,
                  url="https://www.instagram.com/accounts/privacy_and_security/"),
    ]
    habits = [
        make_item("habits", "face-test", "Ask yourself: would I say this to their face?",
                  url=None, minutes=1),
        make_item("habits", "after-a-mistake", "If you get it wrong: correct, acknowledge, apologise",
                  url=None, minutes=2),
    ]
    packs = [
        make_pack("facebook", "Facebook", fb, domains=("facebook.com",)),
        # Reviewed well over a year before the report date: must be marked out of date.
        make_pack("instagram", "Instagram", ig, reviewed=date(2025, 6, 1), domains=("instagram.com",)),
        make_pack("habits", "Habits and policy", habits, kind="habits"),
    ]
    states = {
        "facebook:future-posts": ItemState(DONE, "", datetime(2026, 11, 20, 19, 5)),
        "facebook:friends-list": ItemState(NOT_FOR_ME, "", datetime(2026, 11, 20, 19, 9)),
        "facebook:past-posts": ItemState(LATER, "Ask Alex Sample's sister first", datetime(2026, 11, 20, 19, 7)),
        "habits:face-test": ItemState(DONE, "", datetime(2026, 11, 19, 8, 0)),
    }
    findings = [
        Finding(url="https://www.facebook.com/alexex_teach", normalised_url="facebook.com/alexex_teach",
                title="Alex Example | Facebook", platform="facebook", found_by=["s1", "s2"],
                decision=ME_ACTION, action="change_privacy", note="Public photos from Lexi's 30th"),
        Finding(url="https://alexexample.example.net/about", normalised_url="alexexample.example.net/about",
                title="About me - alex.example@example.org", found_by=["s3"], decision=ME_ACTION,
                action="ask_site", note="Old blog with my phone number +44 7700 900123"),
        Finding(url="https://news.example.net/other-alex", normalised_url="news.example.net/other-alex",
                title="Another Alex Example wins a prize", found_by=["s1"], decision=NOT_ME),
        Finding(url="https://www.linkedin.com/in/alex-example", normalised_url="linkedin.com/in/alex-example",
                title="Alex Example - Teacher", platform="linkedin", found_by=["s1"], decision=ME_FINE),
    ]
    data = ReportInput(
        person_name="Alex Example",
        private_strings=alex_profile().private_strings(),
        packs=packs,
        items=fb + ig + habits,
        states=states,
        findings=findings,
        searches=[PlannedSearch("s1", "name_role", '"Alex Example" teacher'),
                  PlannedSearch("s2", "handle", '"alexex_teach"'),
                  PlannedSearch("s3", "email", '"alex.example@example.org"')],
        next_check=NEXT_CHECK,
        generated_at=GENERATED,
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def with_accounts(data: ReportInput) -> ReportInput:
    """Alex's forgotten accounts: one to close (hard, with a deletion email), one closed, one
    kept (on a platform with a checklist), one not theirs, one not looked at, one site that
    could not be checked; and a finding on a service the deletion directory knows."""
    accounts = [
        AccountHit("lexi.sample", "Old Forum", "social", "https://old-forum.example.net/u/lexi.sample",
                   decision=MINE, plan=CLOSE, note="From my student days"),
        AccountHit("lexi.sample", "Tune Box", "music", "https://tunebox.example.net/lexi.sample",
                   decision=MINE, plan=CLOSE, closed_on=date(2026, 10, 2)),
        AccountHit("lexi.sample", "Photo Place", "social", "https://www.instagram.com/lexi.sample/",
                   decision=MINE, plan=KEEP),
        AccountHit("lexi.sample", "Someone Else", "social", "https://else.example.net/lexi.sample",
                   decision=NOT_MINE),
        AccountHit("lexi.sample", "Not Looked At", "coding", "https://code.example.net/lexi.sample"),
    ]
    results = [SiteOutcome("lexi.sample", h.site, h.category, FOUND, "", 200, h.profile_url) for h in accounts]
    results += [SiteOutcome("lexi.sample", "Walled", "social", COULD_NOT_CHECK, "A human check.", 403),
                SiteOutcome("lexi.sample", "Nothing Here", "social", NOT_FOUND, "", 404)]
    data.account_checks = [AccountCheck("lexi.sample", ("social", "music", "coding"), False,
                                        datetime(2026, 11, 20, 20, 0), datetime(2026, 11, 20, 20, 2))]
    data.account_results = results
    data.accounts = accounts
    data.account_deletion = {
        "lexi.sample:Old Forum": DeletionInfo("Old Forum", "hard", ("old-forum.example.net",),
                                              "https://old-forum.example.net/help/delete-account",
                                              "privacy@old-forum.example.net"),
        "lexi.sample:Tune Box": DeletionInfo("Tune Box", "easy", ("tunebox.example.net",),
                                             "https://tunebox.example.net/settings/delete"),
    }
    data.account_checklists = {"lexi.sample:Photo Place": "instagram"}
    data.finding_deletion = {"facebook.com/alexex_teach": DeletionInfo(
        "Facebook", "medium", ("facebook.com",), "https://www.facebook.com/help/delete_account")}
    return data


def council_branding(**changes) -> ReportBranding:
    values = dict(
        name="Example Borough Council",
        accent_colour="#f0b400",  # a bright yellow: too light for white text, must be darkened
        logo_data_uri=f"data:image/png;base64,{PNG_1PX}",
        contacts=(("Designated safeguarding lead", "Sam Officer", "dsl@council.example.org"),
                  ("Digital team", "", "https://intranet.example.org/social-media")),
        policy_url="https://intranet.example.org/policies/social-media",
        footer="Example Borough Council staff guidance, version 3.",
    )
    values.update(changes)
    return ReportBranding(**values)


HOSTILE_NAME = "<script>alert('name')</script>Mallory\u202eevil\u202c"


def hostile_input() -> ReportInput:
    data = with_accounts(alex_input())
    bad_items = [
        make_item("facebook", "js-link", "<b>Bold</b> & <script>alert('item')</script>",
                  url="javascript:alert('settings')",
                  steps=("Step with <img src=x onerror=alert(1)>", "Bell\x07and\x00nul")),
        make_item("facebook", "data-link", "Data link item", url="data:text/html,<script>alert(2)</script>"),
    ]
    data.person_name = HOSTILE_NAME
    data.items = data.items + bad_items
    data.packs = [p if p.id != "facebook" else make_pack("facebook", "Facebook", list(p.items) + bad_items)
                  for p in data.packs]
    data.findings = data.findings + [
        Finding(url="javascript:alert('finding')", normalised_url="x", title="<script>alert('title')</script>",
                found_by=["evil"], decision=ME_ACTION, action="<b>not-an-action</b>",
                note="Note with \u202eoverride\u202c and \x1b[31m escape"),
        Finding(url="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", normalised_url="y",
                title="Data URL result", found_by=[], decision=ME_ACTION),
        Finding(url="https://ok.example.net/\"onmouseover=\"alert(3)", normalised_url="z",
                title="Quote in URL", decision=ME_ACTION),
    ]
    data.searches = data.searches + [PlannedSearch("evil", "custom", "<a href='javascript:alert(4)'>query</a>")]
    evil = AccountHit("<b>lexi</b>", "<script>alert('site')</script>", "social", "javascript:alert('account')",
                      decision=MINE, plan=CLOSE, note="<img src=x onerror=alert(8)>")
    data.accounts = data.accounts + [evil]
    data.account_deletion = {**data.account_deletion, evil.key: DeletionInfo(
        "<i>Evil</i>", "hard", ("evil.example.net",), "javascript:alert(9)", "a@b.example\"><script>")}
    data.branding = ReportBranding(
        name="<i>Council</i></style><script>alert('org')</script>",
        accent_colour="red;}</style><script>alert(5)</script>",
        logo_data_uri="https://tracker.example.net/logo.png",
        contacts=(("Role<script>", "Name</li>", "javascript:alert(6)"), ("bad",)),
        policy_url="javascript:alert(7)",
        footer="<script>alert('footer')</script>",
    )
    return data
