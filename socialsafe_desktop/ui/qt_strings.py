"""Qt's own words, in the language SocialSafe speaks.

Qt ships translations of its own strings (the file dialog, text-field menus, a message box's
Show Details) for some languages, not for Welsh. At start-up the window loads Qt's translation
for the language when one exists (qtbase_<lang>.qm), and, for any language but English, adds
QtStrings: a translator that answers the Qt strings this app's windows show from SocialSafe's
own catalogue, so they are translated with everything else (docs/TRANSLATING.md) and a
language Qt does not speak still gets them. The app replaces the most visible of them
itself too (message-box and dialog buttons, the file dialog's labels: widgets.py,
file_dialogs.py); this covers what it cannot reach (tooltips, column headings, menus, the
file dialog's own questions).

Only the strings listed here are answered; everything else Qt asks about gets Qt's own
answer (an empty string means "no translation"), so Qt's internal keys such as
QT_LAYOUT_DIRECTION are never touched.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from ..core.i18n import ENGLISH, pgettext

log = logging.getLogger("socialsafe.ui")


# The standard buttons, by Qt's English words: the ones Qt draws itself (the file dialog's, a
# question's) and the app's own dialogs (widgets.standard_text) say the same.
BUTTON_WORDS: dict[str, Callable[[], str]] = {
    # TRANSLATORS: a standard dialog button: agree and close.
    "OK": lambda: pgettext("button", "OK"),
    # TRANSLATORS: a standard dialog button: close without doing anything.
    "Cancel": lambda: pgettext("button", "Cancel"),
    # TRANSLATORS: a standard dialog button: close the window.
    "Close": lambda: pgettext("button", "Close"),
    # TRANSLATORS: a standard dialog button: the answer yes. Keep the & (shortcut).
    "&Yes": lambda: pgettext("button", "&Yes"),
    # TRANSLATORS: a standard dialog button: the answer no. Keep the & (shortcut).
    "&No": lambda: pgettext("button", "&No"),
    # TRANSLATORS: a standard dialog button (the file dialog's): open the file chosen.
    "Open": lambda: pgettext("button", "Open"),
    # TRANSLATORS: a standard dialog button: save.
    "Save": lambda: pgettext("button", "Save"),
    # TRANSLATORS: a standard dialog button: throw away what was typed and go on.
    "Discard": lambda: pgettext("button", "Discard"),
}


def _table() -> dict[tuple[str, str], Callable[[], str]]:
    """(Qt's context, Qt's English) -> our translation of it, looked up when asked."""
    fd = "QFileDialog"
    model = "QFileSystemModel"
    icons = "QAbstractFileIconProvider"
    table: dict[tuple[str, str], Callable[[], str]] = {
        # TRANSLATORS: a message box's button that shows the technical details of a problem.
        ("QMessageBox", "Show Details..."): lambda: pgettext("Qt message box", "Show Details..."),
        # TRANSLATORS: a message box's button that hides the technical details again.
        ("QMessageBox", "Hide Details..."): lambda: pgettext("Qt message box", "Hide Details..."),
        # TRANSLATORS: the file dialog's label for the folder being shown. Keep the & (shortcut).
        (fd, "&Look in:"): lambda: pgettext("Qt file dialog", "&Look in:"),
        # TRANSLATORS: the file dialog's button and its tooltip: back to the folder shown before.
        (fd, "Back"): lambda: pgettext("Qt file dialog", "Back"),
        # TRANSLATORS: the file dialog: tooltip of the Back button.
        (fd, "Go back"): lambda: pgettext("Qt file dialog", "Go back"),
        # TRANSLATORS: the file dialog's button: forward again to a folder.
        (fd, "Forward"): lambda: pgettext("Qt file dialog", "Forward"),
        # TRANSLATORS: the file dialog: tooltip of the Forward button.
        (fd, "Go forward"): lambda: pgettext("Qt file dialog", "Go forward"),
        # TRANSLATORS: the file dialog's button: the folder that holds this one.
        (fd, "Parent Directory"): lambda: pgettext("Qt file dialog", "Parent Directory"),
        # TRANSLATORS: the file dialog: tooltip of the Parent Directory button.
        (fd, "Go to the parent directory"): lambda: pgettext("Qt file dialog", "Go to the parent directory"),
        # TRANSLATORS: the file dialog's button that makes a new folder.
        (fd, "Create New Folder"): lambda: pgettext("Qt file dialog", "Create New Folder"),
        # TRANSLATORS: the file dialog: tooltip of the Create New Folder button.
        (fd, "Create a New Folder"): lambda: pgettext("Qt file dialog", "Create a New Folder"),
        # TRANSLATORS: the file dialog's button that lists files by name only.
        (fd, "List View"): lambda: pgettext("Qt file dialog", "List View"),
        # TRANSLATORS: the file dialog: tooltip of the List View button.
        (fd, "Change to list view mode"): lambda: pgettext("Qt file dialog", "Change to list view mode"),
        # TRANSLATORS: the file dialog's button that lists files with size, type and date.
        (fd, "Detail View"): lambda: pgettext("Qt file dialog", "Detail View"),
        # TRANSLATORS: the file dialog: tooltip of the Detail View button.
        (fd, "Change to detail view mode"): lambda: pgettext("Qt file dialog", "Change to detail view mode"),
        # TRANSLATORS: the file dialog: the name a screen reader gives the list of places on the left.
        (fd, "Sidebar"): lambda: pgettext("Qt file dialog", "Sidebar"),
        # TRANSLATORS: the file dialog: what a screen reader says the list of places on the left is.
        (fd, "List of places and bookmarks"): lambda: pgettext("Qt file dialog", "List of places and bookmarks"),
        # TRANSLATORS: the file dialog: the name a screen reader gives the list of files.
        (fd, "Files"): lambda: pgettext("Qt file dialog", "Files"),
        # TRANSLATORS: the file dialog's label for the choice of file type. Keep the & (shortcut).
        (fd, "Files of &type:"): lambda: pgettext("Qt file dialog", "Files of &type:"),
        # TRANSLATORS: the file dialog's label for the file name box. Keep the & (shortcut).
        (fd, "File &name:"): lambda: pgettext("Qt file dialog", "File &name:"),
        # TRANSLATORS: the file dialog's button that opens the file chosen. Keep the & (shortcut).
        (fd, "&Open"): lambda: pgettext("Qt file dialog", "&Open"),
        # TRANSLATORS: the file dialog's button that saves under the name given. Keep the & (shortcut).
        (fd, "&Save"): lambda: pgettext("Qt file dialog", "&Save"),
        # TRANSLATORS: the file dialog's button that goes into the folder chosen. Keep the & (shortcut).
        (fd, "&Choose"): lambda: pgettext("Qt file dialog", "&Choose"),
        # TRANSLATORS: the file dialog's list of file types: every file.
        (fd, "All Files (*)"): lambda: pgettext("Qt file dialog", "All Files (*)"),
        # TRANSLATORS: the file dialog's right-click menu: rename the file. Keep the & (shortcut).
        (fd, "&Rename"): lambda: pgettext("Qt file dialog", "&Rename"),
        # TRANSLATORS: the file dialog's right-click menu: delete the file. Keep the & (shortcut).
        (fd, "&Delete"): lambda: pgettext("Qt file dialog", "&Delete"),
        # TRANSLATORS: the file dialog's right-click menu. Keep the & (shortcut).
        (fd, "Show &hidden files"): lambda: pgettext("Qt file dialog", "Show &hidden files"),
        # TRANSLATORS: the file dialog's right-click menu: make a folder. Keep the & (shortcut).
        (fd, "&New Folder"): lambda: pgettext("Qt file dialog", "&New Folder"),
        # TRANSLATORS: the file dialog: the name a new folder starts with.
        (fd, "New Folder"): lambda: pgettext("Qt file dialog", "New Folder"),
        (fd, "%1 already exists.\nDo you want to replace it?"):
            # TRANSLATORS: the file dialog's question before replacing a file. %1 is the file's name;
            # keep it, and keep the line break (\n).
            lambda: pgettext("Qt file dialog", "%1 already exists.\nDo you want to replace it?"),
        (fd, "%1\nFile not found.\nPlease verify the correct file name was given."):
            # TRANSLATORS: the file dialog, when the file typed does not exist. %1 is the file's name;
            # keep it, and keep the line breaks (\n).
            lambda: pgettext("Qt file dialog", "%1\nFile not found.\nPlease verify the correct file name was given."),
        (fd, "%1\nDirectory not found.\nPlease verify the correct directory name was given."):
            # TRANSLATORS: the file dialog, when the folder typed does not exist. %1 is the folder's
            # name; keep it, and keep the line breaks (\n).
            lambda: pgettext("Qt file dialog",
                             "%1\nDirectory not found.\nPlease verify the correct directory name was given."),
        (fd, "Are you sure you want to delete '%1'?"):
            # TRANSLATORS: the file dialog's question before deleting a file. %1 is its name; keep it.
            lambda: pgettext("Qt file dialog", "Are you sure you want to delete '%1'?"),
        # TRANSLATORS: the file dialog's heading over a list of files: each file's name.
        (model, "Name"): lambda: pgettext("Qt file dialog", "Name"),
        # TRANSLATORS: the file dialog's heading over a list of files: each file's size.
        (model, "Size"): lambda: pgettext("Qt file dialog", "Size"),
        # TRANSLATORS: the file dialog's heading over a list of files: each file's kind (folder, file).
        (model, "Type"): lambda: pgettext("Qt file dialog", "Type"),
        # TRANSLATORS: the file dialog's heading over a list of files: when each was last changed.
        (model, "Date Modified"): lambda: pgettext("Qt file dialog", "Date Modified"),
        # TRANSLATORS: the file dialog: the whole computer, at the top of the list of places.
        (model, "Computer"): lambda: pgettext("Qt file dialog", "Computer"),
        # TRANSLATORS: the file dialog: a file's size in bytes. %1 is the number; keep it.
        (model, "%1 bytes"): lambda: pgettext("Qt file dialog", "%1 bytes"),
        # TRANSLATORS: the file dialog: the kind of a disk drive.
        (icons, "Drive"): lambda: pgettext("Qt file dialog", "Drive"),
        # TRANSLATORS: the file dialog: the kind of a folder.
        (icons, "Folder"): lambda: pgettext("Qt file dialog", "Folder"),
        # TRANSLATORS: the file dialog: the kind of a file Qt cannot name.
        (icons, "Unknown"): lambda: pgettext("Qt file dialog", "Unknown"),
        # TRANSLATORS: the file dialog: the kind of a file; %1 is its ending, such as "html". Keep %1.
        (icons, "%1 File"): lambda: pgettext("Qt file dialog", "%1 File"),
        # TRANSLATORS: a question's box that asks for a value (Qt's default text, rarely seen).
        ("QInputDialog", "Enter a value:"): lambda: pgettext("Qt input box", "Enter a value:"),
    }
    # The right-click menu of every text box: two contexts in Qt, one set of words here.
    menu = {
        # TRANSLATORS: a text box's right-click menu: undo the last change. Keep the & (shortcut).
        "&Undo": lambda: pgettext("Qt text menu", "&Undo"),
        # TRANSLATORS: a text box's right-click menu: redo the change undone. Keep the & (shortcut).
        "&Redo": lambda: pgettext("Qt text menu", "&Redo"),
        # TRANSLATORS: a text box's right-click menu: cut the text chosen. Keep the & (shortcut).
        "Cu&t": lambda: pgettext("Qt text menu", "Cu&t"),
        # TRANSLATORS: a text box's right-click menu: copy the text chosen. Keep the & (shortcut).
        "&Copy": lambda: pgettext("Qt text menu", "&Copy"),
        # TRANSLATORS: a text box's right-click menu: paste. Keep the & (shortcut).
        "&Paste": lambda: pgettext("Qt text menu", "&Paste"),
        # TRANSLATORS: a text box's right-click menu: delete the text chosen.
        "Delete": lambda: pgettext("Qt text menu", "Delete"),
        # TRANSLATORS: a text box's right-click menu: choose all the text.
        "Select All": lambda: pgettext("Qt text menu", "Select All"),
        # TRANSLATORS: a text box's right-click menu (on a link): copy its address. Keep the & (shortcut).
        "Copy &Link Location": lambda: pgettext("Qt text menu", "Copy &Link Location"),
    }
    for context in ("QLineEdit", "QWidgetTextControl"):
        for source, translation in menu.items():
            table[(context, source)] = translation
    for source, translation in BUTTON_WORDS.items():
        table[("QPlatformTheme", source)] = translation
    return table


class QtStrings(QTranslator):
    """Answers Qt's own strings (those listed above) from SocialSafe's catalogue."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._table = _table()

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D401 (Qt's signature)
        found = self._table.get((context, source))
        return found() if found is not None else ""

    def isEmpty(self) -> bool:  # noqa: N802 (Qt naming)
        return False


def qt_translation_file(language: str) -> Path | None:
    """Qt's own translation of its strings for `language` (qtbase_<lang>.qm), if Qt has one."""
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    path = folder / f"qtbase_{language.split('-')[0]}.qm"
    return path if path.is_file() else None


def install_qt_translations(app: QCoreApplication, language: str) -> list[QTranslator]:
    """At start-up, after the language is chosen: Qt's own translation when it has one, then
    ours for the Qt strings this app shows (looked up first, so ours win where both have one).
    Returns the translators installed (remove_qt_translations takes them out again)."""
    installed: list[QTranslator] = []
    if language == ENGLISH:
        return installed
    qm = qt_translation_file(language)
    if qm is not None:
        qt_own = QTranslator(app)
        if qt_own.load(str(qm)) and app.installTranslator(qt_own):
            installed.append(qt_own)
        else:
            log.warning("Qt's translation %s could not be loaded", qm.name)
    ours = QtStrings(app)
    if app.installTranslator(ours):  # installed last, asked first
        installed.append(ours)
    return installed


def remove_qt_translations(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
