"""The wizard's flow as data: which steps exist, which is current, which were visited.

Tested without Qt. The UI shows exactly the steps listed in JOURNEY; a step that is not
built is not listed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .i18n import N_, _


@dataclass(frozen=True)
class Step:
    """`title` and `summary` are the English, marked for translation: show them with _(step.title)."""

    id: str
    title: str
    summary: str


# TRANSLATORS: the steps of the audit: a title (in the list of steps and at the top of each
# step) and a one-line summary under it.
WELCOME = Step("welcome", N_("Welcome"), N_("What the audit does and what stays on this computer"))
ABOUT = Step("about", N_("About you"), N_("Names, usernames and emails to look for"))
SEARCH = Step("search", N_("Search yourself"), N_("Find what others can see about you"))
ACCOUNTS = Step("accounts", N_("Forgotten accounts"), N_("Old accounts under your usernames, and how to close them"))
PLATFORMS = Step("platforms", N_("Your platforms"), N_("The social networks you use"))
SETTINGS = Step("settings", N_("Privacy settings"), N_("Lock each account down"))
HABITS = Step("habits", N_("Habits and policy"), N_("Good habits from staff policies"))
PLAN = Step("plan", N_("Your action plan"), N_("Progress, next actions and your report"))
# Only in a re-check: what is new, gone or still there since the previous audit.
CHANGES = Step("changes", N_("What changed"), N_("Since your last check: new, gone, and settings that slipped back"))

JOURNEY: tuple[Step, ...] = (WELCOME, ABOUT, SEARCH, ACCOUNTS, PLATFORMS, SETTINGS, HABITS, PLAN)


def journey(recheck: bool, steps: Sequence[Step] = JOURNEY) -> tuple[Step, ...]:
    """The steps of this audit: a re-check (an audit with one before it) has What changed just
    before the action plan, where the comparison is complete; a first audit has nothing to
    compare and no such step."""
    if not recheck:
        return tuple(steps)
    ids = [s.id for s in steps]
    at = ids.index(PLAN.id) if PLAN.id in ids else len(ids)
    return (*steps[:at], CHANGES, *steps[at:])


class WizardFlow:
    """Position in the journey. Steps can be revisited once seen; the next unseen one is
    reachable too, so the list and Next agree on where a person may go."""

    def __init__(self, steps: Sequence[Step] = JOURNEY, current: str | None = None,
                 visited: Iterable[str] = (), on_change: Callable[[str], None] | None = None):
        if not steps:
            raise ValueError("a flow needs at least one step")
        self.steps = tuple(steps)
        self._ids = [s.id for s in self.steps]
        self.visited: set[str] = {v for v in visited if v in self._ids}
        self._current = current if current in self._ids else self._ids[0]
        self.visited.add(self._current)
        self._on_change = on_change

    @property
    def current(self) -> Step:
        return self.steps[self.index]

    @property
    def index(self) -> int:
        return self._ids.index(self._current)

    def step(self, step_id: str) -> Step:
        return self.steps[self._ids.index(step_id)]

    def can_go_back(self) -> bool:
        return self.index > 0

    def can_go_next(self) -> bool:
        return self.index < len(self.steps) - 1

    def can_go_to(self, step_id: str) -> bool:
        if step_id not in self._ids:
            return False
        target = self._ids.index(step_id)
        return step_id in self.visited or target <= self._furthest_index() + 1

    def _furthest_index(self) -> int:
        return max(self._ids.index(v) for v in self.visited)

    def go_next(self) -> bool:
        return self.can_go_next() and self.go_to(self._ids[self.index + 1])

    def go_back(self) -> bool:
        return self.can_go_back() and self.go_to(self._ids[self.index - 1])

    def go_to(self, step_id: str) -> bool:
        if not self.can_go_to(step_id):
            return False
        if step_id != self._current:
            self._current = step_id
            self.visited.add(step_id)
            if self._on_change:
                self._on_change(step_id)
        return True

    def position_text(self) -> str:
        return _("Step {number} of {count}").format(number=self.index + 1, count=len(self.steps))
