"""Forgotten accounts as use cases, with no Qt, on a real store: what may be checked, the question
asked first, answers saved and a check resumed with the sites left, the person's answers, and
accounts to close ranked with the rest of the plan. Usernames and sites here are invented."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from socialsafe_desktop.accounts.checker import SiteResult, check_settings
from socialsafe_desktop.accounts.deletion import parse_deletion_directory
from socialsafe_desktop.accounts.sites import parse_sites
from socialsafe_desktop.app.accounts import usable_usernames
from socialsafe_desktop.app.backend import DemoBackend
from socialsafe_desktop.app.report import build_report_input
from socialsafe_desktop.core.actions import ACCOUNT
from socialsafe_desktop.core.forgotten_accounts import (
    CLOSE,
    COULD_NOT_CHECK,
    FOUND,
    KEEP,
    MINE,
    NOT_FOUND,
    NOT_MINE,
    NOT_SURE,
)
from socialsafe_desktop.core.policy import EffectiveSettings, load_policy
from socialsafe_desktop.core.profile import Handle, PersonName, Profile
from socialsafe_desktop.report.render import render_report

BASE = "http://127.0.0.1:9"  # never asked: these tests hand the answers in themselves
USER = "sam_example"


def site(name, cat="social", pretty=None):
    entry = {"name": name, "uri_check": f"{BASE}/{name.lower().replace(' ', '-')}/{{account}}", "e_code": 200,
             "e_string": "profile", "m_code": 404, "m_string": "", "cat": cat}
    if pretty:
        entry["uri_pretty"] = pretty
    return entry


SITES = parse_sites({"categories": ["social", "coding", "music", "xx NSFW xx"], "sites": [
    site("Old Forum", "social", "https://old-forum.example/u/{account}"),
    site("Photo Place", "social", "https://www.instagram.com/{account}/"),
    site("Code Hub", "coding"),
    site("Tune Box", "music"),
    site("Walled", "social"),
    site("Quiet", "coding"),
    site("Adult One", "xx NSFW xx"),
]}, allow_loopback_http=True)
DIRECTORY = parse_deletion_directory({"services": [
    {"name": "Old Forum", "difficulty": "hard", "domains": ["old-forum.example"],
     "url": "https://old-forum.example/account/delete", "email": "privacy@old-forum.example"},
]})


@pytest.fixture
def accounts(session):
    session.save_profile(Profile([PersonName("Sam Example")], [Handle("@sam_example", "instagram"),
                                                               Handle("Sam_Example"), Handle("old.name")]))
    accounts = session.accounts
    accounts.use_data(SITES, DIRECTORY, allow_loopback_http=True, settings=replace(check_settings(), host_delay=0.0))
    return accounts


def save_answers(accounts, username, results) -> bool:
    """A batch of answers saved as a check's saving thread saves it, then settled."""
    return accounts.session.settle(accounts.keep_results(username, results).error)


def answer(name, outcome, cat="social", url=None):
    return SiteResult(site=name, category=cat, outcome=outcome, reason="(test)", profile_url=url,
                      site_url=f"{BASE}/", status=200 if outcome == FOUND else 404)


def test_usernames_from_about_you_each_once_without_the_at_sign():
    assert usable_usernames(["@sam_example", "Sam_Example", "old.name", "sam@example.org", "  "]) == \
        ["sam_example", "old.name"]


def test_the_question_names_the_count_and_the_time_and_adult_sites_are_off_until_chosen(accounts):
    availability = accounts.availability()
    assert availability.allowed and availability.adult_allowed
    assert availability.categories == ("social", "coding", "music")
    state = accounts.state(USER)
    assert state.total == 6 and state.not_started and not state.include_adult
    assert "Adult One" not in {c.site.name for c in state.left}
    assert accounts.question(state) == ("Check 6 sites for the username sam_example? Each site will see one "
                                        "request from this computer. Under a minute.")
    with_adult = accounts.state(USER, availability.categories, include_adult=True)
    assert with_adult.total == 7 and with_adult.include_adult
    only_music = accounts.state(USER, ["music"], include_adult=False)
    assert [c.site.name for c in only_music.left] == ["Tune Box"]
    assert accounts.question(only_music).startswith("Check 1 site for the username sam_example?")


def test_nothing_is_sent_for_a_username_that_is_not_the_persons(accounts):
    assert accounts.start("someone_else", ["social"], False) is None
    assert accounts.store.account_checks() == []


def test_a_check_cut_short_carries_on_with_the_sites_left_and_can_retry_those_not_checked(accounts):
    checks = accounts.start(USER, ["social", "coding"], False)
    assert [c.site.name for c in checks] == ["Old Forum", "Photo Place", "Code Hub", "Walled", "Quiet"]
    # Cancelled after three answers: they are kept, and the check is not finished.
    assert save_answers(accounts, USER, [answer("Old Forum", FOUND, url="https://old-forum.example/u/sam_example"),
                                         answer("Walled", COULD_NOT_CHECK), answer("Code Hub", NOT_FOUND, "coding")])
    state = accounts.state(USER)
    assert state.categories == ("social", "coding")  # the choice is remembered
    assert (state.total, state.done, state.found, state.could_not_check) == (5, 3, 1, 1)
    assert [c.site.name for c in state.left] == ["Photo Place", "Quiet"]
    assert not state.finished
    assert accounts.question(state).startswith("Check the other 2 sites for the username sam_example?")
    assert [c.site.name for c in accounts.start(USER, state.categories, False)] == ["Photo Place", "Quiet"]
    save_answers(accounts, USER, [answer("Photo Place", FOUND, url="https://www.instagram.com/sam_example/"),
                                  answer("Quiet", NOT_FOUND, "coding")])
    assert accounts.finish(USER)
    state = accounts.state(USER)
    assert state.finished and not state.left and state.found == 2
    assert [c.site.name for c in state.retry] == ["Walled"]
    assert accounts.question(state, retry=True).startswith(
        "Try the 1 site that could not be checked again for the username sam_example?")
    assert [c.site.name for c in accounts.start(USER, state.categories, False, retry=True)] == ["Walled"]
    save_answers(accounts, USER, [answer("Walled", NOT_FOUND)])
    assert accounts.could_not_check(USER) == []
    # Adding a kind of site later: only its sites are left to ask.
    wider = accounts.state(USER, ["social", "coding", "music"], False)
    assert [c.site.name for c in wider.left] == ["Tune Box"] and wider.done == 5


def test_the_persons_answers_and_accounts_to_close_join_the_plan(accounts, session, opener):
    accounts.start(USER, ["social", "coding"], False)
    save_answers(accounts, USER, [answer("Old Forum", FOUND, url="https://old-forum.example/u/sam_example"),
                                  answer("Photo Place", FOUND, url="https://www.instagram.com/sam_example/"),
                                  answer("Code Hub", FOUND, "coding", url=f"{BASE}/code-hub/sam_example")])
    hits = {h.site: h for h in accounts.hits()}
    assert set(hits) == {"Old Forum", "Photo Place", "Code Hub"} and all(not h.decision for h in hits.values())
    undecided = session.actions.plan().estimate.deciding

    assert accounts.decide(USER, "Photo Place", MINE)
    assert "instagram" in session.store.chosen_platforms()  # its checklist joins the audit
    accounts.set_plan(USER, "Photo Place", KEEP)
    accounts.decide(USER, "Code Hub", NOT_MINE)
    accounts.decide(USER, "Old Forum", MINE)
    accounts.set_plan(USER, "Old Forum", CLOSE)
    accounts.set_note(USER, "Old Forum", "from my first job")

    plan = session.actions.plan()
    assert plan.estimate.deciding == undecided - 3
    [close] = [a for a in plan.actions if a.kind == ACCOUNT]
    assert close.title == "Close your account on Old Forum" and close.tier == 0 and close.minutes == 20
    assert "closed only by writing to the service" in close.context and close.note == "from my first job"
    assert [(p.url, p.label) for p in close.places] == [
        ("https://old-forum.example/account/delete", "Open the deletion page"),
        ("https://old-forum.example/u/sam_example", "Open the account")]
    assert plan.actions.index(close) < min(i for i, a in enumerate(plan.actions) if a.kind == "setting")
    assert plan.estimate.acting_on_findings >= 20

    accounts.mark_closed(USER, "Old Forum", date(2026, 3, 3))
    assert [a for a in session.actions.plan().actions if a.kind == ACCOUNT] == []
    counts = accounts.counts()
    assert (counts.found, counts.mine, counts.closed, counts.kept, counts.not_mine, counts.to_close) == \
        (3, 2, 1, 1, 1, 0)
    accounts.reopen(USER, "Old Forum")
    assert accounts.hit(USER, "Old Forum").needs_closing
    accounts.decide(USER, "Old Forum", NOT_SURE)  # taken back: no longer an account to close
    assert [a for a in session.actions.plan().actions if a.kind == ACCOUNT] == []
    with pytest.raises(ValueError):
        accounts.decide(USER, "Old Forum", "maybe")


def test_the_report_lists_accounts_and_the_redacted_one_counts_only(accounts, session):
    accounts.start(USER, ["social"], False)
    save_answers(accounts, USER, [answer("Old Forum", FOUND, url="https://old-forum.example/u/sam_example"),
                                  answer("Walled", COULD_NOT_CHECK), answer("Photo Place", NOT_FOUND)])
    accounts.decide(USER, "Old Forum", MINE)
    accounts.set_plan(USER, "Old Forum", CLOSE)
    data = build_report_input(session)
    full = render_report(data)
    assert "Your account on <bdi>Old Forum</bdi>" in full
    assert 'href="https://old-forum.example/account/delete"' in full and "privacy@old-forum.example" in full
    assert "Close your account on Old Forum" in full  # among the next three actions
    assert "1 could not be checked" in full
    redacted = render_report(data, redact=True)
    assert "Old Forum" not in redacted and "old-forum.example" not in redacted and USER not in redacted
    assert "<li>To close: 1</li>" in redacted and "Close a forgotten account" in redacted


def test_the_policy_limits_or_switches_off_the_check(accounts, session, tmp_path):
    def apply(text):
        path = tmp_path / "policy.toml"
        path.write_text('[organisation]\nname = "Example Trust"\n' + text)
        session.apply_settings(EffectiveSettings(load_policy(path), environ={}))

    apply('[accounts]\ncategories = ["coding"]\n')
    availability = accounts.availability()
    assert availability.categories == ("coding",) and not availability.adult_allowed
    assert [c.site.name for c in accounts.start(USER, ["social", "coding"], True)] == ["Code Hub", "Quiet"]
    apply("[accounts]\ncategories = []\n")
    off = accounts.availability()
    assert not off.allowed and off.reason == "The forgotten-accounts check is switched off by Example Trust's policy."
    assert accounts.start(USER, ["coding"], False) is None


def test_the_demo_never_asks_adult_sites_and_sends_nothing(session, tmp_path):
    from socialsafe_desktop.core.demo import load_persona

    demo = type(session)(session.store, DemoBackend(load_persona()))
    demo.save_profile(Profile(handles=[Handle("sam_example")]))
    demo.accounts.use_data(SITES, DIRECTORY, allow_loopback_http=True)
    availability = demo.accounts.availability()
    assert not availability.adult_allowed
    state = demo.accounts.state(USER, availability.categories, include_adult=True)
    assert not state.include_adult and "Adult One" not in {c.site.name for c in state.left}
    assert "nothing is sent" in demo.accounts.question(state)


def test_a_recheck_compares_the_accounts_and_keeps_the_answers_of_those_found_again(accounts, session):
    """Through the re-check's own seam (session.accounts_record): accounts to close found again
    are still open (and to close again, even if marked closed), those not found are gone, a
    site that could not be checked says nothing; the kinds of site chosen are offered again."""
    assert session.accounts_record(session.store.audit_id) is None  # no username checked yet
    accounts.start(USER, ["social", "coding"], False)
    save_answers(accounts, USER, [answer("Old Forum", FOUND, url="https://old-forum.example/u/sam_example"),
                                  answer("Photo Place", FOUND, url="https://www.instagram.com/sam_example/"),
                                  answer("Code Hub", FOUND, "coding", url=f"{BASE}/code-hub/sam_example"),
                                  answer("Walled", NOT_FOUND)])
    for site in ("Old Forum", "Photo Place"):
        accounts.decide(USER, site, MINE)
        accounts.set_plan(USER, site, CLOSE)
    accounts.set_note(USER, "Old Forum", "first job")
    accounts.mark_closed(USER, "Old Forum", date(2026, 3, 3))
    accounts.decide(USER, "Code Hub", NOT_MINE)
    first = session.store.audit_id
    record = session.accounts_record(first)
    assert sorted(a.site for a in record.accounts) == ["Old Forum", "Photo Place"]  # not "not mine"
    assert record.checked_sites == {"Old Forum", "Photo Place", "Code Hub", "Walled"}

    assert session.recheck.start()
    state = accounts.state(USER)
    assert state.not_started and state.categories == ("social", "coding")  # as chosen last time
    accounts.start(USER, state.categories, False)
    save_answers(accounts, USER, [answer("Old Forum", FOUND, url="https://old-forum.example/u/sam_example"),
                                  answer("Photo Place", NOT_FOUND), answer("Code Hub", COULD_NOT_CHECK, "coding")])
    again = accounts.hit(USER, "Old Forum")
    assert (again.decision, again.plan, again.note, again.closed_on) == (MINE, CLOSE, "first job", None)
    assert again.needs_closing  # closed last time, yet still there: to close again
    changes = session.recheck.changes().accounts
    assert [a.site for a in changes.still_open] == ["Old Forum"]
    assert [a.site for a in changes.gone] == ["Photo Place"] and changes.new == ()
    assert [h.site for h in session.store.account_hits(first)] == ["Old Forum", "Photo Place", "Code Hub"]
