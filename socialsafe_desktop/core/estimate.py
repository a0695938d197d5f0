"""How long the audit takes: one rule, used by every screen, the report and the calendar file.

The time is the sum of what is left: each ticked search not yet looked at (opening it and
reading the first page of results), each page or account found that is still to be judged,
each action from what was found (accounts to close included), and the checklist items not yet
done or set aside. "Essentials" counts
the essential checklist items only; "everything" counts them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .actions import FOUND_KINDS, Action
from .audit import ItemState
from .i18n import _, ngettext
from .queries import PlannedSearch

SEARCH_MINUTES = 2   # open one search and read its first page of results
DECIDE_MINUTES = 1   # judge one page or account found: is it you, and is it fine?

# What Welcome promises before the person has said anything: a typical first audit (about ten
# searches, three platforms), estimated by the same rule as everything else.
TYPICAL_SEARCHES = 10
TYPICAL_PLATFORMS = ("facebook", "instagram", "whatsapp")


@dataclass(frozen=True)
class TimeEstimate:
    searching: int           # minutes
    deciding: int
    acting_on_findings: int
    settings_essential: int  # checklist items left, essentials only (settings and habits)
    settings_all: int

    @property
    def essentials(self) -> int:
        return self.searching + self.deciding + self.acting_on_findings + self.settings_essential

    @property
    def everything(self) -> int:
        return self.searching + self.deciding + self.acting_on_findings + self.settings_all


def search_is_settled(search: PlannedSearch, finding_sources: set[str]) -> bool:
    """A search is looked at once the person recorded what it found, or it found pages."""
    return bool(search.outcome) or search.id in finding_sources


def estimate(
    items: Iterable,                         # every checklist item of the audit's packs
    states: Mapping[str, ItemState],
    actions: Sequence[Action],               # rank_actions over the same audit
    searches: Sequence[PlannedSearch] = (),
    undecided_findings: int = 0,             # pages and accounts found, not yet judged
    finding_sources: Iterable[str] = (),     # ids of searches that found at least one page
) -> TimeEstimate:
    sources = set(finding_sources)
    searching = SEARCH_MINUTES * sum(1 for s in searches if s.enabled and not search_is_settled(s, sources))
    essential = everything = 0
    for item in items:
        if (states.get(item.key) or ItemState()).status in ("done", "not_for_me"):
            continue
        minutes = max(0, int(item.minutes))
        everything += minutes
        if item.priority == "essential":
            essential += minutes
    acting = sum(a.minutes for a in actions if a.kind in FOUND_KINDS)
    return TimeEstimate(searching, DECIDE_MINUTES * max(0, undecided_findings), acting, essential, everything)


def typical_first_audit(packs_by_id: Mapping[str, object]) -> TimeEstimate:
    """What a first audit usually takes, for Welcome's promise before anything is known."""
    items = [item for pack_id in (*TYPICAL_PLATFORMS, "habits") if (pack := packs_by_id.get(pack_id))
             for item in pack.items]
    searches = [PlannedSearch(f"typical:{n}", "name", "") for n in range(TYPICAL_SEARCHES)]
    return estimate(items, {}, (), searches)


def length(minutes: int) -> str:
    """"25 minutes", "1 hour 10 minutes": a length of time, without "about"."""
    hours, mins = divmod(max(0, minutes), 60)
    if hours and mins:
        # TRANSLATORS: {hours} and {minutes} are already "1 hour" and "10 minutes" (each translated).
        return _("{hours} {minutes}").format(hours=ngettext("{n} hour", "{n} hours", hours).format(n=hours),
                                             minutes=ngettext("{n} minute", "{n} minutes", mins).format(n=mins))
    if hours:
        return ngettext("{n} hour", "{n} hours", hours).format(n=hours)
    return ngettext("{n} minute", "{n} minutes", mins).format(n=mins)


def in_words(minutes: int) -> str:
    """"about 25 minutes", "about 1 hour 10 minutes", "no time at all"."""
    if minutes <= 0:
        # TRANSLATORS: how long something takes, when it takes nothing.
        return _("no time at all")
    # TRANSLATORS: a rough length of time: {length} is e.g. "25 minutes" or "1 hour 10 minutes".
    return _("about {length}").format(length=length(minutes))


def summary(estimate: TimeEstimate, *, left: bool = True) -> str:
    """The one sentence every screen shows."""
    if estimate.everything <= 0:
        return _("Nothing is left to do.") if left else _("There is nothing to do.")
    essentials, everything = length(estimate.essentials), length(estimate.everything)
    if estimate.essentials == estimate.everything:
        # TRANSLATORS: {length} is e.g. "25 minutes" or "1 hour 10 minutes".
        return _("About {length} left.").format(length=essentials) if left else \
            _("About {length}.").format(length=essentials)
    if estimate.essentials <= 0:
        return _("No time at all left for the essentials, {everything} for everything.").format(
            everything=everything) if left else _("No time at all for the essentials, {everything} for "
                                                   "everything.").format(everything=everything)
    if left:
        return _("About {essentials} left for the essentials, {everything} for everything.").format(
            essentials=essentials, everything=everything)
    return _("About {essentials} for the essentials, {everything} for everything.").format(
        essentials=essentials, everything=everything)
