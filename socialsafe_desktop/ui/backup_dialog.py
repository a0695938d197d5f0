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
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..app import backup as bk
from .widgets import Card, PlainLabel, error_label, heading, plain_message, show_error


class NewPassphraseDialog(QDialog):
    """Whether to protect a backup, and with what: typed twice, never shown."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Protect the backup?")
        self.setModal(True)
        column = QVBoxLayout(self)
        self.protect = QCheckBox("&Protect it with a passphrase")
        self.protect.setChecked(True)
        column.addWidget(self.protect)
        column.addWidget(PlainLabel(
            f"At least {bk.MIN_PASSPHRASE} characters. Without the passphrase nobody, not even you, can open the "
            "backup, so keep it somewhere safe.", role="muted"))
        form = QFormLayout()
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName("Passphrase")
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setAccessibleName("The same passphrase again")
        form.addRow("Pa&ssphrase:", self.first)
        form.addRow("The same &again:", self.second)
        column.addLayout(form)
        self.error = error_label()
        column.addWidget(self.error)
        self.protect.toggled.connect(lambda on: (self.first.setEnabled(on), self.second.setEnabled(on)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        self.first.setFocus()  # the first field, once the dialog is up

    def _check(self) -> None:
        if self.protect.isChecked():
            if len(self.first.text()) < bk.MIN_PASSPHRASE:
                show_error(self.error, f"Choose a passphrase of at least {bk.MIN_PASSPHRASE} characters.")
                return
            if self.first.text() != self.second.text():
                show_error(self.error, "The two passphrases are not the same.")
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
        self.layout_.addWidget(heading("Backup and move", 2))
        self.layout_.addWidget(PlainLabel(
            "Save your whole audit history (every check, decision and note, and your evidence files) in one "
            "file, to keep it safe or to move it to a new computer. A restore shows you what the file holds and "
            "what it replaces first, and keeps what it replaces."))
        row = QHBoxLayout()
        self.save_button = QPushButton("Save a &backup…")
        self.save_button.clicked.connect(self.save)
        self.restore_button = QPushButton("Restore from a b&ackup…")
        self.restore_button.clicked.connect(self.restore_from_file)
        row.addWidget(self.save_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.status = PlainLabel("", role="muted")
        self.status.setVisible(False)
        self.layout_.addWidget(self.status)

    # Dialogs are attributes so tests can answer them like a person would.
    def ask_save_path(self) -> Path | None:
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"socialsafe-backup-{date.today():%Y-%m-%d}{bk.SUFFIX}"
        chosen, _ = QFileDialog.getSaveFileName(self, "Save a backup", str(Path(documents or Path.home()) / name),
                                                f"SocialSafe backup (*{bk.SUFFIX})")
        return Path(chosen) if chosen else None

    def ask_new_passphrase(self) -> tuple[bool, str | None]:
        """(go ahead?, the passphrase or None for none)."""
        dialog = NewPassphraseDialog(self)
        return (dialog.exec() == QDialog.DialogCode.Accepted, dialog.passphrase())

    def ask_open_path(self) -> Path | None:
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _ = QFileDialog.getOpenFileName(self, "Restore from a backup", documents or str(Path.home()),
                                                f"SocialSafe backup (*{bk.SUFFIX});;All files (*)")
        return Path(chosen) if chosen else None

    def ask_passphrase(self) -> str | None:
        text, ok = QInputDialog.getText(self, "Passphrase", "This backup is protected. Its passphrase:",
                                        QLineEdit.EchoMode.Password)
        return text if ok else None

    def confirm_restore(self, contents: bk.BackupContents, current: bk.CurrentData) -> bool:
        replaces = ("There is no audit on this computer now, so nothing is replaced." if current.empty else
                    f"It replaces what is here now: {current.describe()}. That is kept aside in SocialSafe's folder "
                    "as a backup file of its own, so nothing is lost.")
        answer = plain_message(self, QMessageBox.Icon.Question, "Restore this backup?",
                               f"The backup holds {contents.describe()}; it was made on "
                               f"{contents.created_at[:10] or 'an unknown day'}.\n\n{replaces}\n\nRestore it now?",
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
        self._say(f"Saved a backup of {contents.describe()} to {out}."
                  + (" Keep the passphrase safe." if passphrase else ""))

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
            self._say("Nothing was changed.")
            return
        try:
            kept = self.restore(contents)
        except bk.BackupError as exc:
            self._say(str(exc))
            return
        self._say(f"Restored {contents.describe()}."
                  + (f" What was here before is kept in {kept}." if kept else ""))
