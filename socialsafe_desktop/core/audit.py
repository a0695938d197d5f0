"""An audit: what the person decided about each checklist item and each search finding,
and what follows from that (progress, time left, the next actions)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from .i18n import N_

# The labels below are English, marked for translation (N_): show them with _(LABELS[key]).

# Checklist item statuses. "" means the person has not decided yet.
DONE = "done"
NOT_FOR_ME = "not_for_me"
LATER = "later"
UNTOUCHED = ""
# TRANSLATORS: what a person marks a checklist item: done it, it is not for them, or later.
# The Welsh checklists name these buttons: Wedi'i wneud / Ddim i mi / Yn nes ymlaen.
ITEM_STATUSES = {DONE: N_("Done"), NOT_FOR_ME: N_("Not for me"), LATER: N_("Later")}

# Decisions on a search result.
NOT_ME = "not_me"
ME_FINE = "me_fine"
ME_ACTION = "me_action"
# TRANSLATORS: what a person says about a page a search found: it is not about them; it is, and
# that is fine; it is, and something needs doing about it.
FINDING_DECISIONS = {NOT_ME: N_("Not me"), ME_FINE: N_("Me, fine"), ME_ACTION: N_("Me, needs action")}

# Outcomes of a search run by hand in the browser.
# TRANSLATORS: what a person records after running a search in their own browser.
SEARCH_OUTCOMES = {
    "nothing": N_("Nothing found"),
    "found_fine": N_("Found, fine"),
    "found_action": N_("Found, needs action"),
}

# TRANSLATORS: what to do about a page found about the person (a choice in a list). The Welsh
# checklists name "Ask the site to remove it" as: Gofyn i'r wefan ei dynnu.
SUGGESTED_ACTIONS = {
    "delete_post": N_("Delete or edit the post"),
    "untag": N_("Remove the tag"),
    "change_privacy": N_("Change who can see it"),
    "ask_site": N_("Ask the site to remove it"),
    "ask_search_engine": N_("Ask the search engine to drop it"),
}

PRIORITY_ORDER = {"essential": 0, "recommended": 1}


class ChecklistItemLike(Protocol):
    pack_id: str
    id: str
    title: str
    priority: str
    minutes: int

    @property
    def key(self) -> str: ...


# In a re-check, the answer to "Is this still set?" for an item done last time.
STILL_SET = "still_set"
CHANGED_BACK = "changed_back"
# TRANSLATORS: the answers to "Is this still set?" about a setting done at the last check.
RECHECK_ANSWERS = {STILL_SET: N_("Still set"), CHANGED_BACK: N_("Changed back")}


@dataclass
class ItemState:
    status: str = UNTOUCHED
    note: str = ""
    updated_at: datetime | None = None
    recheck: str = ""  # STILL_SET, CHANGED_BACK or "" (not asked, or not answered yet)


# Where a finding came from: a search run inside the app, or an address the person added.
FROM_SEARCH = "search"
FROM_PERSON = "person"


@dataclass
class Finding:
    url: str
    normalised_url: str
    title: str = ""
    snippet: str = ""
    platform: str | None = None
    found_by: list[str] = field(default_factory=list)
    decision: str = ""
    action: str = ""
    note: str = ""
    updated_at: datetime | None = None
    origin: str = FROM_SEARCH
    first_seen: datetime | None = None  # when this audit first recorded the page

    @property
    def needs_action(self) -> bool:
        return self.decision == ME_ACTION

    @property
    def is_me(self) -> bool:
        return self.decision in (ME_FINE, ME_ACTION)


@dataclass(frozen=True)
class Progress:
    total: int
    done: int
    not_for_me: int
    later: int
    untouched: int
    minutes_left: int

    @property
    def decided(self) -> int:
        return self.done + self.not_for_me

    @property
    def percent(self) -> int:
        return round(100 * self.decided / self.total) if self.total else 0


def progress(items: Iterable[ChecklistItemLike], states: dict[str, ItemState]) -> Progress:
    counts = {DONE: 0, NOT_FOR_ME: 0, LATER: 0, UNTOUCHED: 0}
    minutes_left = 0
    total = 0
    for item in items:
        total += 1
        status = states.get(item.key, ItemState()).status
        counts[status if status in counts else UNTOUCHED] += 1
        if status not in (DONE, NOT_FOR_ME):
            minutes_left += max(0, int(item.minutes))
    return Progress(total, counts[DONE], counts[NOT_FOR_ME], counts[LATER], counts[UNTOUCHED], minutes_left)


def open_items(items: Iterable[ChecklistItemLike], states: dict[str, ItemState]) -> list[ChecklistItemLike]:
    """Items still to do, most useful first: essentials, then untouched before "later",
    then the quickest. Ties keep the order the checklists give."""
    pending = [(i, item) for i, item in enumerate(items)
               if states.get(item.key, ItemState()).status not in (DONE, NOT_FOR_ME)]

    def rank(entry):
        i, item = entry
        deferred = states.get(item.key, ItemState()).status == LATER
        return (PRIORITY_ORDER.get(item.priority, 9), deferred, item.minutes, i)

    return [item for _, item in sorted(pending, key=rank)]


def next_actions(items: Sequence[ChecklistItemLike], states: dict[str, ItemState], count: int = 3):
    return open_items(items, states)[:count]


def default_next_check(today: date, months: int = 3) -> date:
    """The same day `months` later, clamped to the end of a shorter month."""
    month_index = today.month - 1 + months
    year, month = today.year + month_index // 12, month_index % 12 + 1
    for day in (today.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def items_in_scope(packs: Iterable, essentials_only: bool) -> list:
    """The checklist items that count for this person: every item of the given packs, or
    only the essentials when the person chose "essentials only"."""
    return [item for pack in packs for item in pack.items
            if not essentials_only or item.priority == "essential"]


def chosen_platform_packs(catalogue, chosen_platforms: Iterable[str]) -> list:
    """The platform packs the person chose, in display order."""
    chosen = set(chosen_platforms)
    return [p for p in catalogue.platform_packs() if p.id in chosen]


def audit_packs(catalogue, chosen_platforms: Iterable[str]) -> list:
    """The packs an audit covers, in display order: the chosen platforms, then habits."""
    habits = catalogue.habits_pack()
    return chosen_platform_packs(catalogue, chosen_platforms) + ([habits] if habits else [])
