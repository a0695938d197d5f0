"""Choosing a file to save or open: one dialog for every save and open in the app (the report,
a check's report, the removal letter, evidence files and their export, backups).

Qt's own dialog, not the system's: the system's speaks the system's language, and may not
speak Welsh at all, so it would break the language the person chose in the middle of a task.
Its labels and buttons carry the app's own words; the rest of what it says (tooltips, column
headings, "already exists") comes through ui/qt_strings.py.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from ..core.i18n import _, pgettext


def file_dialog(parent: QWidget | None, title: str, start: Path | str, filters: list[str], *,
                save: bool = False, many: bool = False) -> QFileDialog:
    """The dialog, ready to show: Qt's own, labelled in the app's language."""
    dialog = QFileDialog(parent, title, str(start), ";;".join(filters))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    else:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles if many else QFileDialog.FileMode.ExistingFile)
    # TRANSLATORS: the file dialog's label for the folder being shown. Keep the & (shortcut).
    dialog.setLabelText(QFileDialog.DialogLabel.LookIn, pgettext("Qt file dialog", "&Look in:"))
    # TRANSLATORS: the file dialog's label for the file name box. Keep the & (shortcut).
    dialog.setLabelText(QFileDialog.DialogLabel.FileName, pgettext("Qt file dialog", "File &name:"))
    # TRANSLATORS: the file dialog's label for the choice of file type. Keep the & (shortcut).
    dialog.setLabelText(QFileDialog.DialogLabel.FileType, pgettext("Qt file dialog", "Files of &type:"))
    if save:
        # TRANSLATORS: the file dialog's button that saves under the name given. Keep the & (shortcut).
        accept = pgettext("Qt file dialog", "&Save")
    else:
        # TRANSLATORS: the file dialog's button that opens the file chosen. Keep the & (shortcut).
        accept = pgettext("Qt file dialog", "&Open")
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, accept)
    # TRANSLATORS: a standard dialog button: close without doing anything.
    dialog.setLabelText(QFileDialog.DialogLabel.Reject, pgettext("button", "Cancel"))
    start = Path(start)
    if save and start.name and not start.is_dir():
        dialog.setDirectory(str(start.parent))
        dialog.selectFile(start.name)
    return dialog


def _run(dialog: QFileDialog) -> tuple[list[str], str]:
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return [], ""
    return dialog.selectedFiles(), dialog.selectedNameFilter()


def save_file_name(parent: QWidget | None, title: str, suggested: Path, filters: list[str]) -> tuple[str, str]:
    """The file to save to (the person is asked before an existing file is replaced) and the
    filter chosen; ("", "") when cancelled. As QFileDialog.getSaveFileName answers."""
    files, chosen_filter = _run(file_dialog(parent, title, suggested, filters, save=True))
    return (files[0] if files else ""), chosen_filter


def open_file_name(parent: QWidget | None, title: str, folder: Path | str, filters: list[str]) -> tuple[str, str]:
    files, chosen_filter = _run(file_dialog(parent, title, folder, filters))
    return (files[0] if files else ""), chosen_filter


def open_file_names(parent: QWidget | None, title: str, folder: Path | str, filters: list[str]) -> tuple[list[str], str]:
    return _run(file_dialog(parent, title, folder, filters, many=True))


def all_files() -> str:
    """The filter that shows every file, in the app's words (the pattern stays as it is)."""
    # TRANSLATORS: a file dialog's choice of file type that shows every file. Keep "(*)".
    return _("All files (*)")
