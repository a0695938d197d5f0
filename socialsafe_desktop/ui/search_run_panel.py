"""Searching inside the app: which service, the button that names where the searches go, Cancel,
progress, and what happened (including one banner when the computer seems to be offline)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ..app.providers import ProviderChoice
from ..core.i18n import _, ngettext
from .flow_layout import FlowLayout
from .widgets import ComboBox, PlainLabel, announce, disable, keep_room, restyle, set_progress


class RunPanel(QWidget):
    provider_chosen = Signal(str)
    run_requested = Signal()
    cancel_requested = Signal()
    open_rest_requested = Signal()  # offline: open the searches not run in the browser

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._run_text = ""
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        line = QWidget()
        flow = FlowLayout(line)
        # TRANSLATORS: the label of the list of search services. Keep the & (shortcut).
        label = QLabel(_("Search &service:"))
        self.provider = ComboBox()
        # TRANSLATORS: what a screen reader calls the list of search services.
        self.provider.setAccessibleName(_("Search service"))
        label.setBuddy(self.provider)
        flow.addWidget(label)
        flow.addWidget(self.provider)
        column.addWidget(line)
        self.note = PlainLabel("", role="muted")
        column.addWidget(self.note)
        line = QWidget()
        flow = FlowLayout(line)
        self.run_button = QPushButton("")
        self.run_button.setProperty("role", "primary")
        self.run_button.setAutoDefault(True)
        self.run_button.clicked.connect(self.run_requested)
        # TRANSLATORS: button that stops the searches running inside the app. Keep the & (shortcut).
        self.cancel_button = QPushButton(_("&Cancel"))
        # TRANSLATORS: what a screen reader calls the Cancel button.
        self.cancel_button.setAccessibleName(_("Cancel the searches"))
        self.cancel_button.setAutoDefault(True)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_requested)
        flow.addWidget(self.run_button)
        flow.addWidget(self.cancel_button)
        column.addWidget(line)
        self.progress_bar = QProgressBar()
        # TRANSLATORS: what a screen reader calls the run's progress bar.
        self.progress_bar.setAccessibleName(_("Searches done"))
        self._set_progress_format(0)
        self.progress_bar.setVisible(False)
        column.addWidget(self.progress_bar)
        self.status = PlainLabel("", role="muted")
        self.status.setVisible(False)
        column.addWidget(self.status)
        # Their room (a line, for the message) is kept while hidden: showing them when a run
        # starts moves nothing below.
        keep_room(self.progress_bar)
        keep_room(self.status)
        self.status.setText(" ")
        self.offline = QWidget()
        offline = QVBoxLayout(self.offline)
        offline.setContentsMargins(0, 0, 0, 0)
        self.offline_text = PlainLabel("", role="warning")
        offline.addWidget(self.offline_text)
        self.open_rest_button = QPushButton("")
        self.open_rest_button.setAutoDefault(True)
        self.open_rest_button.clicked.connect(self.open_rest_requested)
        line = QWidget()
        FlowLayout(line).addWidget(self.open_rest_button)
        offline.addWidget(line)
        column.addWidget(self.offline)
        self.offline.setVisible(False)
        self.provider.currentIndexChanged.connect(self._provider_changed)

    # --- what the page tells it ------------------------------------------------------------

    def set_choices(self, choices: list[ProviderChoice], selected: str | None) -> None:
        self._loading = True
        try:
            self.provider.clear()
            for choice in choices:
                # TRANSLATORS: a search service that cannot be used, with why: {service} is its name.
                self.provider.addItem(_("{service} ({problem})").format(service=choice.label, problem=choice.problem)
                                      if choice.problem else choice.label, choice.name)
                # Listed but greyed out, with the reason, so the person knows it exists.
                self.provider.model().item(self.provider.count() - 1).setEnabled(choice.usable)
            self.provider.setCurrentIndex(self.provider.findData(selected) if selected else -1)
        finally:
            self._loading = False

    def chosen(self) -> str | None:
        return self.provider.currentData()

    def set_run_text(self, text: str, room: int) -> None:
        """The button names where the searches go; in a narrow window the address takes a second line."""
        self._run_text = text
        self.fit_run_text(room)
        self.run_button.setAccessibleName(text.replace("&", ""))

    def fit_run_text(self, room: int) -> None:
        text = self._run_text
        if " (" in text and self.run_button.fontMetrics().horizontalAdvance(text.replace("&", "")) > room - 80:
            text = text.replace(" (", "\n(", 1)
        if self.run_button.text() != text:
            self.run_button.setText(text)

    def set_running(self, running: bool, can_run: bool) -> None:
        if running:
            self.cancel_button.setEnabled(True)
            disable(self.run_button, focus_to=self.cancel_button)
        else:
            self.run_button.setEnabled(can_run)
            disable(self.cancel_button, focus_to=self.run_button if can_run else self.provider)

    def show_status(self, text: str, error: bool = False) -> None:
        self.status.setText(text or " ")  # hidden when empty, keeping its line
        restyle(self.status, "role", "error" if error else "muted")
        self.status.setVisible(bool(text))
        self.status.setAccessibleName(text)
        announce(self, text, assertive=error)

    def start(self) -> None:
        self.progress_bar.setVisible(True)
        self.offline.setVisible(False)

    def progress(self, settled: int, total: int) -> None:
        # Range and value only: Qt fills in the "%v of %m" text, and a new format string each
        # time would make the whole tab lay itself out again.
        if self.progress_bar.maximum() != max(1, total):
            self.progress_bar.setRange(0, max(1, total))
            self._set_progress_format(total)
        set_progress(self.progress_bar, settled)

    def _set_progress_format(self, total: int) -> None:
        # Qt puts the numbers in (%v done, %m in all); the translator sees names for them.
        # TRANSLATORS: in the progress bar of a run of searches: {done} of {total} searches done.
        text = ngettext("{done} of {total} search done", "{done} of {total} searches done", total)
        self.progress_bar.setFormat(text.format(done="%v", total="%m"))

    def show_offline(self, message: str, remaining: int) -> None:
        """One banner for a run that stopped: offline, or the service asked for a human check."""
        self.offline_text.setText(message)
        self.offline_text.setAccessibleName(message)
        # TRANSLATORS: button after a run stopped (offline, or a human check): open the searches left.
        self.open_rest_button.setText(ngettext("Open the {n} search not run in your browser",
                                               "Open the {n} searches not run in your browser",
                                               remaining).format(n=remaining) if remaining else "")
        self.open_rest_button.setVisible(bool(remaining))
        self.offline.setVisible(True)
        announce(self, message, assertive=True)

    def hide_offline(self) -> None:
        self.offline.setVisible(False)

    def _provider_changed(self, _index: int) -> None:
        if not self._loading and self.provider.currentData():
            self.provider_chosen.emit(self.provider.currentData())
