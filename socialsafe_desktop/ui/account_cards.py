"""Accounts found by the forgotten-accounts check: one card each, asking "Is this yours?".

Every account found is a suggestion: someone else may have the same username. The card gives
the address to open in the browser and asks Mine / Not mine / Not sure. An account that is the
person's is kept (its privacy then matters, and its checklist is named when SocialSafe has one)
or closed: how hard that is, the deletion page and the deletion email where the directory has
them, and "Mark as closed", which records the day.

Site names and addresses come from data files and are shown only as plain text (PlainLabel).
"""

from __future__ import annotations

import time
from datetime import date

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ..core.forgotten_accounts import ACCOUNT_DECISIONS, ACCOUNT_PLANS, CLOSE, KEEP, MINE, AccountHit, DeletionInfo
from ..core.links import is_openable_url
from .flow_layout import FlowLayout
from .search_results import URL_CHARS, breakable, shorten_middle
from .widgets import Card, ChoiceButtons, PlainLabel, note_field, restyle


def long_date(day: date | None) -> str:
    """"3 March 2026", as the report writes dates."""
    return f"{day.day} {day.strftime('%B')} {day.year}" if day else ""


def _button(text: str, accessible: str) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(True)
    button.setAccessibleName(accessible)
    return button


class AccountCard(Card):
    """One account found. Emits what the person decides; the page saves it."""

    decision_changed = Signal(str, str, str)   # username, site, decision ("" when taken back)
    plan_changed = Signal(str, str, str)       # username, site, KEEP / CLOSE / ""
    closed_changed = Signal(str, str, bool)    # username, site, closed
    note_changed = Signal(str, str, str)
    open_requested = Signal(str)

    def __init__(self, hit: AccountHit, deletion: DeletionInfo | None, checklist: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hit = hit
        self.deletion = deletion
        about = f"{hit.site}, username {hit.username}"
        self.setAccessibleName(f"Account found on {about}")
        self.title = PlainLabel(hit.site, role="h3")
        self.layout_.addWidget(self.title)
        self.found_under = PlainLabel(f"Has an account under the username {hit.username} ({hit.category} site).",
                                      role="muted")
        self.layout_.addWidget(self.found_under)
        self.address = PlainLabel(breakable(shorten_middle(hit.address, URL_CHARS)), role="url")
        self.address.setAccessibleName(f"Address: {hit.address}")
        self.layout_.addWidget(self.address)

        row = QWidget()
        flow = FlowLayout(row)
        self.open_button = _button("Open the account", f"Open the account on {about} in your browser")
        self.open_button.setEnabled(is_openable_url(hit.address))
        self.open_button.clicked.connect(lambda: self.open_requested.emit(self.hit.address))
        flow.addWidget(self.open_button)
        question = PlainLabel("Is this yours?", role="h4", wrap=False)
        question.setContentsMargins(16, 0, 0, 0)
        flow.addWidget(question)
        self.choices = ChoiceButtons(ACCOUNT_DECISIONS, about)
        self.choices.chosen.connect(self._decision_chosen)
        flow.addWidget(self.choices)
        self.layout_.addWidget(row)

        # What to do with an account that is theirs.
        self.mine_box = QWidget()
        mine = QVBoxLayout(self.mine_box)
        mine.setContentsMargins(0, 4, 0, 0)
        row = QWidget()
        flow = FlowLayout(row)
        flow.addWidget(PlainLabel("What will you do with it?", role="h4", wrap=False))
        self.plans = ChoiceButtons(ACCOUNT_PLANS, about)
        self.plans.chosen.connect(self._plan_chosen)
        flow.addWidget(self.plans)
        mine.addWidget(row)

        if checklist:
            keep = (f"Its privacy matters: the {checklist} checklist in Privacy settings covers it, and "
                    f"{checklist} is ticked for you in Your platforms.")
        else:
            keep = ("Its privacy matters: open it, look at what its profile shows and who can see it, and "
                    "take off anything you would not want a pupil, client or manager to see.")
        self.keep_text = PlainLabel(keep)
        mine.addWidget(self.keep_text)

        self.close_box = QWidget()
        close = QVBoxLayout(self.close_box)
        close.setContentsMargins(0, 0, 0, 0)
        if deletion is not None:
            self.difficulty = PlainLabel(f"How hard: {deletion.difficulty_label}")
            close.addWidget(self.difficulty)
        else:
            self.difficulty = PlainLabel("SocialSafe has no deletion page for this site: look in the account's "
                                         "settings or the site's help pages for \u201cdelete account\u201d.")
            close.addWidget(self.difficulty)
        row = QWidget()
        flow = FlowLayout(row)
        self.deletion_button = None
        if deletion is not None and deletion.url and is_openable_url(deletion.url):
            self.deletion_button = _button("Open the deletion page", f"Open the deletion page for {about}")
            self.deletion_button.clicked.connect(lambda: self.open_requested.emit(self.deletion.url))
            flow.addWidget(self.deletion_button)
        self.closed_button = _button("Mark as closed", f"Mark as closed: {about}")
        self.closed_button.clicked.connect(lambda: self.closed_changed.emit(hit.username, hit.site, True))
        flow.addWidget(self.closed_button)
        self.reopen_button = _button("Not closed after all", f"Not closed after all: {about}")
        self.reopen_button.clicked.connect(lambda: self.closed_changed.emit(hit.username, hit.site, False))
        flow.addWidget(self.reopen_button)
        close.addWidget(row)
        self.email = PlainLabel(f"Deletion email: {deletion.email}" if deletion is not None and deletion.email
                                else "")
        close.addWidget(self.email)
        self.email.setVisible(bool(self.email.text()))
        self.closed_text = PlainLabel("", role="h4")
        close.addWidget(self.closed_text)
        mine.addWidget(self.close_box)
        self.layout_.addWidget(self.mine_box)

        note_row, self.note = note_field(hit.note, about, "optional, for example when you opened it")
        self.note.textEdited.connect(lambda text: self.note_changed.emit(hit.username, hit.site, text))
        self.layout_.addWidget(note_row)
        self.show_state()

    def focusables(self) -> list[QWidget]:
        """The card's controls in reading order, for the page's Tab order."""
        widgets = [self.open_button, *self.choices.buttons.values(), *self.plans.buttons.values()]
        if self.deletion_button is not None:
            widgets.append(self.deletion_button)
        return widgets + [self.closed_button, self.reopen_button, self.note]

    def show_state(self) -> None:
        """Show what is saved for this account (after a change, or a reload)."""
        hit = self.hit
        self.choices.set_value(hit.decision)
        mine = hit.decision == MINE
        self.mine_box.setVisible(mine)
        self.plans.set_value(hit.plan if mine else "")
        self.keep_text.setVisible(mine and hit.plan == KEEP)
        self.close_box.setVisible(mine and hit.plan == CLOSE)
        closed = hit.closed_on is not None
        self.closed_text.setText(f"Closed on {long_date(hit.closed_on)}." if closed else "")
        self.closed_text.setVisible(closed)
        self.closed_button.setVisible(not closed)
        self.reopen_button.setVisible(closed)
        state = "closed" if hit.closed else hit.decision
        restyle(self, "decision", {"mine": "me_action" if hit.plan == CLOSE and not closed else "me_fine",
                                   "not_mine": "not_me", "closed": "me_fine"}.get(state, ""))

    def _decision_chosen(self, decision: str) -> None:
        self.hit.decision = decision
        self.show_state()
        self.decision_changed.emit(self.hit.username, self.hit.site, decision)

    def _plan_chosen(self, plan: str) -> None:
        self.hit.plan = plan
        self.show_state()
        self.plan_changed.emit(self.hit.username, self.hit.site, plan)

    def set_closed(self, on: date | None) -> None:
        self.hit.closed_on = on
        self.show_state()


class AccountCards(QWidget):
    """Every account found in this audit, a card each, built a few at a time from a zero-delay
    timer so a long list never freezes the window (as the search results are)."""

    built = Signal()  # a slice of cards was added
    BUILD_SLICE_S = 0.008

    def __init__(self, make_card, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._make_card = make_card  # AccountHit -> AccountCard (the page wires it)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(10)
        self.cards: dict[str, AccountCard] = {}
        self.hits: dict[str, AccountHit] = {}
        self._pending: list[str] = []
        self._builder = QTimer(self)
        self._builder.setInterval(0)
        self._builder.timeout.connect(self._build_some)

    def settled(self) -> bool:
        return not self._pending

    def sync(self, hits: list[AccountHit]) -> None:
        """Show exactly these accounts: new ones get a card, known ones show what is saved."""
        wanted = {h.key for h in hits}
        for key in [k for k in self.hits if k not in wanted]:  # e.g. the demo was reset
            card = self.cards.pop(key, None)
            if card is not None:
                card.hide()
                card.setParent(None)
                card.deleteLater()
            self.hits.pop(key)
            if key in self._pending:
                self._pending.remove(key)
        for hit in hits:
            card = self.cards.get(hit.key)
            self.hits[hit.key] = hit
            if card is not None:
                card.hit = hit
                card.show_state()
            elif hit.key not in self._pending:
                self._pending.append(hit.key)
        if self._pending and not self._builder.isActive():
            self._builder.start()

    def _build_some(self) -> None:
        deadline = time.perf_counter() + self.BUILD_SLICE_S
        while self._pending and time.perf_counter() < deadline:
            key = self._pending.pop(0)
            card = self._make_card(self.hits[key])
            self.column.addWidget(card)  # into the layout first, or it would open as a window
            self.cards[key] = card
        if not self._pending:
            self._builder.stop()
        self.built.emit()
