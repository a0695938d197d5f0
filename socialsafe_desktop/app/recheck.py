"""Coming back: starting a re-check, answering "Is this still set?", and what changed since the
previous audit (core/recheck.compare_audits does the comparing; this module gathers the two
audits from the store and writes what the person does).

A re-check is a new audit. It starts with the same About you (there is one profile per store),
the same platforms, the person's search plan (their own searches, changed words and unticked
searches, with nothing recorded yet), Not for me and Later as they were, and what was Done
open again with its note, to be confirmed: Still set, or Changed back (which makes it an
action again, with its settings page). Pages found again keep the decision from last time.

Forgotten accounts: the step that records them hooks in through `accounts_source` (see
AccountsSource below) and is then compared the same way, by normalised address.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from ..core.audit import (
    CHANGED_BACK,
    DONE,
    FINDING_DECISIONS,
    NOT_FOR_ME,
    RECHECK_ANSWERS,
    Finding,
    audit_packs,
    default_next_check,
    items_in_scope,
    progress,
)
from ..core.i18n import _
from ..core.recheck import (
    AccountsRecord,
    AuditSnapshot,
    ChangeSet,
    carried_plan,
    carried_states,
    compare_audits,
)

# The seam for the forgotten-accounts step: given an audit id, what that audit recorded (the
# accounts found, each with its site, profile address and whether the person chose to close
# it, and the sites asked), or None when that audit has no forgotten-accounts records.
AccountsSource = Callable[[int], "AccountsRecord | None"]


@dataclass(frozen=True)
class AuditSummary:
    """One line of the history: a past or current audit."""

    id: int
    started_at: datetime | None
    finished_at: datetime | None
    decided: int
    total: int
    percent: int
    pages: int
    current: bool


@dataclass(frozen=True)
class ItemMark:
    """What the checklist shows for an item in a re-check."""

    done_last_time: bool
    answer: str  # STILL_SET, CHANGED_BACK or ""
    new: bool    # added to its checklist since the last audit
    carried: str  # "not_for_me" or "later" when carried over as it was, else ""


def _normaliser():
    from ..search.urls import normalise_url  # the one normaliser; loaded when first compared

    return normalise_url


class Recheck:
    def __init__(self, session) -> None:
        self.session = session
        self.accounts_source: AccountsSource | None = None
        self._started: list[Callable[[int, int], None]] = []
        self._previous_cache: tuple[tuple[int, int], dict[str, Finding]] | None = None

    @property
    def store(self):
        return self.session.store

    # --- which audit ---------------------------------------------------------------------

    def previous_id(self) -> int | None:
        return self.store.previous_audit_id()

    def has_previous(self) -> bool:
        return self.previous_id() is not None

    def due_date(self) -> date | None:
        """When the next check is due: the date the person set, or else the usual interval after
        this audit started (a date that does not move on with today)."""
        store = self.store
        set_date = store.next_check()
        if set_date is not None:
            return set_date
        record = store.audit()
        if record is None or record.started_at is None:
            return None
        return default_next_check(record.started_at.date(), self.session.recheck_months)

    def is_due(self, today: date | None = None) -> bool:
        """The next check's date has passed, and this audit has something in it to compare."""
        when = self.due_date()
        return when is not None and when < (today or self.session.today()) and self.has_started()

    def has_started(self) -> bool:
        """Something is recorded in this audit, so a re-check would have something to compare."""
        store = self.store
        return bool(store.item_states() or store.findings()
                    or any(s.outcome for s in store.planned_searches()))

    # --- starting one ---------------------------------------------------------------------

    def on_started(self, listener: Callable[[int, int], None]) -> None:
        """listener(previous_id, new_id) after a re-check has started: for steps with records of
        their own to carry over (the forgotten-accounts step, for one)."""
        self._started.append(listener)

    def start(self) -> bool:
        """Start a re-check now. False (and the save failure reported) when it could not be saved."""
        store = self.store
        previous = store.audit_id
        items = carried_states(store.item_states())
        searches = carried_plan(self.session.plan.searches())
        if not self.session.write(store.start_new_audit, items, searches):
            return False
        self._previous_cache = None
        for listener in list(self._started):
            listener(previous, store.audit_id)
        return True

    # --- checklist items -------------------------------------------------------------------

    def remember_shown(self, packs: Iterable) -> None:
        """Record which checklist items this audit showed, so that the next re-check can mark
        items added to a checklist after today as new."""
        keys = [item.key for pack in packs for item in pack.items]
        known = self.store.known_items() or frozenset()
        if keys and not set(keys) <= known:
            self.session.write(self.store.remember_items, keys)

    def answer(self, key: str, answer: str) -> bool:
        """Still set / Changed back ("" takes the answer back)."""
        if answer and answer not in RECHECK_ANSWERS:
            raise ValueError(f"unknown answer {answer!r}")
        return self.session.write(self.store.set_item_recheck, key, answer)

    def item_marks(self) -> dict[str, ItemMark]:
        """For each checklist item that needs a word in a re-check: done last time (ask "Is this
        still set?"), carried over, or new in its checklist. Empty for a first audit."""
        previous = self.previous_id()
        if previous is None:
            return {}
        store = self.store
        before, now = store.item_states(previous), store.item_states()
        known = store.known_items(previous)
        known_packs = {k.partition(":")[0] for k in known} if known is not None else set()
        marks: dict[str, ItemMark] = {}
        for pack in self.session.audit_packs():
            for item in pack.items:
                was = before.get(item.key)
                is_ = now.get(item.key)
                done_before = was is not None and was.status == DONE
                carried = (was.status if was is not None and was.status in (NOT_FOR_ME, "later")
                           and is_ is not None and is_.status == was.status else "")
                new = (known is not None and item.pack_id in known_packs and item.key not in known
                       and was is None)
                if done_before or carried or new:
                    marks[item.key] = ItemMark(done_before, is_.recheck if is_ is not None else "", new, carried)
        return marks

    def slipped_and_unconfirmed(self, audit_id: int | None = None) -> tuple[set[str], set[str]]:
        """Item keys that changed back, and those done last time not yet confirmed (for the
        ranked actions)."""
        store = self.store
        audit = audit_id or store.audit_id
        now = store.item_states(audit)
        slipped = {k for k, s in now.items() if s.recheck == CHANGED_BACK}
        previous = store.previous_audit_id(audit)
        if previous is None:
            return slipped, set()
        before = store.item_states(previous)
        unconfirmed = {k for k, s in before.items() if s.status == DONE
                       and not (now.get(k) and (now[k].recheck or now[k].status in (DONE, NOT_FOR_ME)))}
        return slipped, unconfirmed

    # --- pages found again ---------------------------------------------------------------------

    def _previous_findings(self) -> dict[str, Finding]:
        """The previous audit's pages by normalised address: read once per audit (this is asked
        for every answer of a search run, on its worker threads)."""
        key = (id(self.store), self.store.audit_id)
        if self._previous_cache is None or self._previous_cache[0] != key:
            previous = self.store.previous_audit_id()
            found: dict[str, Finding] = {}
            if previous is not None:
                normalise = _normaliser()
                for f in self.store.findings(previous):
                    found.setdefault(normalise(f.url) or f.normalised_url, f)
            self._previous_cache = (key, found)
        return self._previous_cache[1]

    def carry_decisions(self, findings: Sequence[Finding]) -> list[Finding]:
        """Pages about to be recorded in this audit: one found last time comes with last time's
        decision, suggested action and note, which stand unless the person changes them."""
        before = self._previous_findings()
        if not before:
            return list(findings)
        out = []
        for f in findings:
            was = before.get(f.normalised_url)
            if was is not None and not f.decision:
                f = replace(f, decision=was.decision, action=was.action, note=f.note or was.note)
            out.append(f)
        return out

    def history_text(self, finding: Finding) -> str:
        """What to say on a page's card in a re-check: new, or what the person said last time."""
        return self.history_texts([finding]).get(finding.normalised_url, "")

    def history_texts(self, findings: Sequence[Finding]) -> dict[str, str]:
        """history_text for many pages at once (normalised address -> text; empty in a first audit)."""
        before = self._previous_findings()
        if not before:
            return {}
        out = {}
        for finding in findings:
            was = before.get(finding.normalised_url)
            if was is None:
                out[finding.normalised_url] = _("New since your last check.")
                continue
            said = FINDING_DECISIONS.get(was.decision)
            # TRANSLATORS: {answer} is what the person said about the page, e.g. "Me, fine".
            out[finding.normalised_url] = (_("Also found last time: you said \u201c{answer}\u201d.").format(
                answer=_(said)) if said else _("Also found last time, not decided then."))
        return out

    # --- comparing ---------------------------------------------------------------------------

    def snapshot(self, audit_id: int | None = None) -> AuditSnapshot:
        store = self.store
        audit = audit_id or store.audit_id
        record = store.audit(audit)
        # The forgotten-accounts step plugs in here: accounts_source if set, else a session method
        # accounts_record(audit_id) if the session has one; None: nothing to compare.
        source = self.accounts_source or getattr(self.session, "accounts_record", None)
        accounts = source(audit) if source is not None else None
        return AuditSnapshot(
            id=audit,
            started_at=record.started_at if record else None,
            finished_at=record.finished_at if record else None,
            last_change=store.last_activity(audit),
            platforms=frozenset(store.chosen_platforms(audit)),
            states=store.item_states(audit),
            findings=tuple(store.findings(audit)),
            searches=tuple(store.planned_searches(audit)),
            known_items=store.known_items(audit),
            accounts=accounts,
        )

    def items_for(self, snapshot: AuditSnapshot) -> list:
        packs = audit_packs(self.session.catalogue, snapshot.platforms)
        return items_in_scope(packs, self.session.essentials_only())

    def changes(self, audit_id: int | None = None) -> ChangeSet:
        """What changed between an audit (the current one by default) and the one before it."""
        current = self.snapshot(audit_id)
        previous_id = self.store.previous_audit_id(current.id)
        previous = self.snapshot(previous_id) if previous_id is not None else None
        return compare_audits(previous, current, self.items_for(current),
                              self.items_for(previous) if previous is not None else (),
                              normalise=_normaliser())

    def history(self) -> list[AuditSummary]:
        """Every audit on this computer, oldest first, with how far it got."""
        store = self.store
        out = []
        for record in store.audits():
            snapshot = AuditSnapshot(id=record.id, platforms=frozenset(store.chosen_platforms(record.id)))
            items = self.items_for(snapshot)
            p = progress(items, store.item_states(record.id))
            out.append(AuditSummary(record.id, record.started_at, record.finished_at, p.decided, p.total,
                                    p.percent, len(store.findings(record.id)), record.id == store.audit_id))
        return out
