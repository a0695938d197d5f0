"""The removal request letter for a page the person marked "Ask the site to remove it": shown as
plain text to read, copy or save. SocialSafe sends nothing; the letter is not stored anywhere.

The letter holds text from a stranger's web page (its title and address). It is shown in a
read-only plain-text box, which never interprets markup, after core/letters has put that text
on one line without control or direction-changing characters."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..core.i18n import _
from ..core.letters import ICO_COMPLAINT_URL, ICO_PHONE
from ..core.savefile import SaveError
from .file_dialogs import save_file_name
from .widgets import PlainLabel, plain_message, standard_button


class LetterDialog(QDialog):
    def __init__(self, session, normalised_url: str, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.normalised_url = normalised_url
        self.today = today or date.today()
        self.letter = session.letters.draft(normalised_url, today=self.today) or ""
        # TRANSLATORS: the title of the window with the letter asking a site to remove a page.
        self.setWindowTitle(_("Removal request"))
        self.setMinimumWidth(560)
        column = QVBoxLayout(self)
        column.addWidget(PlainLabel(
            _("A letter asking the site to remove this page about you, under the UK's data protection law "
              "(the right to erasure, Article 17 of the UK GDPR). Read it and change anything you need when "
              "you paste it."), role="lead"))
        column.addWidget(PlainLabel(
            _("SocialSafe does not send this letter, or anything else, to the site. Copy it into the site's "
              "contact or privacy form or an email, or save it as a text file to print and post."),
            role="notice"))
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setPlainText(self.letter)
        self.text.setTabChangesFocus(True)  # Tab moves on to the buttons, as everywhere else
        # Read-only, but the caret still moves so a keyboard or screen reader can go through it line by line.
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                          | Qt.TextInteractionFlag.TextSelectableByMouse)
        # TRANSLATORS: what a screen reader calls the box with the letter.
        self.text.setAccessibleName(_("Removal request letter"))
        # TRANSLATORS: "Copy letter" and "Save as a text file" are the names of the buttons under the letter.
        self.text.setAccessibleDescription(_("Read only. Use Copy letter or Save as a text file."))
        self.text.setMinimumHeight(self.fontMetrics().lineSpacing() * 16)
        column.addWidget(self.text, 1)
        self.ico_note = PlainLabel(
            # TRANSLATORS: {url} and {phone} are the ICO's complaint page and telephone number.
            _("If the site does not answer within a month, or you disagree with its answer, you can complain "
              "to the Information Commissioner's Office (ICO): {url} or {phone}.").format(url=ICO_COMPLAINT_URL,
                                                                                         phone=ICO_PHONE),
            role="muted")
        column.addWidget(self.ico_note)
        self.status = PlainLabel("", role="muted")
        self.status.setVisible(False)
        column.addWidget(self.status)
        buttons = QDialogButtonBox()
        # TRANSLATORS: buttons under the letter. Keep the & (shortcut) on a letter of each.
        self.copy_button = buttons.addButton(_("&Copy letter"), QDialogButtonBox.ButtonRole.ActionRole)
        # TRANSLATORS: what a screen reader calls the buttons under the letter.
        self.copy_button.setAccessibleName(_("Copy the letter to the clipboard"))
        # TRANSLATORS: a button under the letter. Keep the & (shortcut).
        self.save_button = buttons.addButton(_("&Save as a text file…"), QDialogButtonBox.ButtonRole.ActionRole)
        # TRANSLATORS: what a screen reader calls the Save as a text file button.
        self.save_button.setAccessibleName(_("Save the letter as a text file"))
        self.close_button = standard_button(buttons, QDialogButtonBox.StandardButton.Close)
        # TRANSLATORS: what a screen reader calls the Close button.
        self.close_button.setAccessibleName(_("Close the letter"))
        for button in (self.copy_button, self.save_button, self.close_button):
            button.setAutoDefault(False)  # Enter in the letter must not close or save it
        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self.copy_button.setEnabled(bool(self.letter))
        self.save_button.setEnabled(bool(self.letter))
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    # Asked of the person through these, so tests can answer like a person would.
    def ask_save_path(self, suggested: Path) -> Path | None:
        # TRANSLATORS: a file dialog's choice of file type; keep "(*.txt)" as it is.
        title = _("Save the letter")
        # TRANSLATORS: a file dialog's choice of file type; keep "(*.txt)" as it is.
        chosen, _filter = save_file_name(self, title, suggested, [_("Text file (*.txt)")])
        return Path(chosen) if chosen else None

    def ask_replace(self, path: Path) -> bool:
        # TRANSLATORS: the title of the question before a file is replaced.
        answer = plain_message(self, QMessageBox.Icon.Question, _("Replace file?"),
                               # TRANSLATORS: {file} is the file that would be replaced.
                               _("{file} already exists and would be replaced.\n\nReplace it?").format(file=path),
                               QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def copy(self) -> None:
        QApplication.clipboard().setText(self.letter)
        self._say(_("Copied. Paste it into the site's contact or privacy form, or into an email."))

    def save(self) -> None:
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = self.session.letters.file_name(self.normalised_url, today=self.today)
        chosen = target = self.ask_save_path(Path(documents or Path.home()) / name)
        if target is None:
            return
        if target.suffix.lower() != ".txt":
            target = target.with_name(target.name + ".txt")
        # The save dialog asked about the name the person typed, not about this one.
        if target != chosen and target.exists() and not self.ask_replace(target):
            return
        try:
            saved = self.session.letters.save(target, self.letter)
        except SaveError as exc:
            self._say(str(exc))
            return
        # TRANSLATORS: {file} is where the letter was saved.
        self._say(_("Saved as {file}.").format(file=saved))

    def _say(self, message: str) -> None:
        self.status.setText(message)
        self.status.setAccessibleName(message)
        self.status.setVisible(True)
