"""Privacy settings: one checklist per chosen platform, with progress and time left."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
)

from ...core.audit import items_in_scope, progress
from ...core.estimate import TimeEstimate, estimate, summary
from ..checklist_view import PackView
from ..widgets import PlainLabel
from .base import StepPage


def show_progress(label, bar, p, time_left: TimeEstimate) -> None:
    """The overall line and bar, the same on the checklist steps and the action plan."""
    label.setText(progress_text(p, time_left))
    bar.setRange(0, max(1, p.total))
    bar.setValue(p.decided)
    bar.setFormat(f"{p.percent}%")


def progress_text(p, time_left: TimeEstimate) -> str:
    if not p.total:
        return "Nothing to do."
    return (f"{p.decided} of {p.total} sorted ({p.done} done, {p.not_for_me} not for me, {p.later} later) · "
            + summary(time_left))


class ChecklistStepPage(StepPage):
    """Shared by the privacy-settings and habits steps: a list of packs and the open pack."""

    intro = ""

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.layout_.addWidget(PlainLabel(self.intro, role="lead"))
        top = QHBoxLayout()
        self.overall = PlainLabel("", role="h3")
        top.addWidget(self.overall, 1)
        self.essentials = QCheckBox("&Essentials only")
        self.essentials.setToolTip("Show only the settings that matter most. Untick to see every recommendation.")
        top.addWidget(self.essentials)
        self.words_button = QPushButton("&Words explained…")
        self.words_button.setAccessibleName("Words explained: what the words in these checklists mean")
        self.words_button.setAutoDefault(True)
        self.words_button.clicked.connect(self.explain_words)
        top.addWidget(self.words_button)
        self.layout_.addLayout(top)
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Overall progress")
        self.layout_.addWidget(self.bar)
        self.empty = PlainLabel("", role="notice")
        self.layout_.addWidget(self.empty)
        body = QHBoxLayout()
        self.pack_list = QListWidget()
        self.pack_list.setObjectName("packList")
        self.pack_list.setAccessibleName("Platforms")
        self.pack_list.setFixedWidth(230)
        self.pack_stack = QStackedWidget()
        body.addWidget(self.pack_list)
        body.addWidget(self.pack_stack, 1)
        self.layout_.addLayout(body, 1)
        self.fill_height()
        self.views: dict[str, PackView] = {}
        self.scrollers: dict[str, QScrollArea] = {}
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
        for scroller in self.scrollers.values():
            self.pack_stack.removeWidget(scroller)
            scroller.deleteLater()
        self.views.clear()
        self.scrollers.clear()
        self.pack_list.blockSignals(True)
        self.pack_list.clear()
        states = self.ctx.session.item_states()
        essentials_only = self.ctx.session.essentials_only()
        packs = self.packs()
        recheck = self.ctx.session.recheck
        recheck.remember_shown(packs)  # so the next re-check can tell which items are new
        marks = recheck.item_marks()
        for pack in packs:
            items = items_in_scope([pack], essentials_only)
            view = PackView(pack, items, states, self.ctx, marks=marks)
            view.changed.connect(self._refresh_progress)
            view.setObjectName("page")
            # Each pack scrolls on its own, so the list of platforms stays in view.
            scroller = QScrollArea()
            scroller.setWidgetResizable(True)
            scroller.setFrameShape(QScrollArea.Shape.NoFrame)
            scroller.setWidget(view)
            self.views[pack.id] = view
            self.scrollers[pack.id] = scroller
            self.pack_stack.addWidget(scroller)
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
        self._refresh_progress()

    def empty_text(self) -> str:
        return ""

    def _show_pack(self, row: int) -> None:
        if row >= 0:
            pack_id = self.pack_list.item(row).data(Qt.ItemDataRole.UserRole)
            self.pack_stack.setCurrentWidget(self.scrollers[pack_id])

    def _refresh_progress(self) -> None:
        states = self.ctx.session.item_states()
        essentials_only = self.ctx.session.essentials_only()
        packs = self.packs()
        # The same rule as the action plan's time, over this step's checklists only.
        time_left = estimate([item for pack in packs for item in pack.items], states, [])
        show_progress(self.overall, self.bar, progress(items_in_scope(packs, essentials_only), states), time_left)
        for row in range(self.pack_list.count()):
            entry = self.pack_list.item(row)
            pack = self.ctx.catalogue.pack(entry.data(Qt.ItemDataRole.UserRole))
            p = progress(items_in_scope([pack], essentials_only), states)
            mark = "✓ " if p.total and p.decided == p.total else ""
            entry.setText(f"{mark}{pack.name}  ({p.decided}/{p.total})")
            entry.setData(Qt.ItemDataRole.AccessibleTextRole, f"{pack.name}, {p.decided} of {p.total} sorted")


class SettingsPage(ChecklistStepPage):
    step_id = "settings"
    intro = ("For each platform, open the setting, change it, and mark it done. Not for me is fine "
             "when a setting doesn't apply; Later keeps it on your plan.")

    def packs(self):
        return self.ctx.session.chosen_platform_packs()

    def empty_text(self) -> str:
        return "You have not chosen any platforms yet. Go back to Your platforms and tick the ones you use."


class HabitsPage(ChecklistStepPage):
    step_id = "habits"
    intro = ("Settings are half of it; the other half is how you post. These come from staff "
             "social-media policies. Tick each one once it is part of how you work.")

    def packs(self):
        habits = self.ctx.catalogue.habits_pack()
        return [habits] if habits else []

    def empty_text(self) -> str:
        return "No habits checklist could be loaded. Ask your IT team to check SocialSafe's checklist files."
