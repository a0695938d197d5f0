"""The ranking of everything left to do, and the one time estimate built on it."""

from dataclasses import dataclass
from datetime import date

from socialsafe_desktop.core.actions import FINDING, HABIT, SEARCH, SETTING, Place, rank_actions
from socialsafe_desktop.core.audit import DONE, LATER, ME_ACTION, ME_FINE, NOT_FOR_ME, Finding, ItemState
from socialsafe_desktop.core.estimate import estimate, in_words, summary, typical_first_audit
from socialsafe_desktop.core.queries import PlannedSearch


@dataclass
class Item:
    pack_id: str
    id: str
    title: str
    priority: str
    minutes: int
    settings_url: str | None = None

    @property
    def key(self):
        return f"{self.pack_id}:{self.id}"


ITEMS = [
    Item("fb", "rec-quick", "Recommended quick", "recommended", 1, "https://fb.example/a"),
    Item("fb", "ess-slow", "Essential slow", "essential", 5, "https://fb.example/b"),
    Item("ig", "ess-2", "Essential two", "essential", 2, "https://ig.example/c"),
    Item("ig", "ess-2-later", "Essential two, put off", "essential", 2),
    Item("habits", "disclaimer", "Say your views are your own", "essential", 5),
]


def finding(url, decision="", action="", found_by=(), note=""):
    return Finding(url, url.removeprefix("https://"), f"Page {url}", found_by=list(found_by),
                   decision=decision, action=action, note=note)


def test_findings_first_then_essentials_then_recommended_by_time_with_later_first_among_equals():
    states = {"ig:ess-2-later": ItemState(LATER, "after the holiday")}
    findings = [finding("https://a.example/old", ME_ACTION, "delete_post", ["name:x"], note="school photo"),
                finding("https://b.example/fine", ME_FINE), finding("https://c.example/other")]
    searches = [PlannedSearch("name:x", "name", '"Sam Doe"')]
    actions = rank_actions(ITEMS, states, findings, searches, pack_names={"fb": "Facebook", "ig": "Instagram"})
    assert [a.key for a in actions] == [
        "a.example/old",          # tier 0: a page about the person that needs action
        "ig:ess-2-later",         # tier 1, 2 min, Later before untouched of the same time
        "ig:ess-2",
        "fb:ess-slow",            # tier 1, 5 min, earlier in the checklists than the habit
        "habits:disclaimer",
        "fb:rec-quick",           # tier 2, however quick
    ]
    first = actions[0]
    assert first.kind == FINDING and first.note == "school photo" and first.minutes == 5
    assert first.context == 'Delete or edit the post. Found by searching "Sam Doe"'
    assert actions[1].later and actions[1].note == "after the holiday"
    assert actions[3].kind == SETTING and actions[3].context == "Facebook"
    assert actions[3].places == (Place("https://fb.example/b", "Open this setting"),)
    assert actions[4].kind == HABIT and actions[4].places == ()


def test_done_and_not_for_me_are_not_actions():
    states = {i.key: ItemState(DONE if n % 2 else NOT_FOR_ME) for n, i in enumerate(ITEMS)}
    assert rank_actions(ITEMS, states, [], []) == []


def test_a_search_marked_needs_action_is_an_action_until_one_of_its_pages_carries_it():
    search = PlannedSearch("town:x", "name_town", '"Sam Doe" "Leeds"', outcome="found_action", note="old club page")
    actions = rank_actions([], {}, [], [search],
                           search_places=lambda s: [Place(f"https://engine.example/?q={s.id}", "Open the search")])
    assert [(a.kind, a.title, a.note) for a in actions] == [
        (SEARCH, 'Deal with what you found searching "Sam Doe" "Leeds"', "old club page")]
    assert actions[0].places == (Place("https://engine.example/?q=town:x", "Open the search"),)
    # A page it found, judged "me, fine", does not carry it ...
    fine = finding("https://club.example/", ME_FINE, found_by=["town:x"])
    assert [a.kind for a in rank_actions([], {}, [fine], [search])] == [SEARCH]
    # ... one marked "needs action" does, and the search is no longer listed on its own.
    acting = finding("https://club.example/", ME_ACTION, found_by=["town:x"])
    assert [a.kind for a in rank_actions([], {}, [acting], [search])] == [FINDING]
    # An unticked search is not an action, whatever was recorded against it.
    search.enabled = False
    assert rank_actions([], {}, [], [search]) == []


def test_estimate_adds_searching_deciding_acting_and_checklists():
    searches = [PlannedSearch("a", "name", "a"), PlannedSearch("b", "name", "b", outcome="nothing"),
                PlannedSearch("c", "name", "c"), PlannedSearch("d", "name", "d", enabled=False)]
    states = {"fb:ess-slow": ItemState(DONE), "ig:ess-2-later": ItemState(LATER)}
    findings = [finding("https://a.example/x", ME_ACTION, "untag", ["c"])]
    actions = rank_actions(ITEMS, states, findings, searches)
    got = estimate(ITEMS, states, actions, searches, undecided_findings=3, finding_sources={"c"})
    # Search "a" is the only one ticked, not recorded and without pages: 2 minutes.
    assert (got.searching, got.deciding, got.acting_on_findings) == (2, 3, 2)
    assert (got.settings_essential, got.settings_all) == (2 + 2 + 5, 1 + 2 + 2 + 5)
    assert (got.essentials, got.everything) == (2 + 3 + 2 + 9, 2 + 3 + 2 + 10)


def test_the_estimate_in_words():
    assert in_words(0) == "no time at all"
    assert in_words(1) == "about 1 minute"
    assert in_words(60) == "about 1 hour"
    assert in_words(125) == "about 2 hours 5 minutes"
    got = estimate(ITEMS, {}, [], [])
    assert summary(got) == "About 14 minutes left for the essentials, 15 minutes for everything."
    assert summary(got, left=False) == "About 14 minutes for the essentials, 15 minutes for everything."
    only_essentials = estimate(ITEMS[1:], {}, [], [])
    assert summary(only_essentials) == "About 14 minutes left."
    assert summary(estimate([], {}, [], [])) == "Nothing is left to do."


def test_welcome_promise_is_the_same_rule_on_a_typical_first_audit():
    @dataclass
    class Pack:
        items: list

    packs = {"facebook": Pack([Item("facebook", "a", "A", "essential", 4), Item("facebook", "b", "B", "recommended", 6)]),
             "instagram": Pack([Item("instagram", "a", "A", "essential", 3)]),
             "habits": Pack([Item("habits", "a", "A", "essential", 2)]),
             "tiktok": Pack([Item("tiktok", "a", "A", "essential", 50)])}  # not one of the typical three
    typical = typical_first_audit(packs)
    assert typical.searching == 20 and typical.essentials == 20 + 4 + 3 + 2 and typical.everything == 20 + 15


def test_accounts_to_close_rank_with_what_was_found_and_count_in_the_estimate():
    from socialsafe_desktop.core.actions import ACCOUNT
    from socialsafe_desktop.core.forgotten_accounts import CLOSE, KEEP, MINE, NOT_MINE, AccountHit

    def hit(site, decision="", plan="", closed_on=None, note=""):
        return AccountHit("sam_example", site, "social", f"https://{site.lower()}.example/sam_example",
                          decision=decision, plan=plan, closed_on=closed_on, note=note)

    accounts = [hit("Hardforum", MINE, CLOSE, note="first job"), hit("Easyphotos", MINE, CLOSE),
                hit("Kept", MINE, KEEP), hit("Someone", NOT_MINE, CLOSE), hit("Undecided"),
                hit("Gone", MINE, CLOSE, closed_on=date(2026, 1, 5))]
    difficulty = {"Hardforum": "hard", "Easyphotos": "easy"}
    actions = rank_actions(ITEMS, {}, [], [], accounts=accounts,
                           account_difficulty=lambda h: difficulty.get(h.site, ""),
                           account_places=lambda h: [Place(f"https://{h.site.lower()}.example/delete", "Delete")])
    ranked = [(a.kind, a.key) for a in actions]
    # Only accounts of the person's, to close and not closed yet; quickest first in tier 0.
    assert ranked[:2] == [(ACCOUNT, "sam_example:Easyphotos"), (ACCOUNT, "sam_example:Hardforum")]
    assert all(kind != ACCOUNT for kind, _ in ranked[2:])
    easy, hard = actions[0], actions[1]
    assert (easy.title, easy.minutes, easy.tier) == ("Close your account on Easyphotos", 5, 0)
    assert hard.minutes == 20 and hard.note == "first job" and "closed only by writing" in hard.context
    assert hard.places == (Place("https://hardforum.example/delete", "Delete"),)
    got = estimate(ITEMS, {}, actions, [], undecided_findings=1)
    assert got.acting_on_findings == 25 and got.deciding == 1
