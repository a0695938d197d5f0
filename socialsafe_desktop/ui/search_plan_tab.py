"""The first tab of Search yourself: where to search (the person's browser, or inside the app
through a service), the plan of searches built from About you, and a box to add their own."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..app.search_plan import PlanEntry
from ..core.i18n import _, pgettext
from ..core.queries import MAX_QUERY
from ..search.browser import ENGINES
from .flow_layout import FlowLayout
from .search_row import APP, BROWSER, SearchRow
from .search_run_panel import RunPanel
from .widgets import Card, PlainLabel, ScrollArea, error_label, heading, one_layout_pass, radio_arrows


class PlanTab(QWidget):
    mode_chosen = Signal(str)
    engine_chosen = Signal(str)
    open_all_requested = Signal()
    add_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self._loading = False
        self.rows: dict[str, SearchRow] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # One scrolling column: with large text a fixed top part would leave no room for the list.
        # TRANSLATORS: what a screen reader calls the first tab's scrolling area.
        self.scroller = ScrollArea(_("Your searches"))
        outer.addWidget(self.scroller)
        self.scroller.viewport().installEventFilter(self)
        holder = QWidget()
        holder.setObjectName("page")
        self.scroller.setWidget(holder)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 10, 12, 12)
        column.setSpacing(8)
        column.addWidget(PlainLabel(
            _("See what a pupil, a parent or a journalist would find if they looked you up. Check the searches "
              "below, then choose where to run them: nothing is sent anywhere until you press a button that "
              "says where."), role="lead"))
        column.addWidget(self._where_card())

        header = QHBoxLayout()
        # TRANSLATORS: the heading over the list of planned searches.
        header.addWidget(heading(_("Your searches"), 2))
        self.count_label = PlainLabel("", role="muted", wrap=False)
        header.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        header.addStretch(1)
        column.addLayout(header)
        # TRANSLATORS: "About you" is a step's name; "Change" is the button beside each search.
        self.plan_help = PlainLabel(_("Built from About you. Untick any you would rather not run; press "
                                      "Change (or double-click the words) to edit one."), role="muted")
        column.addWidget(self.plan_help)
        self.empty_plan = PlainLabel(_("There is nothing to search for yet. Go back to About you and add "
                                       "your name, or add your own search below."), role="notice")
        column.addWidget(self.empty_plan)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(0)
        column.addLayout(self.rows_layout)

        add = QHBoxLayout()
        # TRANSLATORS: the label of the box for a search of one's own. Keep the & (shortcut).
        add_label = QLabel(_("&Add a search:"))
        self.add_edit = QLineEdit()
        self.add_edit.setMaxLength(MAX_QUERY)
        # TRANSLATORS: placeholder in the box for a search of one's own; an example of search words.
        self.add_edit.setPlaceholderText(_('for example "Sam Doe" swimming club'))
        # TRANSLATORS: what a screen reader calls the box for a search of one's own.
        self.add_edit.setAccessibleName(_("Add a search"))
        add_label.setBuddy(self.add_edit)
        # TRANSLATORS: button beside the box for a search of one's own.
        self.add_button = QPushButton(pgettext("button", "Add"))
        self.add_button.setAutoDefault(True)
        # TRANSLATORS: what a screen reader calls the Add button.
        self.add_button.setAccessibleName(_("Add this search"))
        self.add_edit.returnPressed.connect(lambda: self.add_requested.emit(self.add_edit.text()))
        self.add_button.clicked.connect(lambda: self.add_requested.emit(self.add_edit.text()))
        add.addWidget(add_label)
        add.addWidget(self.add_edit, 1)
        add.addWidget(self.add_button)
        column.addLayout(add)
        self.add_error = error_label()
        column.addWidget(self.add_error)
        column.addStretch(1)

        self.browser_radio.toggled.connect(self._mode_toggled)
        self.engine.currentIndexChanged.connect(self._engine_changed)

    def _where_card(self) -> Card:
        where = Card()
        where.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)  # grows as its text wraps
        # TRANSLATORS: what a screen reader calls the box with the ways to search.
        where.setAccessibleName(_("Where to search"))
        self.modes = QWidget()
        flow = FlowLayout(self.modes, spacing=14)
        # TRANSLATORS: the question before the two ways to search.
        flow.addWidget(PlainLabel(_("Where to search:"), role="h3", wrap=False))
        # TRANSLATORS: the two answers to "Where to search:". Keep the & (shortcut) on a letter of each.
        self.browser_radio = QRadioButton(_("In your own bro&wser"))
        # TRANSLATORS: the second answer to "Where to search:". Keep the & (shortcut).
        self.app_radio = QRadioButton(_("&Inside this app"))
        # TRANSLATORS: what a screen reader calls the two ways to search.
        self.browser_radio.setAccessibleName(_("Search in your own browser"))
        # TRANSLATORS: what a screen reader calls the second way to search.
        self.app_radio.setAccessibleName(_("Search inside this app"))
        flow.addWidget(self.browser_radio)
        flow.addWidget(self.app_radio)
        radio_arrows([self.browser_radio, self.app_radio])
        where.layout_.addWidget(self.modes)

        self.browser_panel = QWidget()
        browser = QVBoxLayout(self.browser_panel)
        browser.setContentsMargins(0, 0, 0, 0)
        line = QWidget()
        flow = FlowLayout(line)
        # TRANSLATORS: the label of the list of search engines. Keep the & (shortcut).
        engine_label = QLabel(_("Search &engine:"))
        self.engine = QComboBox()
        for engine in ENGINES.values():
            self.engine.addItem(engine.name, engine.id)  # names of search engines, not translated
        # TRANSLATORS: what a screen reader calls the list of search engines.
        self.engine.setAccessibleName(_("Search engine"))
        engine_label.setBuddy(self.engine)
        self.open_all = QPushButton("")
        self.open_all.setAutoDefault(True)
        self.open_all.clicked.connect(self.open_all_requested)
        for widget in (engine_label, self.engine, self.open_all):
            flow.addWidget(widget)
        browser.addWidget(line)
        self.browser_note = PlainLabel("", role="muted")
        browser.addWidget(self.browser_note)
        where.layout_.addWidget(self.browser_panel)

        self.run_panel = RunPanel()
        where.layout_.addWidget(self.run_panel)
        return where

    # --- modes ----------------------------------------------------------------------------

    def set_choices(self, *, app_allowed: bool, mode: str, engine: str) -> None:
        self._loading = True
        try:
            self.modes.setVisible(app_allowed)  # with only one way to search there is nothing to choose
            self.app_radio.setChecked(mode == APP)
            self.browser_radio.setChecked(mode != APP)
            self.engine.setCurrentIndex(max(0, self.engine.findData(engine)))
        finally:
            self._loading = False
        self.show_mode(mode)

    def mode(self) -> str:
        return APP if self.modes.isVisible() and self.app_radio.isChecked() else BROWSER

    def show_mode(self, mode: str) -> None:
        with self.changing_rows():
            self.browser_panel.setVisible(mode == BROWSER)
            self.run_panel.setVisible(mode == APP)
            for row in self.rows.values():
                row.set_mode(mode)

    def changing_rows(self):
        """Around a change to many rows at once: the page is laid out once, at the end."""
        return one_layout_pass(self.scroller.widget())

    def engine_id(self) -> str:
        return self.engine.currentData() or "duckduckgo"

    def _mode_toggled(self, _checked: bool) -> None:
        mode = APP if self.app_radio.isChecked() else BROWSER
        self.show_mode(mode)
        if not self._loading:
            self.mode_chosen.emit(mode)

    def _engine_changed(self, _index: int) -> None:
        if not self._loading:
            self.engine_chosen.emit(self.engine_id())

    # --- the rows -------------------------------------------------------------------------

    def render_rows(self, entries: list[PlanEntry], connect: Callable[[SearchRow], None]) -> None:
        for row in self.rows.values():
            row.hide()
            row.setParent(None)
            row.deleteLater()
        self.rows.clear()
        with self.changing_rows():
            for entry in entries:
                row = SearchRow(entry.search, entry.changed)
                row.set_mode(self.mode())
                connect(row)
                self.rows_layout.addWidget(row)
                row.show()  # now, not at the next layout pass, so a new row can take focus at once
                self.rows[entry.search.id] = row
        self.empty_plan.setVisible(not entries)
        self.plan_help.setVisible(bool(entries))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt naming)
        if watched is self.scroller.viewport() and event.type() == QEvent.Type.Resize:
            self.run_panel.fit_run_text(self.scroller.viewport().width())
        return super().eventFilter(watched, event)
