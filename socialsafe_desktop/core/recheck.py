"""Comparing an audit with the one before it: what a re-check shows.

Pure data, no Qt and no store: compare_audits() is a function from two audits (AuditSnapshot)
to a ChangeSet. Pages found are matched by normalised address; the caller passes the normaliser
(the app gives search.urls.normalise_url) and it is applied afresh to both sides, so a page
recorded by an older version still matches. Checklist items are matched by "pack:item".

What each list means, in the person's words:
- new: found this time, not last time.
- still there: found both times; the decision from last time is shown (and was carried into
  this audit when the page was found again, so it stands unless the person changes it).
- gone: found last time, and the searches that found it have been run again without finding
  it. Worth a look, not proof it was removed: a search engine may simply rank it lower today.
- not looked for yet: found last time, but none of the searches that found it has been run
  again in this audit, so nothing can be said.
- still set / changed back: the answer to "Is this still set?" for items done last time.
- new in a checklist: items added to a pack since the last audit (only when the last audit
  recorded which items it showed; an audit from an older version did not, and then no item
  is called new rather than every item).
- done since last time: what was left to do last time and is done (or settled) now.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from .audit import (
    CHANGED_BACK,
    DONE,
    LATER,
    ME_ACTION,
    ME_FINE,
    NOT_FOR_ME,
    NOT_ME,
    STILL_SET,
    ChecklistItemLike,
    Finding,
    ItemState,
)
from .estimate import in_words, search_is_settled
from .i18n import _, ngettext, pgettext
from .queries import PlannedSearch

CLOSED = (DONE, NOT_FOR_ME)
FOUND_NEEDS_ACTION = "found_action"


class AccountLike(Protocol):
    """An account the forgotten-accounts check found (the seam for that step's records)."""

    site: str
    url: str        # the profile address; compared after normalising
    to_close: bool  # the person decided to close it


@dataclass(frozen=True)
class AccountsRecord:
    """What one audit knows about forgotten accounts: what was found, and which sites were
    asked (so "not found again" can be told apart from "not asked again")."""

    accounts: tuple[AccountLike, ...] = ()
    checked_sites: frozenset[str] = frozenset()


@dataclass(frozen=True)
class AuditSnapshot:
    """One audit, as the comparison needs it. Built by the app layer from the store."""

    id: int
    started_at: datetime | None = None
    finished_at: datetime | None = None
    last_change: datetime | None = None
    platforms: frozenset[str] = frozenset()
    states: Mapping[str, ItemState] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    searches: tuple[PlannedSearch, ...] = ()
    known_items: frozenset[str] | None = None  # items shown in this audit; None: not recorded
    accounts: AccountsRecord | None = None     # None: no forgotten-accounts records to compare


@dataclass(frozen=True)
class FindingChange:
    now: Finding | None     # as found this time (None: gone, or not looked for yet)
    before: Finding | None  # as found last time (None: new)

    @property
    def finding(self) -> Finding:
        return self.now if self.now is not None else self.before  # type: ignore[return-value]

    @property
    def decision_changed(self) -> bool:
        return (self.now is not None and self.before is not None and bool(self.now.decision)
                and self.now.decision != self.before.decision)


@dataclass(frozen=True)
class ItemChange:
    key: str
    title: str
    pack_id: str
    status_before: str
    status_now: str
    answer: str = ""  # STILL_SET, CHANGED_BACK or ""

    @property
    def fixed_again(self) -> bool:
        """Changed back, and put right again in this audit."""
        return self.answer == CHANGED_BACK and self.status_now == DONE


# TRANSLATORS: how something left last time was settled, after its title in "Done since last time".
def _how_done() -> str:
    return pgettext("done since last time", "done")


def _how_not_for_me() -> str:
    return pgettext("done since last time", "not for me")


def _how_settled() -> str:
    return pgettext("done since last time", "no longer needs action")


@dataclass(frozen=True)
class Completed:
    """Something left to do last time that is done, or settled, now."""

    kind: str   # "item", "finding" or "search"
    key: str
    title: str
    how: str    # in words, translated: "done", "not for me", "no longer needs action", "no longer found"


@dataclass(frozen=True)
class AccountChanges:
    new: tuple[AccountLike, ...] = ()          # found now, not last time
    still_open: tuple[AccountLike, ...] = ()   # to close last time, found again
    gone: tuple[AccountLike, ...] = ()         # to close last time, asked again, not found
    not_checked: tuple[AccountLike, ...] = ()  # to close last time, its site not asked again


@dataclass(frozen=True)
class ChangeSet:
    current_id: int
    previous_id: int | None = None
    previous_started: datetime | None = None
    new: tuple[FindingChange, ...] = ()
    still_there: tuple[FindingChange, ...] = ()
    gone: tuple[FindingChange, ...] = ()
    not_checked: tuple[FindingChange, ...] = ()
    still_set: tuple[ItemChange, ...] = ()
    slipped: tuple[ItemChange, ...] = ()
    to_confirm: tuple[ItemChange, ...] = ()
    carried: tuple[ItemChange, ...] = ()
    new_items: tuple[ItemChange, ...] = ()
    completed: tuple[Completed, ...] = ()
    time_before: timedelta | None = None
    time_now: timedelta | None = None
    accounts: AccountChanges | None = None

    @property
    def first(self) -> bool:
        """The first audit: there is nothing to compare it with."""
        return self.previous_id is None


def time_taken(snapshot: AuditSnapshot) -> timedelta | None:
    """From the start of an audit to the last thing recorded in it."""
    if snapshot.started_at is None or snapshot.last_change is None:
        return None
    spent = snapshot.last_change - snapshot.started_at
    return spent if spent >= timedelta(0) else None


def duration_in_words(spent: timedelta | None, started: datetime | None = None,
                      ended: datetime | None = None) -> str:
    """"about 40 minutes"; "spread over 3 days" when the person came back to it later."""
    if spent is None:
        # TRANSLATORS: how long a check took, when that is not known ("This check took not known" is
        # avoided by the sentences that use it: "This check took {time}").
        return _("not known")
    if spent > timedelta(hours=12):
        days = (ended.date() - started.date()).days + 1 if started and ended else spent.days + 1
        return ngettext("spread over {n} day", "spread over {n} days", days).format(n=days)
    minutes = round(spent.total_seconds() / 60)
    return _("under a minute") if minutes < 1 else in_words(minutes)


def _key(finding: Finding, normalise: Callable[[str], str] | None) -> str:
    if normalise is not None:
        try:
            key = normalise(finding.url)
        except (ValueError, TypeError):
            key = ""
        if key:
            return key
    return finding.normalised_url


def _by_key(findings: Iterable[Finding], normalise) -> dict[str, Finding]:
    out: dict[str, Finding] = {}
    for finding in findings:
        out.setdefault(_key(finding, normalise), finding)
    return out


def _looked_for_again(before: Finding, current: AuditSnapshot) -> bool:
    """Whether this audit ran a search that could have found `before` again."""
    sources = {s for f in current.findings for s in f.found_by}
    settled = {s.id for s in current.searches if s.enabled and search_is_settled(s, sources)}
    if before.found_by:
        return any(s in settled for s in before.found_by)
    # Added by hand with no search named: looked for once every ticked search has been looked at.
    enabled = [s for s in current.searches if s.enabled]
    return bool(enabled) and all(s.id in settled for s in enabled)


def _state(states: Mapping[str, ItemState], key: str) -> ItemState:
    return states.get(key) or ItemState()


def compare_audits(
    previous: AuditSnapshot | None,
    current: AuditSnapshot,
    items_now: Sequence[ChecklistItemLike],
    items_before: Sequence[ChecklistItemLike] = (),
    *,
    normalise: Callable[[str], str] | None = None,
) -> ChangeSet:
    """What changed between `previous` and `current`.

    items_now: the checklist items in scope for this audit; items_before: those that were in
    scope for the previous one (its platforms, with today's checklists)."""
    if previous is None:
        return ChangeSet(current_id=current.id, time_now=time_taken(current))

    # --- pages found ------------------------------------------------------------------------
    before = _by_key(previous.findings, normalise)
    now = _by_key(current.findings, normalise)
    new = tuple(FindingChange(f, None) for k, f in now.items() if k not in before)
    still = tuple(FindingChange(f, before[k]) for k, f in now.items() if k in before)
    gone: list[FindingChange] = []
    unchecked: list[FindingChange] = []
    for key, f in before.items():
        if key in now:
            continue
        (gone if _looked_for_again(f, current) else unchecked).append(FindingChange(None, f))

    # --- checklist items --------------------------------------------------------------------
    def change(item, answer: str = "") -> ItemChange:
        return ItemChange(item.key, item.title, item.pack_id, _state(previous.states, item.key).status,
                          _state(current.states, item.key).status, answer)

    still_set, slipped, to_confirm, carried, new_items = [], [], [], [], []
    known = previous.known_items
    known_packs = {k.partition(":")[0] for k in known} if known is not None else set()
    for item in items_now:
        was, is_ = _state(previous.states, item.key), _state(current.states, item.key)
        if is_.recheck == CHANGED_BACK:
            slipped.append(change(item, CHANGED_BACK))
        elif was.status == DONE:
            if is_.recheck == STILL_SET or is_.status == DONE:
                still_set.append(change(item, STILL_SET))
            elif is_.status != NOT_FOR_ME:
                to_confirm.append(change(item))
        elif was.status in (NOT_FOR_ME, LATER) and is_.status == was.status:
            carried.append(change(item))
        if (known is not None and item.pack_id in known_packs and item.key not in known
                and item.key not in previous.states):
            new_items.append(change(item))

    # --- what was left last time and is settled now ----------------------------------------
    completed: list[Completed] = []
    for item in items_before:
        was, is_ = _state(previous.states, item.key), _state(current.states, item.key)
        if was.status not in CLOSED and is_.status in CLOSED:
            completed.append(Completed("item", item.key, item.title,
                                       _how_done() if is_.status == DONE else _how_not_for_me()))
    for key, f in before.items():
        if f.decision != ME_ACTION:
            continue
        if key in now and now[key].decision in (ME_FINE, NOT_ME):
            completed.append(Completed("finding", key, f.title or f.url, _how_settled()))
        elif key not in now and any(c.before is f for c in gone):
            completed.append(Completed("finding", key, f.title or f.url, _("no longer found")))
    searches_now = {s.id: s for s in current.searches}
    for search in previous.searches:
        later = searches_now.get(search.id)
        if (search.enabled and search.outcome == FOUND_NEEDS_ACTION and later is not None
                and later.outcome and later.outcome != FOUND_NEEDS_ACTION):
            completed.append(Completed("search", search.id, search.text, _how_settled()))

    return ChangeSet(
        current_id=current.id, previous_id=previous.id, previous_started=previous.started_at,
        new=new, still_there=still, gone=tuple(gone), not_checked=tuple(unchecked),
        still_set=tuple(still_set), slipped=tuple(slipped), to_confirm=tuple(to_confirm),
        carried=tuple(carried), new_items=tuple(new_items), completed=tuple(completed),
        time_before=time_taken(previous), time_now=time_taken(current),
        accounts=compare_accounts(previous.accounts, current.accounts, normalise=normalise),
    )


def compare_accounts(previous: AccountsRecord | None, current: AccountsRecord | None, *,
                     normalise: Callable[[str], str] | None = None) -> AccountChanges | None:
    """Forgotten accounts, checked again the same way as pages: by normalised profile address
    (or the site's name when an account has no address). None when either audit has no
    forgotten-accounts records to compare."""
    if previous is None or current is None:
        return None

    def key(account: AccountLike) -> str:
        url = account.url or ""
        if url and normalise is not None:
            try:
                return normalise(url) or url
            except (ValueError, TypeError):
                return url
        return url or f"site:{account.site.casefold()}"

    before = {key(a): a for a in previous.accounts}
    now = {key(a): a for a in current.accounts}
    asked = {s.casefold() for s in current.checked_sites}
    still, gone, unchecked = [], [], []
    for k, account in before.items():
        if not account.to_close:
            continue
        if k in now:
            still.append(now[k])
        elif account.site.casefold() in asked:
            gone.append(account)
        else:
            unchecked.append(account)
    return AccountChanges(new=tuple(a for k, a in now.items() if k not in before), still_open=tuple(still),
                          gone=tuple(gone), not_checked=tuple(unchecked))


def carried_states(previous: Mapping[str, ItemState]) -> dict[str, tuple[str, str]]:
    """What a re-check starts with for each checklist item ("pack:item" -> (status, note)):
    Not for me and Later carry over as they were; Done comes back open, to be confirmed
    ("Is this still set?"); notes always come along."""
    out: dict[str, tuple[str, str]] = {}
    for key, state in previous.items():
        status = state.status if state.status in (NOT_FOR_ME, LATER) else ""
        if status or state.note:
            out[key] = (status, state.note)
    return out


def carried_plan(searches: Iterable[PlannedSearch]) -> list[PlannedSearch]:
    """The person's search plan for a re-check: the same searches, their words, their own
    searches and unticked ones, with nothing recorded yet."""
    return [PlannedSearch(s.id, s.kind, s.text, s.enabled, s.browser_only) for s in searches]


def previously_done(previous: Mapping[str, ItemState] | None) -> set[str]:
    return {k for k, s in (previous or {}).items() if s.status == DONE}


def confirmations_pending(previous: Mapping[str, ItemState] | None, current: Mapping[str, ItemState],
                          keys: Collection[str] | None = None) -> set[str]:
    """Items done last time whose "Is this still set?" is not answered yet in this audit."""
    out = set()
    for key in previously_done(previous):
        if keys is not None and key not in keys:
            continue
        state = _state(current, key)
        if not state.recheck and state.status not in CLOSED:
            out.add(key)
    return out
