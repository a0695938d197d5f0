"""Add what you found: the addresses a person copied from their own browser, one a line, with an
optional title and note. Once added they are tracked like pages an in-app search found."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..app.findings import TITLE_MAX, AddedFindings
from .widgets import AppDialog, PlainLabel, announce, error_label, show_error


def describe(outcome: AddedFindings) -> str:
    """One or two plain sentences saying what happened to every line."""
    parts = []
    if outcome.added:
        n = len(outcome.added)
        parts.append(f"{n} page{'s' * (n != 1)} added: decide about {'them' if n != 1 else 'it'} in 2. What was found.")
    if outcome.already:
        n = len(outcome.already)
        parts.append(f"{n} {'were' if n != 1 else 'was'} already in your list.")
    if outcome.rejected:
        shown = "; ".join(f"\u201c{line}\u201d: {why}" for line, why in outcome.rejected[:3])
        more = f" (and {len(outcome.rejected) - 3} more)" if len(outcome.rejected) > 3 else ""
        parts.append(f"Not added: {shown}{more}.")
    if not outcome.saved:
        parts.append("Nothing could be saved.")
    return " ".join(parts) or "There was nothing to add: paste or type a web address."


class AddFindingsDialog(AppDialog):
    def __init__(self, session, search_id: str | None = None, search_text: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, "Add what you found")
        self.session, self.search_id = session, search_id
        self.outcome: AddedFindings | None = None
        column = QVBoxLayout(self)
        intro = ("Paste the address of each page you found about yourself, one a line. You can copy "
                 "it from your browser's address bar.")
        if search_text:
            intro = f"Searching {search_text}. " + intro
        column.addWidget(PlainLabel(intro))
        form = QFormLayout()
        self.addresses = QPlainTextEdit()
        self.addresses.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.addresses.setPlaceholderText("https://www.example.org/a-page-about-you")
        self.addresses.setAccessibleName("Web addresses, one a line")
        self.addresses.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        label = QLabel("Web &addresses:")
        label.setBuddy(self.addresses)
        form.addRow(label, self.addresses)
        self.title = QLineEdit()
        self.title.setMaxLength(TITLE_MAX)
        self.title.setAccessibleName("Title, optional")
        label = QLabel("&Title (optional):")
        label.setBuddy(self.title)
        form.addRow(label, self.title)
        self.note = QLineEdit()
        self.note.setMaxLength(1000)
        self.note.setAccessibleName("Note, optional")
        self.note.setPlaceholderText("for example what the page shows")
        label = QLabel("&Note (optional):")
        label.setBuddy(self.note)
        form.addRow(label, self.note)
        column.addLayout(form)
        self.problem = error_label()
        column.addWidget(self.problem)
        buttons = QDialogButtonBox()
        self.add_button = buttons.addButton("Add", QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setDefault(True)
        self.cancel_button = buttons.addButton("Cancel", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.add)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self.set_first_field(self.addresses)

    def add(self) -> None:
        outcome = self.session.findings.add_pasted(self.addresses.toPlainText(), search_id=self.search_id,
                                                   title=self.title.text(), note=self.note.text())
        self.outcome = outcome
        if not outcome.added and not outcome.already:
            show_error(self.problem, describe(outcome))
            announce(self, describe(outcome), assertive=True)
            self.addresses.setFocus()
            return
        self.accept()
