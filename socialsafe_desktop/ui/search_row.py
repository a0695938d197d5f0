"""One planned search on Search yourself: include it or not, its words, and what happened to it.

In browser mode the person records what they saw: an outcome (nothing / fine / needs action),
a note, and the addresses of what they found ("Add what you found"). In app mode the row shows
how its search is going.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.audit import SEARCH_OUTCOMES
from ..core.i18n import _, ngettext, pgettext
from ..core.queries import KINDS, MAX_QUERY, PlannedSearch
from .flow_layout import FlowLayout
from .widgets import ComboBox, PlainLabel, error_label, keep_room, restyle, show_error

BROWSER, APP = "browser", "app"
# Row states while running in the app.
QUEUED, RUNNING, DONE, FAILED, SKIPPED, CANCELLED = "queued", "running", "done", "failed", "skipped", "cancelled"
NOT_SENT = "not_sent"  # the run stopped (offline, or a human check) before this one went


class SearchText(PlainLabel):
    """The words of a search; double-click to change them."""

    double_clicked = Signal()

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        self.double_clicked.emit()
        event.accept()


class SearchRow(QFrame):
    """One planned search: include it or not, its words, and what happened to it.

    The buttons sit beside the words when there is room and move underneath when there is not
    (a narrow window, or large text on a projector).
    """

    toggled = Signal(str, bool)
    edited = Signal(str, str)
    remove_requested = Signal(str)
    open_requested = Signal(str)
    outcome_changed = Signal(str, str)
    note_changed = Signal(str, str)
    add_found_requested = Signal(str)

    def __init__(self, search: PlannedSearch, changed: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.search = search
        self.setProperty("role", "searchrow")
        self.mode = BROWSER
        self.state, self.message = "", ""
        self.pages, self.found_message = 0, ""  # pages recorded against this search; news about some added
        self.editing = False
        self.compact: bool | None = None
        self._loading = True
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(8, 8, 8, 8)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(6)
        self.grid.setColumnStretch(1, 1)

        self.check = QCheckBox()
        self.check.setChecked(search.enabled)
        self.check.toggled.connect(self._toggled)
        self.grid.addWidget(self.check, 0, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.setSpacing(2)
        self.text = SearchText(search.text, role="searchtext")
        self.text.double_clicked.connect(self.begin_edit)
        words.addWidget(self.text)
        self.editor = QLineEdit()
        self.editor.setMaxLength(MAX_QUERY)
        self.editor.setVisible(False)
        self.editor.returnPressed.connect(self.finish_edit)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.editor, self.cancel_edit,
                  context=Qt.ShortcutContext.WidgetShortcut)
        words.addWidget(self.editor)
        self.kind = PlainLabel("", role="muted")
        words.addWidget(self.kind)
        self.status = PlainLabel("", role="muted")
        words.addWidget(self.status)
        self.edit_error = error_label()
        words.addWidget(self.edit_error)
        self.grid.addLayout(words, 0, 1)

        self.actions = QWidget()
        flow = FlowLayout(self.actions)
        # TRANSLATORS: button beside a planned search: open it in the person's browser.
        self.open_button = QPushButton(_("Open in browser"))
        # TRANSLATORS: button beside a search that could not run inside the app.
        self.fallback_button = QPushButton(_("Open in browser instead"))
        for button in (self.open_button, self.fallback_button):
            button.setAutoDefault(True)
            button.clicked.connect(lambda: self.open_requested.emit(self.search.id))
            flow.addWidget(button)
        # What the person saw in their browser, recorded by hand.
        self.outcome = ComboBox()
        # TRANSLATORS: the first entry of the list of what a search found, before anything is chosen.
        self.outcome.addItem(_("What did you find?"), "")
        for key, label in SEARCH_OUTCOMES.items():
            self.outcome.addItem(_(label), key)
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(search.outcome)))
        self.outcome.currentIndexChanged.connect(self._outcome_chosen)
        flow.addWidget(self.outcome)
        # What was found, by address: tracked like an in-app result from then on.
        # TRANSLATORS: button beside a search: record the addresses of pages found in the browser.
        self.add_found_button = QPushButton(_("Add what you found…"))
        self.add_found_button.setAutoDefault(True)
        self.add_found_button.clicked.connect(lambda: self.add_found_requested.emit(self.search.id))
        flow.addWidget(self.add_found_button)
        # TRANSLATORS: button beside a search: change its words.
        self.change_button = QPushButton(_("Change"))
        self.change_button.clicked.connect(self._change_clicked)
        # TRANSLATORS: button shown while a search's words are being changed: keep the old words.
        self.cancel_edit_button = QPushButton(_("Keep as it was"))
        self.cancel_edit_button.setVisible(False)
        self.cancel_edit_button.clicked.connect(self.cancel_edit)
        # TRANSLATORS: button beside a search the person added: take it out of the plan.
        self.remove_button = QPushButton(pgettext("button", "Remove"))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self.search.id))
        for button in (self.change_button, self.cancel_edit_button, self.remove_button):
            button.setAutoDefault(True)
            flow.addWidget(button)
        # Shown only once it has a parent: a widget shown without one opens as a window of its own.
        self.remove_button.setVisible(search.kind == "custom")

        self.found_count = PlainLabel("", role="muted")
        self.found_count.setVisible(False)
        self.note_row = QWidget()
        line = QHBoxLayout(self.note_row)
        line.setContentsMargins(0, 0, 0, 0)
        note_label = QLabel(_("Note:"))
        self.note = QLineEdit(search.note)
        self.note.setMaxLength(1000)
        self.note.setPlaceholderText(_("optional, for example which page and what to do about it"))
        note_label.setBuddy(self.note)
        self.note.textEdited.connect(lambda text: self.note_changed.emit(self.search.id, text))
        line.addWidget(note_label)
        line.addWidget(self.note, 1)

        self.set_text(search.text, changed)
        self._loading = False
        self._place(compact=False)
        self._refresh()

    # --- layout --------------------------------------------------------------------------

    def _place(self, compact: bool) -> None:
        if compact == self.compact:
            return
        self.compact = compact
        self.grid.removeWidget(self.actions)
        self.grid.removeWidget(self.note_row)
        self.grid.removeWidget(self.found_count)
        if compact:
            self.grid.addWidget(self.actions, 1, 1)
            self.grid.addWidget(self.note_row, 2, 1)
            self.grid.addWidget(self.found_count, 3, 1)
        else:
            self.grid.addWidget(self.actions, 0, 2, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
            self.grid.addWidget(self.note_row, 1, 1, 1, 2)
            self.grid.addWidget(self.found_count, 2, 1, 1, 2)

    def _fit(self) -> None:
        room_for_words = self.fontMetrics().averageCharWidth() * 26
        self._place(self.width() < room_for_words + self.actions.layout().sizeHint().width() + 60)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self._fit()

    # --- names and looks -----------------------------------------------------------------

    def _set_names(self) -> None:
        # What a screen reader calls each control of the row: {words} are the search's words.
        words = self.search.text
        # TRANSLATORS: what a screen reader calls the tick box of a planned search; {words} are the search's words.
        self.check.setAccessibleName(_("Include this search: {words}").format(words=words))
        self.text.setAccessibleName(words)
        # TRANSLATORS: what a screen reader calls the box for changing a search's words; {words} are the search's words.
        self.editor.setAccessibleName(_("New words for the search {words}").format(words=words))
        # TRANSLATORS: what a screen reader calls the Change button; {words} are the search's words.
        self.change_button.setAccessibleName(_("Change the words: {words}").format(words=words))
        # TRANSLATORS: what a screen reader calls the Keep as it was button; {words} are the search's words.
        self.cancel_edit_button.setAccessibleName(_("Keep the words as they were: {words}").format(words=words))
        # TRANSLATORS: what a screen reader calls the Remove button; {words} are the search's words.
        self.remove_button.setAccessibleName(_("Remove your search: {words}").format(words=words))
        # TRANSLATORS: what a screen reader calls the Open in browser button; {words} are the search's words.
        self.open_button.setAccessibleName(_("Open in browser: {words}").format(words=words))
        # TRANSLATORS: what a screen reader calls the Add what you found button; {words} are the search's words.
        self.add_found_button.setAccessibleName(_("Add what you found searching {words}").format(words=words))
        # TRANSLATORS: what a screen reader calls the Open in browser instead button; {words} are the search's words.
        self.fallback_button.setAccessibleName(_("Open in browser instead: {words}").format(words=words))
        # TRANSLATORS: what a screen reader calls the list of what the search found; {words} are the search's words.
        self.outcome.setAccessibleName(_("What you found: {words}").format(words=words))
        self.note.setAccessibleName(_("Note: {about}").format(about=words))

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        # In the app the status line keeps its room while empty: when a run starts, fifteen rows
        # growing a line each would move and repaint the whole page.
        keep_room(self.status, mode == APP)
        self._refresh()

    def set_status(self, state: str, message: str = "", pages: int | None = None) -> None:
        """pages: with DONE, how many pages are now recorded against this search (said in the
        status line, so the row changes once)."""
        if pages is not None and pages != self.pages:
            self.pages, self.found_message = pages, ""
        elif (state, message) == (self.state, self.message):
            return  # each refresh costs a layout pass
        self.state, self.message = state, message
        self._refresh()

    def set_busy(self, busy: bool) -> None:
        """While a run is going, the plan itself stays as it is."""
        for widget in (self.check, self.change_button, self.remove_button):
            widget.setEnabled(not busy)

    def _refresh(self) -> None:
        enabled = self.check.isChecked()
        in_browser = self.mode == BROWSER
        trouble = self.state in (FAILED, SKIPPED, NOT_SENT)
        restyle(self.text, "off", not enabled)
        self.open_button.setVisible(in_browser and not self.editing)  # the words get the room while editing
        self.open_button.setEnabled(enabled)
        status = self._status_text()
        # In the app the line stays shown, blank when there is nothing to say: showing fifteen
        # labels as a run starts costs more than the rest of starting it.
        self.status.setText(status or (" " if not in_browser else ""))
        self.status.setVisible(not in_browser)
        restyle(self.status, "role", "error" if self.state == FAILED else "muted")
        self.fallback_button.setVisible(not in_browser and trouble and enabled and not self.editing)
        # Outcomes are for what the person looked at in the browser.
        show_outcome = enabled and not self.editing and (in_browser or trouble or bool(self.outcome_value()))
        self.outcome.setVisible(show_outcome)
        self.add_found_button.setVisible(show_outcome)
        self.note_row.setVisible(show_outcome and (bool(self.outcome_value()) or bool(self.note.text())))
        self._show_found()
        self._fit()

    def _status_text(self) -> str:
        if not self.check.isChecked():
            return _("Not ticked: this search will not be sent.")
        if self.state == QUEUED:
            # TRANSLATORS: under a search waiting its turn in a run.
            return _("Waiting to run…")
        if self.state == RUNNING:
            # TRANSLATORS: under one search while it runs.
            return _("Searching…")
        if self.state == DONE and not self.message:
            # TRANSLATORS: under a search that has run; "2. What was found" is the name of the second tab.
            return (ngettext("{n} page found: see 2. What was found.", "{n} pages found: see 2. What was found.",
                             self.pages).format(n=self.pages) if self.pages
                    # TRANSLATORS: under a search that ran and found nothing.
                    else _("Nothing found."))
        if self.state in (DONE, FAILED, SKIPPED, CANCELLED, NOT_SENT):
            return self.message
        if self.search.browser_only:
            return _("Image searches only work in your browser.")
        return ""

    # --- editing -------------------------------------------------------------------------

    def _toggled(self, on: bool) -> None:
        self._refresh()
        self.toggled.emit(self.search.id, on)

    def _change_clicked(self) -> None:
        if self.editor.isVisible():
            self.finish_edit()
        else:
            self.begin_edit()

    def begin_edit(self) -> None:
        if not self.change_button.isEnabled():
            return
        self.editor.setText(self.search.text)
        self.editing = True
        self._refresh()
        self.text.setVisible(False)
        self.editor.setVisible(True)
        self.cancel_edit_button.setVisible(True)
        # TRANSLATORS: the Change button while the words are being changed: keep the new words.
        self.change_button.setText(pgettext("button", "Save"))
        self.editor.setFocus()
        self.editor.selectAll()
        self._fit()

    def finish_edit(self) -> None:
        words = " ".join(self.editor.text().split())
        if not words:
            # TRANSLATORS: "Keep as it was" is the name of a button.
            show_error(self.edit_error, _("Type some words to search for, or press Keep as it was."))
            return
        show_error(self.edit_error, None)
        changed = words != self.search.text
        self._end_edit()
        if changed:
            self.edited.emit(self.search.id, words)

    def cancel_edit(self) -> None:
        show_error(self.edit_error, None)
        self._end_edit()

    def _end_edit(self) -> None:
        self.editing = False
        self._refresh()
        self.editor.setVisible(False)
        self.cancel_edit_button.setVisible(False)
        self.text.setVisible(True)
        self.change_button.setText(_("Change"))
        self.change_button.setFocus()
        self._fit()

    def set_text(self, text: str, changed: bool) -> None:
        self.search.text = text
        self.text.setText(text)
        kind = _(KINDS.get(self.search.kind, KINDS["custom"]))
        # TRANSLATORS: under a search whose words the person changed; {kind} is what it searches for,
        # such as "Your name and town".
        self.kind.setText(_("{kind} (changed by you)").format(kind=kind) if changed else kind)
        self._set_names()

    # --- outcome -------------------------------------------------------------------------

    def outcome_value(self) -> str:
        return self.outcome.currentData() or ""

    def _outcome_chosen(self, _index: int) -> None:
        if self._loading:
            return
        self._refresh()
        self.outcome_changed.emit(self.search.id, self.outcome_value())

    def set_found(self, pages: int, message: str = "") -> None:
        """How many pages are recorded against this search (found in the app or added by hand),
        or what just happened to some the person added."""
        if (pages, message) != (self.pages, self.found_message):
            self.pages, self.found_message = pages, message
            if self.state == DONE:
                self.status.setText(self._status_text())
            self._show_found()

    def _show_found(self) -> None:
        # Once a search has run in the app, its status line says how many pages it found: a
        # second line saying the same would only push every row below it down the page.
        ran = self.mode == APP and self.state == DONE
        # TRANSLATORS: under a search; "2. What was found" is the name of the second tab.
        text = self.found_message or ("" if ran or not self.pages else ngettext(
            "{n} page recorded: see 2. What was found.", "{n} pages recorded: see 2. What was found.",
            self.pages).format(n=self.pages))
        if text != self.found_count.text():
            self.found_count.setText(text)
            self.found_count.setVisible(bool(text))
