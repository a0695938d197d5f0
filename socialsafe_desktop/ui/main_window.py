"""The wizard window: a list of steps on the left, the current step on the right,
Back and Next underneath. Where the person is gets saved on every move.

Keyboard: Tab follows reading order on every page (focus_order), and wherever focus lands (by
Tab, a mnemonic or a click) it is scrolled into view. The list of steps works like a set of
tabs: an arrow key opens the step it moves to, so what is highlighted is always what is shown;
Enter moves into the step. A step's main action is always in the bottom row: Next, or on the
last step the page's own button (StepPage.nav_button).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QListView,
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
from ..core.i18n import _
from . import style
from .context import AppContext
from .focus_order import next_stop, tab_stops
from .pages import PAGE_MODULES, page_class
from .pages.base import StepPage
from .widgets import PlainLabel, announce, ensure_visible, fit_to_screen, plain_message, plain_tooltip

TEXT_SCALE_SETTING = "ui.text_scale"
PREFERRED_SIZE = (1100, 760)


class MainWindow(QMainWindow):
    step_changed = Signal(str)
    closed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        # TRANSLATORS: the window's title in the trainer demo, before a step is shown.
        self.setWindowTitle(_("{app} — demo").format(app=APP_NAME) if ctx.demo else APP_NAME)
        self.setMinimumSize(640, 480)
        fit_to_screen(self, *PREFERRED_SIZE)
        self.flow = self._restore_flow()

        root = QWidget()
        outer = QHBoxLayout(root)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        sidebar = QFrame()
        sidebar.setObjectName("sidebar")
        self.sidebar = sidebar
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(12, 16, 8, 16)
        side.addWidget(PlainLabel(APP_NAME, role="brand"))
        # TRANSLATORS: the line under the app's name at the top of the list of steps.
        side.addWidget(PlainLabel(_("Your privacy self-audit"), role="tagline"))
        self.step_list = QListWidget()
        self.step_list.setObjectName("stepList")
        # TRANSLATORS: what a screen reader calls the list of steps.
        self.step_list.setAccessibleName(_("Steps of the audit"))
        self.step_list.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.step_list.setWordWrap(True)  # long titles wrap at large text instead of being cut
        self.step_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.step_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fill_step_list()
        # Like tabs: moving to a step opens it, so the highlight and the page never disagree.
        self.step_list.currentRowChanged.connect(self._step_list_moved)
        self.step_list.itemActivated.connect(self._step_list_activated)
        self.step_list.itemClicked.connect(self._step_list_clicked)
        side.addWidget(self.step_list, 1)
        # TRANSLATORS: button under the list of steps. Keep the & (shortcut) on a letter of the word.
        self.settings_button = QPushButton(_("Settin&gs…"))
        self.settings_button.setAutoDefault(True)
        # TRANSLATORS: tooltip of the Settings button; "Ctrl+," is the keyboard shortcut.
        self.settings_button.setToolTip(_("Search addresses, API keys, language and other settings (Ctrl+,)"))
        self.settings_button.setVisible(ctx.keys is not None)  # a demo never touches real settings
        self.settings_button.clicked.connect(self.open_settings)
        side.addWidget(self.settings_button)
        outer.addWidget(sidebar)

        main = QWidget()
        main.setObjectName("page")
        column = QVBoxLayout(main)
        column.setContentsMargins(24, 14, 20, 12)
        column.setSpacing(8)
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
        # TRANSLATORS: button at the bottom of every step: the step before. Keep the & (shortcut).
        self.back_button = QPushButton(_("&Back"))
        # TRANSLATORS: button at the bottom of a step: the next step. Keep the & (shortcut).
        self.next_button = QPushButton(_("&Next"))
        self.next_button.setProperty("role", "primary")
        for button in (self.back_button, self.next_button):
            button.setAutoDefault(True)  # Enter presses the focused button
            nav.addWidget(button)
        self.nav_extra = QHBoxLayout()  # a page's own main action (StepPage.nav_button)
        nav.addLayout(self.nav_extra)
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

        # One light palette for the whole app, whatever the system's theme (see style.py).
        app = QApplication.instance()
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "setColorScheme"):
            hints.setColorScheme(Qt.ColorScheme.Light)
        app.setPalette(style.palette(self._accent()))
        app.focusChanged.connect(self._focus_changed)

        self._add_text_size_actions()
        self.apply_text_scale(self.text_scale())
        self._show_current()

    def present(self) -> None:
        """Show the window as a person starts it: a demo fills the screen for the room to see;
        otherwise the window fits the screen's free area (see fit_to_screen)."""
        if self.ctx.demo:
            self.showMaximized()
        else:
            self.show()

    def _restore_flow(self) -> WizardFlow:
        session = self.ctx.session
        # A re-check (an audit with one before it) has What changed; a first audit does not.
        steps = [s for s in journey(session.recheck.has_previous(), JOURNEY) if s.id in PAGE_MODULES]
        flow = WizardFlow(steps, session.current_step(), session.visited_steps(), on_change=self._on_flow_change)
        session.set_current_step(flow.current.id)  # records the first visit too
        return flow

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        self.stop_work()  # nothing may write to the store after the window has gone
        try:
            QApplication.instance().focusChanged.disconnect(self._focus_changed)
        except (RuntimeError, TypeError):
            pass  # closed before
        super().closeEvent(event)
        self.closed.emit()

    def stop_work(self) -> None:
        for page in self._pages.values():
            getattr(page, "stop_work", lambda: None)()  # e.g. a search still running

    # --- keyboard ---------------------------------------------------------------------------

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 (Qt naming)
        """Tab and Shift+Tab, in reading order (see focus_order)."""
        target = next_stop(self.centralWidget(), QApplication.focusWidget(), forward)
        if target is None:
            return super().focusNextPrevChild(forward)
        target.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
        return True

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.isAncestorOf(new):
            ensure_visible(new)

    def focus_page(self) -> None:
        """Into the shown step: its first control (or the page itself, when it only scrolls)."""
        stops = tab_stops(self.current_page())
        page = self.current_page()
        target = stops[0] if stops else (page if page.focusPolicy() != Qt.FocusPolicy.NoFocus else None)
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- demo mode ------------------------------------------------------------------------

    def _add_demo_banner(self) -> None:
        row = QHBoxLayout()
        persona = self.ctx.session.backend.persona
        # TRANSLATORS: the banner across the top of the trainer demo; {name} is the made-up person's name.
        text = _("Demo — fictional person: {name}. Nothing here is real and nothing is sent anywhere.").format(
            name=persona.display_name)
        banner = PlainLabel(text, role="banner")
        banner.setAccessibleName(text)
        if persona.summary:
            banner.setToolTip(plain_tooltip(persona.summary))
        row.addWidget(banner, 1)
        # TRANSLATORS: button in the trainer demo's banner. Keep the & (shortcut).
        self.reset_button = QPushButton(_("Reset de&mo"))
        self.reset_button.setAutoDefault(True)
        self.reset_button.setToolTip(_("Put the demo back to the start, ready for the next session"))
        self.reset_button.clicked.connect(self.reset_demo)
        row.addWidget(self.reset_button)
        self.banner_area.addLayout(row)

    def reset_demo(self) -> None:
        self.stop_work()
        self.ctx.session.reset_demo()
        self.restart()
        # TRANSLATORS: said aloud after Reset demo.
        announce(self, _("The demo is back at the start."))

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
            if page.nav_button is not None:
                page.nav_button.hide()
                page.nav_button.setParent(None)
                page.nav_button.deleteLater()
        self._pages.clear()
        self.flow = self._restore_flow()
        self._fill_step_list()
        self.apply_text_scale(self.text_scale())
        self._show_current()

    def _fill_step_list(self) -> None:
        # Refilled quietly (a re-check adds a step): emptying the list must not count as a move.
        self.step_list.blockSignals(True)
        try:
            self.step_list.clear()
            for number, step in enumerate(self.flow.steps, start=1):
                # TRANSLATORS: a step in the list of steps: its number and its title.
                item = QListWidgetItem(_("{number}.  {step}").format(number=number, step=_(step.title)))
                item.setData(Qt.ItemDataRole.UserRole, step.id)
                item.setToolTip(_(step.summary))
                self.step_list.addItem(item)
        finally:
            self.step_list.blockSignals(False)

    # --- coming back: a re-check ---------------------------------------------------------

    # A question, as an attribute so tests can answer it like a person would.
    def confirm_recheck(self) -> bool:
        answer = plain_message(
            # TRANSLATORS: the title of the question before a re-check starts.
            self, QMessageBox.Icon.Question, _("Start a re-check?"),
            # TRANSLATORS: "What changed" and "About you" are names of steps; "Is this still set?" is
            # the question asked on each checklist item done last time.
            _("This starts a new check. Your answers so far are kept and compared with the new ones in "
              "What changed.\n\nAbout you, your platforms and your searches come with you; what you did "
              "last time comes back as a quick \u201cIs this still set?\u201d.\n\nStart the re-check now?"),
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
        text = _("Your re-check has started. Check your details, run your searches again, and confirm your "
                 "settings: What changed, before your action plan, compares this check with the last one.")
        self.recheck_notice = self._set_notice(self.recheck_notice, text, "notice")
        return True

    # --- moving between steps -------------------------------------------------------------

    def go_back(self) -> None:
        self.flow.go_back()

    def go_next(self) -> None:
        self.flow.go_next()

    def _step_list_moved(self, row: int) -> None:
        item = self.step_list.item(row) if row >= 0 else None
        if item is None:
            return
        step_id = item.data(Qt.ItemDataRole.UserRole)
        if step_id != self.flow.current.id and not self.flow.go_to(step_id):
            self._sync_list()  # a step not reached yet: the highlight goes back to the one shown

    def _step_list_clicked(self, item: QListWidgetItem) -> None:
        if not self.flow.go_to(item.data(Qt.ItemDataRole.UserRole)):
            self._sync_list()

    def _step_list_activated(self, item: QListWidgetItem) -> None:
        step_id = item.data(Qt.ItemDataRole.UserRole)
        if not self.flow.go_to(step_id):
            self._sync_list()
            return
        if self.step_list.hasFocus():  # Enter (not a double-click): go into the step
            self.focus_page()

    def _on_flow_change(self, step_id: str) -> None:
        self.ctx.session.set_current_step(step_id)
        self._show_current()
        self.step_changed.emit(step_id)

    def page(self, step_id: str) -> StepPage:
        if step_id not in self._pages:
            page = page_class(step_id)(self.ctx)
            page.setAccessibleName(_(self.flow.step(step_id).title))
            self._pages[step_id] = page
            self.stack.addWidget(page)
            if page.nav_button is not None:
                page.nav_button.setVisible(False)
                self.nav_extra.addWidget(page.nav_button)
        return self._pages[step_id]

    def _show_current(self) -> None:
        step = self.flow.current
        page = self.page(step.id)
        page.on_enter()
        self.stack.setCurrentWidget(page)
        title = _(step.title)
        self.title.setText(title)
        self.summary.setText(_(step.summary))
        self.position.setText(self.flow.position_text())
        self.back_button.setEnabled(self.flow.can_go_back())
        self.next_button.setVisible(self.flow.can_go_next())
        if self.flow.can_go_next():
            following = self.flow.steps[self.flow.index + 1]
            # TRANSLATORS: the Next button names the step it goes to. Keep the & (shortcut).
            self.next_text = _("&Next: {step}").format(step=_(following.title))
            self.next_button.setAccessibleName(self.next_text.replace("&", ""))
            self._fit_next_text()
        for other in self._pages.values():
            if other.nav_button is not None:
                other.nav_button.setVisible(other is page)
        self._sync_list()
        if self.ctx.demo:
            # TRANSLATORS: the window's title in the trainer demo: the step shown, then the app's name.
            self.setWindowTitle(_("{step} — {app} (demo)").format(step=title, app=APP_NAME))
        else:
            # TRANSLATORS: the window's title: the step shown, then the app's name.
            self.setWindowTitle(_("{step} — {app}").format(step=title, app=APP_NAME))

    def _sync_list(self) -> None:
        for row in range(self.step_list.count()):
            item = self.step_list.item(row)
            step_id = item.data(Qt.ItemDataRole.UserRole)
            enabled = self.flow.can_go_to(step_id)
            flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled if enabled else Qt.ItemFlag.NoItemFlags
            item.setFlags(flags)
            # What a screen reader hears for a step not reached yet, instead of a bare "dimmed".
            title = _(self.flow.step(step_id).title)
            if enabled:
                # TRANSLATORS: what a screen reader says for a step in the list: its number and title.
                spoken = _("{number}. {step}").format(number=row + 1, step=title)
            else:
                # TRANSLATORS: what a screen reader says for a step the person cannot open yet.
                spoken = _("{number}. {step} (not reached yet)").format(number=row + 1, step=title)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, spoken)
        if self.step_list.currentRow() != self.flow.index:
            self.step_list.setCurrentRow(self.flow.index)

    def current_page(self) -> StepPage:
        return self.page(self.flow.current.id)

    def primary_button(self) -> QPushButton:
        """The step's main action in the bottom row: Next, or the last step's own button."""
        page = self.current_page()
        if not self.flow.can_go_next() and page.nav_button is not None:
            return page.nav_button
        return self.next_button

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
            text = _("Demo: nothing was opened. In a real audit this would open in your browser: {url}").format(url=url)
        elif outcome == REFUSED:
            text = _("That link was not opened: SocialSafe only opens web addresses starting with http:// or "
                     "https://.")
        else:
            text = _("Your browser could not be opened. The address is: {url}").format(url=url)
        self.link_label = self._set_notice(self.link_label, text, "notice")
        announce(self, text)

    def _save_failed(self, message: str) -> None:
        """Once per episode: the session does not tell us again until a save has worked."""
        self.save_notice = self._set_notice(self.save_notice, message, "error")
        announce(self, message, assertive=True)
        # TRANSLATORS: the title of the message shown when the audit could not be saved.
        plain_message(self, QMessageBox.Icon.Warning, _("{app} could not save").format(app=APP_NAME), message)
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
        # TRANSLATORS: the name of the keyboard shortcut that opens Settings (Ctrl and ,).
        settings_action = QAction(_("Settings"), self)
        settings_action.setShortcut(QKeySequence("Ctrl+,"))
        settings_action.triggered.connect(self.open_settings)
        self.addAction(settings_action)
        # TRANSLATORS: the name of the keyboard shortcut Ctrl and + (larger text).
        larger = _("Larger text")
        # TRANSLATORS: the name of the keyboard shortcut Ctrl and - (smaller text).
        smaller = _("Smaller text")
        # TRANSLATORS: the name of the keyboard shortcut Ctrl and 0 (the usual text size).
        normal = _("Normal text size")
        for name, keys, delta in ((larger, (QKeySequence.StandardKey.ZoomIn, "Ctrl+=", "Ctrl++"), 1),
                                  (smaller, (QKeySequence.StandardKey.ZoomOut, "Ctrl+-"), -1),
                                  (normal, ("Ctrl+0",), 0)):
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
        percent = round(scale * 100)
        if scale >= style.MAX_SCALE:
            # TRANSLATORS: said aloud after Ctrl and + when the text is as large as it goes.
            announce(self, _("Text size {percent}% (the largest).").format(percent=percent))
        else:
            # TRANSLATORS: said aloud after Ctrl and + or Ctrl and - change the text size.
            announce(self, _("Text size {percent}%.").format(percent=percent))

    def _accent(self) -> str:
        settings = self.ctx.session.settings
        accent = settings.branding().accent_colour if settings.managed else None
        return accent or style.DEFAULT_ACCENT

    def apply_text_scale(self, scale: float) -> None:
        self.current_scale = scale
        app = QApplication.instance()
        font = QFont(app.font())
        font.setPointSizeF(style.BASE_POINT_SIZE * scale)
        app.setFont(font)
        self.setStyleSheet(style.stylesheet(scale, self._accent()))
        self._fit_sidebar()
        self._fit_next_text()

    def _fit_sidebar(self) -> None:
        """Wide enough for the step titles, but never more than a quarter of the window: at
        the largest text on a projector the titles wrap instead of squeezing the page."""
        wanted = round(230 * min(getattr(self, "current_scale", 1.0), 1.6))
        self.sidebar.setFixedWidth(max(190, min(wanted, self.width() // 4)))

    def _fit_next_text(self) -> None:
        """Next names the step it goes to, when the bottom row has room for that (long step names,
        a long translation, large text); otherwise it says Next, and a screen reader still hears
        the step's name."""
        text = getattr(self, "next_text", "")
        if not text:
            return
        metrics = self.next_button.fontMetrics()
        room = (self.centralWidget().width() - self.sidebar.width() - 60 - self.back_button.sizeHint().width()
                - metrics.horizontalAdvance(self.position.text()) - metrics.averageCharWidth() * 6)
        if metrics.horizontalAdvance(text.replace("&", "")) > room:
            text = _("&Next")
        if self.next_button.text() != text:
            self.next_button.setText(text)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self._fit_sidebar()
        self._fit_next_text()
