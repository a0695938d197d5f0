"""Step 1: what the audit does, how long it takes, and what stays on this computer."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QPushButton

from ...core.flow import JOURNEY, journey
from ...core.i18n import _
from ..locale import day
from ..widgets import Card, PlainLabel, heading, plain_tooltip
from .base import StepPage


class WelcomePage(StepPage):
    step_id = "welcome"

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.managed = None
        self._painted = False
        # When the next-check date has passed, that comes first.
        self.due_card, self.due_text, self.due_button = self._recheck_card(
            # TRANSLATORS: a heading on Welcome once the date set for the next check has passed.
            _("Time for your next check"),
            # TRANSLATORS: the button under it. Keep the & (shortcut).
            _("&Start a re-check"), primary=True)
        self.layout_.addWidget(self.due_card)
        if ctx.session.settings.managed:
            self._add_managed_card()
        lead = PlainLabel(_("Check what other people can find out about you online, lock your accounts "
                            "down, and leave with a short plan of what is left to do."), role="lead")
        self.layout_.addWidget(lead)

        steps = Card()
        # TRANSLATORS: headings on Welcome.
        steps.layout_.addWidget(heading(_("What you will do"), 2))
        # Generated from the journey, so this list always matches the steps that exist.
        for number, step in enumerate(journey(ctx.session.recheck.has_previous(), JOURNEY)[1:], start=2):
            # TRANSLATORS: one step in Welcome's list: its number, its title and what it is for.
            steps.layout_.addWidget(PlainLabel(_("{number}.  {step}: {summary}.").format(
                number=number, step=_(step.title), summary=_(step.summary))))
        steps.layout_.addWidget(PlainLabel(
            _("Everything you enter is saved straight away. You can stop whenever you like and "
              "carry on later from the same place."), role="muted"))
        self.steps_card = steps
        self.layout_.addWidget(steps)

        time_card = Card()
        # TRANSLATORS: headings on Welcome.
        time_card.layout_.addWidget(heading(_("How long it takes"), 2))
        # Filled in once the window is on screen: working it out needs the checklists.
        self.time_text = PlainLabel("")
        time_card.layout_.addWidget(self.time_text)
        self.layout_.addWidget(time_card)

        self.again_card, self.again_text, self.again_button = self._recheck_card(
            # TRANSLATORS: a heading on Welcome once something has been recorded.
            _("Check again"),
            # TRANSLATORS: the button under it. Keep the & (shortcut).
            _("Start a &re-check now"), primary=False)
        self.layout_.addWidget(self.again_card)

        privacy = Card()
        # TRANSLATORS: headings on Welcome.
        privacy.layout_.addWidget(heading(_("What stays on this computer"), 2))
        privacy.layout_.addWidget(PlainLabel(
            # TRANSLATORS: the answer to the heading "What stays on this computer".
            _("Everything. SocialSafe has no account and no server, and it never logs in to your "
              "social networks. Nothing is sent anywhere unless you press a button that says what "
              "will be sent and where.")))
        self.data_location = PlainLabel("", role="muted")
        privacy.layout_.addWidget(self.data_location)
        self.layout_.addWidget(privacy)

        trainers = Card()
        # TRANSLATORS: a heading on Welcome, over what is for trainers.
        trainers.layout_.addWidget(heading(_("Showing SocialSafe to others?"), 2))
        if ctx.demo:
            trainers.layout_.addWidget(PlainLabel(
                # TRANSLATORS: "Reset demo" is the name of a button in the demo's banner.
                _("This is the demo: a made-up person with made-up findings, kept apart from any real "
                  "audit on this computer. Searches are answered from pages stored in SocialSafe and "
                  "links are shown, not opened. Ctrl and + makes the text larger for a projector; "
                  "Reset demo puts everything back for the next session.")))
        else:
            trainers.layout_.addWidget(PlainLabel(
                _("Start a demo to walk through the audit with a made-up person. Your own answers are "
                  "not shown or changed, and nothing is sent anywhere.")))
            # TRANSLATORS: button on Welcome for trainers. Keep the & (shortcut).
            self.demo_button = QPushButton(_("Start a &demo"))
            self.demo_button.setAutoDefault(True)
            self.demo_button.setEnabled(ctx.start_demo is not None)
            self.demo_button.clicked.connect(lambda: ctx.start_demo())
            row = QHBoxLayout()
            row.addWidget(self.demo_button)
            row.addStretch(1)
            trainers.layout_.addLayout(row)
        self.layout_.addWidget(trainers)
        self.finish_layout()

    def _recheck_card(self, title: str, button_text: str, *, primary: bool):
        card = Card()
        card.layout_.addWidget(heading(title, 2))
        text = PlainLabel("")
        card.layout_.addWidget(text)
        button = QPushButton(button_text)
        button.setAutoDefault(True)
        if primary:
            button.setProperty("role", "primary")
        button.clicked.connect(lambda: self.ctx.start_recheck())
        row = QHBoxLayout()
        row.addWidget(button)
        row.addStretch(1)
        card.layout_.addLayout(row)
        card.setVisible(False)
        return card, text, button

    def _show_recheck(self) -> None:
        """A re-check starts a new audit, compared with this one: offered first when the date
        set for it has passed, further down once something has been recorded."""
        session = self.ctx.session
        due = session.recheck.is_due()
        started = not due and session.recheck.has_started()
        if due:
            self.due_text.setText(
                # TRANSLATORS: {date} is a date such as "23 November 2026"; "About you" is a step's name.
                _("Your next check was due on {date}. A re-check is a new check that is compared with this one: "
                  "what is new about you online, what has gone, and any setting that has changed back. About you, "
                  "your platforms and your searches come with you.").format(date=day(session.recheck.due_date())))
        elif started:
            self.again_text.setText(
                # TRANSLATORS: {date} is a date such as "23 November 2026"; "What changed" is a step's name.
                _("Your next check is due on {date}. You can start one sooner: everything so far is kept, and "
                  "What changed shows the difference.").format(date=day(session.recheck.due_date())))
        self.due_card.setVisible(due)
        self.again_card.setVisible(started)

    def _add_managed_card(self) -> None:
        settings = self.ctx.session.settings
        branding = settings.branding()
        organisation = branding.name or settings.policy.organisation_label
        card = Card()
        # TRANSLATORS: heading on Welcome when an organisation's policy applies; {organisation} is its name.
        self.managed = PlainLabel(_("Managed by {organisation}").format(organisation=organisation), role="h3")
        card.layout_.addWidget(self.managed)
        card.layout_.addWidget(PlainLabel(
            _("Your organisation set some of SocialSafe's options. They cannot see your answers: "
              "everything you enter stays on this computer."), role="muted"))
        for role, name, contact in branding.contacts:
            # TRANSLATORS: a person to ask for help, from the organisation's policy: their role (such as
            # "Safeguarding lead"), their name and how to reach them. Only the punctuation is ours.
            card.layout_.addWidget(PlainLabel(_("{role}: {name}, {contact}").format(
                role=role, name=name, contact=contact)))
        if branding.policy_url:
            # TRANSLATORS: button on Welcome that opens the organisation's policy. Keep the & (shortcut).
            button = QPushButton(_("Read the staff social-media &policy"))
            button.setAutoDefault(True)
            button.setToolTip(plain_tooltip(branding.policy_url))
            button.clicked.connect(lambda: self.ctx.open_url(branding.policy_url))
            row = QHBoxLayout()
            row.addWidget(button)
            row.addStretch(1)
            card.layout_.addLayout(row)
        self.layout_.addWidget(card)

    def on_enter(self) -> None:
        # TRANSLATORS: {folder} is the folder on this computer that holds the audit.
        self.data_location.setText(_("Your answers are kept in: {folder}").format(folder=self.ctx.paths.data_dir))
        self._show_recheck()
        if self._painted:
            QTimer.singleShot(0, self, self._show_time)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().paintEvent(event)
        if not self._painted:
            # Worked out once the window is on screen: it needs every checklist, which the first
            # screen does not (a timer set before the first paint would run before it).
            self._painted = True
            QTimer.singleShot(0, self, self._show_time)

    def _show_time(self) -> None:
        """The same rule as every other step's figure: a typical first audit until the person has
        said something, then their own."""
        if not self.isVisible():
            return  # the window closed (and its audit with it) before this turn came
        from ...core.estimate import summary

        time_needed, typical = self.ctx.session.actions.welcome_estimate()
        if typical:
            # TRANSLATORS: {estimate} is a whole sentence such as "About 1 hour 10 minutes." or "About 40
            # minutes for the essentials, 1 hour 20 minutes for everything."
            text = _("{estimate} That is for a typical first audit with three platforms. Each step then shows "
                     "the time left for you. A check every few months takes less.").format(
                estimate=summary(time_needed, left=False))
        else:
            # TRANSLATORS: {estimate} is a whole sentence such as "About 25 minutes left."
            text = _("{estimate} That is with what you have told SocialSafe so far.").format(
                estimate=summary(time_needed))
        self.time_text.setText(text)
