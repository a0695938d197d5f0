"""The evidence log in the window: keep a page as evidence of abuse, impersonation or
harassment, add the screenshots you took, see where to report it, and export it all.

Everything from the page (title, address, snippet) is shown as plain text. Files are copied
into SocialSafe's own folder by the use case (app/evidence.py); this dialog only asks and shows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..app.evidence import EvidenceError, local_and_utc
from ..core.evidence import EVIDENCE_KINDS, EvidenceFile, EvidenceItem
from ..core.i18n import _, ngettext, pgettext
from .file_dialogs import all_files, open_file_names, save_file_name
from .flow_layout import FlowLayout
from .locale import day, time_of_day, translated
from .widgets import Card, ChoiceButtons, PlainLabel, heading, note_field, plain_message, standard_button


def when(moment) -> tuple[str, str]:
    """When something was recorded: on this computer's clock (with its offset from UTC), and in UTC."""
    local, utc = local_and_utc(moment)
    offset = local.strftime("%z")
    # TRANSLATORS: stands in for the time zone when the computer does not say which it is in.
    zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else _("local time")
    # TRANSLATORS: a moment on this computer's clock: {date}, {time} (hours:minutes:seconds) and {zone},
    # such as "UTC+01:00".
    local_text = _("{date}, {time} ({zone})").format(date=day(local), time=time_of_day(local), zone=zone)
    # TRANSLATORS: the same moment in UTC (universal time): {date}, {time}. Keep "UTC".
    utc_text = _("{date}, {time} UTC").format(date=day(utc), time=time_of_day(utc))
    return local_text, utc_text


class EvidenceCard(Card):
    """One page kept as evidence, with its files."""

    def __init__(self, dialog: EvidenceDialog, item: EvidenceItem):
        super().__init__()
        self.dialog = dialog
        self.item = item
        session = dialog.session
        title = item.title.strip() or _("(no title)")
        # TRANSLATORS: what a screen reader calls a page kept as evidence; {title} is its title.
        self.setAccessibleName(_("Evidence: {title}").format(title=title))
        self.layout_.addWidget(heading(title, 3))
        self.layout_.addWidget(PlainLabel(item.url, role="url"))
        if item.snippet:
            # TRANSLATORS: the text of a page kept as evidence, as the search found it.
            self.layout_.addWidget(PlainLabel(_("As found: {text}").format(text=item.snippet)))
        local, utc = when(item.seen_utc)
        # TRANSLATORS: when a page kept as evidence was first recorded: on this computer's clock, then in UTC.
        self.seen = PlainLabel(_("First recorded: {local}; {utc}.").format(local=local, utc=utc), role="muted")
        self.layout_.addWidget(self.seen)
        # TRANSLATORS: what a screen reader hears after Impersonation, Harassment or Abuse; {title} is the page's.
        self.kind = ChoiceButtons(translated(EVIDENCE_KINDS), _("what this page is: {title}").format(title=title))
        self.kind.set_value(item.kind)
        self.kind.chosen.connect(self._kind_chosen)
        self.layout_.addWidget(self.kind)
        # TRANSLATORS: placeholder in the note of a page kept as evidence.
        note_row, self.note = note_field(item.note, title, _("what happened, who you told, when"))
        self.note.setMaxLength(4000)
        self.note.textEdited.connect(lambda text: session.evidence.set_note(item.id, text))
        self.layout_.addWidget(note_row)

        # TRANSLATORS: a heading on a page kept as evidence.
        self.layout_.addWidget(PlainLabel(_("Your files (screenshots you took)"), role="h4"))
        self.files = QVBoxLayout()
        self.layout_.addLayout(self.files)
        self.remove_buttons: dict[int, QPushButton] = {}
        for file in item.files:
            self._add_file_row(file)
        self.none = PlainLabel(_("No files yet. Add the screenshots you took of the page."), role="muted")
        self.none.setVisible(not item.files)
        self.layout_.addWidget(self.none)

        buttons = QWidget()
        flow = FlowLayout(buttons)
        # TRANSLATORS: button on a page kept as evidence.
        self.add_button = QPushButton(_("Add screenshots or files…"))
        self.add_button.setAutoDefault(True)
        # TRANSLATORS: what a screen reader calls the button; {title} is the page's title.
        self.add_button.setAccessibleName(_("Add screenshots or files: {title}").format(title=title))
        self.add_button.clicked.connect(self.add_files)
        flow.addWidget(self.add_button)
        self.route = session.evidence.report_route(item)
        self.report_button = None
        if self.route is not None:
            # TRANSLATORS: button that opens a platform's own reporting page; {platform} is its name.
            self.report_button = QPushButton(_("Report it to {platform}").format(platform=self.route.platform))
            self.report_button.setAutoDefault(True)
            self.report_button.setAccessibleName(
                _("Open {platform}'s page for reporting impersonation and harassment").format(
                    platform=self.route.platform))
            self.report_button.clicked.connect(lambda: dialog.open_url(self.route.url))
            flow.addWidget(self.report_button)
        # TRANSLATORS: button on a page kept as evidence: take it out of the evidence log.
        self.remove_button = QPushButton(_("Stop keeping this"))
        self.remove_button.setAutoDefault(True)
        # TRANSLATORS: what a screen reader calls the button; {title} is the page's title.
        self.remove_button.setAccessibleName(_("Stop keeping this as evidence: {title}").format(title=title))
        self.remove_button.clicked.connect(self.remove)
        flow.addWidget(self.remove_button)
        self.layout_.addWidget(buttons)
        if self.route is not None:
            self.layout_.addWidget(PlainLabel(
                # TRANSLATORS: {platform} is a platform's name, {url} the address of its reporting page.
                _("{platform}'s own page for reporting impersonation and harassment: {url}").format(
                    platform=self.route.platform, url=self.route.url), role="muted"))
        self.status = PlainLabel("", role="muted")
        self.status.setVisible(False)
        self.layout_.addWidget(self.status)

    def _add_file_row(self, file: EvidenceFile) -> None:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        # TRANSLATORS: a file kept as evidence: its name, its size in bytes, then (on a new line) its
        # SHA-256 fingerprint. Keep "SHA-256".
        label = PlainLabel(ngettext("{name} ({n} byte)\nSHA-256: {hash}", "{name} ({n} bytes)\nSHA-256: {hash}",
                                    file.size).format(name=file.original_name, n=file.size, hash=file.sha256))
        line.addWidget(label, 1)
        # TRANSLATORS: button beside a file kept as evidence: delete SocialSafe's copy.
        button = QPushButton(pgettext("button", "Remove"))
        button.setAutoDefault(True)
        # TRANSLATORS: what a screen reader calls the button; {name} is the file's name.
        button.setAccessibleName(_("Remove the file {name}").format(name=file.original_name))
        button.clicked.connect(lambda _c=False, f=file, r=row: self._remove_file(f, r))
        line.addWidget(button)
        self.remove_buttons[file.id] = button
        self.files.addWidget(row)

    def _kind_chosen(self, kind: str) -> None:
        if kind:
            self.dialog.session.evidence.set_kind(self.item.id, kind)
        else:  # a kept page always says what it is
            self.kind.set_value(self.item.kind)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setAccessibleName(text)
        self.status.setVisible(bool(text))

    def add_files(self) -> None:
        added, problems = 0, []
        for path in self.dialog.ask_files():
            try:
                record = self.dialog.session.evidence.add_file(self.item.id, path)
            except EvidenceError as exc:
                problems.append(str(exc))
                continue
            if record is not None:
                self._add_file_row(record)
                added += 1
        self.none.setVisible(not self.files.count())
        copied = ngettext("Copied {n} file into SocialSafe's folder and recorded its SHA-256.",
                          "Copied {n} files into SocialSafe's folder and recorded each one's SHA-256.",
                          added).format(n=added) if added else ""
        self._say(" ".join([copied, *problems]).strip())

    def _remove_file(self, file: EvidenceFile, row: QWidget) -> None:
        if self.dialog.session.evidence.remove_file(file):
            row.hide()
            row.setParent(None)
            row.deleteLater()
            self.remove_buttons.pop(file.id, None)
            self.none.setVisible(not self.remove_buttons)

    def remove(self) -> None:
        if self.dialog.confirm_remove(self.item) and self.dialog.session.evidence.remove(self.item.id):
            self.dialog.refresh()


class EvidenceDialog(QDialog):
    """Opened for one page ("Keep as evidence…" on a result) or for everything kept."""

    def __init__(self, session, open_url: Callable[[str], object], normalised_url: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.open_url = open_url
        self.normalised_url = normalised_url
        # TRANSLATORS: the title of the evidence log's window.
        self.setWindowTitle(_("Evidence log"))
        self.setModal(True)
        self.resize(720, 620)
        outer = QVBoxLayout(self)
        outer.addWidget(PlainLabel(
            _("Keep what shows abuse, impersonation or harassment, with the screenshots you took, for your "
              "safeguarding lead, the police or the platform's report form. It stays on this computer; it is "
              "never put in your report."), role="lead"))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        body.setObjectName("page")
        self.body = QVBoxLayout(body)
        self.body.setSpacing(10)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.status = PlainLabel("", role="muted")
        self.status.setVisible(False)
        outer.addWidget(self.status)
        buttons = QDialogButtonBox()
        # TRANSLATORS: button of the evidence log. Keep the & (shortcut).
        self.export_button = buttons.addButton(_("E&xport evidence…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(self.export)
        close = standard_button(buttons, QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.accept)
        outer.addWidget(buttons)
        self.cards: dict[int, EvidenceCard] = {}
        self.keep_card: Card | None = None
        self.refresh()

    # Questions and file choices are attributes so tests can answer them like a person would.
    def ask_files(self) -> list[Path]:
        pictures = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        # TRANSLATORS: the title of the file dialog that adds files to the evidence log.
        chosen, _filter = open_file_names(self, _("Add screenshots or files"), pictures or str(Path.home()),
                                          # TRANSLATORS: a file dialog's choice of file type; keep the brackets
                                          # and what is in them as they are.
                                          [_("Pictures and documents (*.png *.jpg *.jpeg *.gif *.webp *.pdf *.txt)"),
                                           all_files()])
        return [Path(c) for c in chosen]

    def ask_export_target(self) -> tuple[Path, bool] | None:
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        # TRANSLATORS: the two ways to export the evidence log, in a file dialog's list of file types.
        # Keep the brackets and what is in them as they are.
        folder_filter = _("A new folder (*)")
        # TRANSLATORS: the second way to export the evidence log, in a file dialog's list of file types.
        # Keep "(*.zip)".
        zip_filter = _("One zip file (*.zip)")
        # TRANSLATORS: the title of the file dialog that exports the evidence log.
        chosen, kind = save_file_name(self, _("Export evidence"), Path(documents or Path.home()) / "socialsafe-evidence",
                                      [folder_filter, zip_filter])
        if not chosen:
            return None
        as_zip = kind == zip_filter or chosen.lower().endswith(".zip")
        path = Path(chosen)
        if as_zip and path.suffix.lower() != ".zip":
            path = path.with_name(path.name + ".zip")
        return path, as_zip

    def confirm_remove(self, item: EvidenceItem) -> bool:
        # TRANSLATORS: the title of the question before a page is taken out of the evidence log.
        answer = plain_message(self, QMessageBox.Icon.Question, _("Stop keeping this?"),
                               # TRANSLATORS: {url} is the address of the page kept as evidence.
                               ngettext("Stop keeping {url} as evidence, and delete SocialSafe's copy of its {n} "
                                        "file? Your own files are not touched.",
                                        "Stop keeping {url} as evidence, and delete SocialSafe's copies of its {n} "
                                        "files? Your own files are not touched.", len(item.files)).format(
                                   url=item.url, n=len(item.files)),
                               QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    # --- showing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        while self.body.count():
            widget = self.body.takeAt(0).widget()
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self.cards = {}
        self.keep_card = None
        evidence = self.session.evidence
        if self.normalised_url is not None:
            kept = evidence.for_page(self.normalised_url)
            items = [kept] if kept is not None else []
            if kept is None:
                self._add_keep_card()
        else:
            items = evidence.items()
        for item in items:
            card = EvidenceCard(self, item)
            self.cards[item.id] = card
            self.body.addWidget(card)
        if not items and self.keep_card is None:
            # TRANSLATORS: "Keep as evidence" is the name of a button.
            self.body.addWidget(PlainLabel(_("Nothing is kept as evidence. On a page you found (step 3), press "
                                             "Keep as evidence.")))
        self.body.addStretch(1)
        self.export_button.setEnabled(bool(evidence.count()))
        self._focus_first()

    def _focus_first(self) -> None:
        """The first thing to answer has the focus: what the page is, or adding files."""
        if self.keep_card is not None:
            self.keep_choices.buttons[next(iter(EVIDENCE_KINDS))].setFocus()
        elif self.cards:
            next(iter(self.cards.values())).add_button.setFocus()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        self._focus_first()  # the button box would otherwise take it

    def _add_keep_card(self) -> None:
        finding = next((f for f in self.session.findings.all() if f.normalised_url == self.normalised_url), None)
        if finding is None:
            return
        card = Card()
        title = finding.title.strip() or _("(no title)")
        # TRANSLATORS: a heading in the evidence log.
        card.layout_.addWidget(heading(_("Keep this page as evidence"), 2))
        card.layout_.addWidget(PlainLabel(title, role="h3"))
        card.layout_.addWidget(PlainLabel(finding.url, role="url"))
        if finding.snippet:
            card.layout_.addWidget(PlainLabel(_("As found: {text}").format(text=finding.snippet)))
        # TRANSLATORS: the question before the answers Impersonation / Harassment / Abuse.
        card.layout_.addWidget(PlainLabel(_("What is it? (Impersonation: someone pretending to be you.)"), role="h4"))
        self.keep_choices = ChoiceButtons(translated(EVIDENCE_KINDS), _("what this page is: {title}").format(title=title))
        card.layout_.addWidget(self.keep_choices)
        note_row, self.keep_note = note_field("", title, _("what happened, who you told, when"))
        self.keep_note.setMaxLength(4000)
        card.layout_.addWidget(note_row)
        # TRANSLATORS: button that keeps the page in the evidence log. Keep the & (shortcut).
        self.keep_button = QPushButton(_("&Keep as evidence"))
        self.keep_button.setProperty("role", "primary")
        self.keep_button.setAutoDefault(True)
        self.keep_button.setEnabled(False)
        self.keep_choices.chosen.connect(lambda kind: self.keep_button.setEnabled(bool(kind)))
        self.keep_button.clicked.connect(self.keep)
        row = QHBoxLayout()
        row.addWidget(self.keep_button)
        row.addStretch(1)
        card.layout_.addLayout(row)
        self.keep_card = card
        self.body.addWidget(card)

    def keep(self) -> None:
        kind = self.keep_choices.value()
        if not kind:
            return
        try:
            kept = self.session.evidence.keep(self.normalised_url, kind, self.keep_note.text())
        except EvidenceError as exc:
            self._say(str(exc))
            return
        if kept is not None:
            self.refresh()
            self.cards[kept.id].add_button.setFocus()

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setAccessibleName(text)
        self.status.setVisible(bool(text))

    def export(self) -> None:
        from ..report.evidence import EvidenceExportError  # the renderer only when exporting

        chosen = self.ask_export_target()
        if chosen is None:
            return
        target, as_zip = chosen
        try:
            outcome = self.session.evidence.export(target, as_zip=as_zip)
        except EvidenceExportError as exc:
            self._say(str(exc))
            return
        files = len(outcome.files)
        # TRANSLATORS: {folder} is where the evidence was saved; keep "index.html" and "SHA256SUMS.txt".
        text = ngettext("Saved the evidence to {folder}: index.html, {n} file and SHA256SUMS.txt with each file's hash.",
                        "Saved the evidence to {folder}: index.html, {n} files and SHA256SUMS.txt with each file's "
                        "hash.", files).format(folder=outcome.path, n=files)
        if outcome.mismatched:
            bad = len(outcome.mismatched)
            text += " " + ngettext("{n} file no longer matches the hash recorded when it was added: the index says "
                                   "which.",
                                   "{n} files no longer match the hash recorded when they were added: the index says "
                                   "which.", bad).format(n=bad)
        self._say(text)
