"""Showing checklist items: title, why, steps, the recommended value, a button that opens the
exact settings page, Done / Not for me / Later, and a note. Used by the privacy-settings and
the habits steps. Everything in a checklist file is shown as plain text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ..core.audit import ITEM_STATUSES, ItemState
from ..core.checklists import EVIDENCE_NOTES, OWN_ADVICE_LABEL, ChecklistItem, ChecklistPack
from ..core.links import is_openable_url
from .widgets import Card, ChoiceButtons, PlainLabel, note_field, plain_tooltip


class ItemCard(Card):
    """One checklist item. Emits status_changed / note_changed; the page saves them."""

    status_changed = Signal(str, str)  # item key, status ("" when unticked)
    note_changed = Signal(str, str)

    def __init__(self, item: ChecklistItem, state: ItemState, open_url: Callable[[str], bool],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.item = item
        self.setAccessibleName(item.title)
        title_row = QHBoxLayout()
        title = PlainLabel(item.title, role="h3")
        title_row.addWidget(title, 1)
        tag = "Essential" if item.priority == "essential" else "Recommended"
        meta = PlainLabel(f"{tag} · about {item.minutes} min", role="muted", wrap=False)
        title_row.addWidget(meta, 0, Qt.AlignmentFlag.AlignTop)
        self.layout_.addLayout(title_row)
        if item.origin == "organisation" or item.overridden:
            self.layout_.addWidget(PlainLabel("Added or changed by your organisation", role="muted"))
        self.layout_.addWidget(PlainLabel(item.why))

        self.layout_.addWidget(PlainLabel("How to do it" + (" on the web:" if item.app_steps else ":"),
                                          role="h4"))
        self.layout_.addWidget(PlainLabel("\n".join(f"{n}. {s}" for n, s in enumerate(item.steps, 1))))
        if item.app_steps:
            self.layout_.addWidget(PlainLabel("In the phone app:", role="h4"))
            self.layout_.addWidget(PlainLabel("\n".join(f"{n}. {s}" for n, s in enumerate(item.app_steps, 1))))
        self.layout_.addWidget(PlainLabel(f"Recommended: {item.recommended}", role="recommended"))
        if item.own_advice:
            self.layout_.addWidget(PlainLabel(f"{OWN_ADVICE_LABEL}: {item.own_advice}"))
        if item.evidence in EVIDENCE_NOTES:
            self.layout_.addWidget(PlainLabel(EVIDENCE_NOTES[item.evidence], role="muted"))

        actions = QHBoxLayout()
        self.open_button = None
        if item.settings_url:
            self.open_button = QPushButton("Open this setting")
            self.open_button.setAutoDefault(True)
            self.open_button.setToolTip(plain_tooltip(item.settings_url))
            self.open_button.setAccessibleName(f"Open this setting: {item.title}")
            self.open_button.setEnabled(is_openable_url(item.settings_url))
            self.open_button.clicked.connect(lambda: open_url(item.settings_url))
            actions.addWidget(self.open_button)
        actions.addStretch(1)
        self.choices = ChoiceButtons(ITEM_STATUSES, item.title)
        self.status_buttons = self.choices.buttons
        self.choices.chosen.connect(self._status_chosen)
        actions.addWidget(self.choices)
        self.layout_.addLayout(actions)

        note_row, self.note = note_field(state.note, item.title, "optional, for example what you changed")
        self.layout_.addWidget(note_row)
        # Saved on every edit, like everything else: nothing typed waits for a "save".
        self.note.textEdited.connect(lambda text: self.note_changed.emit(self.item.key, text))
        self.set_status(state.status)

    def set_status(self, status: str) -> None:
        self.choices.set_value(status)
        self.setProperty("status", status)
        self.style().unpolish(self)
        self.style().polish(self)

    def status(self) -> str:
        return self.choices.value()

    def _status_chosen(self, chosen: str) -> None:
        self.set_status(chosen)
        self.status_changed.emit(self.item.key, chosen)


class PackView(QWidget):
    """All the items of one pack, with a line that says how far along the person is."""

    changed = Signal()

    def __init__(self, pack: ChecklistPack, items: list[ChecklistItem], states: dict[str, ItemState],
                 ctx, parent: QWidget | None = None, marks: dict | None = None):
        super().__init__(parent)
        self.pack, self.ctx = pack, ctx
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        if pack.is_stale(date.today()):
            column.addWidget(PlainLabel(
                f"This checklist may be out of date: it was last checked against {pack.name} on "
                f"{pack.last_reviewed:%d %B %Y}. Menus may have moved since.", role="warning"))
        else:
            column.addWidget(PlainLabel(f"Checked against {pack.name}'s help pages on "
                                        f"{pack.last_reviewed:%d %B %Y}.", role="muted"))
        self.cards: list[ItemCard] = []
        for item in items:
            card = ItemCard(item, states.get(item.key, ItemState()), ctx.open_url)
            card.status_changed.connect(self._save_status)
            card.note_changed.connect(self._save_note)
            if marks and item.key in marks:  # a re-check: still set?, carried over, new
                from .recheck_widgets import decorate

                decorate(card, marks[item.key], self._save_answer)
            column.addWidget(card)
            self.cards.append(card)
        if not items:
            column.addWidget(PlainLabel("Nothing to do here with the current choice of items.", role="muted"))
        column.addStretch(1)

    def _save_status(self, key: str, status: str) -> None:
        self.ctx.session.set_item_status(key, status)
        self.changed.emit()

    def _save_note(self, key: str, note: str) -> None:
        self.ctx.session.set_item_note(key, note)

    def _save_answer(self, key: str, answer: str) -> None:
        self.ctx.session.recheck.answer(key, answer)
        self.changed.emit()
