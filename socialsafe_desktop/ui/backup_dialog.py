"""Backup and move, in Settings: save the whole audit history in one file (optionally under a
passphrase), or restore one, after being shown what it holds and what it replaces.

The work is app/backup.py's; the window does the restore itself (it holds the data folder's
lock and the open store), through the `restore` callable it passes in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..app import backup as bk
from ..core.i18n import _, ngettext
from .file_dialogs import all_files, open_file_name, save_file_name
from .flow_layout import FlowLayout
from .widgets import Card, PlainLabel, error_label, heading, plain_message, show_error, standard_button, standard_text


class NewPassphraseDialog(QDialog):
    """Whether to protect a backup, and with what: typed twice, never shown."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # TRANSLATORS: the title of the window that asks for a backup's passphrase.
        self.setWindowTitle(_("Protect the backup?"))
        self.setModal(True)
        column = QVBoxLayout(self)
        # TRANSLATORS: a check box when saving a backup. Keep the & (shortcut).
        self.protect = QCheckBox(_("&Protect it with a passphrase"))
        self.protect.setChecked(True)
        column.addWidget(self.protect)
        column.addWidget(PlainLabel(
            ngettext("At least {n} character. Without the passphrase nobody, not even you, can open the backup, so "
                     "keep it somewhere safe.",
                     "At least {n} characters. Without the passphrase nobody, not even you, can open the backup, so "
                     "keep it somewhere safe.", bk.MIN_PASSPHRASE).format(n=bk.MIN_PASSPHRASE), role="muted"))
        form = QFormLayout()
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        # TRANSLATORS: what a screen reader calls the passphrase box.
        self.first.setAccessibleName(_("Passphrase"))
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        # TRANSLATORS: what a screen reader calls the second passphrase box.
        self.second.setAccessibleName(_("The same passphrase again"))
        # TRANSLATORS: labels of the two passphrase boxes. Keep the & (shortcut) on a letter of each.
        form.addRow(_("Pa&ssphrase:"), self.first)
        # TRANSLATORS: the label of the second passphrase box. Keep the & (shortcut).
        form.addRow(_("The same &again:"), self.second)
        column.addLayout(form)
        self.error = error_label()
        column.addWidget(self.error)
        self.protect.toggled.connect(lambda on: (self.first.setEnabled(on), self.second.setEnabled(on)))
        buttons = QDialogButtonBox()
        standard_button(buttons, QDialogButtonBox.StandardButton.Ok).setDefault(True)
        standard_button(buttons, QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        self.first.setFocus()  # the first field, once the dialog is up

    def _check(self) -> None:
        if self.protect.isChecked():
            if len(self.first.text()) < bk.MIN_PASSPHRASE:
                show_error(self.error, ngettext("Choose a passphrase of at least {n} character.",
                                                "Choose a passphrase of at least {n} characters.",
                                                bk.MIN_PASSPHRASE).format(n=bk.MIN_PASSPHRASE))
                return
            if self.first.text() != self.second.text():
                # TRANSLATORS: under the passphrase boxes.
                show_error(self.error, _("The two passphrases are not the same."))
                return
        self.accept()

    def passphrase(self) -> str | None:
        return self.first.text() if self.protect.isChecked() else None


class BackupCard(Card):
    def __init__(self, session, restore: Callable[[bk.BackupContents], Path | None], dialog: QDialog):
        super().__init__()
        self.session = session
        self.restore = restore
        self.dialog = dialog
        # TRANSLATORS: a heading in Settings.
        self.layout_.addWidget(heading(_("Backup and move"), 2))
        self.layout_.addWidget(PlainLabel(
            _("Save your whole audit history (every check, decision and note, and your evidence files) in one "
              "file, to keep it safe or to move it to a new computer. A restore shows you what the file holds and "
              "what it replaces first, and keeps what it replaces.")))
        row_holder = QWidget()
        row = FlowLayout(row_holder)  # one under the other when the words are long
        # TRANSLATORS: buttons in Settings, Backup and move. Keep the & (shortcut) on a letter of each.
        self.save_button = QPushButton(_("Save a &backup…"))
        self.save_button.clicked.connect(self.save)
        # TRANSLATORS: button in Settings, Backup and move. Keep the & (shortcut).
        self.restore_button = QPushButton(_("Restore from a b&ackup…"))
        self.restore_button.clicked.connect(self.restore_from_file)
        row.addWidget(self.save_button)
        row.addWidget(self.restore_button)
        self.layout_.addWidget(row_holder)
        self.status = PlainLabel("", role="muted")
        self.status.setVisible(False)
        self.layout_.addWidget(self.status)

    # Dialogs are attributes so tests can answer them like a person would.
    def ask_save_path(self) -> Path | None:
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"socialsafe-backup-{date.today():%Y-%m-%d}{bk.SUFFIX}"
        # TRANSLATORS: the title of the file dialog that saves a backup.
        chosen, _filter = save_file_name(self, _("Save a backup"), Path(documents or Path.home()) / name,
                                         [self._backup_filter()])
        return Path(chosen) if chosen else None

    @staticmethod
    def _backup_filter() -> str:
        # TRANSLATORS: a file dialog's choice of file type; {pattern} is "(*.socialsafe-backup)".
        return _("SocialSafe backup {pattern}").format(pattern=f"(*{bk.SUFFIX})")

    def ask_new_passphrase(self) -> tuple[bool, str | None]:
        """(go ahead?, the passphrase or None for none)."""
        dialog = NewPassphraseDialog(self)
        return (dialog.exec() == QDialog.DialogCode.Accepted, dialog.passphrase())

    def ask_open_path(self) -> Path | None:
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        # TRANSLATORS: the title of the file dialog that opens a backup.
        chosen, _filter = open_file_name(self, _("Restore from a backup"), documents or str(Path.home()),
                                         [self._backup_filter(), all_files()])
        return Path(chosen) if chosen else None

    def ask_passphrase(self) -> str | None:
        box = QInputDialog(self)
        # TRANSLATORS: the title of the window that asks for a backup's passphrase.
        box.setWindowTitle(_("Passphrase"))
        box.setLabelText(_("This backup is protected. Its passphrase:"))
        box.setTextEchoMode(QLineEdit.EchoMode.Password)
        box.setOkButtonText(standard_text(QDialogButtonBox.StandardButton.Ok))
        box.setCancelButtonText(standard_text(QDialogButtonBox.StandardButton.Cancel))
        return box.textValue() if box.exec() == QDialog.DialogCode.Accepted else None

    def confirm_restore(self, contents: bk.BackupContents, current: bk.CurrentData) -> bool:
        # TRANSLATORS: {what} describes an audit history, such as "2 audits, 14 pages found and 3 evidence files".
        replaces = (_("There is no audit on this computer now, so nothing is replaced.") if current.empty else
                    _("It replaces what is here now: {what}. That is kept aside in SocialSafe's folder as a backup "
                      "file of its own, so nothing is lost.").format(what=current.describe()))
        made = contents.made_on()
        # TRANSLATORS: the title of the question before a restore.
        answer = plain_message(self, QMessageBox.Icon.Question, _("Restore this backup?"),
                               # TRANSLATORS: {what} describes what the backup holds, {date} when it was made;
                               # {replaces} is one of the two sentences above.
                               _("The backup holds {what}; it was made on {date}.\n\n{replaces}\n\nRestore it now?")
                               .format(what=contents.describe(), date=made, replaces=replaces),
                               QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setAccessibleName(text)
        self.status.setVisible(bool(text))

    def save(self) -> None:
        out = self.ask_save_path()
        if out is None:
            return
        go, passphrase = self.ask_new_passphrase()
        if not go:
            return
        try:
            # The save dialog has already asked about replacing a file of that name.
            contents = bk.write_backup(self.session.store, self.session.data_folder, out, passphrase=passphrase,
                                       replace=True)
        except bk.BackupError as exc:
            self._say(str(exc))
            return
        # TRANSLATORS: {what} describes what the backup holds, {file} where it was saved.
        saved = _("Saved a backup of {what} to {file}.").format(what=contents.describe(), file=out)
        # TRANSLATORS: after a backup was saved under a passphrase.
        self._say(saved + " " + _("Keep the passphrase safe.") if passphrase else saved)

    def restore_from_file(self) -> None:
        path = self.ask_open_path()
        if path is None:
            return
        try:
            passphrase = None
            if bk.is_encrypted(path):
                passphrase = self.ask_passphrase()
                if passphrase is None:
                    return
            contents = bk.read_backup(path, passphrase)
        except bk.BackupError as exc:
            self._say(str(exc))
            return
        if not self.confirm_restore(contents, bk.current_data(self.session.data_folder)):
            # TRANSLATORS: after a restore the person said No to.
            self._say(_("Nothing was changed."))
            return
        try:
            kept = self.restore(contents)
        except bk.BackupError as exc:
            self._say(str(exc))
            return
        # TRANSLATORS: {what} describes what the backup held.
        restored = _("Restored {what}.").format(what=contents.describe())
        # TRANSLATORS: {file} is where the audit that was replaced is kept.
        self._say(restored + " " + _("What was here before is kept in {file}.").format(file=kept) if kept else restored)
