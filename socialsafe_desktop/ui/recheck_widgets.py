"""What a checklist item shows in a re-check: "Is this still set?" for what was done last time
(Still set / Changed back), what carried over, and items new to the checklist."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from ..app.recheck import ItemMark
from ..core.audit import CHANGED_BACK, DONE, RECHECK_ANSWERS, STILL_SET
from ..core.i18n import _
from .checklist_view import item_choices
from .locale import translated
from .widgets import ChoiceButtons, PlainLabel


class StillSetRow(QWidget):
    """Done last time: is it still set? The person opens the setting and answers."""

    answered = Signal(str, str)  # item key, STILL_SET / CHANGED_BACK / "" (taken back)

    def __init__(self, key: str, title: str, answer: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 4)
        self.question = PlainLabel(_("You did this at your last check. Is it still set? Open the setting to look."),
                                   role="h4")
        column.addWidget(self.question)
        # TRANSLATORS: what a screen reader hears after "Still set" or "Changed back"; {item} is the checklist item.
        self.choices = ChoiceButtons(translated(RECHECK_ANSWERS), _("is it still set: {item}").format(item=title))
        self.choices.chosen.connect(self._chosen)
        row = QHBoxLayout()
        row.addWidget(self.choices)
        row.addStretch(1)
        column.addLayout(row)
        # TRANSLATORS: "Done" is the answer button on a checklist item.
        self.hint = PlainLabel(_("It has changed back since your last check: it is on your action plan again. Put it "
                                 "back as recommended, then mark it Done."), role="warning")
        column.addWidget(self.hint)
        self.set_answer(answer)

    def set_answer(self, answer: str) -> None:
        self.choices.set_value(answer)
        self.hint.setVisible(answer == CHANGED_BACK)

    def _chosen(self, answer: str) -> None:
        self.set_answer(answer)
        self.answered.emit(self.key, answer)


def decorate(card, mark: ItemMark, answer: Callable[[str, str], None]) -> StillSetRow | None:
    """Add what a re-check says to an ItemCard. `answer(key, answer)` saves an answer."""
    layout = card.layout_
    if mark.new:
        tag = PlainLabel(_("New on this checklist since your last check"), role="tag", wrap=False)
        tag.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        layout.insertWidget(0, tag)
        card.new_tag = tag
    def note_index() -> int:  # the note is last, Done / Not for me / Later just above it
        return layout.indexOf(card.note.parentWidget())

    if mark.carried:
        layout.insertWidget(note_index(), PlainLabel(
            # TRANSLATORS: {answer} is the answer kept from last time: Done, Not for me or Later (the buttons' words).
            _("Carried over from your last check: {answer}.").format(answer=item_choices()[mark.carried]),
            role="muted"))
    if not mark.done_last_time:
        return None
    row = StillSetRow(card.item.key, card.item.title, mark.answer)

    def answered(key: str, value: str) -> None:
        answer(key, value)
        card.set_status(DONE if value == STILL_SET else "")

    row.answered.connect(answered)
    layout.insertWidget(note_index() - 1, row)  # above Done / Not for me / Later
    card.still_set = row
    return row
