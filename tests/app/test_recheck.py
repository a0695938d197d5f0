"""Coming back three months later: a re-check on a real store, through the use-case layer."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from socialsafe_desktop.core.actions import SLIPPED
from socialsafe_desktop.core.audit import CHANGED_BACK, DONE, LATER, ME_ACTION, ME_FINE, NOT_FOR_ME, STILL_SET
from socialsafe_desktop.core.profile import PersonName, Profile
from socialsafe_desktop.search.results import SearchResult

SAM = Profile([PersonName("Sam Doe")], employer="Northfield Academy", town="Exampleton")


class Clock:
    """The session's "now", moved on by the test instead of the system clock."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def result(url: str, title: str = "A page") -> SearchResult:
    return SearchResult(title=title, url=url, snippet="", provider="duckduckgo")


def first_audit(session):
    session.save_profile(SAM)
    session.set_platform("facebook", True)
    session.plan.sync()
    name = session.plan.searches()[0]
    town = next(s for s in session.plan.searches() if s.kind == "name_town")
    session.plan.set_enabled(town.id, False)  # the person's edit to the plan
    custom = session.plan.add("Sam Doe swimming club").search
    session.set_item_status("facebook:past-posts", DONE)
    session.set_item_note("facebook:past-posts", "on my phone")
    session.set_item_status("facebook:profile-photos", DONE)
    session.set_item_status("facebook:friends-list", NOT_FOR_ME)
    session.set_item_status("habits:disclaimer", LATER)
    session.findings.record_results(name.id, [result("https://www.facebook.com/sam.doe?fbclid=x", "Sam on Facebook"),
                                              result("https://news.example.org/story", "A story")])
    fb, story = session.findings.all()
    session.findings.decide(fb.normalised_url, ME_FINE)
    session.findings.set_note(fb.normalised_url, "my own profile")
    session.findings.decide(story.normalised_url, ME_ACTION)
    session.set_next_check(date(2026, 6, 1))
    return name, town, custom


def test_a_re_check_carries_about_you_the_plan_edits_platforms_and_the_right_item_states(session):
    name, town, custom = first_audit(session)
    first = session.store.audit_id
    assert not session.recheck.has_previous() and session.recheck.has_started()

    assert session.recheck.start()
    store = session.store
    assert store.audit_id != first and session.recheck.previous_id() == first
    assert store.audit(first).finished_at is not None
    assert session.profile() == store.profile() and session.profile().names[0].text == "Sam Doe"
    assert store.chosen_platforms() == {"facebook"}
    plan = {s.id: s for s in session.plan.searches()}
    assert plan[town.id].enabled is False and plan[custom.id].text == "Sam Doe swimming club"
    assert all(not s.outcome and not s.note for s in plan.values())
    # Syncing the plan again keeps those edits (the plan is the person's, not rebuilt).
    session.plan.sync()
    assert {s.id: s.enabled for s in session.plan.searches()}[town.id] is False
    states = store.item_states()
    assert (states["facebook:past-posts"].status, states["facebook:past-posts"].note) == ("", "on my phone")
    assert states["facebook:friends-list"].status == NOT_FOR_ME and states["habits:disclaimer"].status == LATER
    assert store.findings() == []


def test_still_set_and_changed_back_and_the_plan_that_follows(session):
    first_audit(session)
    session.recheck.start()
    marks = session.recheck.item_marks()
    assert marks["facebook:past-posts"].done_last_time and marks["facebook:friends-list"].carried == NOT_FOR_ME
    slipped, unconfirmed = session.recheck.slipped_and_unconfirmed()
    assert unconfirmed == {"facebook:past-posts", "facebook:profile-photos"}

    assert session.recheck.answer("facebook:past-posts", STILL_SET)
    assert session.recheck.answer("facebook:profile-photos", CHANGED_BACK)
    states = session.item_states()
    assert (states["facebook:past-posts"].status, states["facebook:past-posts"].recheck) == (DONE, STILL_SET)
    assert (states["facebook:profile-photos"].status, states["facebook:profile-photos"].recheck) == ("", CHANGED_BACK)

    actions = session.actions.plan().actions
    slipped_action = next(a for a in actions if a.key == "facebook:profile-photos")
    assert slipped_action.kind == SLIPPED
    item = session.catalogue.item("facebook:profile-photos")
    assert slipped_action.places[0].url == item.settings_url
    assert all(a.key != "facebook:past-posts" for a in actions)
    changes = session.recheck.changes()
    assert [c.key for c in changes.slipped] == ["facebook:profile-photos"]
    assert [c.key for c in changes.still_set] == ["facebook:past-posts"]

    # Put right again: done, and still listed as having slipped.
    session.set_item_status("facebook:profile-photos", DONE)
    assert all(a.key != "facebook:profile-photos" for a in session.actions.plan().actions)
    assert session.recheck.changes().slipped[0].fixed_again


def test_pages_found_again_keep_last_times_decision_and_gone_needs_the_search_run_again(session):
    name, _town, _custom = first_audit(session)
    session.recheck.start()
    changes = session.recheck.changes()
    assert [c.finding.title for c in changes.not_checked] == ["Sam on Facebook", "A story"] and not changes.gone

    # The same page, written differently, and a new one; the story is not found this time.
    session.findings.record_results(name.id, [result("https://facebook.com/sam.doe/", "Sam on Facebook"),
                                              result("https://example.com/new", "New page")])
    found = {f.title: f for f in session.findings.all()}
    assert (found["Sam on Facebook"].decision, found["Sam on Facebook"].note) == (ME_FINE, "my own profile")
    assert found["New page"].decision == ""
    assert session.recheck.history_text(found["New page"]) == "New since your last check."
    assert "you said \u201cMe, fine\u201d" in session.recheck.history_text(found["Sam on Facebook"])
    changes = session.recheck.changes()
    assert [c.now.title for c in changes.new] == ["New page"]
    assert [c.now.title for c in changes.still_there] == ["Sam on Facebook"]
    assert [c.before.title for c in changes.gone] == ["A story"]
    assert [(c.title, c.how) for c in changes.completed if c.kind == "finding"] == [("A story", "no longer found")]


def test_items_added_to_a_checklist_since_are_marked_new(session):
    session.set_platform("facebook", True)
    packs = session.audit_packs()
    # As if facebook:search-engines had been added to the checklist after this audit: the
    # audit showed every other item.
    shown = [i.key for p in packs for i in p.items if i.key != "facebook:search-engines"]
    session.store.remember_items(shown)
    session.recheck.remember_shown([])  # nothing to add: the audit keeps what it recorded
    assert session.store.known_items() == frozenset(shown)
    session.set_item_status("facebook:past-posts", DONE)
    session.recheck.start()
    marks = session.recheck.item_marks()
    assert marks["facebook:search-engines"].new and not marks["facebook:past-posts"].new
    assert [c.key for c in session.recheck.changes().new_items] == ["facebook:search-engines"]
    # This audit records what it shows, for the next one.
    session.recheck.remember_shown(session.audit_packs())
    assert "facebook:search-engines" in session.store.known_items()


def test_due_follows_the_injected_clock_and_the_history_lists_every_audit(tmp_path, opener):
    from socialsafe_desktop.app.backend import RealBackend
    from socialsafe_desktop.app.session import AuditSession
    from socialsafe_desktop.configuration import app_catalogue, effective_settings
    from socialsafe_desktop.store import AuditStore

    clock = Clock(datetime(2026, 3, 1, 20, 0))
    store = AuditStore.open(tmp_path / "clocked.db")
    settings = effective_settings(store)
    session = AuditSession(store, RealBackend(opener), catalogue_loader=lambda: app_catalogue(settings),
                           settings=settings, clock=clock)
    store.set_audit_times(store.audit_id, clock())  # opened "then"
    first_audit(session)
    assert not session.recheck.is_due()
    clock.now = datetime(2026, 6, 2, 9, 0)
    assert session.recheck.is_due()
    session.recheck.start()
    clock.now += timedelta(minutes=20)
    session.set_item_status("facebook:past-posts", DONE)
    history = session.recheck.history()
    assert [(h.id, h.current) for h in history] == [(1, False), (2, True)]
    assert history[0].started_at == datetime(2026, 3, 1, 20, 0) and history[0].pages == 2
    assert history[1].decided == 1 and history[0].decided > history[1].decided
    assert session.recheck.changes().time_now == timedelta(minutes=20)
    session.close()


def test_an_earlier_audits_report_can_be_made_again(session, tmp_path):
    from socialsafe_desktop.app.report import build_report_input, export_report

    first_audit(session)
    session.recheck.start()
    earlier = build_report_input(session, audit_id=1)
    assert {f.title for f in earlier.findings} == {"Sam on Facebook", "A story"}
    assert earlier.states["facebook:past-posts"].status == DONE and earlier.changes is None
    assert earlier.checked_on == session.store.audit(1).started_at.date()
    current = build_report_input(session)
    assert current.findings == [] and current.changes is not None and not current.changes.first
    html, _ics = export_report(session, tmp_path / "first.html", audit_id=1)
    text = html.read_text()
    assert "Sam on Facebook" in text and "your check of" in text


def test_the_forgotten_accounts_seam_compares_accounts_to_close_the_same_way(session):
    from dataclasses import dataclass

    from socialsafe_desktop.core.recheck import AccountsRecord

    @dataclass(frozen=True)
    class Account:
        site: str
        url: str
        to_close: bool = True

    records = {1: AccountsRecord((Account("Forum", "https://www.forum.example/u/sam"),
                                  Account("Pics", "https://pics.example/sam")), frozenset({"Forum", "Pics"})),
               2: AccountsRecord((Account("Forum", "https://forum.example/u/sam/"),), frozenset({"Forum", "Pics"}))}
    first_audit(session)
    assert session.recheck.changes().accounts is None  # nothing plugged in: nothing said
    session.recheck.start()
    session.recheck.accounts_source = records.get
    accounts = session.recheck.changes().accounts
    assert [a.site for a in accounts.still_open] == ["Forum"] and [a.site for a in accounts.gone] == ["Pics"]
    started = []
    session.recheck.on_started(lambda before, after: started.append((before, after)))
    session.recheck.start()
    assert started == [(2, 3)]
