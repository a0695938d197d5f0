"""What changed: in a re-check, this check compared with the last one, and every check so far.

A step of its own, just before the action plan, rather than a section of the plan: it has a
lot to say (pages new, gone and still there, settings that slipped back, what was done since,
the time taken, the history with a report for each check), it is the point of coming back,
and as a step it appears in the list only when there is something to compare. The plan stays
what it is: what is left to do now.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ...app.report import export_report
from ...core.audit import FINDING_DECISIONS
from ...core.recheck import ChangeSet, duration_in_words
from ...report import ReportError
from ..dates import day
from ..widgets import Card, PlainLabel, heading
from .base import StepPage

SHOWN = 12  # pages listed per group; the report lists them all


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


class ChangesPage(StepPage):
    step_id = "changes"

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.lead = PlainLabel("", role="lead")
        self.layout_.addWidget(self.lead)
        self.summary_card = Card()
        self.summary_card.layout_.addWidget(heading("In short", 2))
        self.counts = PlainLabel("")
        self.counts.setAccessibleName("What changed, in short")
        self.summary_card.layout_.addWidget(self.counts)
        self.time = PlainLabel("", role="muted")
        self.summary_card.layout_.addWidget(self.time)
        self.layout_.addWidget(self.summary_card)
        self.sections = QVBoxLayout()
        self.layout_.addLayout(self.sections)
        self.history_card = Card()
        self.history_card.layout_.addWidget(heading("Your checks so far", 2))
        self.history_card.layout_.addWidget(PlainLabel(
            "Each check is kept. You can save the report of any of them again.", role="muted"))
        self.history_rows = QVBoxLayout()
        self.history_card.layout_.addLayout(self.history_rows)
        self.export_status = PlainLabel("", role="muted")
        self.history_card.layout_.addWidget(self.export_status)
        self.layout_.addWidget(self.history_card)
        self.setting_buttons: list[QPushButton] = []
        self.report_buttons: dict[int, QPushButton] = {}
        self.changes: ChangeSet | None = None
        self.finish_layout()

    # Dialogs are attributes so tests can answer them like a person would.
    def ask_save_path(self, suggested: Path) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Save the report of this check", str(suggested),
                                                "Web page (*.html)")
        return Path(chosen) if chosen else None

    def on_enter(self) -> None:
        session = self.ctx.session
        self.changes = changes = session.recheck.changes()
        _clear(self.sections)
        self.setting_buttons = []
        if changes.first:
            self.lead.setText("This is your first check, so there is nothing to compare it with yet.")
            self.summary_card.setVisible(False)
        else:
            self.summary_card.setVisible(True)
            self.lead.setText(f"Since your last check on {day(changes.previous_started)}. Pages are compared by "
                              "their address; settings by what you answered to \u201cIs this still set?\u201d.")
            self._fill(changes)
        self._fill_history()

    # --- what changed ------------------------------------------------------------------------

    def _fill(self, c: ChangeSet) -> None:
        lines = [
            f"Pages about you: {len(c.new)} new, {len(c.still_there)} still there, {len(c.gone)} no longer found"
            + (f", {len(c.not_checked)} not looked for again yet" if c.not_checked else "") + ".",
            f"Settings: {len(c.slipped)} changed back, {len(c.still_set)} still set"
            + (f", {len(c.to_confirm)} still to confirm" if c.to_confirm else "") + ".",
            f"{_plural(len(c.new_items), 'new item')} on your checklists; "
            f"{_plural(len(c.completed), 'thing')} done since last time.",
        ]
        if c.accounts is not None:
            a = c.accounts
            lines.append(f"Forgotten accounts to close: {len(a.still_open)} still there, {len(a.gone)} gone, "
                         f"{len(a.new)} newly found.")
        self.counts.setText("\n".join(lines))
        self.time.setText(f"This check has taken {duration_in_words(c.time_now)} so far; the last one took "
                          f"{duration_in_words(c.time_before)}.")

        if c.slipped:
            card = self._section("Settings that changed back")
            for change in c.slipped:
                row = QWidget()
                flow = QHBoxLayout(row)
                flow.setContentsMargins(0, 0, 0, 0)
                state = "put right again" if change.fixed_again else "still to put right"
                flow.addWidget(PlainLabel(f"{change.title} ({self._pack_name(change.pack_id)}): {state}"), 1)
                item = self.ctx.catalogue.item(change.key)
                if item is not None and item.settings_url and not change.fixed_again:
                    button = QPushButton("Open this setting")
                    button.setAutoDefault(True)
                    button.setAccessibleName(f"Open this setting: {change.title}")
                    button.clicked.connect(lambda _c=False, url=item.settings_url: self.ctx.open_url(url))
                    flow.addWidget(button)
                    self.setting_buttons.append(button)
                card.layout_.addWidget(row)
        if c.to_confirm:
            card = self._section("Still to confirm")
            card.layout_.addWidget(PlainLabel("You set these last time. In Privacy settings and Habits, say whether "
                                              "each one is still set.", role="muted"))
            card.layout_.addWidget(PlainLabel("\n".join(f"{x.title} ({self._pack_name(x.pack_id)})"
                                                        for x in c.to_confirm)))
        self._pages("New since last time", [self._page(x.now) for x in c.new])
        self._pages("No longer found", [self._page(x.before) for x in c.gone],
                    "The searches that found these last time did not find them this time. That is worth a look "
                    "(open the address), but it is not proof that they were removed.")
        self._pages("Still there", [self._page(x.now, x.before) for x in c.still_there],
                    "What you decided last time stands unless you change it in Search yourself.")
        if c.not_checked:
            self._pages("Not looked for again yet", [self._page(x.before) for x in c.not_checked],
                        "Run the searches that found these last time to see whether they are still there.")
        if c.completed:
            card = self._section("Done since last time")
            card.layout_.addWidget(PlainLabel("\n".join(f"{x.title}: {x.how}" for x in c.completed)))
        if c.new_items:
            card = self._section("New on your checklists")
            card.layout_.addWidget(PlainLabel("\n".join(f"{x.title} ({self._pack_name(x.pack_id)})"
                                                        for x in c.new_items)))

    def _pack_name(self, pack_id: str) -> str:
        pack = self.ctx.catalogue.pack(pack_id)
        return pack.name if pack is not None else pack_id

    @staticmethod
    def _page(now, before=None) -> str:
        title = (now.title or now.url).strip()
        line = f"{title}\n    {now.url}"
        if before is not None:
            was = FINDING_DECISIONS.get(before.decision, "not decided")
            is_ = FINDING_DECISIONS.get(now.decision, "not decided yet")
            line += f"\n    Last time: {was}. Now: {is_}."
        return line

    def _section(self, title: str) -> Card:
        card = Card()
        card.layout_.addWidget(heading(title, 3))
        self.sections.addWidget(card)
        return card

    def _pages(self, title: str, lines: list[str], note: str = "") -> None:
        if not lines:
            return
        card = self._section(f"{title} ({len(lines)})")
        if note:
            card.layout_.addWidget(PlainLabel(note, role="muted"))
        body = PlainLabel("\n".join(lines[:SHOWN]))
        body.setAccessibleName(title)
        card.layout_.addWidget(body)
        if len(lines) > SHOWN:
            card.layout_.addWidget(PlainLabel(f"And {len(lines) - SHOWN} more: your report lists them all.",
                                              role="muted"))

    # --- the history ---------------------------------------------------------------------------

    def _fill_history(self) -> None:
        _clear(self.history_rows)
        self.report_buttons = {}
        for number, audit in enumerate(self.ctx.session.recheck.history(), 1):
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 2, 0, 2)
            state = "this check" if audit.current else f"finished {day(audit.finished_at)}"
            text = (f"{number}. Started {day(audit.started_at)} ({state}): {audit.decided} of {audit.total} "
                    f"sorted ({audit.percent}%), {_plural(audit.pages, 'page')} found")
            line.addWidget(PlainLabel(text), 1)
            button = QPushButton("Save its report…")
            button.setAutoDefault(True)
            button.setAccessibleName(f"Save the report of check {number}, started {day(audit.started_at)}")
            button.clicked.connect(lambda _c=False, a=audit.id, s=audit.started_at: self.export_report(a, s))
            line.addWidget(button)
            self.report_buttons[audit.id] = button
            self.history_rows.addWidget(row)

    def export_report(self, audit_id: int, started: datetime | None) -> None:
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"socialsafe-report-check-of-{started:%Y-%m-%d}.html" if started else "socialsafe-report.html"
        target = self.ask_save_path(Path(documents or Path.home()) / name)
        if target is None:
            return
        if target.suffix.lower() not in (".html", ".htm"):
            target = target.with_name(target.name + ".html")
        try:
            html, _ics = export_report(self.ctx.session, target, audit_id=audit_id)
        except ReportError as exc:
            self.export_status.setText(str(exc))
            return
        self.export_status.setText(f"Saved {html.name} in {html.parent}.")


def _clear(layout) -> None:
    while layout.count():
        widget = layout.takeAt(0).widget()
        if widget is not None:
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
