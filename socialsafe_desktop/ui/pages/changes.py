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
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ...app.report import export_report
from ...core.audit import FINDING_DECISIONS
from ...core.i18n import _, ngettext
from ...core.recheck import ChangeSet, duration_in_words
from ...report import ReportError
from ..file_dialogs import save_file_name
from ..locale import day
from ..widgets import Card, PlainLabel, heading
from .base import StepPage

SHOWN = 12  # pages listed per group; the report lists them all


class ChangesPage(StepPage):
    step_id = "changes"

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.lead = PlainLabel("", role="lead")
        self.layout_.addWidget(self.lead)
        self.summary_card = Card()
        # TRANSLATORS: a heading on What changed.
        self.summary_card.layout_.addWidget(heading(_("In short"), 2))
        self.counts = PlainLabel("")
        # TRANSLATORS: what a screen reader calls the counts on What changed.
        self.counts.setAccessibleName(_("What changed, in short"))
        self.summary_card.layout_.addWidget(self.counts)
        self.time = PlainLabel("", role="muted")
        self.summary_card.layout_.addWidget(self.time)
        self.layout_.addWidget(self.summary_card)
        self.sections = QVBoxLayout()
        self.layout_.addLayout(self.sections)
        self.history_card = Card()
        # TRANSLATORS: a heading on What changed: every check made.
        self.history_card.layout_.addWidget(heading(_("Your checks so far"), 2))
        self.history_card.layout_.addWidget(PlainLabel(
            _("Each check is kept. You can save the report of any of them again."), role="muted"))
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
        # TRANSLATORS: the title of the file dialog that saves an earlier check's report.
        chosen, _filter = save_file_name(self, _("Save the report of this check"), suggested,
                                         # TRANSLATORS: a file dialog's choice of file type; keep "(*.html)".
                                         [_("Web page (*.html)")])
        return Path(chosen) if chosen else None

    def on_enter(self) -> None:
        session = self.ctx.session
        self.changes = changes = session.recheck.changes()
        _clear(self.sections)
        self.setting_buttons = []
        if changes.first:
            self.lead.setText(_("This is your first check, so there is nothing to compare it with yet."))
            self.summary_card.setVisible(False)
        else:
            self.summary_card.setVisible(True)
            # TRANSLATORS: {date} is the date the last check started; "Is this still set?" is the question
            # asked on each checklist item done last time.
            self.lead.setText(_("Since your last check on {date}. Pages are compared by their address; settings by "
                                "what you answered to \u201cIs this still set?\u201d.").format(
                date=day(changes.previous_started)))
            self._fill(changes)
        self._fill_history()

    # --- what changed ------------------------------------------------------------------------

    def _fill(self, c: ChangeSet) -> None:
        if c.not_checked:
            # TRANSLATORS: a line of counts of the pages found about the person, compared with the last check.
            pages = _("Pages about you: {new} new, {still} still there, {gone} no longer found, {unchecked} not "
                      "looked for again yet.")
        else:
            # TRANSLATORS: a line of counts of the pages found about the person, compared with the last check.
            pages = _("Pages about you: {new} new, {still} still there, {gone} no longer found.")
        if c.to_confirm:
            # TRANSLATORS: a line of counts of checklist settings, compared with the last check.
            settings = _("Settings: {back} changed back, {still} still set, {confirm} still to confirm.")
        else:
            # TRANSLATORS: a line of counts of checklist settings, compared with the last check.
            settings = _("Settings: {back} changed back, {still} still set.")
        lines = [
            pages.format(new=len(c.new), still=len(c.still_there), gone=len(c.gone), unchecked=len(c.not_checked)),
            settings.format(back=len(c.slipped), still=len(c.still_set), confirm=len(c.to_confirm)),
            # TRANSLATORS: {items} is "1 new item" / "3 new items", {things} is "1 thing" / "2 things".
            _("{items} on your checklists; {things} done since last time.").format(
                # TRANSLATORS: the counts put into "{items} on your checklists; {things} done since last time."
                items=ngettext("{n} new item", "{n} new items", len(c.new_items)).format(n=len(c.new_items)),
                # TRANSLATORS: put into "{items} on your checklists; {things} done since last time."
                things=ngettext("{n} thing", "{n} things", len(c.completed)).format(n=len(c.completed))),
        ]
        if c.accounts is not None:
            a = c.accounts
            lines.append(_("Forgotten accounts to close: {still} still there, {gone} gone, {new} newly found.").format(
                still=len(a.still_open), gone=len(a.gone), new=len(a.new)))
        self.counts.setText("\n".join(lines))
        # TRANSLATORS: {now} and {before} are times such as "about 40 minutes" or "spread over 3 days".
        self.time.setText(_("This check has taken {now} so far; the last one took {before}.").format(
            now=duration_in_words(c.time_now), before=duration_in_words(c.time_before)))

        if c.slipped:
            # TRANSLATORS: headings of the parts of What changed.
            card = self._section(_("Settings that changed back"))
            for change in c.slipped:
                row = QWidget()
                flow = QHBoxLayout(row)
                flow.setContentsMargins(0, 0, 0, 0)
                item = self.ctx.catalogue.item(change.key)
                title = item.title if item is not None else change.title  # in the language the app speaks
                if change.fixed_again:
                    # TRANSLATORS: a setting that changed back since the last check, now set again; {item} is
                    # the checklist item, {checklist} its checklist's name.
                    text = _("{item} ({checklist}): put right again")
                else:
                    # TRANSLATORS: a setting that changed back since the last check; {item} is the checklist
                    # item, {checklist} its checklist's name.
                    text = _("{item} ({checklist}): still to put right")
                flow.addWidget(PlainLabel(text.format(item=title, checklist=self._pack_name(change.pack_id))), 1)
                if item is not None and item.settings_url and not change.fixed_again:
                    button = QPushButton(_("Open this setting"))
                    button.setAutoDefault(True)
                    # TRANSLATORS: what a screen reader calls the button; {item} is the checklist item.
                    button.setAccessibleName(_("Open this setting: {item}").format(item=title))
                    button.clicked.connect(lambda _c=False, url=item.settings_url: self.ctx.open_url(url))
                    flow.addWidget(button)
                    self.setting_buttons.append(button)
                card.layout_.addWidget(row)
        if c.to_confirm:
            # TRANSLATORS: headings of the parts of What changed.
            card = self._section(_("Still to confirm"))
            # TRANSLATORS: "Privacy settings" and "Habits" are names of steps.
            card.layout_.addWidget(PlainLabel(_("You set these last time. In Privacy settings and Habits, say whether "
                                                "each one is still set."), role="muted"))
            card.layout_.addWidget(PlainLabel("\n".join(self._item_line(x) for x in c.to_confirm)))
        # TRANSLATORS: headings of the parts of What changed (pages found).
        self._pages(_("New since last time"), [self._page(x.now) for x in c.new])
        # TRANSLATORS: headings of the parts of What changed (pages found).
        self._pages(_("No longer found"), [self._page(x.before) for x in c.gone],
                    _("The searches that found these last time did not find them this time. That is worth a look "
                      "(open the address), but it is not proof that they were removed."))
        # TRANSLATORS: headings of the parts of What changed (pages found).
        self._pages(_("Still there"), [self._page(x.now, x.before) for x in c.still_there],
                    _("What you decided last time stands unless you change it in Search yourself."))
        if c.not_checked:
            # TRANSLATORS: headings of the parts of What changed (pages found).
            self._pages(_("Not looked for again yet"), [self._page(x.before) for x in c.not_checked],
                        _("Run the searches that found these last time to see whether they are still there."))
        if c.completed:
            # TRANSLATORS: headings of the parts of What changed.
            card = self._section(_("Done since last time"))
            card.layout_.addWidget(PlainLabel("\n".join(
                # TRANSLATORS: something done since the last check: what it is, and how (such as "done").
                _("{thing}: {how}").format(thing=self._item_title(x.key, x.title) if x.kind == "item" else x.title,
                                           how=x.how) for x in c.completed)))
        if c.new_items:
            # TRANSLATORS: headings of the parts of What changed.
            card = self._section(_("New on your checklists"))
            card.layout_.addWidget(PlainLabel("\n".join(self._item_line(x) for x in c.new_items)))

    def _pack_name(self, pack_id: str) -> str:
        pack = self.ctx.catalogue.pack(pack_id)
        return pack.name if pack is not None else pack_id

    def _item_title(self, key: str, title: str) -> str:
        """A checklist item's title in the language the app speaks (the change has its English)."""
        item = self.ctx.catalogue.item(key)
        return item.title if item is not None else title

    def _item_line(self, change) -> str:
        # TRANSLATORS: a checklist item and, in brackets, its checklist's name (such as Facebook).
        return _("{item} ({checklist})").format(item=self._item_title(change.key, change.title),
                                                checklist=self._pack_name(change.pack_id))

    @staticmethod
    def _page(now, before=None) -> str:
        title = (now.title or now.url).strip()
        line = f"{title}\n    {now.url}"
        if before is not None:
            was = _(FINDING_DECISIONS[before.decision]) if before.decision in FINDING_DECISIONS else (
                # TRANSLATORS: what the person said about a page last time, when they said nothing.
                _("not decided"))
            is_ = _(FINDING_DECISIONS[now.decision]) if now.decision in FINDING_DECISIONS else (
                # TRANSLATORS: what the person said about a page this time, when they have said nothing yet.
                _("not decided yet"))
            # TRANSLATORS: {before} and {now} are answers such as "Not me" or "Me, fine".
            line += "\n    " + _("Last time: {before}. Now: {now}.").format(before=was, now=is_)
        return line

    def _section(self, title: str) -> Card:
        card = Card()
        card.layout_.addWidget(heading(title, 3))
        self.sections.addWidget(card)
        return card

    def _pages(self, title: str, lines: list[str], note: str = "") -> None:
        if not lines:
            return
        # TRANSLATORS: a heading and, in brackets, how many pages are under it.
        card = self._section(_("{heading} ({n})").format(heading=title, n=len(lines)))
        if note:
            card.layout_.addWidget(PlainLabel(note, role="muted"))
        body = PlainLabel("\n".join(lines[:SHOWN]))
        body.setAccessibleName(title)
        card.layout_.addWidget(body)
        if len(lines) > SHOWN:
            more = len(lines) - SHOWN
            # TRANSLATORS: under a list cut short; the report lists everything.
            card.layout_.addWidget(PlainLabel(ngettext("And {n} more: your report lists it.",
                                                       "And {n} more: your report lists them all.",
                                                       more).format(n=more), role="muted"))

    # --- the history ---------------------------------------------------------------------------

    def _fill_history(self) -> None:
        _clear(self.history_rows)
        self.report_buttons = {}
        for number, audit in enumerate(self.ctx.session.recheck.history(), 1):
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 2, 0, 2)
            # TRANSLATORS: put into a line of the history: how many pages that check found.
            pages = ngettext("{n} page found", "{n} pages found", audit.pages).format(n=audit.pages)
            if audit.current:
                # TRANSLATORS: one check in the history: its number, when it started, how far it got, and
                # {pages} ("3 pages found").
                text = _("{number}. Started {started} (this check): {decided} of {total} sorted ({percent}%), "
                         "{pages}")
            else:
                # TRANSLATORS: one check in the history: its number, when it started and finished, how far it
                # got, and {pages} ("3 pages found").
                text = _("{number}. Started {started} (finished {finished}): {decided} of {total} sorted "
                         "({percent}%), {pages}")
            text = text.format(number=number, started=day(audit.started_at), finished=day(audit.finished_at),
                               decided=audit.decided, total=audit.total, percent=audit.percent, pages=pages)
            line.addWidget(PlainLabel(text), 1)
            # TRANSLATORS: button beside a check in the history: save that check's report again.
            button = QPushButton(_("Save its report…"))
            button.setAutoDefault(True)
            button.setAccessibleName(_("Save the report of check {number}, started {date}").format(
                number=number, date=day(audit.started_at)))
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
        # TRANSLATORS: {report} is a file name, {folder} the folder it was saved in.
        self.export_status.setText(_("Saved {report} in {folder}.").format(report=html.name, folder=html.parent))


def _clear(layout) -> None:
    while layout.count():
        widget = layout.takeAt(0).widget()
        if widget is not None:
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
