"""The comparison behind a re-check: a pure function from two audits to what changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from socialsafe_desktop.core.actions import SLIPPED, rank_actions
from socialsafe_desktop.core.audit import (
    CHANGED_BACK,
    DONE,
    LATER,
    ME_ACTION,
    ME_FINE,
    NOT_FOR_ME,
    NOT_ME,
    STILL_SET,
    Finding,
    ItemState,
)
from socialsafe_desktop.core.queries import PlannedSearch
from socialsafe_desktop.core.recheck import (
    AccountsRecord,
    AuditSnapshot,
    carried_plan,
    carried_states,
    compare_accounts,
    compare_audits,
    duration_in_words,
)
from socialsafe_desktop.search.urls import normalise_url

T0 = datetime(2026, 3, 2, 19, 0)
T1 = datetime(2026, 6, 8, 20, 0)


@dataclass(frozen=True)
class Item:
    pack_id: str
    id: str
    title: str
    priority: str = "essential"
    minutes: int = 2
    settings_url: str | None = None

    @property
    def key(self) -> str:
        return f"{self.pack_id}:{self.id}"


PRIVATE = Item("fb", "private", "Make it private", settings_url="https://example.org/settings/private")
TAGS = Item("fb", "tags", "Review tags")
PHOTOS = Item("fb", "photos", "Hide old photos", priority="recommended")
LOCATION = Item("fb", "location", "Turn off location")
ADDED = Item("fb", "added-later", "A setting added to the checklist since")
DISCLAIMER = Item("habits", "disclaimer", "Say your views are your own")
ITEMS = [PRIVATE, TAGS, PHOTOS, LOCATION, DISCLAIMER]

NAME = PlannedSearch("name:sam", "name", '"Sam Doe"')
TOWN = PlannedSearch("town:sam", "name_town", '"Sam Doe" Exampleton')
HANDLE = PlannedSearch("handle:sam", "handle", '"sam_teaches"')


def page(url: str, decision: str = "", found_by=("name:sam",), title: str = "", note: str = "") -> Finding:
    return Finding(url, normalise_url(url), title or url, found_by=list(found_by), decision=decision, note=note)


def run(search: PlannedSearch, outcome: str = "") -> PlannedSearch:
    return PlannedSearch(search.id, search.kind, search.text, outcome=outcome)


def snap(id_, *, states=None, findings=(), searches=(), known=None, started=T0, minutes=40, accounts=None):
    return AuditSnapshot(id=id_, started_at=started, last_change=started + timedelta(minutes=minutes),
                         platforms=frozenset({"fb"}), states=states or {}, findings=tuple(findings),
                         searches=tuple(searches), known_items=known, accounts=accounts)


def titles(changes):
    return sorted(c.finding.url for c in changes)


def test_the_first_audit_has_nothing_to_compare():
    current = snap(1, findings=[page("https://example.org/a")], states={PRIVATE.key: ItemState(DONE)})
    changes = compare_audits(None, current, ITEMS)
    assert changes.first and changes.previous_id is None
    assert (changes.new, changes.gone, changes.still_there, changes.slipped, changes.new_items,
            changes.completed) == ((), (), (), (), (), ())
    assert changes.accounts is None
    assert changes.time_now == timedelta(minutes=40)


def test_pages_are_new_gone_or_still_there_by_normalised_address():
    before = snap(1, searches=[run(NAME), run(TOWN)], findings=[
        page("https://www.facebook.com/sam.doe?fbclid=abc", ME_FINE, title="Sam on Facebook"),
        page("https://news.example.org/old-story", ME_ACTION, found_by=["town:sam"]),
        page("https://blog.example.net/sam", NOT_ME, found_by=["handle:sam"]),
    ])
    # The same Facebook page, written differently (no www, a tracking parameter, a slash).
    after = snap(2, started=T1, searches=[run(NAME), run(TOWN, "nothing"), run(HANDLE)], findings=[
        page("https://facebook.com/sam.doe/?utm_source=share"),
        page("https://example.com/new-photo", found_by=["name:sam"]),
    ])
    changes = compare_audits(before, after, ITEMS, ITEMS, normalise=normalise_url)

    assert titles(changes.new) == ["https://example.com/new-photo"]
    [still] = changes.still_there
    assert still.before.title == "Sam on Facebook" and still.now.url.startswith("https://facebook.com/")
    # The town search ran again and found nothing: the story is gone (worth a look, not proof).
    assert titles(changes.gone) == ["https://news.example.org/old-story"]
    # The handle search was not run again: nothing can be said about the blog yet.
    assert titles(changes.not_checked) == ["https://blog.example.net/sam"]
    # A page that needed action last time and is no longer found is done since last time.
    assert [(c.kind, c.how) for c in changes.completed] == [("finding", "no longer found")]


def test_without_the_normaliser_only_identical_addresses_match():
    before = snap(1, searches=[run(NAME)], findings=[Finding("https://www.example.org/a?fbclid=1", "one")])
    after = snap(2, searches=[run(NAME)], findings=[Finding("https://example.org/a", "two", found_by=["name:sam"])])
    assert len(compare_audits(before, after, []).new) == 1
    assert len(compare_audits(before, after, [], normalise=normalise_url).still_there) == 1


def test_the_decision_from_last_time_is_shown_and_a_change_of_mind_is_seen():
    before = snap(1, findings=[page("https://example.org/a", ME_ACTION, note="old post"),
                               page("https://example.org/b", ME_FINE)])
    after = snap(2, searches=[run(NAME)], findings=[page("https://example.org/a", ME_ACTION),
                                                    page("https://example.org/b", NOT_ME)])
    changes = compare_audits(before, after, [], normalise=normalise_url)
    by_url = {c.now.url: c for c in changes.still_there}
    a, b = by_url["https://example.org/a"], by_url["https://example.org/b"]
    assert (a.before.decision, a.now.decision, a.decision_changed) == (ME_ACTION, ME_ACTION, False)
    assert (b.before.decision, b.now.decision, b.decision_changed) == (ME_FINE, NOT_ME, True)


def test_done_items_come_back_as_still_set_changed_back_or_to_confirm():
    before = snap(1, states={PRIVATE.key: ItemState(DONE), TAGS.key: ItemState(DONE),
                             PHOTOS.key: ItemState(DONE), LOCATION.key: ItemState(DONE),
                             DISCLAIMER.key: ItemState(NOT_FOR_ME)})
    after = snap(2, states={
        PRIVATE.key: ItemState("", recheck=CHANGED_BACK),   # slipped back, not put right yet
        TAGS.key: ItemState(DONE, recheck=STILL_SET),
        PHOTOS.key: ItemState(DONE, recheck=CHANGED_BACK),  # slipped back and put right again
        DISCLAIMER.key: ItemState(NOT_FOR_ME),               # carried over
    })                                                       # LOCATION: not answered yet
    changes = compare_audits(before, after, ITEMS, ITEMS)
    assert [c.key for c in changes.still_set] == [TAGS.key]
    assert [(c.key, c.fixed_again) for c in changes.slipped] == [(PRIVATE.key, False), (PHOTOS.key, True)]
    assert [c.key for c in changes.to_confirm] == [LOCATION.key]
    assert [c.key for c in changes.carried] == [DISCLAIMER.key]


def test_a_slipped_setting_is_an_action_again_with_its_settings_page_ahead_of_other_settings():
    states = {PRIVATE.key: ItemState("", recheck=CHANGED_BACK)}
    ranked = rank_actions([TAGS, PRIVATE, PHOTOS], states, [], [], pack_names={"fb": "Facebook"},
                          slipped={PRIVATE.key})
    first = ranked[0]
    assert (first.kind, first.key) == (SLIPPED, PRIVATE.key)
    assert first.places[0].url == "https://example.org/settings/private"
    assert "Changed back since your last check" in first.context
    # Once put right again it is done, and no longer an action.
    again = rank_actions([TAGS, PRIVATE], {PRIVATE.key: ItemState(DONE, recheck=CHANGED_BACK)}, [], [],
                         slipped={PRIVATE.key})
    assert [a.key for a in again] == [TAGS.key]


def test_items_added_to_a_pack_since_last_time_are_new_but_a_newly_chosen_pack_is_not():
    new_pack_item = Item("ig", "private", "Instagram: private account")
    known = frozenset({PRIVATE.key, TAGS.key, PHOTOS.key, LOCATION.key, DISCLAIMER.key})
    before = snap(1, known=known)
    after = snap(2)
    changes = compare_audits(before, after, [*ITEMS, ADDED, new_pack_item], ITEMS)
    assert [c.key for c in changes.new_items] == [ADDED.key]


def test_an_older_audit_that_did_not_record_its_items_marks_nothing_new():
    changes = compare_audits(snap(1, known=None), snap(2), [*ITEMS, ADDED], ITEMS)
    assert changes.new_items == ()


def test_what_was_left_last_time_and_is_done_now_is_listed_with_the_time_taken():
    before = snap(1, states={TAGS.key: ItemState(LATER), PRIVATE.key: ItemState(DONE)}, minutes=55,
                  searches=[run(NAME, "found_action")])
    after = snap(2, started=T1, minutes=25, states={TAGS.key: ItemState(DONE), LOCATION.key: ItemState(NOT_FOR_ME)},
                 searches=[run(NAME, "found_fine")])
    changes = compare_audits(before, after, ITEMS, ITEMS)
    assert sorted((c.key, c.how) for c in changes.completed) == [
        (LOCATION.key, "not for me"), (TAGS.key, "done"), ("name:sam", "no longer needs action")]
    assert (changes.time_before, changes.time_now) == (timedelta(minutes=55), timedelta(minutes=25))
    assert duration_in_words(changes.time_now) == "about 25 minutes"
    assert duration_in_words(timedelta(days=2, hours=1), T0, T0 + timedelta(days=2, hours=1)) == "spread over 3 days"


def test_a_re_check_starts_with_later_and_not_for_me_carried_done_open_and_the_plan_unrecorded():
    states = {PRIVATE.key: ItemState(DONE, "did it on my phone"), TAGS.key: ItemState(LATER, "weekend"),
              DISCLAIMER.key: ItemState(NOT_FOR_ME), LOCATION.key: ItemState("", "")}
    assert carried_states(states) == {PRIVATE.key: ("", "did it on my phone"), TAGS.key: (LATER, "weekend"),
                                      DISCLAIMER.key: (NOT_FOR_ME, "")}
    mine = PlannedSearch("custom:club", "custom", "Sam Doe swimming club", enabled=True, outcome="found_fine",
                         note="club page")
    off = PlannedSearch("town:sam", "name_town", '"Sam D" Exampleton', enabled=False, outcome="nothing")
    assert carried_plan([mine, off]) == [PlannedSearch("custom:club", "custom", "Sam Doe swimming club"),
                                         PlannedSearch("town:sam", "name_town", '"Sam D" Exampleton', enabled=False)]


@dataclass(frozen=True)
class Account:
    site: str
    url: str
    to_close: bool = True


def test_accounts_to_close_are_checked_again_the_same_way():
    before = AccountsRecord((Account("Forum", "https://forum.example/u/sam"), Account("Pics", "https://pics.example/sam"),
                             Account("Old", "https://old.example/sam"), Account("Keep", "https://keep.example/sam", False)),
                            frozenset({"Forum", "Pics", "Old", "Keep"}))
    after = AccountsRecord((Account("Forum", "https://www.forum.example/u/sam/"), Account("New", "https://new.example/sam")),
                           frozenset({"Forum", "Pics", "New", "Keep"}))
    changes = compare_accounts(before, after, normalise=normalise_url)
    assert [a.site for a in changes.still_open] == ["Forum"]
    assert [a.site for a in changes.gone] == ["Pics"]          # asked again, not found
    assert [a.site for a in changes.not_checked] == ["Old"]    # not asked this time
    assert [a.site for a in changes.new] == ["New"]
    assert compare_accounts(before, None) is None
    # Reaches the change set through the snapshots.
    full = compare_audits(snap(1, accounts=before), snap(2, accounts=after), [], normalise=normalise_url)
    assert [a.site for a in full.accounts.gone] == ["Pics"]
