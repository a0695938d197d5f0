"""Your platforms: tick the social networks you use. Platforms a search found you on arrive
already ticked, and say so; the person's own choice always wins."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem

from ..widgets import PlainLabel
from .base import StepPage


class PlatformsPage(StepPage):
    step_id = "platforms"

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self._loading = False
        self.layout_.addWidget(PlainLabel(
            "Tick every network you have an account on, even one you rarely use: old accounts "
            "are often the most open. The next step gives you a short checklist for each.", role="lead"))
        self.problems = PlainLabel("", role="warning")
        self.problems.setVisible(False)
        self.layout_.addWidget(self.problems)
        label = QLabel("&Find a platform")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("type to filter, for example insta")
        self.filter.setAccessibleName("Find a platform")
        self.filter.setClearButtonEnabled(True)
        label.setBuddy(self.filter)
        self.layout_.addWidget(label)
        self.layout_.addWidget(self.filter)
        self.list = QListWidget()
        self.list.setObjectName("platformList")
        self.list.setAccessibleName("Platforms you use")
        self.list.setMinimumHeight(360)
        self.layout_.addWidget(self.list, 1)
        self.count = PlainLabel("", role="muted")
        self.layout_.addWidget(self.count)
        self.filter.textChanged.connect(self._apply_filter)
        self.list.itemChanged.connect(self._item_changed)

    def on_enter(self) -> None:
        self._loading = True
        try:
            problems = self.ctx.catalogue.problems
            if problems:
                shown = "\n".join(str(p) for p in problems[:5])
                more = f"\n…and {len(problems) - 5} more." if len(problems) > 5 else ""
                self.problems.setText("Some checklist files have problems and were left out; the others "
                                      f"work as normal. Tell your IT team:\n{shown}{more}")
            self.problems.setVisible(bool(problems))
            choices = self.ctx.session.platform_choices()
            self.list.clear()
            for pack in self.ctx.catalogue.platform_packs():
                chosen, source = choices.get(pack.id, (False, ""))
                text = pack.name
                if pack.domains:
                    text += f"   ({', '.join(pack.domains[:2])})"
                if chosen and source == "search":
                    text += "   — found in your searches"
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, pack.id)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
                item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, pack.name)
                self.list.addItem(item)
            self._apply_filter(self.filter.text())
            self._update_count()
        finally:
            self._loading = False

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(needle) and needle not in item.text().lower())

    def _item_changed(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        chosen = item.checkState() == Qt.CheckState.Checked
        self.ctx.session.set_platform(item.data(Qt.ItemDataRole.UserRole), chosen)
        self._update_count()

    def _update_count(self) -> None:
        n = len(self.ctx.store.chosen_platforms() & set(self.ctx.catalogue.packs))
        self.count.setText(f"{n} platform{'s' * (n != 1)} chosen." if n else "No platforms chosen yet.")
