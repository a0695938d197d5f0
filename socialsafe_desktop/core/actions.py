"""Everything left to do in an audit, as one ranked list: checklist items not yet done,
pages found about the person that need action, searches marked "found, needs action" with no
page recorded, and forgotten accounts the person chose to close. The plan step, the report and
the time estimate all use this list.

Ranking: by impact, then by time, then things the person put off ("Later") before things
not looked at yet, then the order the checklists and searches give. Impact tiers:
  0  something found about the person that needs action (a page, a search's result, or an
     account of theirs to close), and an essential setting that was done last time but has
     changed back since (SLIPPED)
  1  an essential checklist item (settings and habits), and a recommended one that slipped back
  2  a recommended checklist item

A setting that slipped back is its checklist item re-opened in this audit (so progress and the
time estimate count it once, as any open item), ranked as a kind of its own: it is a known
exposure today, not a suggestion, and the person should see why it is back on the list.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from .audit import DONE, LATER, ME_ACTION, NOT_FOR_ME, SUGGESTED_ACTIONS, Finding, ItemState
from .forgotten_accounts import CLOSE_MINUTES, AccountHit
from .i18n import N_, _
from .queries import PlannedSearch

# Kinds of action.
SETTING, HABIT, FINDING, SEARCH, ACCOUNT = "setting", "habit", "finding", "search", "account"
SLIPPED = "slipped"  # done last time, changed back since (the person said so in a re-check)
# TRANSLATORS: why a setting is back on the list of things to do, after the checklist's name.
SLIPPED_CONTEXT = N_("Changed back since your last check")
# TRANSLATORS: why a setting is on the list of things to do, after the checklist's name.
CONFIRM_CONTEXT = N_("You set this last time: check it is still set")
# Kinds that come from what was found about the person (the estimate's "acting on findings").
FOUND_KINDS = (FINDING, SEARCH, ACCOUNT)

# How each difficulty of closing an account reads in an action's context.
# TRANSLATORS: how hard it is to close an account, after "Under the username sam_doe, ...".
CLOSING = {"easy": N_("easy to close"), "medium": N_("a few steps to close"),
           "hard": N_("closed only by writing to the service"), "limited": N_("can be closed only in part"),
           "impossible": N_("cannot be deleted: empty it instead")}

FOUND_NEEDS_ACTION = "found_action"  # the search outcome that makes a search an action

# Minutes a finding's action usually takes, by suggested action ("" when none is chosen yet).
FINDING_MINUTES = {"delete_post": 5, "untag": 2, "change_privacy": 5, "ask_site": 15,
                   "ask_search_engine": 15, "": 10}
SEARCH_ACTION_MINUTES = 10

# Where to act for a suggested action that is not done on the page itself: the checklist item
# that explains the route (its settings page is the form to use).
REMOVAL_ROUTES = {
    "ask_site": "search-engines:ask-site-owner",
    "ask_search_engine": "search-engines:personal-info-removal",
}


@dataclass(frozen=True)
class Place:
    """Where to act: an address to open and the words on its button."""

    url: str
    label: str


@dataclass(frozen=True)
class Action:
    kind: str                  # SETTING, HABIT, FINDING, SEARCH, SLIPPED or ACCOUNT
    key: str                   # the item key, the finding's normalised address, the search id,
                               # or the account's key ("username:site")
    title: str
    context: str               # which checklist, or which search found it
    minutes: int
    tier: int
    later: bool                # the person chose "Later"
    note: str
    places: tuple[Place, ...]  # most direct first; may be empty

    @property
    def essential(self) -> bool:
        return self.tier <= 1


def item_is_open(state: ItemState | None) -> bool:
    return (state or ItemState()).status not in (DONE, NOT_FOR_ME)


def search_needs_action(search: PlannedSearch, findings: Iterable[Finding]) -> bool:
    """A search marked "found, needs action" is an action of its own until one of the pages it
    found is itself marked as needing action (then that page carries it)."""
    if not search.enabled or search.outcome != FOUND_NEEDS_ACTION:
        return False
    return not any(f.decision == ME_ACTION and search.id in f.found_by for f in findings)


def rank_actions(
    items: Sequence,                      # checklist items in scope (ChecklistItem-like)
    states: Mapping[str, ItemState],
    findings: Sequence[Finding],
    searches: Sequence[PlannedSearch],
    *,
    pack_names: Mapping[str, str] | None = None,
    habit_packs: Iterable[str] = ("habits",),
    finding_places: Callable[[Finding], Sequence[Place]] = lambda f: (),
    search_places: Callable[[PlannedSearch], Sequence[Place]] = lambda s: (),
    search_label: Callable[[str], str] | None = None,
    slipped: Collection[str] = (),
    to_confirm: Collection[str] = (),
    accounts: Sequence[AccountHit] = (),
    account_places: Callable[[AccountHit], Sequence[Place]] = lambda a: (),
    account_difficulty: Callable[[AccountHit], str] = lambda a: "",
) -> list[Action]:
    """Every open action, most useful first (see the module docstring for the order).

    slipped: item keys the person said have changed back since their last check.
    to_confirm: item keys done last time whose "Is this still set?" is not answered yet."""
    names = pack_names or {}
    habits = set(habit_packs)
    texts = {s.id: s.text for s in searches}
    label = search_label or (lambda sid: texts.get(sid, ""))
    ranked: list[tuple[tuple, Action]] = []
    order = 0

    def add(action: Action) -> None:
        nonlocal order
        ranked.append(((action.tier, action.minutes, not action.later, order), action))
        order += 1

    for finding in findings:
        if finding.decision != ME_ACTION:
            continue
        found_by = [t for t in (label(s) for s in finding.found_by) if t]
        what = SUGGESTED_ACTIONS.get(finding.action, "")
        add(Action(FINDING, finding.normalised_url, finding.title.strip() or finding.url,
                   _finding_context(_(what) if what else "", found_by[0] if found_by else ""),
                   FINDING_MINUTES.get(finding.action, FINDING_MINUTES[""]), 0, False, finding.note,
                   tuple(finding_places(finding))))
    for search in searches:
        if search_needs_action(search, findings):
            add(Action(SEARCH, search.id, _("Deal with what you found searching {search}").format(search=search.text),
                       _("You marked this search \u201cfound, needs action\u201d"), SEARCH_ACTION_MINUTES, 0, False,
                       search.note, tuple(search_places(search))))
    for account in accounts:
        if not account.needs_closing:
            continue
        difficulty = account_difficulty(account)
        how = _(CLOSING[difficulty]) if difficulty in CLOSING else ""
        context = (_("Under the username {username}, {how}").format(username=account.username, how=how) if how
                   else _("Under the username {username}").format(username=account.username))
        add(Action(ACCOUNT, account.key, _("Close your account on {site}").format(site=account.site), context,
                   CLOSE_MINUTES.get(difficulty, CLOSE_MINUTES[""]), 0, False, account.note,
                   tuple(account_places(account))))
    for item in items:
        state = states.get(item.key) or ItemState()
        if not item_is_open(state):
            continue
        places = (Place(item.settings_url, _("Open this setting")),) if item.settings_url else ()
        pack_name = names.get(item.pack_id, item.pack_id)
        tier = 1 if item.priority == "essential" else 2
        kind = HABIT if item.pack_id in habits else SETTING
        context = pack_name
        if item.key in slipped:
            kind, tier, context = SLIPPED, tier - 1, f"{pack_name} · {_(SLIPPED_CONTEXT)}"
        elif item.key in to_confirm:
            context = f"{pack_name} · {_(CONFIRM_CONTEXT)}"
        add(Action(kind, item.key, item.title, context, max(0, int(item.minutes)), tier,
                   state.status == LATER, state.note, places))
    return [action for _key, action in sorted(ranked, key=lambda entry: entry[0])]


def _finding_context(what: str, search: str) -> str:
    """What to do about a page found, and how it was found: "Remove the tag. Found by searching
    "Sam Doe" teacher"."""
    if what and search:
        # TRANSLATORS: {action} is what to do (e.g. "Remove the tag"), {search} the words searched for.
        return _("{action}. Found by searching {search}").format(action=what, search=search)
    if what:
        return _("{action}. A page you found").format(action=what)
    if search:
        return _("Found by searching {search}").format(search=search)
    return _("A page you found")
