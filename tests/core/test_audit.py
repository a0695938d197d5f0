from dataclasses import dataclass
from datetime import date

from socialsafe_desktop.core.audit import DONE, LATER, NOT_FOR_ME, ItemState, default_next_check, next_actions, progress


@dataclass
class Item:
    pack_id: str
    id: str
    title: str
    priority: str
    minutes: int

    @property
    def key(self):
        return f"{self.pack_id}:{self.id}"


ITEMS = [Item("fb", "a", "A", "recommended", 1), Item("fb", "b", "B", "essential", 5),
         Item("ig", "c", "C", "essential", 2), Item("ig", "d", "D", "essential", 1),
         Item("ig", "e", "E", "recommended", 3)]


def test_progress_counts_each_status_and_minutes_left():
    states = {"fb:a": ItemState(DONE), "ig:c": ItemState(NOT_FOR_ME), "ig:d": ItemState(LATER)}
    p = progress(ITEMS, states)
    assert (p.total, p.done, p.not_for_me, p.later, p.untouched) == (5, 1, 1, 1, 2)
    assert p.minutes_left == 5 + 1 + 3
    assert p.percent == 40


def test_next_actions_prefer_essential_then_untouched_then_quick():
    states = {"ig:d": ItemState(LATER)}
    assert [i.id for i in next_actions(ITEMS, states)] == ["c", "b", "d"]
    assert [i.id for i in next_actions(ITEMS, {k.key: ItemState(DONE) for k in ITEMS})] == []


def test_default_next_check_is_three_months_later_and_clamps_month_end():
    assert default_next_check(date(2026, 11, 21)) == date(2027, 2, 21)
    assert default_next_check(date(2026, 11, 30)) == date(2027, 2, 28)
    assert default_next_check(date(2027, 11, 30)) == date(2028, 2, 29)
