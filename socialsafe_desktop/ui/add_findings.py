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
from ..core.i18n import _, ngettext, pgettext
from .widgets import AppDialog, PlainLabel, announce, error_label, show_error, standard_text


def describe(outcome: AddedFindings) -> str:
    """One or two plain sentences saying what happened to every line."""
    parts = []
    if outcome.added:
        n = len(outcome.added)
        # TRANSLATORS: "2. What was found" is the name of the second tab of Search yourself.
        parts.append(ngettext("{n} page added: decide about it in 2. What was found.",
                              "{n} pages added: decide about them in 2. What was found.", n).format(n=n))
    if outcome.already:
        n = len(outcome.already)
        # TRANSLATORS: after pages were added: how many were there before.
        parts.append(ngettext("{n} was already in your list.", "{n} were already in your list.", n).format(n=n))
    if outcome.rejected:
        # TRANSLATORS: one line the person pasted that was not added, in quotation marks, and why.
        shown = "; ".join(_("\u201c{line}\u201d: {why}").format(line=line, why=why)
                            for line, why in outcome.rejected[:3])
        more = len(outcome.rejected) - 3
        if more > 0:
            # TRANSLATORS: {lines} lists up to three lines that were not added, each with why.
            parts.append(ngettext("Not added: {lines} (and {n} more).", "Not added: {lines} (and {n} more).",
                                  more).format(lines=shown, n=more))
        else:
            # TRANSLATORS: {lines} lists the lines that were not added, each with why.
            parts.append(_("Not added: {lines}.").format(lines=shown))
    if not outcome.saved:
        # TRANSLATORS: after pages were added, when saving failed.
        parts.append(_("Nothing could be saved."))
    return " ".join(parts) or _("There was nothing to add: paste or type a web address.")


class AddFindingsDialog(AppDialog):
    def __init__(self, session, search_id: str | None = None, search_text: str = "",
                 parent: QWidget | None = None) -> None:
        # TRANSLATORS: the title of the dialog for recording pages found in the browser.
        super().__init__(parent, _("Add what you found"))
        self.session, self.search_id = session, search_id
        self.outcome: AddedFindings | None = None
        column = QVBoxLayout(self)
        intro = _("Paste the address of each page you found about yourself, one a line. You can copy "
                  "it from your browser's address bar.")
        if search_text:
            # TRANSLATORS: {words} are the words of the search the pages were found with.
            intro = _("Searching {words}.").format(words=search_text) + " " + intro
        column.addWidget(PlainLabel(intro))
        form = QFormLayout()
        self.addresses = QPlainTextEdit()
        self.addresses.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.addresses.setPlaceholderText("https://www.example.org/a-page-about-you")
        # TRANSLATORS: what a screen reader calls the box for web addresses.
        self.addresses.setAccessibleName(_("Web addresses, one a line"))
        self.addresses.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        # TRANSLATORS: labels in the dialog for adding pages found. Keep the & (shortcut) on a letter of each.
        label = QLabel(_("Web &addresses:"))
        label.setBuddy(self.addresses)
        form.addRow(label, self.addresses)
        self.title = QLineEdit()
        self.title.setMaxLength(TITLE_MAX)
        # TRANSLATORS: what a screen reader calls the title box.
        self.title.setAccessibleName(_("Title, optional"))
        # TRANSLATORS: the label of the box for the page's title. Keep the & (shortcut).
        label = QLabel(_("&Title (optional):"))
        label.setBuddy(self.title)
        form.addRow(label, self.title)
        self.note = QLineEdit()
        self.note.setMaxLength(1000)
        # TRANSLATORS: what a screen reader calls the note box.
        self.note.setAccessibleName(_("Note, optional"))
        # TRANSLATORS: placeholder in the note box.
        self.note.setPlaceholderText(_("for example what the page shows"))
        # TRANSLATORS: the label of the note box. Keep the & (shortcut).
        label = QLabel(_("&Note (optional):"))
        label.setBuddy(self.note)
        form.addRow(label, self.note)
        column.addLayout(form)
        self.problem = error_label()
        column.addWidget(self.problem)
        buttons = QDialogButtonBox()
        # TRANSLATORS: the button that adds the pages typed in.
        self.add_button = buttons.addButton(pgettext("button", "Add"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setDefault(True)
        self.cancel_button = buttons.addButton(standard_text(QDialogButtonBox.StandardButton.Cancel),
                                               QDialogButtonBox.ButtonRole.RejectRole)
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
