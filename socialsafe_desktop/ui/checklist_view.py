"""Showing checklist items: title, why, steps, the recommended value, a button that opens the
exact settings page, Done / Not for me / Later, and a note. Used by the privacy-settings and
the habits steps. Everything in a checklist file is shown as plain text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from ..core.audit import DONE, LATER, NOT_FOR_ME, ItemState
from ..core.checklists import EVIDENCE_NOTES, OWN_ADVICE_LABEL, ChecklistItem, ChecklistPack
from ..core.i18n import _, ngettext, pgettext
from ..core.links import is_openable_url
from .flow_layout import FlowLayout
from .focus_order import tab_stops
from .locale import day, translation_notes
from .widgets import Card, ChoiceButtons, PlainLabel, note_field, plain_tooltip


def item_choices() -> dict[str, str]:
    """The three answers to a checklist item, as its buttons say them."""
    return {
        # TRANSLATORS: an answer button on a checklist item: the person has done it.
        DONE: pgettext("choice", "Done"),
        # TRANSLATORS: an answer button on a checklist item: it does not apply to the person.
        NOT_FOR_ME: pgettext("choice", "Not for me"),
        # TRANSLATORS: an answer button on a checklist item: the person will do it another time.
        LATER: pgettext("choice", "Later"),
    }


class ItemCard(Card):
    """One checklist item. Emits status_changed / note_changed; the page saves them."""

    status_changed = Signal(str, str)  # item key, status ("" when unticked)
    note_changed = Signal(str, str)

    def __init__(self, item: ChecklistItem, state: ItemState, open_url: Callable[[str], bool],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.item = item
        self.setAccessibleName(item.title)
        self.layout_.addWidget(PlainLabel(item.title, role="h3"))
        # Said plainly, not by colour or an icon: the text below is in English, or older than it.
        self.language_notes = [PlainLabel(text, role="warning") for text in translation_notes(item)]
        for note in self.language_notes:
            self.layout_.addWidget(note)
        if item.priority == "essential":
            # TRANSLATORS: under a checklist item's title: it is one of the essentials, and its time.
            tag = ngettext("Essential · about {n} min", "Essential · about {n} min", item.minutes)
        else:
            # TRANSLATORS: under a checklist item's title: it is recommended (not essential), and its time.
            tag = ngettext("Recommended · about {n} min", "Recommended · about {n} min", item.minutes)
        self.layout_.addWidget(PlainLabel(tag.format(n=item.minutes), role="muted"))
        if item.origin == "organisation" or item.overridden:
            # TRANSLATORS: under a checklist item the organisation added or changed.
            self.layout_.addWidget(PlainLabel(_("Added or changed by your organisation"), role="muted"))
        self.layout_.addWidget(PlainLabel(item.why))

        if item.app_steps:
            # TRANSLATORS: the heading over a checklist item's steps, when it has steps for the phone app too.
            how = _("How to do it on the web:")
        else:
            # TRANSLATORS: the heading over a checklist item's steps.
            how = _("How to do it:")
        self.layout_.addWidget(PlainLabel(how, role="h4"))
        self.layout_.addWidget(PlainLabel("\n".join(f"{n}. {s}" for n, s in enumerate(item.steps, 1))))
        if item.app_steps:
            # TRANSLATORS: the heading over a checklist item's steps in the phone app.
            self.layout_.addWidget(PlainLabel(_("In the phone app:"), role="h4"))
            self.layout_.addWidget(PlainLabel("\n".join(f"{n}. {s}" for n, s in enumerate(item.app_steps, 1))))
        # TRANSLATORS: the setting a checklist item recommends; {value} is from the checklist.
        self.layout_.addWidget(PlainLabel(_("Recommended: {value}").format(value=item.recommended),
                                          role="recommended"))
        if item.own_advice:
            # TRANSLATORS: advice of SocialSafe's own on a checklist item: {label} is "SocialSafe's own
            # advice", {advice} the advice from the checklist.
            self.layout_.addWidget(PlainLabel(_("{label}: {advice}").format(label=_(OWN_ADVICE_LABEL),
                                                                            advice=item.own_advice)))
        if item.evidence in EVIDENCE_NOTES:
            self.layout_.addWidget(PlainLabel(_(EVIDENCE_NOTES[item.evidence]), role="muted"))

        actions_row = QWidget()
        actions = FlowLayout(actions_row, spacing=12)  # wraps, rather than run off a projector's edge
        self.open_button = None
        if item.settings_url:
            # TRANSLATORS: button on a checklist item: open the platform's settings page in the browser.
            self.open_button = QPushButton(_("Open this setting"))
            self.open_button.setAutoDefault(True)
            self.open_button.setToolTip(plain_tooltip(item.settings_url))
            # TRANSLATORS: what a screen reader calls the button; {item} is the checklist item.
            self.open_button.setAccessibleName(_("Open this setting: {item}").format(item=item.title))
            self.open_button.setEnabled(is_openable_url(item.settings_url))
            self.open_button.clicked.connect(lambda: open_url(item.settings_url))
            actions.addWidget(self.open_button)
        self.choices = ChoiceButtons(item_choices(), item.title)
        self.status_buttons = self.choices.buttons
        self.choices.chosen.connect(self._status_chosen)
        actions.addWidget(self.choices)
        self.layout_.addWidget(actions_row)

        # TRANSLATORS: placeholder in a checklist item's note.
        note_row, self.note = note_field(state.note, item.title, _("optional, for example what you changed"))
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
    next_requested = Signal()

    def __init__(self, pack: ChecklistPack, items: list[ChecklistItem], states: dict[str, ItemState],
                 ctx, next_name: str | None = None, parent: QWidget | None = None, marks: dict | None = None):
        super().__init__(parent)
        self.pack, self.ctx = pack, ctx
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        if pack.is_stale(date.today()):
            column.addWidget(PlainLabel(
                # TRANSLATORS: {platform} is a checklist's name (such as Facebook), {date} a date.
                _("This checklist may be out of date: it was last checked against {platform} on {date}. Menus may "
                  "have moved since.").format(platform=pack.name, date=day(pack.last_reviewed)), role="warning"))
        else:
            # TRANSLATORS: {platform} is a checklist's name (such as Facebook), {date} a date.
            column.addWidget(PlainLabel(_("Checked against {platform}'s help pages on {date}.").format(
                platform=pack.name, date=day(pack.last_reviewed)), role="muted"))
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
            column.addWidget(PlainLabel(_("Nothing to do here with the current choice of items."), role="muted"))
        self.next_button = None
        if next_name:
            # TRANSLATORS: button at the end of a checklist: the next one; {platform} is its name.
            self.next_button = QPushButton(_("Next platform: {platform}").format(platform=next_name))
            self.next_button.setAutoDefault(True)
            self.next_button.clicked.connect(self.next_requested)
            row = QWidget()
            FlowLayout(row).addWidget(self.next_button)
            column.addWidget(row)
        column.addStretch(1)

    def focus_first(self) -> None:
        stops = tab_stops(self)
        if stops:
            stops[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _save_status(self, key: str, status: str) -> None:
        self.ctx.session.set_item_status(key, status)
        self.changed.emit()

    def _save_note(self, key: str, note: str) -> None:
        self.ctx.session.set_item_note(key, note)

    def _save_answer(self, key: str, answer: str) -> None:
        self.ctx.session.recheck.answer(key, answer)
        self.changed.emit()
