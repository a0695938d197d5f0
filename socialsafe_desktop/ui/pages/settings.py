"""Privacy settings: one checklist per chosen platform, with progress and time left."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.audit import items_in_scope, progress
from ...core.estimate import TimeEstimate, estimate, summary
from ...core.i18n import N_, _, ngettext
from ..checklist_view import PackView
from ..flow_layout import FlowLayout
from ..widgets import PlainLabel, announce
from .base import StepPage


def show_progress(label, bar, p, time_left: TimeEstimate) -> None:
    """The overall line and bar, the same on the checklist steps and the action plan."""
    label.setText(progress_text(p, time_left))
    bar.setRange(0, max(1, p.total))
    bar.setValue(p.decided)
    # TRANSLATORS: the text in a progress bar: how much is sorted, in per cent.
    bar.setFormat(_("{percent}%").format(percent=p.percent))


def progress_text(p, time_left: TimeEstimate) -> str:
    if not p.total:
        # TRANSLATORS: progress over checklists when nothing is in them.
        return _("Nothing to do.")
    # TRANSLATORS: progress over checklists; "done", "not for me" and "later" are the three answers to an
    # item (use the same words as its buttons). {time_left} is a sentence such as "About 25 minutes left."
    return ngettext("{decided} of {total} sorted ({done} done, {not_for_me} not for me, {later} later) · {time_left}",
                    "{decided} of {total} sorted ({done} done, {not_for_me} not for me, {later} later) · {time_left}",
                    p.total).format(decided=p.decided, total=p.total, done=p.done, not_for_me=p.not_for_me,
                                    later=p.later, time_left=summary(time_left))


class ChecklistStepPage(StepPage):
    """Shared by the privacy-settings and habits steps: a list of packs and the open pack.

    The whole step scrolls as one column (a checklist scrolling inside the page would get a
    sliver of a projector's height at large text); each pack ends with a button to the next,
    so the list of platforms need not stay in view.
    """

    intro = ""

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.layout_.addWidget(PlainLabel(_(self.intro), role="lead"))
        self.overall = PlainLabel("", role="h3")
        self.layout_.addWidget(self.overall)
        # TRANSLATORS: a check box over the checklists. Keep the & (shortcut).
        self.essentials = QCheckBox(_("&Essentials only"))
        self.essentials.setToolTip(_("Show only the settings that matter most. Untick to see every recommendation."))
        # TRANSLATORS: button that opens the glossary of the checklists' words. Keep the & (shortcut).
        self.words_button = QPushButton(_("&Words explained…"))
        self.words_button.setAccessibleName(_("Words explained: what the words in these checklists mean"))
        self.words_button.setAutoDefault(True)
        self.words_button.clicked.connect(self.explain_words)
        options = QWidget()
        row = FlowLayout(options, spacing=16)  # side by side, or one above the other at large text
        row.addWidget(self.essentials)
        row.addWidget(self.words_button)
        self.layout_.addWidget(options)
        self.bar = QProgressBar()
        # TRANSLATORS: what a screen reader calls the progress bar.
        self.bar.setAccessibleName(_("Overall progress"))
        self.layout_.addWidget(self.bar)
        self.empty = PlainLabel("", role="notice")
        self.layout_.addWidget(self.empty)
        # The platforms beside the checklist, or above it when that would leave the checklist
        # too narrow to read (large text on a projector).
        body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        body.setSpacing(14)
        self.pack_body = body
        self.pack_list = QListWidget()
        self.pack_list.setObjectName("packList")
        # TRANSLATORS: what a screen reader calls the list of checklists beside them.
        self.pack_list.setAccessibleName(_("Platforms"))
        self.pack_list.setWordWrap(True)
        self.pack_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pack_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pack_column = QWidget()
        self.pack_views_layout = QVBoxLayout(self.pack_column)
        self.pack_views_layout.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.pack_list, 0, Qt.AlignmentFlag.AlignTop)
        body.addWidget(self.pack_column, 1)
        self.layout_.addLayout(body, 1)
        self.views: dict[str, PackView] = {}
        self.pack_list.currentRowChanged.connect(self._show_pack)
        self.essentials.toggled.connect(self._essentials_toggled)
        self._loading = False

    def packs(self) -> list:
        """The packs this step shows; each step says which."""
        return []

    def explain_words(self) -> None:
        from ...app.glossary import app_glossary
        from ..glossary_dialog import GlossaryDialog  # made when first asked for

        self.show_dialog(GlossaryDialog(app_glossary(), self))

    def show_dialog(self, dialog) -> int:
        """Show a dialog and wait for the person to close it (tests answer it like a person would)."""
        return dialog.exec()

    def on_enter(self) -> None:
        self._loading = True
        try:
            self.essentials.setChecked(self.ctx.session.essentials_only())
        finally:
            self._loading = False
        self._rebuild()

    def _essentials_toggled(self, checked: bool) -> None:
        if not self._loading:
            self.ctx.session.set_essentials_only(checked)
            self._rebuild()

    def _rebuild(self) -> None:
        current = self.pack_list.currentItem().data(Qt.ItemDataRole.UserRole) if self.pack_list.currentItem() else None
        for view in self.views.values():
            self.pack_views_layout.removeWidget(view)
            view.hide()
            view.setParent(None)
            view.deleteLater()
        self.views.clear()
        self.pack_list.blockSignals(True)
        self.pack_list.clear()
        states = self.ctx.session.item_states()
        essentials_only = self.ctx.session.essentials_only()
        packs = self.packs()
        recheck = self.ctx.session.recheck
        recheck.remember_shown(packs)  # so the next re-check can tell which items are new
        marks = recheck.item_marks()
        for number, pack in enumerate(packs):
            items = items_in_scope([pack], essentials_only)
            following = packs[number + 1] if number + 1 < len(packs) else None
            view = PackView(pack, items, states, self.ctx, following.name if following else None, marks=marks)
            view.changed.connect(self._refresh_progress)
            view.next_requested.connect(self._next_pack)
            view.setVisible(False)
            self.views[pack.id] = view
            self.pack_views_layout.addWidget(view)
            entry = QListWidgetItem(pack.name)
            entry.setData(Qt.ItemDataRole.UserRole, pack.id)
            self.pack_list.addItem(entry)
        self.pack_list.blockSignals(False)
        self.empty.setVisible(not packs)
        self.pack_list.setVisible(len(packs) > 1)  # a single pack needs no list beside it
        self.empty.setText(self.empty_text())
        ids = [p.id for p in packs]
        if ids:
            self.pack_list.setCurrentRow(ids.index(current) if current in ids else 0)
            self._show_pack(self.pack_list.currentRow())
        self._refresh_progress()

    def empty_text(self) -> str:
        return ""

    def _show_pack(self, row: int) -> None:
        if row < 0:
            return
        pack_id = self.pack_list.item(row).data(Qt.ItemDataRole.UserRole)
        for key, view in self.views.items():
            view.setVisible(key == pack_id)

    def _next_pack(self) -> None:
        """"Next platform" at the end of a checklist: the next one, from its top."""
        self.pack_list.setCurrentRow(min(self.pack_list.currentRow() + 1, self.pack_list.count() - 1))
        view = self.views[self.pack_list.currentItem().data(Qt.ItemDataRole.UserRole)]
        self.verticalScrollBar().setValue(0)
        view.focus_first()

    def _fit_pack_list(self) -> None:
        """As wide as the longest platform name, but never more than a third of the page."""
        metrics = self.pack_list.fontMetrics()
        widest = max((metrics.horizontalAdvance(self.pack_list.item(r).text()) for r in range(self.pack_list.count())),
                     default=0)
        room = self.viewport().width() - 40
        width = min(widest + metrics.averageCharWidth() * 5, max(120, room // 3))
        beside = room - width >= self.fontMetrics().averageCharWidth() * 48
        direction = QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        if self.pack_body.direction() != direction:
            self.pack_body.setDirection(direction)
        if not beside:
            width = min(widest + metrics.averageCharWidth() * 5, room)
        if self.pack_list.width() != width:
            self.pack_list.setFixedWidth(width)
        rows = sum(self.pack_list.sizeHintForRow(r) for r in range(self.pack_list.count()))
        self.pack_list.setFixedHeight(rows + 2 * self.pack_list.frameWidth() + 4)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        if self.pack_list.count():
            self._fit_pack_list()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange) and self.pack_list.count():
            self._fit_pack_list()

    def _refresh_progress(self) -> None:
        states = self.ctx.session.item_states()
        essentials_only = self.ctx.session.essentials_only()
        packs = self.packs()
        # The same rule as the action plan's time, over this step's checklists only.
        time_left = estimate([item for pack in packs for item in pack.items], states, [])
        overall = progress(items_in_scope(packs, essentials_only), states)
        show_progress(self.overall, self.bar, overall, time_left)
        for row in range(self.pack_list.count()):
            entry = self.pack_list.item(row)
            pack = self.ctx.catalogue.pack(entry.data(Qt.ItemDataRole.UserRole))
            p = progress(items_in_scope([pack], essentials_only), states)
            name = pack.name
            mark = "✓ " if p.total and p.decided == p.total else ""
            # TRANSLATORS: a checklist in the list beside the checklists: its name and how many of its items
            # are sorted, such as "Facebook  (3/7)".
            entry.setText(mark + _("{checklist}  ({decided}/{total})").format(checklist=name, decided=p.decided,
                                                                              total=p.total))
            # TRANSLATORS: what a screen reader says for a checklist in the list.
            entry.setData(Qt.ItemDataRole.AccessibleTextRole,
                          ngettext("{checklist}, {decided} of {total} sorted", "{checklist}, {decided} of {total} sorted",
                                   p.total).format(checklist=name, decided=p.decided, total=p.total))
        if self.pack_list.count():
            self._fit_pack_list()
        if self.sender() is not None and overall.total:  # a choice was just made: say where that leaves things
            # TRANSLATORS: said aloud after an answer on a checklist.
            announce(self, ngettext("{decided} of {total} sorted.", "{decided} of {total} sorted.",
                                    overall.total).format(decided=overall.decided, total=overall.total))


class SettingsPage(ChecklistStepPage):
    step_id = "settings"
    # TRANSLATORS: "Not for me" and "Later" are two of the answers to an item (use the buttons' words).
    intro = N_("For each platform, open the setting, change it, and mark it done. Not for me is fine "
               "when a setting doesn't apply; Later keeps it on your plan.")

    def packs(self):
        return self.ctx.session.chosen_platform_packs()

    def empty_text(self) -> str:
        return _("You have not chosen any platforms yet. Go back to Your platforms and tick the ones you use.")


class HabitsPage(ChecklistStepPage):
    step_id = "habits"
    intro = N_("Settings are half of it; the other half is how you post. These come from staff "
               "social-media policies. Tick each one once it is part of how you work.")

    def packs(self):
        habits = self.ctx.catalogue.habits_pack()
        return [habits] if habits else []

    def empty_text(self) -> str:
        return _("No habits checklist could be loaded. Ask your IT team to check SocialSafe's checklist files.")
