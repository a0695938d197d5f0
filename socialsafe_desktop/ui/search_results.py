"""What was found: one card per page (from an in-app search, or added by the person from their
own browser), and the person's decision about it.

Titles, addresses and snippets come from strangers' web pages. They are shown only through
PlainLabel (never rich text, never a tooltip, which Qt may treat as rich text), shortened to
a readable length, and with very long unbroken words given places to wrap.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..app.letters import LETTER_ACTION
from ..core.audit import FINDING_DECISIONS, FROM_PERSON, ME_ACTION, ME_FINE, NOT_ME, SUGGESTED_ACTIONS, Finding
from ..core.i18n import _, ngettext, pgettext
from ..core.links import is_openable_url
from .flow_layout import FlowLayout
from .locale import translated
from .widgets import Card, ChoiceButtons, ComboBox, PlainLabel, ScrollArea, note_field

TITLE_CHARS = 160
SNIPPET_CHARS = 320
URL_CHARS = 110
_LONG_WORD = re.compile(r"\S{40,}")


def shorten(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def shorten_middle(text: str, limit: int) -> str:
    """Keep both ends of an address: the site and the last part of the path say the most."""
    text = (text or "").strip()
    if len(text) <= limit:
        return text
    head = (limit - 1) * 2 // 3
    return text[:head] + "…" + text[-(limit - 1 - head):]


def breakable(text: str) -> str:
    """Zero-width spaces inside very long words, so a label can wrap instead of growing wide."""
    return _LONG_WORD.sub(lambda m: "\u200b".join(m.group(0)[i:i + 30] for i in range(0, len(m.group(0)), 30)),
                          text)


class ResultCard(Card):
    """One page found. Emits what the person decides; the view saves it."""

    decision_changed = Signal(str, str)  # normalised url, decision ("" when taken back)
    note_changed = Signal(str, str)
    action_changed = Signal(str, str)
    open_requested = Signal(str)
    evidence_requested = Signal(str)  # normalised url: "Keep as evidence…"
    letter_requested = Signal(str)  # normalised url: draft the removal request for this page

    def __init__(self, finding: Finding, platform_name: str, found_by: str, parent: QWidget | None = None,
                 deletion=None):
        super().__init__(parent)
        # Grows with its wrapped text: Card's default (Maximum) would squeeze a narrow card's lines together.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.finding = finding
        self.platform_name = platform_name
        # TRANSLATORS: stands in for the title of a page that has none.
        title_text = shorten(finding.title, TITLE_CHARS) or _("(no title)")
        self.setAccessibleName(title_text)

        if platform_name:
            # TRANSLATORS: a tag on a page found: the social network it is on, such as "On Facebook".
            self.platform_tag = PlainLabel(_("On {platform}").format(platform=platform_name), role="tag", wrap=False)
            self.platform_tag.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            self.layout_.addWidget(self.platform_tag)
        else:
            self.platform_tag = None
        self.title = PlainLabel(breakable(title_text), role="h3")
        self.layout_.addWidget(self.title)
        self.url = PlainLabel(breakable(shorten_middle(finding.url, URL_CHARS)), role="url")
        # TRANSLATORS: what a screen reader calls a web address shown on a card.
        self.url.setAccessibleName(_("Address: {url}").format(url=finding.url))
        self.layout_.addWidget(self.url)
        self.snippet = PlainLabel(breakable(shorten(finding.snippet, SNIPPET_CHARS)))
        self.layout_.addWidget(self.snippet)
        self.snippet.setVisible(bool(finding.snippet))  # after it has a parent, or it opens as a window
        self.found_by = PlainLabel("", role="muted")
        self.layout_.addWidget(self.found_by)
        self.set_found_by(found_by)
        self.history = PlainLabel("", role="muted")  # a re-check: new, or what you said last time
        self.layout_.addWidget(self.history)
        self.history.setVisible(False)

        actions = QWidget()
        flow = FlowLayout(actions)
        # TRANSLATORS: button on a page found: open it in the browser.
        self.open_button = QPushButton(_("Open page"))
        self.open_button.setAutoDefault(True)
        # TRANSLATORS: what a screen reader calls the button; {title} is the page's title.
        self.open_button.setAccessibleName(_("Open page: {title}").format(title=title_text))
        self.open_button.setEnabled(is_openable_url(finding.url))  # never a javascript: or data: link
        self.open_button.clicked.connect(lambda: self.open_requested.emit(self.finding.url))
        flow.addWidget(self.open_button)
        # TRANSLATORS: button on a page found: keep it in the evidence log.
        self.evidence_button = QPushButton(_("Keep as evidence…"))
        self.evidence_button.setAutoDefault(True)
        self.evidence_button.setAccessibleName(
            _("Keep as evidence of abuse, impersonation or harassment: {title}").format(title=title_text))
        self.evidence_button.clicked.connect(lambda: self.evidence_requested.emit(self.finding.normalised_url))
        flow.addWidget(self.evidence_button)
        # TRANSLATORS: the question before the answers Not me / Me, fine / Me, needs action.
        question = PlainLabel(_("Is this you?"), role="h4", wrap=False)
        question.setContentsMargins(16, 0, 0, 0)
        flow.addWidget(question)
        self.choices = ChoiceButtons(translated(FINDING_DECISIONS), title_text)
        self.decision_buttons = self.choices.buttons
        self.choices.chosen.connect(self._decision_chosen)
        flow.addWidget(self.choices)
        self.layout_.addWidget(actions)

        note_row, self.note = note_field(finding.note, title_text, _("optional, for example what the page shows"))
        self.note.textEdited.connect(lambda text: self.note_changed.emit(self.finding.normalised_url, text))
        self.layout_.addWidget(note_row)
        # Made when first needed: a run can bring 150 cards, and every widget costs a style pass.
        self._action_index = self.layout_.count()
        self.action_row: QWidget | None = None
        self.action: QComboBox | None = None
        self.letter_button: QPushButton | None = None
        self.platform_hint: PlainLabel | None = None
        # "How to delete this account", when the deletion directory knows the page's service.
        self.deletion = None
        self.deletion_row: QWidget | None = None
        self._built = False
        self.set_decision(finding.decision)
        self.set_deletion(deletion)
        self._built = True

    def _make_action_row(self) -> None:
        self.action_row = QWidget()
        row = FlowLayout(self.action_row)  # the letter's button goes under the list when there is no room
        # TRANSLATORS: label of the list of what to do about a page found.
        label = QLabel(_("What to do:"))
        self.action = ComboBox()
        # TRANSLATORS: the first entry of a drop-down list, before anything is chosen.
        self.action.addItem(pgettext("drop-down", "Choose…"), "")
        for key, text in SUGGESTED_ACTIONS.items():
            self.action.addItem(_(text), key)
        self.action.setCurrentIndex(max(0, self.action.findData(self.finding.action)))
        # TRANSLATORS: what a screen reader calls the list of what to do; {title} is the page's title.
        self.action.setAccessibleName(_("What to do: {title}").format(title=self.accessibleName()))
        label.setBuddy(self.action)
        self.action.currentIndexChanged.connect(self._action_chosen)
        # Shown only for "Ask the site to remove it": the letter to send is the next step.
        # TRANSLATORS: button that opens a letter asking a site to remove a page.
        self.letter_button = QPushButton(_("Draft a removal request…"))
        self.letter_button.setAutoDefault(True)
        # TRANSLATORS: what a screen reader calls the button; {title} is the page's title.
        self.letter_button.setAccessibleName(_("Draft a removal request: {title}").format(title=self.accessibleName()))
        self.letter_button.clicked.connect(lambda: self.letter_requested.emit(self.finding.normalised_url))
        row.addWidget(label)
        row.addWidget(self.action)
        row.addWidget(self.letter_button)
        self.letter_button.setVisible(self.finding.action == LETTER_ACTION)
        self.layout_.insertWidget(self._action_index, self.action_row)

    def _action_chosen(self, _index: int) -> None:
        action = self.action.currentData() or ""
        self.finding.action = action
        self.letter_button.setVisible(action == LETTER_ACTION)
        self.action_changed.emit(self.finding.normalised_url, action)

    def _make_platform_hint(self) -> None:
        # TRANSLATORS: {platform} is a social network's name; "Your platforms" is a step's name.
        self.platform_hint = PlainLabel(_("{platform} is ticked for you in Your platforms, so its checklist is part "
                                          "of your audit.").format(platform=self.platform_name), role="muted")
        self.layout_.addWidget(self.platform_hint)

    def set_deletion(self, info) -> None:
        """The service whose account this page may be (a DeletionInfo), or None. Beside the page
        unless the person said it is not them."""
        if info is None or not info.url or not is_openable_url(info.url):
            if self.deletion_row is not None:
                self.deletion_row.setVisible(False)
            self.deletion = None
            return
        self.deletion = info
        if self.deletion_row is None:
            self.deletion_row = QWidget()
            flow = FlowLayout(self.deletion_row)
            # TRANSLATORS: button beside a page on a service SocialSafe knows how to leave.
            self.deletion_button = QPushButton(_("How to delete this account"))
            self.deletion_button.setAutoDefault(True)
            self.deletion_button.clicked.connect(lambda: self.open_requested.emit(self.deletion.url))
            flow.addWidget(self.deletion_button)
            self.deletion_text = PlainLabel("", role="muted")
            flow.addWidget(self.deletion_text)
            self.layout_.addWidget(self.deletion_row)
        # TRANSLATORS: {service} is a web service's name, {title} the page's title.
        self.deletion_button.setAccessibleName(_("How to delete this account on {service}: {title}").format(
            service=info.name, title=self.accessibleName()))
        # TRANSLATORS: {service} is a web service's name; {difficulty} a sentence such as "Easy: a button
        # or a page in the account's settings."
        self.deletion_text.setText(_("If this is your account on {service}: {difficulty}").format(
            service=info.name, difficulty=info.difficulty_label))
        self.deletion_row.setVisible(self.finding.decision != NOT_ME)

    def set_found_by(self, text: str) -> None:
        # TRANSLATORS: under a page found: the searches that found it (or "you added it").
        self.found_by.setText(breakable(_("Found by: {searches}").format(searches=text)) if text else "")
        self.found_by.setVisible(bool(text))

    def set_history(self, text: str) -> None:
        self.history.setText(text)
        self.history.setVisible(bool(text))

    def set_decision(self, decision: str) -> None:
        changed = decision != self.property("decision")
        self.finding.decision = decision
        self.choices.set_value(decision)
        needs_action = decision == ME_ACTION
        if needs_action and self.action_row is None:
            self._make_action_row()
        if self.action_row is not None:
            self.action_row.setVisible(needs_action)
        is_me = decision in (ME_FINE, ME_ACTION)
        if is_me and self.platform_name and self.platform_hint is None:
            self._make_platform_hint()
        if self.platform_hint is not None:
            self.platform_hint.setVisible(is_me)
        if getattr(self, "deletion_row", None) is not None:
            self.deletion_row.setVisible(self.deletion is not None and decision != NOT_ME)
        self.setProperty("decision", decision)
        if changed and self._built:  # while being built, the first style pass picks it up anyway
            self.style().unpolish(self)
            self.style().polish(self)

    def decision(self) -> str:
        return self.choices.value()

    def _decision_chosen(self, chosen: str) -> None:
        self.set_decision(chosen)
        self.decision_changed.emit(self.finding.normalised_url, chosen)


class ResultsView(QWidget):
    """Every page found in this audit (by in-app searches or added by hand), with a filter for the
    undecided ones and a button to add pages found in the person's own browser.

    Cards are built a few at a time from a zero-delay timer (about a frame's worth of work per
    turn of the event loop): a run can bring in 150 pages, and building them all inside one
    event would freeze the window. The findings themselves are known (and saved) at once, so
    the counts are always right even while cards are still being added.
    """

    counts_changed = Signal(int, int)  # pages, still to decide
    add_requested = Signal()           # "Add a page you found"
    BUILD_SLICE_S = 0.003

    def __init__(self, session, search_text: Callable[[str], str | None], open_url: Callable[[str], None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.search_text = search_text
        self.open_url = open_url
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # One scrolling column, the explanation and buttons included: with large text on a
        # projector a fixed top part would leave no room for the pages themselves.
        # TRANSLATORS: what a screen reader calls the second tab's scrolling area.
        self.scroller = ScrollArea(_("What was found"))
        outer.addWidget(self.scroller)
        holder = QWidget()
        holder.setObjectName("page")
        self.scroller.setWidget(holder)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 8, 12, 12)
        column.setSpacing(8)
        column.addWidget(PlainLabel(
            _("For each page, say whether it is about you. Only you can tell: the app just collects what "
              "the searches found. Your choices are saved at once."), role="lead"))
        add_row = QWidget()
        # TRANSLATORS: button on What was found. Keep the & (shortcut).
        self.add_button = QPushButton(_("Add a &page you found…"))
        self.add_button.setAutoDefault(True)
        # TRANSLATORS: what a screen reader calls the button.
        self.add_button.setAccessibleName(_("Add a page you found in your browser"))
        self.add_button.clicked.connect(self.add_requested)
        FlowLayout(add_row).addWidget(self.add_button)
        column.addWidget(add_row)
        self.message = PlainLabel("", role="muted")
        self.message.setVisible(False)
        column.addWidget(self.message)
        top = QWidget()
        line = FlowLayout(top, spacing=16)
        self.summary = PlainLabel("", role="h3")
        line.addWidget(self.summary)
        # TRANSLATORS: a check box over the pages found; keep it short (it cannot wrap). Keep the &.
        self.undecided_only = QCheckBox(_("Only pages still to &decide"))
        self.undecided_only.toggled.connect(lambda _on: self._apply_filter())
        line.addWidget(self.undecided_only)
        column.addWidget(top)
        self.empty = PlainLabel(
            # TRANSLATORS: "Add what you found" and "Add a page you found" are names of buttons.
            _("Nothing here yet. Pages appear here when a search inside the app finds them, or when you add "
              "what you found in your own browser: press Add what you found next to a search, or Add a page "
              "you found above."), role="notice")
        column.addWidget(self.empty)
        self.cards_holder = QWidget()
        self.cards_layout = QVBoxLayout(self.cards_holder)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        self.cards_layout.setSpacing(10)
        self.cards_layout.addStretch(1)
        column.addWidget(self.cards_holder)
        column.addStretch(1)
        # url -> the deletion directory's service, or None; set once the directory is loaded
        self.deletion_lookup: Callable[[str], object] | None = None
        self.findings: dict[str, Finding] = {}   # what is known, in the order it was found
        self.cards: dict[str, ResultCard] = {}   # what is on screen so far
        self._pending: list[str] = []
        self._history: dict[str, str] = {}  # normalised url -> "New since your last check." etc.
        self._builder = QTimer(self)
        self._builder.setInterval(0)
        self._builder.timeout.connect(self._build_some)
        self._run_going = False
        self._refresh_counts()

    # --- filling -------------------------------------------------------------------------

    def found_by_text(self, finding: Finding) -> str:
        texts = [t for t in (self.search_text(s) for s in finding.found_by) if t]
        text = "; ".join(texts)
        if finding.origin == FROM_PERSON:
            if text:
                # TRANSLATORS: after "Found by:": the person added the page themselves; {searches} are the
                # words of the searches they were doing.
                return _("you added it, searching {searches}").format(searches=text)
            # TRANSLATORS: after "Found by:": the person added the page themselves.
            return _("you added it")
        return text

    def platform_name(self, finding: Finding) -> str:
        pack = self.session.catalogue.pack(finding.platform) if finding.platform else None
        return pack.name if pack is not None and pack.kind == "platform" else ""

    def settled(self) -> bool:
        """True once every known finding has its card."""
        return not self._pending

    def set_run_going(self, going: bool) -> None:
        """While a run goes and this tab is out of sight, its cards wait: the GUI thread's time
        goes to the answers coming in and the page the person is looking at."""
        self._run_going = going
        self._build_when_due()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        self._build_when_due()

    def _may_build(self) -> bool:
        return self.isVisible() or not self._run_going

    def _build_when_due(self) -> None:
        if self._pending and self._may_build() and not self._builder.isActive():
            self._builder.start()

    def sync(self, findings: list[Finding]) -> None:
        """Show exactly these findings: new ones are queued for a card, known ones get their
        "found by" brought up to date."""
        wanted = {f.normalised_url for f in findings}
        if set(self.findings) - wanted:  # e.g. a new audit was started: start the list afresh
            for card in self.cards.values():
                card.hide()
                card.setParent(None)
                card.deleteLater()
            self.cards.clear()
            self.findings.clear()
            self._pending.clear()
        self._take(findings, lambda known, finding: finding.found_by)

    def add_found(self, search_id: str, found: list[Finding]) -> None:
        """Pages one search just found (already saved): new ones are queued for a card, known
        ones gain this search in their "found by". No reading back from the store."""
        self._take(found, lambda known, finding: known.found_by if search_id in known.found_by
                   else [*known.found_by, search_id])

    def _take(self, findings: list[Finding], found_by) -> None:
        """New pages are queued for a card; a known page whose "found by" changes (found_by(known,
        finding) gives the new list) has its card told."""
        # What a re-check says about each new page, worked out now (the store is open; cards are
        # built later, a few at a time).
        self._history.update(self.session.recheck.history_texts(
            [f for f in findings if f.normalised_url not in self.findings]))
        for finding in findings:
            known = self.findings.get(finding.normalised_url)
            if known is None:
                self.findings[finding.normalised_url] = finding
                self._pending.append(finding.normalised_url)
                continue
            now = found_by(known, finding)
            if now != known.found_by:
                known.found_by = list(now)
                card = self.cards.get(finding.normalised_url)
                if card is not None:
                    card.set_found_by(self.found_by_text(known))
        self._build_when_due()
        self._refresh_counts()

    def _build_some(self) -> None:
        if not self._may_build():
            self._builder.stop()  # the end of the run or showing the tab starts it again
            return
        deadline = time.perf_counter() + self.BUILD_SLICE_S
        only_open = self.undecided_only.isChecked()
        while self._pending and time.perf_counter() < deadline:
            finding = self.findings[self._pending.pop(0)]
            lookup = self.deletion_lookup
            card = ResultCard(finding, self.platform_name(finding), self.found_by_text(finding),
                              deletion=lookup(finding.url) if lookup is not None else None)
            card.decision_changed.connect(self._save_decision)
            card.note_changed.connect(self._save_note)
            card.action_changed.connect(self._save_action)
            card.open_requested.connect(self.open_url)
            card.evidence_requested.connect(self.keep_evidence)
            card.set_history(self._history.get(finding.normalised_url, ""))
            card.letter_requested.connect(self.open_letter)
            # Into the layout first: shown while it has no parent, it would open as a window of its own.
            self.cards_layout.insertWidget(self.cards_layout.count() - 1, card)
            card.setVisible(not only_open or not finding.decision)
            self.cards[finding.normalised_url] = card
        if not self._pending:
            self._builder.stop()

    def set_deletion_lookup(self, lookup: Callable[[str], object]) -> None:
        """The deletion directory has been loaded: "How to delete this account" where it applies."""
        self.deletion_lookup = lookup
        for card in self.cards.values():
            card.set_deletion(lookup(card.finding.url))

    def refresh_found_by(self) -> None:
        """After the person edits a search, its new words show under the pages it found."""
        for card in self.cards.values():
            card.set_found_by(self.found_by_text(card.finding))

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setAccessibleName(text)
        self.message.setVisible(bool(text))

    # --- saving --------------------------------------------------------------------------

    def _save_decision(self, normalised_url: str, decision: str) -> None:
        # Ticks the platform for the next step, unless the person already chose about it.
        self.session.findings.decide(normalised_url, decision)
        self.findings[normalised_url].decision = decision
        # Counts only: a card just decided stays put rather than vanish from under the mouse;
        # the filter is applied again when the box is toggled.
        self._refresh_counts()

    def _save_note(self, normalised_url: str, note: str) -> None:
        self.session.findings.set_note(normalised_url, note)

    def keep_evidence(self, normalised_url: str) -> None:
        from .evidence_dialog import EvidenceDialog  # loaded when first asked for

        EvidenceDialog(self.session, self.open_url, normalised_url, self).exec()

    def _save_action(self, normalised_url: str, action: str) -> None:
        self.session.findings.set_action(normalised_url, action)

    # --- the removal letter --------------------------------------------------------------

    def open_letter(self, normalised_url: str) -> None:
        from .letter_dialog import LetterDialog  # made when first asked for

        self.show_dialog(LetterDialog(self.session, normalised_url, self))

    def show_dialog(self, dialog) -> int:
        """Show a dialog and wait for the person to close it (tests answer it like a person would)."""
        return dialog.exec()

    # --- showing -------------------------------------------------------------------------

    def _apply_filter(self) -> None:
        only_open = self.undecided_only.isChecked()
        for card in self.cards.values():
            hide = only_open and bool(card.decision())
            if card.isHidden() != hide:  # showing a card costs a style pass: only when it changes
                card.setHidden(hide)
        self._refresh_counts()

    def counts(self) -> tuple[int, int]:
        """Pages found, and how many of them are still to decide."""
        return len(self.findings), sum(1 for f in self.findings.values() if not f.decision)

    def _refresh_counts(self) -> None:
        total, open_count = self.counts()
        self.empty.setVisible(total == 0)
        self.cards_holder.setVisible(total > 0)
        self.undecided_only.setVisible(total > 0)
        if total and open_count:
            # TRANSLATORS: the summary over the pages found.
            self.summary.setText(ngettext("{n} page found · {open} still to decide",
                                          "{n} pages found · {open} still to decide", total).format(
                n=total, open=open_count))
        elif total:
            # TRANSLATORS: the summary over the pages found.
            self.summary.setText(ngettext("{n} page found · all decided", "{n} pages found · all decided",
                                          total).format(n=total))
        else:
            self.summary.setText("")
        self.counts_changed.emit(total, open_count)
