"""Last step: your action plan. What is done, what is left, and when to check again."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel

from ...core.audit import default_next_check
from ..widgets import Card, PlainLabel, heading
from .base import StepPage


class PlanPage(StepPage):
    step_id = "plan"

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.layout_.addWidget(PlainLabel(
            "Here is where you stand. Come back to this page whenever you like: it always shows "
            "what is left.", role="lead"))

        self.about_card = Card()
        self.about_card.layout_.addWidget(heading("About you", 2))
        self.about_summary = PlainLabel("")
        self.about_card.layout_.addWidget(self.about_summary)
        self.layout_.addWidget(self.about_card)

        check = Card()
        check.layout_.addWidget(heading("Your next check", 2))
        check.layout_.addWidget(PlainLabel(
            "Things change: new photos, new tags, new settings. A check every three months keeps "
            "you on top of it.", role="muted"))
        row = QHBoxLayout()
        label = QLabel("Next &check on")
        self.next_check = QDateEdit()
        self.next_check.setCalendarPopup(True)
        self.next_check.setDisplayFormat("d MMMM yyyy")
        self.next_check.setAccessibleName("Next check on")
        label.setBuddy(self.next_check)
        row.addWidget(label)
        row.addWidget(self.next_check)
        row.addStretch(1)
        check.layout_.addLayout(row)
        self.next_check.dateChanged.connect(self._save_next_check)
        self.layout_.addWidget(check)
        self.finish_layout()

    def _save_next_check(self, qdate: QDate) -> None:
        if not self._loading:
            self.ctx.store.set_next_check(date(qdate.year(), qdate.month(), qdate.day()))

    def on_enter(self) -> None:
        self._loading = True
        try:
            profile = self.ctx.store.profile()
            names, handles, emails = (len(profile.filled_names()), len(profile.filled_handles()),
                                      len(profile.filled_emails()))
            if profile.is_started():
                self.about_summary.setText(
                    f"You added {names} name{'s' * (names != 1)}, {handles} username{'s' * (handles != 1)} "
                    f"and {emails} email address{'es' * (emails != 1)}.")
            else:
                self.about_summary.setText("Not filled in yet. Go to step 2, About you, to add your names.")
            when = self.ctx.store.next_check() or default_next_check(date.today())
            self.next_check.setMinimumDate(QDate.currentDate())
            self.next_check.setDate(QDate(when.year, when.month, when.day))
        finally:
            self._loading = False

    _loading = False
