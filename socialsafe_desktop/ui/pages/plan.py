"""Last step: your action plan. What is done, what is left, and when to check again."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...app.report import export_report
from ...core.actions import ACCOUNT, FINDING, SEARCH, Action
from ...core.audit import items_in_scope, progress
from ...core.i18n import _, ngettext
from ...report import ReportError
from ..file_dialogs import save_file_name
from ..flow_layout import FlowLayout
from ..locale import DATE_FORMAT, qt_locale
from ..widgets import Card, PlainLabel, announce, ensure_visible, heading, plain_message
from .base import StepPage
from .settings import show_progress


class PlanPage(StepPage):
    step_id = "plan"

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.layout_.addWidget(PlainLabel(
            _("Here is where you stand. Come back to this page whenever you like: it always shows "
              "what is left."), role="lead"))

        self.progress_card = Card()
        # TRANSLATORS: a heading on the action plan.
        self.progress_card.layout_.addWidget(heading(_("Progress"), 2))
        self.overall = PlainLabel("")
        self.progress_card.layout_.addWidget(self.overall)
        self.bar = QProgressBar()
        # TRANSLATORS: what a screen reader calls the progress bar.
        self.bar.setAccessibleName(_("Overall progress"))
        self.progress_card.layout_.addWidget(self.bar)
        self.per_pack = PlainLabel("", role="muted")
        self.progress_card.layout_.addWidget(self.per_pack)
        self.layout_.addWidget(self.progress_card)

        self.next_card = Card()
        # TRANSLATORS: a heading on the action plan.
        self.next_card.layout_.addWidget(heading(_("Your next three actions"), 2))
        self.next_card.layout_.addWidget(PlainLabel(
            _("What you found about yourself (pages and forgotten accounts) comes first, then the settings that "
              "matter most, quickest first."),
            role="muted"))
        self.next_list = QVBoxLayout()
        self.next_card.layout_.addLayout(self.next_list)
        self.more_left = PlainLabel("", role="muted")
        self.next_card.layout_.addWidget(self.more_left)
        self.layout_.addWidget(self.next_card)
        self.action_buttons: list[QPushButton] = []

        report = Card()
        # TRANSLATORS: a heading on the action plan.
        report.layout_.addWidget(heading(_("Your report"), 2))
        report.layout_.addWidget(PlainLabel(
            _("Save your plan as a web page you can open, print or keep. It stays on this computer "
              "unless you send it to someone."), role="muted"))
        # A check box's text cannot wrap: the short part is its label, the rest wraps below it.
        # TRANSLATORS: a check box for the redacted report; keep it short (it cannot wrap). Keep the &.
        self.redact = QCheckBox(_("&Hide my details"))
        explanation = _("This copy leaves out your names, usernames and email addresses, web addresses and your "
                        "notes: one to show a trainer or a manager.")
        self.redact.setAccessibleDescription(explanation)
        report.layout_.addWidget(self.redact, 0, Qt.AlignmentFlag.AlignLeft)
        report.layout_.addWidget(PlainLabel(explanation, role="muted"))
        # TRANSLATORS: "Save my report" is the name of the button at the bottom right of the window.
        report.layout_.addWidget(PlainLabel(_("Press Save my report, at the bottom right, to choose where it goes.")))
        # The step's main action sits where Next is on every other step, always in view.
        # TRANSLATORS: the last step's main button, where Next is on the other steps. Keep the & (shortcut).
        self.export_button = QPushButton(_("&Save my report…"))
        self.export_button.setProperty("role", "primary")
        self.export_button.setAutoDefault(True)
        self.export_button.clicked.connect(self.export_report)
        self.nav_button = self.export_button
        self.export_status = PlainLabel("", role="muted")
        report.layout_.addWidget(self.export_status)
        self.layout_.addWidget(report)

        self.about_card = Card()
        # TRANSLATORS: a heading on the action plan: what the person told About you.
        self.about_card.layout_.addWidget(heading(_("About you"), 2))
        self.about_summary = PlainLabel("")
        self.about_card.layout_.addWidget(self.about_summary)
        self.layout_.addWidget(self.about_card)

        check = Card()
        # TRANSLATORS: a heading on the action plan: the date to check again.
        check.layout_.addWidget(heading(_("Your next check"), 2))
        check.layout_.addWidget(PlainLabel(
            _("Things change: new photos, new tags, new settings. A check every few months keeps "
              "you on top of it. Your report comes with a calendar reminder for this date."), role="muted"))
        row = QHBoxLayout()
        # TRANSLATORS: the label before the date of the next check. Keep the & (shortcut).
        label = QLabel(_("Next &check on"))
        self.next_check = QDateEdit()
        self.next_check.setCalendarPopup(True)
        # The month in words, in the language the app speaks (the calendar's too).
        self.next_check.setLocale(qt_locale())
        self.next_check.calendarWidget().setLocale(qt_locale())
        self.next_check.setDisplayFormat(DATE_FORMAT)
        # TRANSLATORS: what a screen reader calls the date of the next check.
        self.next_check.setAccessibleName(_("Next check on"))
        label.setBuddy(self.next_check)
        row.addWidget(label)
        row.addWidget(self.next_check)
        row.addStretch(1)
        check.layout_.addLayout(row)
        self.next_check.dateChanged.connect(self._save_next_check)
        # Coming back: a new check, compared with this one (What changed).
        # TRANSLATORS: button under "Your next check". Keep the & (shortcut).
        self.recheck_button = QPushButton(_("Start a &re-check…"))
        self.recheck_button.setAutoDefault(True)
        self.recheck_button.clicked.connect(lambda: self.ctx.start_recheck())
        again = QHBoxLayout()
        again.addWidget(self.recheck_button)
        again.addStretch(1)
        check.layout_.addLayout(again)
        self.layout_.addWidget(check)

        evidence = Card()
        # TRANSLATORS: a heading on the action plan.
        evidence.layout_.addWidget(heading(_("Evidence log"), 2))
        self.evidence_summary = PlainLabel("", role="muted")
        evidence.layout_.addWidget(self.evidence_summary)
        # TRANSLATORS: button on the action plan. Keep the & (shortcut).
        self.evidence_button = QPushButton(_("Open the e&vidence log…"))
        self.evidence_button.setAutoDefault(True)
        self.evidence_button.clicked.connect(self.open_evidence)
        line = QHBoxLayout()
        line.addWidget(self.evidence_button)
        line.addStretch(1)
        evidence.layout_.addLayout(line)
        self.layout_.addWidget(evidence)
        self.finish_layout()

    def open_evidence(self) -> None:
        from ..evidence_dialog import EvidenceDialog  # loaded when first opened

        EvidenceDialog(self.ctx.session, self.ctx.open_url, parent=self).exec()
        self._show_evidence()

    def _show_evidence(self) -> None:
        kept = self.ctx.session.evidence.count()
        self.evidence_summary.setText(
            ngettext("You keep {n} page as evidence. Export it for your safeguarding lead, the police or a "
                     "platform's report form.",
                     "You keep {n} pages as evidence. Export them for your safeguarding lead, the police or a "
                     "platform's report form.", kept).format(n=kept) if kept else
            # TRANSLATORS: "Keep as evidence" is a button's name; "Search yourself" a step's name.
            _("Nothing kept. For a page that shows abuse, impersonation or harassment, press Keep as evidence on it "
              "in Search yourself."))

    # Dialogs are attributes so tests can answer them like a person would.
    def ask_save_path(self, suggested: Path) -> Path | None:
        # TRANSLATORS: a file dialog's choice of file type; keep "(*.html)" as it is.
        chosen, _filter = save_file_name(self, _("Save your report"), suggested, [_("Web page (*.html)")])
        return Path(chosen) if chosen else None

    def ask_open_now(self, html: Path) -> bool:
        # TRANSLATORS: the title of the question after the report was saved.
        answer = plain_message(self, QMessageBox.Icon.Question, _("Report saved"),
                               # TRANSLATORS: {file} is where the report was saved.
                               _("Your report is saved as {file}.\n\nOpen it in your browser now?").format(file=html),
                               QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def ask_replace(self, files: list[Path]) -> bool:
        names = "\n".join(str(f) for f in files)
        answer = plain_message(self, QMessageBox.Icon.Question,
                               # TRANSLATORS: the title of the question before files are replaced.
                               ngettext("Replace file?", "Replace files?", len(files)),
                               # TRANSLATORS: {files} is a list of files, one a line.
                               ngettext("This file already exists and would be replaced:\n{files}\n\nReplace it?",
                                        "These files already exist and would be replaced:\n{files}\n\nReplace them?",
                                        len(files)).format(files=names),
                               QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def export_report(self) -> None:
        redact = self.redact.isChecked()
        name = f"socialsafe-report-{date.today():%Y-%m-%d}{'-redacted' if redact else ''}.html"
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen = target = self.ask_save_path(Path(documents or Path.home()) / name)
        if target is None:
            return
        if target.suffix.lower() not in (".html", ".htm"):
            target = target.with_name(target.name + ".html")
        # The save dialog asked about the name the person typed; not about these.
        others = [p for p in (target, target.with_suffix(".ics")) if p.exists() and p != chosen]
        if others and not self.ask_replace(others):
            return
        try:
            html, ics = export_report(self.ctx.session, target, redact=redact)
        except ReportError as exc:
            self.export_status.setText(str(exc))
            ensure_visible(self.export_status)
            announce(self, str(exc), assertive=True)
            return
        # TRANSLATORS: {report} and {reminder} are file names, {folder} the folder they were saved in.
        self.export_status.setText(_("Saved {report} and the calendar reminder {reminder} in {folder}.").format(
            report=html.name, reminder=ics.name, folder=html.parent))
        ensure_visible(self.export_status)
        announce(self, self.export_status.text())
        if self.ask_open_now(html):
            self.ctx.open_local_file(html)

    def _save_next_check(self, qdate: QDate) -> None:
        if not self._loading:
            self.ctx.session.set_next_check(date(qdate.year(), qdate.month(), qdate.day()))

    def _show_progress(self) -> None:
        session = self.ctx.session
        plan = session.actions.plan()
        states = session.item_states()
        essentials_only = session.essentials_only()
        packs = session.audit_packs()  # read once: each call asks the store for the platforms
        show_progress(self.overall, self.bar, plan.progress, plan.estimate)
        lines = []
        for pack in packs:
            p = progress(items_in_scope([pack], essentials_only), states)
            # TRANSLATORS: one checklist's progress: {checklist} is its name (a platform, or Habits).
            lines.append(ngettext("{checklist}: {decided} of {total} sorted", "{checklist}: {decided} of {total} sorted",
                                  p.total).format(checklist=pack.name, decided=p.decided, total=p.total))
        self.per_pack.setText("\n".join(lines) or _("Choose your platforms to get a checklist for each."))
        self._show_actions(plan.next_actions(), len(plan.actions))

    def _show_actions(self, upcoming: list[Action], total: int) -> None:
        while self.next_list.count():
            widget = self.next_list.takeAt(0).widget()
            if widget:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self.action_buttons = []
        for number, action in enumerate(upcoming, 1):
            self.next_list.addWidget(self._action_row(number, action))
        if not upcoming:
            has_items = bool(self.ctx.session.audit_packs())
            # TRANSLATORS: on the action plan when every action is done.
            self.next_list.addWidget(PlainLabel(_("Nothing left to do. Well done.") if has_items else
                                                _("Your next actions appear here once you have chosen your platforms.")))
        more = total - len(upcoming)
        self.more_left.setText(ngettext("{n} more action after these: your report lists them all.",
                                        "{n} more actions after these: your report lists them all.",
                                        more).format(n=more) if more > 0 else "")
        self.more_left.setVisible(more > 0)

    def _action_row(self, number: int, action: Action) -> QWidget:
        row = QWidget()
        column = QVBoxLayout(row)
        column.setContentsMargins(0, 6, 0, 6)
        # TRANSLATORS: one of the next actions: its number and what to do.
        title = PlainLabel(_("{number}. {action}").format(number=number, action=action.title), role="h3")
        column.addWidget(title)
        # TRANSLATORS: where an action on the plan comes from (shown before its time, separated by dots).
        kinds = {FINDING: _("Found about you"),
                 # TRANSLATORS: where an action on the plan comes from: a search the person ran.
                 SEARCH: _("From your searches"),
                 # TRANSLATORS: where an action on the plan comes from: an old account found under a username.
                 ACCOUNT: _("Forgotten account")}
        kind = kinds.get(action.kind, "")
        # TRANSLATORS: how long an action takes, in minutes, on the action plan.
        minutes = ngettext("about {n} min", "about {n} min", action.minutes).format(n=action.minutes)
        # TRANSLATORS: on an action the person put off: use the same word as the "Later" answer button.
        later = _("you chose Later") if action.later else ""
        meta = " · ".join(x for x in (kind, action.context, minutes, later) if x)
        column.addWidget(PlainLabel(meta, role="muted"))
        if action.note:
            # TRANSLATORS: the person's own note on an action; {note} is what they typed.
            column.addWidget(PlainLabel(_("Your note: {note}").format(note=action.note)))
        letter = action.kind == FINDING and self.ctx.session.letters.can_draft(action.key)
        if action.places or letter:
            buttons = QWidget()
            flow = FlowLayout(buttons)
            for place in action.places:
                button = QPushButton(place.label)
                button.setAutoDefault(True)
                # TRANSLATORS: what a screen reader calls a button of an action: the button's words,
                # then the action it belongs to.
                button.setAccessibleName(_("{button}: {action}").format(button=place.label, action=action.title))
                button.clicked.connect(lambda _checked=False, url=place.url: self.ctx.open_url(url))
                flow.addWidget(button)
                self.action_buttons.append(button)
            if letter:  # "Ask the site to remove it": the letter to send, drafted here
                button = QPushButton(_("Draft a removal request…"))
                button.setAutoDefault(True)
                # TRANSLATORS: what a screen reader calls the button; {title} is the action.
                button.setAccessibleName(_("Draft a removal request: {title}").format(title=action.title))
                button.clicked.connect(lambda _checked=False, key=action.key: self.open_letter(key))
                flow.addWidget(button)
                self.action_buttons.append(button)
            column.addWidget(buttons)
        return row

    def open_letter(self, normalised_url: str) -> None:
        from ..letter_dialog import LetterDialog  # made when first asked for

        self.show_dialog(LetterDialog(self.ctx.session, normalised_url, self))

    def show_dialog(self, dialog) -> int:
        """Show a dialog and wait for the person to close it (tests answer it like a person would)."""
        return dialog.exec()

    def on_enter(self) -> None:
        self._show_progress()
        self._show_evidence()
        # A re-check compares with this audit: there must be something in it to compare.
        self.recheck_button.setEnabled(self.ctx.session.recheck.has_started())
        self._loading = True
        try:
            profile = self.ctx.session.profile()
            names, handles, emails = (len(profile.filled_names()), len(profile.filled_handles()),
                                      len(profile.filled_emails()))
            if profile.is_started():
                # Three counts in one sentence: each is its own plural, then the sentence puts them in place.
                self.about_summary.setText(
                    # TRANSLATORS: {names}, {usernames} and {emails} are the three phrases above, such as
                    # "2 names", "1 username" and "3 email addresses".
                    _("You added {names}, {usernames} and {emails}.").format(
                        # TRANSLATORS: the counts put into "You added {names}, {usernames} and {emails}."
                        names=ngettext("{n} name", "{n} names", names).format(n=names),
                        # TRANSLATORS: put into "You added {names}, {usernames} and {emails}."
                        usernames=ngettext("{n} username", "{n} usernames", handles).format(n=handles),
                        # TRANSLATORS: put into "You added {names}, {usernames} and {emails}."
                        emails=ngettext("{n} email address", "{n} email addresses", emails).format(n=emails)))
            else:
                self.about_summary.setText(_("Not filled in yet. Go to step 2, About you, to add your names."))
            when = self.ctx.session.next_check()
            shown = QDate(when.year, when.month, when.day)
            # An overdue date stays visible as it is (and as the report will say), not quietly moved.
            self.next_check.setMinimumDate(min(QDate.currentDate(), shown))
            self.next_check.setDate(shown)
        finally:
            self._loading = False

    _loading = False
