"""Your platforms: tick the social networks you use. Platforms a search found you on arrive
already ticked, and say so; the person's own choice always wins."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem

from ...core.i18n import _, ngettext
from ..widgets import PlainLabel
from .base import StepPage


class PlatformsPage(StepPage):
    step_id = "platforms"

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self._loading = False
        self.layout_.addWidget(PlainLabel(
            _("Tick every network you have an account on, even one you rarely use: old accounts "
              "are often the most open. The next step gives you a short checklist for each."), role="lead"))
        self.problems = PlainLabel("", role="warning")
        self.problems.setVisible(False)
        self.layout_.addWidget(self.problems)
        # TRANSLATORS: label of the box that filters the list of platforms. Keep the & (shortcut).
        label = QLabel(_("&Find a platform"))
        self.filter = QLineEdit()
        # TRANSLATORS: placeholder in the filter box; "insta" is the start of a platform's name (Instagram).
        self.filter.setPlaceholderText(_("type to filter, for example insta"))
        # TRANSLATORS: what a screen reader calls the filter box.
        self.filter.setAccessibleName(_("Find a platform"))
        self.filter.setClearButtonEnabled(True)
        label.setBuddy(self.filter)
        self.layout_.addWidget(label)
        self.layout_.addWidget(self.filter)
        self.list = QListWidget()
        self.list.setObjectName("platformList")
        # TRANSLATORS: what a screen reader calls the list of platforms.
        self.list.setAccessibleName(_("Platforms you use"))
        self.list.setWordWrap(True)  # a long name wraps; the list never scrolls sideways
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.layout_.addWidget(self.list)
        self.count = PlainLabel("", role="muted")
        self.layout_.addWidget(self.count)
        self.finish_layout()
        self.filter.textChanged.connect(self._apply_filter)
        self.list.itemChanged.connect(self._item_changed)

    def on_enter(self) -> None:
        self._loading = True
        try:
            problems = self.ctx.catalogue.problems
            if problems:
                shown = "\n".join(str(p) for p in problems[:5])
                if len(problems) > 5:
                    more = len(problems) - 5
                    # TRANSLATORS: after a list cut short: how many more there are.
                    shown += "\n" + ngettext("…and {n} more.", "…and {n} more.", more).format(n=more)
                # TRANSLATORS: {problems} lists the problems found in checklist files, one a line (in English:
                # they are for the IT team).
                self.problems.setText(_("Some checklist files have problems and were left out; the others work as "
                                        "normal. Tell your IT team:\n{problems}").format(problems=shown))
            self.problems.setVisible(bool(problems))
            choices = self.ctx.session.platform_choices()
            self.list.clear()
            for pack in self.ctx.catalogue.platform_packs():
                chosen, source = choices.get(pack.id, (False, ""))
                text = pack.name
                if pack.domains:
                    text += f"   ({', '.join(pack.domains[:2])})"
                if chosen and source == "search":
                    # TRANSLATORS: after a platform's name in the list: a search found the person on it.
                    text += "   " + _("— found in your searches")
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
        self._fit_list()

    def _fit_list(self) -> None:
        """Tall enough for every platform shown, but never taller than the page's view: the list
        scrolls inside, so the one with focus, and the filter above it, can always be seen."""
        rows = [r for r in range(self.list.count()) if not self.list.item(r).isHidden()]
        row_height = self.list.sizeHintForRow(rows[0]) if rows else self.list.fontMetrics().height() * 2
        line = self.fontMetrics().height()
        room = max(3 * row_height, self.viewport().height() - 4 * line)
        wanted = max(3 * row_height, sum(self.list.sizeHintForRow(r) for r in rows))
        height = min(wanted, room) + 2 * self.list.frameWidth() + 8
        if self.list.height() != height:
            self.list.setFixedHeight(height)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self._fit_list()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_list()

    def _item_changed(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        chosen = item.checkState() == Qt.CheckState.Checked
        self.ctx.session.set_platform(item.data(Qt.ItemDataRole.UserRole), chosen)
        self._update_count()

    def _update_count(self) -> None:
        n = len(self.ctx.store.chosen_platforms() & set(self.ctx.catalogue.packs))
        # TRANSLATORS: under the list of platforms.
        self.count.setText(ngettext("{n} platform chosen.", "{n} platforms chosen.", n).format(n=n) if n
                           # TRANSLATORS: under the list of platforms, when none is ticked.
                           else _("No platforms chosen yet."))
