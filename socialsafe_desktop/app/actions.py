"""Everything left to do, ranked, each with where to act, and the time it all takes: the plan
step, the report and the calendar file all come from here."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..core.actions import Action, Place, rank_actions
from ..core.audit import Finding, Progress, audit_packs, progress
from ..core.estimate import TimeEstimate, estimate, typical_first_audit
from ..core.i18n import N_, _
from ..core.links import is_openable_url
from ..core.queries import PlannedSearch

DEFAULT_ENGINE = "duckduckgo"
ENGINE_SETTING = "search.engine"

# The checklist item that explains the route for a suggested action not done on the page itself
# (its settings page is the form to use), and the words on its button.
# TRANSLATORS: buttons beside a page found about the person.
REMOVAL_ROUTES = {
    "ask_site": ("search-engines:ask-site-owner", N_("How to ask the site to remove it")),
    "ask_search_engine": ("search-engines:personal-info-removal", N_("Open the search engine's removal form")),
}


@dataclass(frozen=True)
class ActionPlan:
    actions: list[Action]
    estimate: TimeEstimate
    progress: Progress   # the checklist items in scope

    def next_actions(self, count: int = 3) -> list[Action]:
        return self.actions[:count]


class ActionPlanner:
    def __init__(self, session) -> None:
        self.session = session

    def finding_places(self, finding: Finding) -> list[Place]:
        places = [Place(finding.url, _("Open the page"))] if is_openable_url(finding.url) else []
        route = REMOVAL_ROUTES.get(finding.action)
        if route is not None:
            item = self.session.catalogue.item(route[0])
            if item is not None and item.settings_url and is_openable_url(item.settings_url):
                places.append(Place(item.settings_url, _(route[1])))
        return places

    def search_places(self, search: PlannedSearch) -> list[Place]:
        engine = self.session.setting(ENGINE_SETTING, DEFAULT_ENGINE) or DEFAULT_ENGINE
        try:
            url = self.session.plan.browser_url(search, engine)
        except ValueError:  # an engine id from an older version: the default still works
            url = self.session.plan.browser_url(search, DEFAULT_ENGINE)
        return [Place(url, _("Open the search again"))]

    def plan(self, audit_id: int | None = None) -> ActionPlan:
        """The ranked actions of the current audit (or of an earlier one, for its report)."""
        session = self.session
        store = session.store
        # Read once: each of these asks the store.
        packs = audit_packs(session.catalogue, store.chosen_platforms(audit_id))
        in_scope = session.items_in_scope(packs)
        states = store.item_states(audit_id)
        findings = store.findings(audit_id)
        searches = store.planned_searches(audit_id)
        slipped, unconfirmed = session.recheck.slipped_and_unconfirmed(audit_id)
        names = {p.id: p.name for p in packs}
        hits = store.account_hits(audit_id)
        to_close = [h for h in hits if h.needs_closing]
        # The deletion directory is read only when an account is to be closed.
        accounts = session.accounts if to_close else None
        actions = rank_actions(in_scope, states, findings, searches, pack_names=names,
                               habit_packs=[p.id for p in packs if p.kind == "habits"],
                               finding_places=self.finding_places, search_places=self.search_places,
                               slipped=slipped, to_confirm=unconfirmed, accounts=to_close,
                               account_places=accounts.places if accounts else lambda h: (),
                               account_difficulty=accounts.difficulty if accounts else lambda h: "")
        every_item = [item for pack in packs for item in pack.items]
        undecided = sum(1 for f in findings if not f.decision) + sum(1 for h in hits if not h.decision)
        sources = {s for f in findings for s in f.found_by}
        return ActionPlan(actions, estimate(every_item, states, actions, searches, undecided, sources),
                          progress(in_scope, states))

    def welcome_estimate(self) -> tuple[TimeEstimate, bool]:
        """For Welcome: the person's own figure once they have started (same as the plan's),
        else a typical first audit. The flag says which."""
        session = self.session
        if session.profile().is_started() or session.store.chosen_platforms():
            return self.plan().estimate, False
        return typical_first_audit(session.catalogue.packs), True

    def fresh_estimate(self, audit_id: int | None = None) -> TimeEstimate:
        """How long this audit takes from the start (the calendar reminder's figure): the same
        packs and searches with nothing done yet."""
        session = self.session
        packs = audit_packs(session.catalogue, session.store.chosen_platforms(audit_id))
        searches = [replace(s, outcome="") for s in session.store.planned_searches(audit_id)]
        every_item = [item for pack in packs for item in pack.items]
        return estimate(every_item, {}, (), searches)
