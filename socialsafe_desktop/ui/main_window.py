"""The wizard window: a list of steps on the left, the current step on the right,
Back and Next underneath. Where the person is gets saved on every move."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME
from ..app.backend import REFUSED, SHOWN_INSTEAD
from ..core.flow import JOURNEY, WizardFlow, journey
from . import style
from .context import AppContext
from .pages import PAGE_MODULES, page_class
from .pages.base import StepPage
from .widgets import PlainLabel, plain_message, plain_tooltip

TEXT_SCALE_SETTING = "ui.text_scale"


class MainWindow(QMainWindow):
    step_changed = Signal(str)
    closed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(APP_NAME + (" — demo" if ctx.demo else ""))
        self.resize(1100, 760)
        self.setMinimumSize(760, 520)
        self.flow = self._restore_flow()

        root = QWidget()
        outer = QHBoxLayout(root)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        sidebar = QFrame()
        sidebar.setObjectName("sidebar")
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(16, 18, 12, 18)
        side.addWidget(PlainLabel(APP_NAME, role="brand"))
        side.addWidget(PlainLabel("Your privacy self-audit", role="muted"))
        self.step_list = QListWidget()
        self.step_list.setObjectName("stepList")
        self.step_list.setAccessibleName("Steps of the audit")
        self.step_list.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._fill_step_list()
        self.step_list.itemActivated.connect(self._step_list_activated)
        self.step_list.itemClicked.connect(self._step_list_activated)
        side.addWidget(self.step_list, 1)
        self.settings_button = QPushButton("Settin&gs…")
        self.settings_button.setAutoDefault(True)
        self.settings_button.setToolTip("Search addresses, API keys and other settings (Ctrl+,)")
        self.settings_button.setVisible(ctx.keys is not None)  # a demo never touches real settings
        self.settings_button.clicked.connect(self.open_settings)
        side.addWidget(self.settings_button)
        outer.addWidget(sidebar)

        main = QWidget()
        main.setObjectName("page")
        column = QVBoxLayout(main)
        column.setContentsMargins(32, 22, 24, 16)
        column.setSpacing(10)
        self.banner_area = QVBoxLayout()
        column.addLayout(self.banner_area)
        if ctx.demo:
            self._add_demo_banner()
        for notice in ctx.notices:
            self.add_notice(notice)
        self.title = PlainLabel("", role="h1")
        self.summary = PlainLabel("", role="muted")
        column.addWidget(self.title)
        column.addWidget(self.summary)
        self.stack = QStackedWidget()
        self._pages: dict[str, StepPage] = {}  # built on first visit, to keep start-up quick
        column.addWidget(self.stack, 1)

        nav = QHBoxLayout()
        self.position = PlainLabel("", role="muted")
        nav.addWidget(self.position)
        nav.addStretch(1)
        self.back_button = QPushButton("&Back")
        self.next_button = QPushButton("&Next")
        self.next_button.setProperty("role", "primary")
        for button in (self.back_button, self.next_button):
            button.setAutoDefault(True)  # Enter presses the focused button
            nav.addWidget(button)
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        column.addLayout(nav)
        outer.addWidget(main, 1)
        self.setCentralWidget(root)

        self.link_label: PlainLabel | None = None
        self.recheck_notice: PlainLabel | None = None
        ctx.link_notice = self._link_notice
        ctx.start_recheck = self.start_recheck
        ctx.session.on_save_failed(self._save_failed)
        ctx.session.on_save_recovered(self._save_recovered)
        self.save_notice: PlainLabel | None = None
        self.settings_dialog = None  # while open: tests answer it as a person would

        self._add_text_size_actions()
        self.apply_text_scale(self.text_scale())
        self._show_current()

    def _restore_flow(self) -> WizardFlow:
        session = self.ctx.session
        # A re-check (an audit with one before it) has What changed; a first audit does not.
        steps = [s for s in journey(session.recheck.has_previous(), JOURNEY) if s.id in PAGE_MODULES]
        flow = WizardFlow(steps, session.current_step(), session.visited_steps(), on_change=self._on_flow_change)
        session.set_current_step(flow.current.id)  # records the first visit too
        return flow

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        self.stop_work()  # nothing may write to the store after the window has gone
        super().closeEvent(event)
        self.closed.emit()

    def stop_work(self) -> None:
        for page in self._pages.values():
            getattr(page, "stop_work", lambda: None)()  # e.g. a search still running

    # --- demo mode ------------------------------------------------------------------------

    def _add_demo_banner(self) -> None:
        from ..core.demo import DEMO_MARK  # the demo's data only when a demo is on screen

        row = QHBoxLayout()
        persona = self.ctx.session.backend.persona
        text = f"{DEMO_MARK}: {persona.display_name}. Nothing here is real and nothing is sent anywhere."
        banner = PlainLabel(text, role="banner")
        banner.setAccessibleName(text)
        if persona.summary:
            banner.setToolTip(plain_tooltip(persona.summary))
        row.addWidget(banner, 1)
        self.reset_button = QPushButton("Reset de&mo")
        self.reset_button.setAutoDefault(True)
        self.reset_button.setToolTip("Put the demo back to the start, ready for the next session")
        self.reset_button.clicked.connect(self.reset_demo)
        row.addWidget(self.reset_button)
        self.banner_area.addLayout(row)

    def reset_demo(self) -> None:
        self.stop_work()
        self.ctx.session.reset_demo()
        self.restart()

    def restart(self) -> None:
        """Show the session's audit afresh (after a reset, a re-check started or a restore):
        every page rebuilt, the steps this audit has, where it was."""
        self.stop_work()
        self.ctx.profile_changed(self.ctx.session.profile())
        for label in (self.link_label, self.recheck_notice):
            if label is not None:
                label.setVisible(False)
        for page in self._pages.values():
            self.stack.removeWidget(page)
            page.hide()
            page.setParent(None)
            page.deleteLater()
        self._pages.clear()
        self.flow = self._restore_flow()
        self._fill_step_list()
        self.apply_text_scale(self.text_scale())
        self._show_current()

    def _fill_step_list(self) -> None:
        self.step_list.clear()
        for number, step in enumerate(self.flow.steps, start=1):
            item = QListWidgetItem(f"{number}.  {step.title}")
            item.setData(Qt.ItemDataRole.UserRole, step.id)
            item.setToolTip(step.summary)
            self.step_list.addItem(item)

    # --- coming back: a re-check ---------------------------------------------------------

    # A question, as an attribute so tests can answer it like a person would.
    def confirm_recheck(self) -> bool:
        answer = plain_message(
            self, QMessageBox.Icon.Question, "Start a re-check?",
            "This starts a new check. Your answers so far are kept and compared with the new ones in "
            "What changed.\n\nAbout you, your platforms and your searches come with you; what you did "
            "last time comes back as a quick \u201cIs this still set?\u201d.\n\nStart the re-check now?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def start_recheck(self) -> bool:
        if not self.confirm_recheck():
            return False
        self.stop_work()
        session = self.ctx.session
        if not session.recheck.start():
            return False  # the save failure has been shown
        session.set_current_step("about")  # first: are these details still right?
        self.restart()
        text = ("Your re-check has started. Check your details, run your searches again, and confirm your "
                "settings: What changed, before your action plan, compares this check with the last one.")
        self.recheck_notice = self._set_notice(self.recheck_notice, text, "notice")
        return True

    # --- moving between steps -------------------------------------------------------------

    def go_back(self) -> None:
        self.flow.go_back()

    def go_next(self) -> None:
        self.flow.go_next()

    def _step_list_activated(self, item: QListWidgetItem) -> None:
        step_id = item.data(Qt.ItemDataRole.UserRole)
        if not self.flow.go_to(step_id):
            self._sync_list()

    def _on_flow_change(self, step_id: str) -> None:
        self.ctx.session.set_current_step(step_id)
        self._show_current()
        self.step_changed.emit(step_id)

    def page(self, step_id: str) -> StepPage:
        if step_id not in self._pages:
            page = page_class(step_id)(self.ctx)
            page.setAccessibleName(self.flow.step(step_id).title)
            self._pages[step_id] = page
            self.stack.addWidget(page)
        return self._pages[step_id]

    def _show_current(self) -> None:
        step = self.flow.current
        page = self.page(step.id)
        page.on_enter()
        self.stack.setCurrentWidget(page)
        self.title.setText(step.title)
        self.summary.setText(step.summary)
        self.position.setText(self.flow.position_text())
        self.back_button.setEnabled(self.flow.can_go_back())
        self.next_button.setVisible(self.flow.can_go_next())
        if self.flow.can_go_next():
            following = self.flow.steps[self.flow.index + 1]
            self.next_button.setText(f"&Next: {following.title}")
        self._sync_list()
        self.setWindowTitle(f"{step.title} — {APP_NAME}" + (" (demo)" if self.ctx.demo else ""))

    def _sync_list(self) -> None:
        for row in range(self.step_list.count()):
            item = self.step_list.item(row)
            step_id = item.data(Qt.ItemDataRole.UserRole)
            enabled = self.flow.can_go_to(step_id)
            flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled if enabled else Qt.ItemFlag.NoItemFlags
            item.setFlags(flags)
        self.step_list.setCurrentRow(self.flow.index)

    def current_page(self) -> StepPage:
        return self.page(self.flow.current.id)

    # --- notices and text size ------------------------------------------------------------

    def add_notice(self, text: str, role: str = "notice") -> PlainLabel:
        label = PlainLabel(text, role=role)
        label.setAccessibleName(text)
        self.banner_area.addWidget(label)
        return label

    def _set_notice(self, label: PlainLabel | None, text: str, role: str) -> PlainLabel:
        """One notice of its kind, replaced rather than stacked."""
        if label is None:
            label = self.add_notice(text, role)
        label.setText(text)
        label.setAccessibleName(text)
        label.setVisible(True)
        return label

    def _link_notice(self, outcome: str, url: str) -> None:
        if outcome == SHOWN_INSTEAD:
            text = f"Demo: nothing was opened. In a real audit this would open in your browser: {url}"
        elif outcome == REFUSED:
            text = "That link was not opened: SocialSafe only opens web addresses starting with http:// or https://."
        else:
            text = f"Your browser could not be opened. The address is: {url}"
        self.link_label = self._set_notice(self.link_label, text, "notice")

    def _save_failed(self, message: str) -> None:
        """Once per episode: the session does not tell us again until a save has worked."""
        self.save_notice = self._set_notice(self.save_notice, message, "error")
        plain_message(self, QMessageBox.Icon.Warning, f"{APP_NAME} could not save", message)
        # Show what is really saved, so the screen does not claim a change that is not.
        self.current_page().on_enter()

    def _save_recovered(self) -> None:
        if self.save_notice is not None:
            self.save_notice.setVisible(False)

    def open_settings(self) -> None:
        if self.ctx.keys is None:
            return
        from .backup_dialog import BackupCard
        from .settings_dialog import SettingsDialog  # loaded when first opened, not at start-up

        session = self.ctx.session
        dialog = SettingsDialog(session.settings, self.ctx.keys, session.set_setting, self,
                                extra_cards=(lambda d: BackupCard(session, self.restore_backup, d),))
        self.settings_dialog = dialog  # for tests, which answer it as a person would
        dialog.exec()
        self.settings_dialog = None
        session.apply_settings(session.settings)  # new addresses or modes take effect now
        if self.flow.current.id in self._pages:
            self.current_page().on_enter()

    def restore_backup(self, contents):
        """Put a checked backup in place of this window's audit: the store is closed (the data
        folder stays locked by this window throughout), the files replaced (what was there is
        kept aside), and the restored audit opened and shown. Returns where the old one went."""
        from ..app.backup import restore_backup
        from ..store import AuditStore, StoreError

        session = self.ctx.session
        self.stop_work()
        path = session.store.path
        lock = session.store.close_keeping_lock()
        try:
            kept = restore_backup(contents, path.parent)
        finally:
            try:
                session.replace_store(AuditStore.open(path, lock=lock))
            except StoreError as exc:
                plain_message(self, QMessageBox.Icon.Critical, APP_NAME, str(exc))
                self.close()
                raise
        self.restart()
        return kept

    def _add_text_size_actions(self) -> None:
        settings_action = QAction("Settings", self)
        settings_action.setShortcut(QKeySequence("Ctrl+,"))
        settings_action.triggered.connect(self.open_settings)
        self.addAction(settings_action)
        for name, keys, delta in (("Larger text", (QKeySequence.StandardKey.ZoomIn, "Ctrl+=", "Ctrl++"), 1),
                                  ("Smaller text", (QKeySequence.StandardKey.ZoomOut, "Ctrl+-"), -1),
                                  ("Normal text size", ("Ctrl+0",), 0)):
            action = QAction(name, self)
            sequences: list[QKeySequence] = []
            for key in keys:  # the platform's zoom keys often repeat ours; a repeat would be ambiguous
                for seq in QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey) else [QKeySequence(key)]:
                    if seq not in sequences:
                        sequences.append(seq)
            action.setShortcuts(sequences)
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            action.triggered.connect(lambda _checked=False, d=delta: self.change_text_size(d))
            self.addAction(action)

    def text_scale(self) -> float:
        try:
            return style.clamp_scale(float(self.ctx.session.setting(TEXT_SCALE_SETTING, "1.0")))
        except ValueError:
            return 1.0

    def change_text_size(self, delta: int) -> None:
        scale = 1.0 if delta == 0 else style.clamp_scale(self.text_scale() + delta * style.SCALE_STEP)
        self.ctx.session.set_setting(TEXT_SCALE_SETTING, f"{scale:.2f}")
        self.apply_text_scale(scale)

    def apply_text_scale(self, scale: float) -> None:
        self.current_scale = scale
        app = QApplication.instance()
        font = QFont(app.font())
        font.setPointSizeF(style.BASE_POINT_SIZE * scale)
        app.setFont(font)
        settings = self.ctx.session.settings
        accent = settings.branding().accent_colour if settings.managed else None
        self.setStyleSheet(style.stylesheet(scale, accent or style.DEFAULT_ACCENT))
        self.findChild(QFrame, "sidebar").setFixedWidth(round(250 * min(scale, 1.6)))
