"""Accounts found by the forgotten-accounts check: a list, and one card for the account chosen
in it, asking "Is this yours?".

Every account found is a suggestion: someone else may have the same username. The card gives
the address to open in the browser and asks Mine / Not mine / Not sure. An account that is the
person's is kept (its privacy then matters, and its checklist is named when SocialSafe has one)
or closed: how hard that is, the deletion page and the deletion email where the directory has
them, and "Mark as closed", which records the day.

A list and one card, not a card each: a check can find seventy accounts, and seventy cards
would take the window hundreds of milliseconds to lay out every time one is added.

Site names and addresses come from data files and are shown only as plain text (PlainLabel;
list items are drawn as plain text).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ..core.forgotten_accounts import (
    ACCOUNT_DECISIONS,
    ACCOUNT_PLANS,
    CLOSE,
    KEEP,
    MINE,
    NOT_MINE,
    NOT_SURE,
    AccountHit,
    DeletionInfo,
)
from ..core.links import is_openable_url
from ..core.text import one_line
from .flow_layout import FlowLayout
from .search_results import URL_CHARS, breakable, shorten_middle
from .widgets import Card, ChoiceButtons, PlainLabel, note_field, restyle


def long_date(day: date | None) -> str:
    """"3 March 2026", as the report writes dates."""
    return f"{day.day} {day.strftime('%B')} {day.year}" if day else ""


def status_text(hit: AccountHit) -> str:
    """Where an account stands, in a few words, for the list."""
    if hit.decision == MINE:
        if hit.plan == CLOSE:
            return f"yours, closed on {long_date(hit.closed_on)}" if hit.closed_on else "yours, to close"
        return "yours, kept" if hit.plan == KEEP else "yours: keep or close?"
    return {NOT_MINE: "not yours", NOT_SURE: "not sure"}.get(hit.decision, "is this yours?")


def _button(text: str, accessible: str) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(True)
    button.setAccessibleName(accessible)
    return button


class AccountList(QListWidget):
    """The accounts found, one line each: the site, the username and where it stands."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountList")
        self.setAccessibleName("Accounts found")
        self.setUniformItemSizes(True)
        self.setMinimumHeight(150)
        self.hits: dict[str, AccountHit] = {}

    def sync(self, hits: list[AccountHit]) -> None:
        """Show exactly these accounts, in this order, keeping the one chosen."""
        chosen = self.current_key()
        keys = [h.key for h in hits]
        shown = [self.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.count())]
        if keys != shown:
            self.blockSignals(True)
            try:
                if keys[:len(shown)] != shown:  # not just more of them: start the list again
                    self.clear()
                    shown = []
                for hit in hits[len(shown):]:  # while a check runs, new accounts only add lines
                    item = QListWidgetItem()
                    item.setData(Qt.ItemDataRole.UserRole, hit.key)
                    self.addItem(item)
            finally:
                self.blockSignals(False)
        self.hits = {h.key: h for h in hits}
        for row, hit in enumerate(hits):
            item = self.item(row)
            text = one_line(f"{hit.site} ({hit.username}): {status_text(hit)}")
            if item.text() != text:
                item.setText(text)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
        if chosen in self.hits:
            self.choose(chosen)

    def current_key(self) -> str | None:
        item = self.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def choose(self, key: str) -> None:
        for row in range(self.count()):
            if self.item(row).data(Qt.ItemDataRole.UserRole) == key:
                if self.currentRow() != row:
                    self.setCurrentRow(row)
                return


class AccountCard(Card):
    """The account chosen in the list. Emits what the person decides; the page saves it."""

    decision_changed = Signal(str, str, str)   # username, site, decision ("" when taken back)
    plan_changed = Signal(str, str, str)       # username, site, KEEP / CLOSE / ""
    closed_changed = Signal(str, str, bool)    # username, site, closed
    note_changed = Signal(str, str, str)
    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hit: AccountHit | None = None
        self.deletion: DeletionInfo | None = None
        self.title = PlainLabel("", role="h3")
        self.layout_.addWidget(self.title)
        self.found_under = PlainLabel("", role="muted")
        self.layout_.addWidget(self.found_under)
        self.address = PlainLabel("", role="url")
        self.layout_.addWidget(self.address)

        row = QWidget()
        flow = FlowLayout(row)
        self.open_button = _button("&Open the account", "Open the account in your browser")
        self.open_button.clicked.connect(lambda: self.open_requested.emit(self.hit.address))
        flow.addWidget(self.open_button)
        question = PlainLabel("Is this yours?", role="h4", wrap=False)
        question.setContentsMargins(16, 0, 0, 0)
        flow.addWidget(question)
        self.choices = ChoiceButtons(ACCOUNT_DECISIONS, "this account")
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
        self.plans = ChoiceButtons(ACCOUNT_PLANS, "this account")
        self.plans.chosen.connect(self._plan_chosen)
        flow.addWidget(self.plans)
        mine.addWidget(row)
        self.keep_text = PlainLabel("")
        mine.addWidget(self.keep_text)
        self.close_box = QWidget()
        close = QVBoxLayout(self.close_box)
        close.setContentsMargins(0, 0, 0, 0)
        self.difficulty = PlainLabel("")
        close.addWidget(self.difficulty)
        row = QWidget()
        flow = FlowLayout(row)
        self.deletion_button = _button("Open the &deletion page", "Open the deletion page")
        self.deletion_button.clicked.connect(lambda: self.open_requested.emit(self.deletion.url))
        flow.addWidget(self.deletion_button)
        self.closed_button = _button("Mar&k as closed", "Mark as closed")
        self.closed_button.clicked.connect(lambda: self.closed_changed.emit(self.hit.username, self.hit.site, True))
        flow.addWidget(self.closed_button)
        self.reopen_button = _button("Not closed after all", "Not closed after all")
        self.reopen_button.clicked.connect(
            lambda: self.closed_changed.emit(self.hit.username, self.hit.site, False))
        flow.addWidget(self.reopen_button)
        close.addWidget(row)
        self.email = PlainLabel("")
        close.addWidget(self.email)
        self.closed_text = PlainLabel("", role="h4")
        close.addWidget(self.closed_text)
        mine.addWidget(self.close_box)
        self.layout_.addWidget(self.mine_box)

        note_row, self.note = note_field("", "this account", "optional, for example when you opened it")
        self.note.textEdited.connect(lambda text: self.note_changed.emit(self.hit.username, self.hit.site, text))
        self.layout_.addWidget(note_row)

    def show_hit(self, hit: AccountHit, deletion: DeletionInfo | None, checklist: str) -> None:
        """Show this account (what is saved about it), its deletion route and its checklist."""
        changed = self.hit is None or self.hit.key != hit.key
        self.hit, self.deletion = hit, deletion
        about = f"{hit.site}, username {hit.username}"
        self.setAccessibleName(f"Account found on {about}")
        self.title.setText(hit.site)
        self.found_under.setText(f"Has an account under the username {hit.username} ({hit.category} site).")
        self.address.setText(breakable(shorten_middle(hit.address, URL_CHARS)))
        self.address.setAccessibleName(f"Address: {hit.address}")
        self.open_button.setAccessibleName(f"Open the account on {about} in your browser")
        self.open_button.setEnabled(is_openable_url(hit.address))
        for group in (self.choices, self.plans):
            for value, button in group.buttons.items():
                labels = ACCOUNT_DECISIONS if group is self.choices else ACCOUNT_PLANS
                button.setAccessibleName(f"{labels[value]}: {about}")
        if checklist:
            self.keep_text.setText(f"Its privacy matters: the {checklist} checklist in Privacy settings covers it, and "
                                   f"{checklist} is ticked for you in Your platforms.")
        else:
            self.keep_text.setText("Its privacy matters: open it, look at what its profile shows and who can see it, "
                                   "and take off anything you would not want a pupil, client or manager to see.")
        if deletion is not None:
            self.difficulty.setText(f"How hard: {deletion.difficulty_label}")
        else:
            self.difficulty.setText("SocialSafe has no deletion page for this site: look in the account's settings "
                                    "or the site's help pages for \u201cdelete account\u201d.")
        has_page = deletion is not None and bool(deletion.url) and is_openable_url(deletion.url)
        self.deletion_button.setVisible(has_page)
        self.deletion_button.setAccessibleName(f"Open the deletion page for {about}")
        self.closed_button.setAccessibleName(f"Mark as closed: {about}")
        self.reopen_button.setAccessibleName(f"Not closed after all: {about}")
        self.email.setText(f"Deletion email: {deletion.email}" if deletion is not None and deletion.email else "")
        self.email.setVisible(bool(self.email.text()))
        self.note.setAccessibleName(f"Note: {about}")
        if changed or self.note.text() != hit.note and not self.note.hasFocus():
            self.note.setText(hit.note)
        self.show_state()

    def show_state(self) -> None:
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
        style = ("me_fine" if hit.closed or hit.plan == KEEP else "me_action") if mine else \
            {NOT_MINE: "not_me"}.get(hit.decision, "")
        restyle(self, "decision", style)

    def _decision_chosen(self, decision: str) -> None:
        self.hit.decision = decision
        self.show_state()
        self.decision_changed.emit(self.hit.username, self.hit.site, decision)

    def _plan_chosen(self, plan: str) -> None:
        self.hit.plan = plan
        self.show_state()
        self.plan_changed.emit(self.hit.username, self.hit.site, plan)
