"""The plan of searches: built from About you and the platforms the person uses, then edited by
the person (unticked, reworded, their own searches added). Rebuilding after About you changes
keeps every edit and everything recorded against a search."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..core.audit import SEARCH_OUTCOMES
from ..core.i18n import _
from ..core.profile import Profile
from ..core.queries import MAX_QUERY, PlannedSearch, build_plan, custom_search


@dataclass(frozen=True)
class PlanEntry:
    search: PlannedSearch
    changed: bool  # the person changed the words About you produced


@dataclass(frozen=True)
class AddOutcome:
    search: PlannedSearch | None
    problem: str = ""  # a sentence when nothing was added


class SearchPlan:
    def __init__(self, session) -> None:
        self.session = session
        self._built: dict[str, str] = {}  # id -> the words About you produces, from the last sync

    @property
    def store(self):
        return self.session.store

    def platform_domains(self, profile: Profile) -> dict[str, tuple[str, ...]]:
        """The platforms the person chose, plus any they named a username for in About you."""
        wanted = self.store.chosen_platforms() | {h.platform for h in profile.filled_handles() if h.platform}
        return {p.id: p.domains for p in self.session.catalogue.platform_packs() if p.id in wanted and p.domains}

    def sync(self) -> list[PlanEntry]:
        """The plan as it should be now. When About you or the platforms changed (the built ids
        differ from the stored ones), it is rebuilt keeping the person's own searches, changed
        words, unticked searches and everything recorded; a built search About you no longer
        produces stays as the person's own when something was recorded against it."""
        profile = self.store.profile()
        built = build_plan(profile, self.platform_domains(profile))
        self._built = {s.id: s.text for s in built}
        stored = self.store.planned_searches()
        stored_ids = {s.id for s in stored if s.kind != "custom"}
        if stored_ids != set(self._built) or not stored:
            old = {s.id: s for s in stored}
            rows = []
            for search in built:
                kept = old.get(search.id)
                rows.append(replace(search, text=kept.text, enabled=kept.enabled) if kept else search)
            rows += [s for s in stored if s.kind == "custom" and s.id not in self._built]
            rows += [replace(s, kind="custom") for s in stored
                     if s.kind != "custom" and s.id not in self._built and s.recorded]
            if self.session.write(self.store.replace_plan, rows):
                stored = self.store.planned_searches()
        return [PlanEntry(s, s.id in self._built and self._built[s.id] != s.text) for s in stored]

    def searches(self) -> list[PlannedSearch]:
        return self.store.planned_searches()

    def search(self, search_id: str) -> PlannedSearch | None:
        return next((s for s in self.store.planned_searches() if s.id == search_id), None)

    def labels(self) -> dict[str, str]:
        """Search id -> its words, for "found by"."""
        return {s.id: s.text for s in self.store.planned_searches()}

    def is_changed(self, search_id: str, text: str) -> bool:
        """Whether `text` differs from the words About you produces for this search."""
        return search_id in self._built and self._built[search_id] != text

    # --- the person's edits ---------------------------------------------------------------

    def set_enabled(self, search_id: str, enabled: bool) -> bool:
        return self.session.write(self.store.update_search, search_id, enabled=enabled)

    def reword(self, search_id: str, words: str) -> str | None:
        """New words for a search (cleaned as a typed-in search is); None when nothing is left
        of them or the change was not saved."""
        text = custom_search(words).text
        if not text:
            return None
        return text if self.session.write(self.store.update_search, search_id, text=text) else None

    def add(self, words: str) -> AddOutcome:
        search = custom_search(words)
        if not search.text:
            return AddOutcome(None, _("Type the words to search for first."))
        if len(search.text) > MAX_QUERY:
            return AddOutcome(None, _("A search can be at most {most} characters long.").format(most=MAX_QUERY))
        plan = self.store.planned_searches()
        if any(s.text.casefold() == search.text.casefold() and not s.browser_only for s in plan):
            return AddOutcome(None, _("That search is already in your list."))
        ids = {s.id for s in plan}
        base, n = search.id, 2
        while search.id in ids:  # "Sam Doe!" and "Sam Doe?" make the same id
            search.id, n = f"{base}-{n}", n + 1
        if not self.session.write(self.store.replace_plan, [*plan, search]):
            return AddOutcome(None, _("Your search could not be saved."))
        return AddOutcome(search)

    def remove(self, search_id: str) -> bool:
        return self.session.write(self.store.replace_plan,
                                  [s for s in self.store.planned_searches() if s.id != search_id])

    def set_outcome(self, search_id: str, outcome: str) -> bool:
        if outcome and outcome not in SEARCH_OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}")
        return self.session.write(self.store.update_search, search_id, outcome=outcome)

    def set_note(self, search_id: str, note: str) -> bool:
        return self.session.write(self.store.update_search, search_id, note=note)

    def searches_to_send(self) -> list[PlannedSearch]:
        """What an in-app run sends: ticked searches that are not browser-only."""
        return [s for s in self.store.planned_searches() if s.enabled and not s.browser_only]

    def browser_url(self, search: PlannedSearch, engine: str) -> str:
        from ..search.browser import browser_url_for

        return browser_url_for(search, engine)
