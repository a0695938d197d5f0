"""Step 3: Search yourself.

Two tabs. "1. Your searches" shows the plan built from About you (and the platforms the person
uses) before anything runs; the person unticks, changes or adds searches, then either opens
them in their own browser (the app sends nothing) or runs them inside the app through a search
provider. "2. What was found" lists the pages an in-app run found, for the person to judge.

Nothing leaves the computer until a button that names the destination is pressed. Runs happen
off the GUI thread (SearchBridge); results are saved as they arrive; every choice is saved at once.
"""

from __future__ import annotations

import itertools
from urllib.parse import urlsplit

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.audit import SEARCH_OUTCOMES, Finding
from ...core.links import is_openable_url
from ...core.queries import KINDS, PlannedSearch, build_plan, custom_search
from ...search.browser import ENGINES, browser_url_for, engine_has_images
from ...search.canned import demo_provider
from ...search.providers import MAX_QUERY, make_provider
from ...search.results import SearchError
from ...search.settings import PROVIDER_LABELS
from ...search.urls import merge_results
from ..search_results import FlowLayout, ResultsView
from ..search_worker import SearchBridge
from ..widgets import Card, PlainLabel, error_label, heading, show_error
from .base import StepPage

MODE_SETTING = "search.mode"
ENGINE_SETTING = "search.engine"
PROVIDER_SETTING = "search.provider"
BROWSER, APP = "browser", "app"
ASK_BEFORE_OPENING = 5  # more tabs than this at once gets a question first

# Row states while running in the app.
QUEUED, RUNNING, DONE, FAILED, SKIPPED, CANCELLED = "queued", "running", "done", "failed", "skipped", "cancelled"


def endpoint_host(endpoint: str) -> str:
    """What the Run button names as the destination: the host (and port, if not the usual one)."""
    try:
        parts = urlsplit(endpoint)
        host = parts.hostname or ""
        return f"{host}:{parts.port}" if parts.port else host
    except ValueError:
        return ""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'es' if word.endswith('ch') else 's'}" if n != 1 else f"1 {word}"


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

    def __init__(self, search: PlannedSearch, outcome: str, note: str, changed: bool,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.search = search
        self.setProperty("role", "searchrow")
        self.mode = BROWSER
        self.state, self.message = "", ""
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
        self.open_button = QPushButton("Open in browser")
        self.fallback_button = QPushButton("Open in browser instead")
        for button in (self.open_button, self.fallback_button):
            button.setAutoDefault(True)
            button.clicked.connect(lambda: self.open_requested.emit(self.search.id))
            flow.addWidget(button)
        # What the person saw in their browser, recorded by hand.
        self.outcome = QComboBox()
        self.outcome.addItem("What did you find?", "")
        for key, label in SEARCH_OUTCOMES.items():
            self.outcome.addItem(label, key)
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(outcome)))
        self.outcome.currentIndexChanged.connect(self._outcome_chosen)
        flow.addWidget(self.outcome)
        self.change_button = QPushButton("Change")
        self.change_button.clicked.connect(self._change_clicked)
        self.cancel_edit_button = QPushButton("Keep as it was")
        self.cancel_edit_button.setVisible(False)
        self.cancel_edit_button.clicked.connect(self.cancel_edit)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self.search.id))
        for button in (self.change_button, self.cancel_edit_button, self.remove_button):
            button.setAutoDefault(True)
            flow.addWidget(button)
        # Shown only once it has a parent: a widget shown without one opens as a window of its own.
        self.remove_button.setVisible(search.kind == "custom")

        self.note_row = QWidget()
        line = QHBoxLayout(self.note_row)
        line.setContentsMargins(0, 0, 0, 0)
        note_label = QLabel("Note:")
        self.note = QLineEdit(note)
        self.note.setMaxLength(1000)
        self.note.setPlaceholderText("optional, for example which page and what to do about it")
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
        if compact:
            self.grid.addWidget(self.actions, 1, 1)
            self.grid.addWidget(self.note_row, 2, 1)
        else:
            self.grid.addWidget(self.actions, 0, 2, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
            self.grid.addWidget(self.note_row, 1, 1, 1, 2)

    def _fit(self) -> None:
        room_for_words = self.fontMetrics().averageCharWidth() * 26
        self._place(self.width() < room_for_words + self.actions.layout().sizeHint().width() + 60)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self._fit()

    # --- names and looks -----------------------------------------------------------------

    def _set_names(self) -> None:
        words = self.search.text
        self.check.setAccessibleName(f"Include this search: {words}")
        self.text.setAccessibleName(words)
        self.editor.setAccessibleName(f"New words for the search {words}")
        self.change_button.setAccessibleName(f"Change the words: {words}")
        self.cancel_edit_button.setAccessibleName(f"Keep the words as they were: {words}")
        self.remove_button.setAccessibleName(f"Remove your search: {words}")
        self.open_button.setAccessibleName(f"Open in browser: {words}")
        self.fallback_button.setAccessibleName(f"Open in browser instead: {words}")
        self.outcome.setAccessibleName(f"What you found: {words}")
        self.note.setAccessibleName(f"Note: {words}")

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self._refresh()

    def set_status(self, state: str, message: str = "") -> None:
        if (state, message) != (self.state, self.message):  # each refresh costs a layout pass
            self.state, self.message = state, message
            self._refresh()

    def set_busy(self, busy: bool) -> None:
        """While a run is going, the plan itself stays as it is."""
        for widget in (self.check, self.change_button, self.remove_button):
            widget.setEnabled(not busy)

    def _restyle(self, widget: QWidget, name: str, value) -> None:
        if widget.property(name) != value:
            widget.setProperty(name, value)
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def _refresh(self) -> None:
        enabled = self.check.isChecked()
        in_browser = self.mode == BROWSER
        trouble = self.state in (FAILED, SKIPPED)
        self._restyle(self.text, "off", not enabled)
        self.open_button.setVisible(in_browser and not self.editing)  # the words get the room while editing
        self.open_button.setEnabled(enabled)
        status = self._status_text()
        self.status.setText(status)
        self.status.setVisible(not in_browser and bool(status))
        self._restyle(self.status, "role", "error" if self.state == FAILED else "muted")
        self.fallback_button.setVisible(not in_browser and trouble and enabled and not self.editing)
        # Outcomes are for what the person looked at in the browser.
        show_outcome = enabled and not self.editing and (in_browser or trouble or bool(self.outcome_value()))
        self.outcome.setVisible(show_outcome)
        self.note_row.setVisible(show_outcome and (bool(self.outcome_value()) or bool(self.note.text())))
        self._fit()

    def _status_text(self) -> str:
        if not self.check.isChecked():
            return "Not ticked: this search will not be sent."
        if self.state == QUEUED:
            return "Waiting to run…"
        if self.state == RUNNING:
            return "Searching…"
        if self.state in (DONE, FAILED, SKIPPED, CANCELLED):
            return self.message
        if self.search.browser_only:
            return "Image searches only work in your browser."
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
        self.change_button.setText("Save")
        self.editor.setFocus()
        self.editor.selectAll()
        self._fit()

    def finish_edit(self) -> None:
        words = " ".join(self.editor.text().split())
        if not words:
            show_error(self.edit_error, "Type some words to search for, or press Keep as it was.")
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
        self.change_button.setText("Change")
        self.change_button.setFocus()
        self._fit()

    def set_text(self, text: str, changed: bool) -> None:
        self.search.text = text
        self.text.setText(text)
        self.kind.setText(KINDS.get(self.search.kind, KINDS["custom"]) + (" (changed by you)" if changed else ""))
        self._set_names()

    # --- outcome -------------------------------------------------------------------------

    def outcome_value(self) -> str:
        return self.outcome.currentData() or ""

    def _outcome_chosen(self, _index: int) -> None:
        if self._loading:
            return
        self._refresh()
        self.outcome_changed.emit(self.search.id, self.outcome_value())

    def focus_chain(self) -> list[QWidget]:
        return [self.check, self.editor, self.open_button, self.fallback_button, self.outcome,
                self.change_button, self.cancel_edit_button, self.remove_button, self.note]


def _recorded(row: dict) -> bool:
    """Whether the person recorded anything against a stored search."""
    return bool(row["outcome"] or row["note"] or not row["enabled"])


class SearchPage(StepPage):
    step_id = "search"

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.fill_height()  # the two tabs scroll on their own
        self.plan: list[PlannedSearch] = []
        self.rows: dict[str, SearchRow] = {}
        self.built_texts: dict[str, str] = {}
        self.statuses: dict[str, tuple[str, str]] = {}
        self._loading = False
        self.provider_reasons = ""
        self._run_text = ""
        self.bridge = SearchBridge(ctx.search_settings, self, client_factory=ctx.search_client_factory)
        self.bridge.search_state.connect(self._search_state)
        self.bridge.search_done.connect(self._search_done)
        self.bridge.search_failed.connect(self._search_failed)
        self.bridge.progress.connect(self._progress)
        self.bridge.finished.connect(self._run_finished)

        self.demo_notice = PlainLabel("", role="notice")
        self.demo_notice.setVisible(False)
        self.layout_.addWidget(self.demo_notice)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Search yourself")
        self.layout_.addWidget(self.tabs, 1)

        self.plan_tab = QWidget()
        self.plan_tab.setObjectName("page")
        self.tabs.addTab(self.plan_tab, "&1. Your searches")
        self._build_plan_tab()
        self.results = ResultsView(ctx, self._search_text, self._open_result)
        self.results.setObjectName("page")
        self.results.counts_changed.connect(self._results_counted)
        self.tabs.addTab(self.results, "&2. What was found")
        self._load_choices()

    # --- building -----------------------------------------------------------------------

    def _build_plan_tab(self) -> None:
        # One scrolling column: with large text a fixed top part would leave no room for the list.
        outer = QVBoxLayout(self.plan_tab)
        outer.setContentsMargins(0, 0, 0, 0)
        self.plan_scroller = QScrollArea()
        self.plan_scroller.setWidgetResizable(True)
        self.plan_scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        self.plan_scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(self.plan_scroller)
        self.plan_scroller.viewport().installEventFilter(self)
        holder = QWidget()
        holder.setObjectName("page")
        self.plan_scroller.setWidget(holder)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 10, 12, 12)
        column.setSpacing(8)
        column.addWidget(PlainLabel(
            "See what a pupil, a parent or a journalist would find if they looked you up. Check the searches "
            "below, then choose where to run them: nothing is sent anywhere until you press a button that "
            "says where.", role="lead"))

        where = Card()
        where.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)  # grows as its text wraps
        where.setAccessibleName("Where to search")
        modes = QWidget()
        flow = FlowLayout(modes, spacing=14)
        flow.addWidget(PlainLabel("Where to search:", role="h3", wrap=False))
        self.browser_radio = QRadioButton("In your own bro&wser")
        self.app_radio = QRadioButton("&Inside this app")
        self.browser_radio.setAccessibleName("Search in your own browser")
        self.app_radio.setAccessibleName("Search inside this app")
        flow.addWidget(self.browser_radio)
        flow.addWidget(self.app_radio)
        where.layout_.addWidget(modes)
        self.modes = modes
        self._apply_allowed_modes()

        self.browser_panel = QWidget()
        browser = QVBoxLayout(self.browser_panel)
        browser.setContentsMargins(0, 0, 0, 0)
        line = QWidget()
        flow = FlowLayout(line)
        engine_label = QLabel("Search &engine:")
        self.engine = QComboBox()
        for engine in ENGINES.values():
            self.engine.addItem(engine.name, engine.id)
        self.engine.setAccessibleName("Search engine")
        engine_label.setBuddy(self.engine)
        self.open_all = QPushButton("")
        self.open_all.setAutoDefault(True)
        self.open_all.clicked.connect(self.open_all_in_browser)
        for widget in (engine_label, self.engine, self.open_all):
            flow.addWidget(widget)
        browser.addWidget(line)
        self.browser_note = PlainLabel("", role="muted")
        browser.addWidget(self.browser_note)
        where.layout_.addWidget(self.browser_panel)

        self.app_panel = QWidget()
        app = QVBoxLayout(self.app_panel)
        app.setContentsMargins(0, 0, 0, 0)
        line = QWidget()
        flow = FlowLayout(line)
        provider_label = QLabel("Search &service:")
        self.provider = QComboBox()
        self.provider.setAccessibleName("Search service")
        provider_label.setBuddy(self.provider)
        flow.addWidget(provider_label)
        flow.addWidget(self.provider)
        app.addWidget(line)
        self.provider_note = PlainLabel("", role="muted")
        app.addWidget(self.provider_note)
        line = QWidget()
        flow = FlowLayout(line)
        self.run_button = QPushButton("")
        self.run_button.setProperty("role", "primary")
        self.run_button.setAutoDefault(True)
        self.run_button.clicked.connect(self.run_in_app)
        self.cancel_button = QPushButton("&Cancel")
        self.cancel_button.setAccessibleName("Cancel the searches")
        self.cancel_button.setAutoDefault(True)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_run)
        flow.addWidget(self.run_button)
        flow.addWidget(self.cancel_button)
        app.addWidget(line)
        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName("Searches done")
        self.progress_bar.setFormat("%v of %m searches done")
        self.progress_bar.setVisible(False)
        app.addWidget(self.progress_bar)
        self.run_status = PlainLabel("", role="muted")
        self.run_status.setVisible(False)
        app.addWidget(self.run_status)
        where.layout_.addWidget(self.app_panel)
        column.addWidget(where)

        header = QHBoxLayout()
        header.addWidget(heading("Your searches", 2))
        self.count_label = PlainLabel("", role="muted", wrap=False)
        header.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        header.addStretch(1)
        column.addLayout(header)
        self.plan_help = PlainLabel("Built from About you. Untick any you would rather not run; press "
                                    "Change (or double-click the words) to edit one.", role="muted")
        column.addWidget(self.plan_help)
        self.empty_plan = PlainLabel("There is nothing to search for yet. Go back to About you and add "
                                     "your name, or add your own search below.", role="notice")
        column.addWidget(self.empty_plan)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(0)
        column.addLayout(self.rows_layout)

        add = QHBoxLayout()
        add_label = QLabel("&Add a search:")
        self.add_edit = QLineEdit()
        self.add_edit.setMaxLength(MAX_QUERY)
        self.add_edit.setPlaceholderText('for example "Sam Doe" swimming club')
        self.add_edit.setAccessibleName("Add a search")
        add_label.setBuddy(self.add_edit)
        self.add_button = QPushButton("Add")
        self.add_button.setAutoDefault(True)
        self.add_button.setAccessibleName("Add this search")
        self.add_edit.returnPressed.connect(self.add_search)
        self.add_button.clicked.connect(self.add_search)
        add.addWidget(add_label)
        add.addWidget(self.add_edit, 1)
        add.addWidget(self.add_button)
        column.addLayout(add)
        self.add_error = error_label()
        column.addWidget(self.add_error)
        column.addStretch(1)

        self.browser_radio.toggled.connect(self._mode_toggled)
        self.engine.currentIndexChanged.connect(self._engine_changed)
        self.provider.currentIndexChanged.connect(self._provider_changed)

    def _load_choices(self) -> None:
        self._loading = True
        try:
            engine = self.ctx.store.setting(ENGINE_SETTING, "duckduckgo")
            self.engine.setCurrentIndex(max(0, self.engine.findData(engine)))
            self._fill_providers()
            mode = self.ctx.store.setting(MODE_SETTING, BROWSER)
            in_app = self.app_allowed and mode == APP
            self.app_radio.setChecked(in_app)
            self.browser_radio.setChecked(not in_app)
        finally:
            self._loading = False
        self._apply_mode()

    def _provider_problem(self, name: str) -> tuple[str, str] | None:
        """Why a provider cannot be used yet: a few words for the list and a sentence to explain."""
        settings = self.ctx.search_settings
        if name == "searxng" and not settings.endpoint("searxng"):
            return "no server address", "SearXNG needs a server address in Settings (ask your IT team)."
        if name == "brave":
            try:
                key = self.ctx.key_provider("brave")
            except Exception:  # a keyring that fails is the same as no key here
                key = None
            if not key:
                return "no API key", "Brave Search needs an API key in Settings."
        return None

    def _fill_providers(self) -> None:
        wanted = self.provider.currentData() or self.ctx.store.setting(PROVIDER_SETTING, "duckduckgo")
        was_loading, self._loading = self._loading, True
        try:
            self.provider.clear()
            reasons = []
            for name in self.ctx.allowed_providers:
                if name not in PROVIDER_LABELS:
                    continue
                label = PROVIDER_LABELS[name]
                problem = self._provider_problem(name)
                self.provider.addItem(f"{label} ({problem[0]})" if problem else label, name)
                if problem:
                    # Listed but greyed out, with the reason, so the person knows it exists.
                    self.provider.model().item(self.provider.count() - 1).setEnabled(False)
                    reasons.append(problem[1])
            usable = [i for i in range(self.provider.count()) if self.provider.model().item(i).isEnabled()]
            index = self.provider.findData(wanted)
            self.provider.setCurrentIndex(index if index in usable else (usable[0] if usable else -1))
            self.provider_reasons = " ".join(reasons)
        finally:
            self._loading = was_loading
        self._update_buttons()

    # --- the plan -----------------------------------------------------------------------

    def _apply_allowed_modes(self) -> None:
        """Policy and Settings decide whether in-app searching is offered; asked again on entry,
        so a change in Settings shows at once."""
        self.app_allowed = "app" in self.ctx.allowed_search_modes and bool(self.ctx.allowed_providers)
        self.modes.setVisible(self.app_allowed)  # with only one way to search there is nothing to choose

    def stop_work(self) -> None:
        """Called before the demo is reset: no run may outlive the store it writes to."""
        if self.bridge.is_running:
            self.bridge.cancel()

    def on_enter(self) -> None:
        self._apply_allowed_modes()
        if self.bridge.is_running:
            return  # the plan stays as it was sent until the run ends
        self._fill_providers()
        self.sync_plan()
        self.results.sync(self.ctx.store.findings())

    def _platform_domains(self, profile) -> dict[str, tuple[str, ...]]:
        # The platforms the person chose, plus any they named a username for in About you.
        wanted = self.ctx.store.chosen_platforms() | {h.platform for h in profile.filled_handles() if h.platform}
        return {p.id: p.domains for p in self.ctx.catalogue.platform_packs() if p.id in wanted and p.domains}

    def sync_plan(self) -> None:
        """Rebuild the plan when About you or the platforms changed (the ids differ), keeping the
        person's own searches, changed words and unticked searches; then show it."""
        store = self.ctx.store
        profile = store.profile()
        built = build_plan(profile, self._platform_domains(profile))
        self.built_texts = {s.id: s.text for s in built}
        stored = store.planned_searches()
        stored_ids = {r["search_id"] for r in stored if r["kind"] != "custom"}
        if stored_ids != set(self.built_texts) or not stored:
            old = {r["search_id"]: r for r in stored}
            rows = []
            for search in built:
                kept = old.get(search.id)
                rows.append({"search_id": search.id, "kind": search.kind,
                             "text": kept["text"] if kept else search.text,
                             "enabled": bool(kept["enabled"]) if kept else True,
                             "browser_only": search.browser_only})
            # (A kept search that About you produces again becomes a built one once more.)
            rows += [dict(r) for r in stored if r["kind"] == "custom" and r["search_id"] not in self.built_texts]
            # A built search that About you no longer produces keeps what the person recorded
            # against it: it stays in the plan as their own search, to remove if they wish.
            for r in stored:
                if r["kind"] != "custom" and r["search_id"] not in self.built_texts and _recorded(r):
                    rows.append({**r, "kind": "custom"})
            store.replace_plan(rows)
            stored = store.planned_searches()
        plan = [PlannedSearch.from_dict({**r, "id": r["search_id"]}) for r in stored]
        outcomes = {r["search_id"]: (r["outcome"], r["note"]) for r in stored}
        shown = [(s.id, s.text, s.enabled) for s in self.plan]
        if [(s.id, s.text, s.enabled) for s in plan] != shown or set(outcomes) != set(self.rows):
            self.plan = plan
            self._render_rows(outcomes)
        self._update_buttons()

    def _render_rows(self, outcomes: dict[str, tuple[str, str]]) -> None:
        for row in self.rows.values():
            row.hide()
            row.setParent(None)
            row.deleteLater()
        self.rows.clear()
        for search in self.plan:
            outcome, note = outcomes.get(search.id, ("", ""))
            changed = search.id in self.built_texts and self.built_texts[search.id] != search.text
            row = SearchRow(search, outcome, note, changed)
            row.set_mode(self.mode())
            state = self.statuses.get(search.id)
            if state:
                row.set_status(*state)
            row.toggled.connect(self._row_toggled)
            row.edited.connect(self._row_edited)
            row.remove_requested.connect(self._row_removed)
            row.open_requested.connect(self.open_search)
            row.outcome_changed.connect(lambda sid, o: self.ctx.store.update_search(sid, outcome=o))
            row.note_changed.connect(lambda sid, n: self.ctx.store.update_search(sid, note=n))
            self.rows_layout.addWidget(row)
            row.show()  # now, not at the next layout pass, so a new row can take focus at once
            self.rows[search.id] = row
        self.empty_plan.setVisible(not self.plan)
        self.plan_help.setVisible(bool(self.plan))
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        # Rows are rebuilt after the rest of the page exists; put them back where they are on screen.
        chain = [self.browser_radio, self.app_radio, self.engine, self.open_all, self.provider,
                 self.run_button, self.cancel_button]
        chain += [w for row in self.rows.values() for w in row.focus_chain()]
        chain += [self.add_edit, self.add_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def search(self, search_id: str) -> PlannedSearch | None:
        return next((s for s in self.plan if s.id == search_id), None)

    def _search_text(self, search_id: str) -> str | None:
        search = self.search(search_id)
        return search.text if search else None

    def _row_toggled(self, search_id: str, on: bool) -> None:
        self.ctx.store.update_search(search_id, enabled=on)
        self.search(search_id).enabled = on
        self._update_buttons()

    def _row_edited(self, search_id: str, text: str) -> None:
        text = custom_search(text).text  # the same cleaning as a search typed in: no control characters
        if not text:
            return
        self.ctx.store.update_search(search_id, text=text)
        self.rows[search_id].set_text(text, self.built_texts.get(search_id, text) != text)
        self.statuses.pop(search_id, None)
        self.rows[search_id].set_status("")
        self.results.refresh_found_by()

    def _row_removed(self, search_id: str) -> None:
        self._store_plan([s for s in self.plan if s.id != search_id])
        self.add_edit.setFocus()

    def add_search(self) -> None:
        search = custom_search(self.add_edit.text())
        if not search.text:
            show_error(self.add_error, "Type the words to search for first.")
            return
        if any(s.text.casefold() == search.text.casefold() and s.browser_only == search.browser_only
               for s in self.plan):
            show_error(self.add_error, "That search is already in your list.")
            return
        ids = {s.id for s in self.plan}
        base, n = search.id, 2
        while search.id in ids:  # "Sam Doe!" and "Sam Doe?" make the same id
            search.id, n = f"{base}-{n}", n + 1
        show_error(self.add_error, None)
        self._store_plan([*self.plan, search])
        self.add_edit.clear()
        self.add_edit.setFocus()
        row = self.rows.get(search.id)
        if row is not None:
            self.plan_scroller.ensureWidgetVisible(row)

    def _store_plan(self, searches: list[PlannedSearch]) -> None:
        # replace_plan keeps the outcomes and notes already recorded for the ids it keeps.
        self.ctx.store.replace_plan([{"search_id": s.id, "kind": s.kind, "text": s.text, "enabled": s.enabled,
                                      "browser_only": s.browser_only} for s in searches])
        self.sync_plan()

    # --- modes and buttons ----------------------------------------------------------------

    def mode(self) -> str:
        return APP if self.app_allowed and self.app_radio.isChecked() else BROWSER

    def _mode_toggled(self, _checked: bool) -> None:
        if not self._loading:
            self.ctx.store.set_setting(MODE_SETTING, self.mode())
        self._apply_mode()

    def _apply_mode(self) -> None:
        mode = self.mode()
        self.browser_panel.setVisible(mode == BROWSER)
        self.app_panel.setVisible(mode == APP)
        for row in self.rows.values():
            row.set_mode(mode)
        self._update_buttons()

    def _engine_changed(self, _index: int) -> None:
        if not self._loading:
            self.ctx.store.set_setting(ENGINE_SETTING, self.engine.currentData())
        self._update_buttons()

    def _provider_changed(self, _index: int) -> None:
        if not self._loading and self.provider.currentData():
            self.ctx.store.set_setting(PROVIDER_SETTING, self.provider.currentData())
        self._update_buttons()

    def engine_id(self) -> str:
        return self.engine.currentData() or "duckduckgo"

    def searches_to_send(self) -> list[PlannedSearch]:
        return [s for s in self.plan if s.enabled and not s.browser_only]

    def _update_buttons(self) -> None:
        ticked = [s for s in self.plan if s.enabled]
        self.count_label.setText(f"{len(ticked)} of {len(self.plan)} ticked" if self.plan else "")
        engine = ENGINES[self.engine_id()]
        self.open_all.setText(f"&Open all {len(ticked)} in your browser" if len(ticked) != 1
                              else "&Open it in your browser")
        self.open_all.setEnabled(bool(ticked))
        note = (f"SocialSafe sends nothing: each search opens in your browser at {engine.name}. "
                "Look through what it finds, then note here what you found.")
        if not engine_has_images(engine.id) and any(s.kind == "image" for s in ticked):
            note += f" {engine.name} has no image search, so image searches open as web searches."
        self.browser_note.setText(note)

        running = self.bridge.is_running
        name = self.provider.currentData()
        to_send = self.searches_to_send()
        self.cancel_button.setEnabled(running)
        if name is None:
            self.run_button.setEnabled(False)
            self._run_text = "&Run searches"
            self._fit_run_text()
            self.provider_note.setText("No search service can be used yet. " + self.provider_reasons)
        else:
            host = endpoint_host(self.ctx.search_settings.endpoint(name))
            if self.ctx.demo:
                self._run_text = f"&Run {_plural(len(to_send), 'search')} (demo: stored pages, nothing sent)"
            else:
                self._run_text = (f"&Run {_plural(len(to_send), 'search')} through {PROVIDER_LABELS[name]}"
                                  + (f" ({host})" if host else ""))
            self._fit_run_text()
            self.run_button.setEnabled(bool(to_send) and not running)
            skipped = len([s for s in ticked if s.browser_only])
            if self.ctx.demo:
                text = ("Demo: the searches are answered from pages stored in SocialSafe, read the same way "
                        f"as {PROVIDER_LABELS[name]}'s. Nothing is sent.")
            else:
                text = (f"Sends only the words of each ticked search to {PROVIDER_LABELS[name]}"
                        + (f" ({host})" if host else "") + "; nothing else leaves this computer.")
            if skipped:
                text += f" Image searches ({skipped}) only work in your browser."
            if self.provider_reasons:
                text += "\n" + self.provider_reasons
            self.provider_note.setText(text)
        self.run_button.setAccessibleName(self._run_text.replace("&", ""))
        self.add_edit.setEnabled(not running)
        self.add_button.setEnabled(not running)
        for row in self.rows.values():
            row.set_busy(running)

    def _fit_run_text(self) -> None:
        # The button names where the searches go; in a narrow window the address takes a second line.
        text = self._run_text
        room = self.plan_scroller.viewport().width() - 80
        if " (" in text and self.run_button.fontMetrics().horizontalAdvance(text.replace("&", "")) > room:
            text = text.replace(" (", "\n(", 1)
        if self.run_button.text() != text:
            self.run_button.setText(text)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt naming)
        # The page is a scroll area too, so Qt calls this for the page's own parts as it is built.
        scroller = getattr(self, "plan_scroller", None)
        if scroller is not None and watched is scroller.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_run_text()
        return super().eventFilter(watched, event)

    # --- opening in the browser -----------------------------------------------------------

    def _open(self, urls: list[str]) -> None:
        urls = [u for u in urls if is_openable_url(u)]
        if not urls:
            return
        if self.ctx.demo:
            # Demo mode opens nothing: a trainer shows where it would have gone.
            shown = "\n".join(urls[:5]) + (f"\n…and {len(urls) - 5} more." if len(urls) > 5 else "")
            self.demo_notice.setText(f"Demo mode: nothing is opened. In a real audit this would open:\n{shown}")
            self.demo_notice.setVisible(True)
            return
        for url in urls:
            self.ctx.open_url(url)

    def browser_url(self, search: PlannedSearch) -> str:
        return browser_url_for(search, self.engine_id())

    def open_search(self, search_id: str) -> None:
        search = self.search(search_id)
        if search is not None:
            self._open([self.browser_url(search)])

    def confirm_many_tabs(self, count: int) -> bool:
        answer = QMessageBox.question(
            self, "Open many tabs?",
            f"This opens {count} tabs in your browser at once. Open them all?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def open_all_in_browser(self) -> None:
        ticked = [s for s in self.plan if s.enabled]
        if len(ticked) > ASK_BEFORE_OPENING and not self.ctx.demo and not self.confirm_many_tabs(len(ticked)):
            return
        self._open([self.browser_url(s) for s in ticked])

    def _open_result(self, url: str) -> None:
        self._open([url])

    # --- running in the app ---------------------------------------------------------------

    def run_in_app(self) -> None:
        name = self.provider.currentData()
        if name is None or self.bridge.is_running:
            return
        try:
            if self.ctx.demo:  # canned pages through the real DuckDuckGo parsing; no network
                provider = demo_provider()
            else:
                provider = make_provider(name, self.ctx.search_settings, key_provider=self.ctx.key_provider)
        except SearchError as error:
            self._show_run_status(error.message, error=True)
            return
        self.start_run([(provider, self.searches_to_send())])

    def start_run(self, jobs) -> None:
        """Start searches (a list of (provider, searches)); the Run button sends one provider's."""
        self.bridge.set_settings(self.ctx.search_settings)
        self.statuses.clear()
        for search in self.plan:
            if search.enabled and search.browser_only:
                self.statuses[search.id] = (SKIPPED, "Image searches only work in your browser.")
        for search_id, row in self.rows.items():
            row.set_status(*self.statuses.get(search_id, ("", "")))
        jobs = [(provider, list(searches)) for provider, searches in jobs]
        self.progress_bar.setVisible(True)
        self.bridge.start(jobs)
        self._update_buttons()
        if self.bridge.is_running:
            self._show_run_status("Searching… Pages appear in 2. What was found as they come in. "
                                  "You can cancel at any time.")
            self.cancel_button.setFocus()

    def cancel_run(self) -> None:
        self.bridge.cancel()  # reports "finished" before it returns: the page is idle now

    def _show_run_status(self, text: str, error: bool = False) -> None:
        self.run_status.setText(text)
        self.run_status.setProperty("role", "error" if error else "muted")
        self.run_status.style().unpolish(self.run_status)
        self.run_status.style().polish(self.run_status)
        self.run_status.setVisible(bool(text))

    def _set_status(self, search_id: str, state: str, message: str = "") -> None:
        self.statuses[search_id] = (state, message)
        row = self.rows.get(search_id)
        if row is not None:
            row.set_status(state, message)

    def _search_state(self, search_id: str, state: str) -> None:
        self._set_status(search_id, state)

    def _search_done(self, search_id: str, results) -> None:
        domains = {p.id: p.domains for p in self.ctx.catalogue.platform_packs() if p.domains}
        merged = merge_results([(search_id, results)], domains)
        if merged:
            # Saved as they arrive, so a crash half-way loses nothing already shown.
            self.ctx.store.record_findings([
                Finding(url=m.url, normalised_url=m.normalised, title=m.title, snippet=m.snippet,
                        platform=m.platform, found_by=list(m.found_by)) for m in merged])
            self.results.sync(self.ctx.store.findings())
        n = len(merged)
        self._set_status(search_id, DONE, f"{_plural(n, 'page')} found: see 2. What was found." if n
                         else "Nothing found.")

    def _search_failed(self, search_id: str, error) -> None:
        self._set_status(search_id, FAILED, getattr(error, "message", "") or "This search did not work.")

    def _progress(self, settled: int, total: int) -> None:
        # Range and value only: Qt fills in the "%v of %m" text, and a new format string each
        # time would make the whole tab lay itself out again.
        if self.progress_bar.maximum() != max(1, total):
            self.progress_bar.setRange(0, max(1, total))
        self.progress_bar.setValue(settled)

    def _run_finished(self, cancelled: bool) -> None:
        for search_id, (state, _message) in list(self.statuses.items()):
            if state in (QUEUED, RUNNING):
                self._set_status(search_id, CANCELLED, "Not run: you cancelled.")
        failed = sum(1 for state, _ in self.statuses.values() if state == FAILED)
        if cancelled:
            text = "Cancelled. Nothing more is sent; what was already found is kept."
        else:
            done = sum(1 for state, _ in self.statuses.values() if state == DONE)
            text = f"Finished: {_plural(done, 'search')} done."
            if failed:
                text += f" {_plural(failed, 'search')} did not work: see the messages below."
        self._show_run_status(text)
        focus_was_on_cancel = self.cancel_button.hasFocus()
        self._update_buttons()
        if focus_was_on_cancel:
            self.run_button.setFocus()

    def _results_counted(self, total: int, open_count: int) -> None:
        index = self.tabs.indexOf(self.results)
        label = "&2. What was found"
        if total:
            label += f" ({total}, {open_count} to decide)" if open_count else f" ({total})"
        self.tabs.setTabText(index, label)
