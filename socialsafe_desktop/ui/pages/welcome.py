"""Step 1: what the audit does, how long it takes, and what stays on this computer."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QPushButton

from ...core.flow import JOURNEY, journey
from ..dates import day
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
            "Time for your next check", "&Start a re-check", primary=True)
        self.layout_.addWidget(self.due_card)
        if ctx.session.settings.managed:
            self._add_managed_card()
        lead = PlainLabel("Check what other people can find out about you online, lock your accounts "
                          "down, and leave with a short plan of what is left to do.", role="lead")
        self.layout_.addWidget(lead)

        steps = Card()
        steps.layout_.addWidget(heading("What you will do", 2))
        # Generated from the journey, so this list always matches the steps that exist.
        for number, step in enumerate(journey(ctx.session.recheck.has_previous(), JOURNEY)[1:], start=2):
            steps.layout_.addWidget(PlainLabel(f"{number}.  {step.title}: {step.summary}."))
        steps.layout_.addWidget(PlainLabel(
            "Everything you enter is saved straight away. You can stop whenever you like and "
            "carry on later from the same place.", role="muted"))
        self.steps_card = steps
        self.layout_.addWidget(steps)

        time_card = Card()
        time_card.layout_.addWidget(heading("How long it takes", 2))
        # Filled in once the window is on screen: working it out needs the checklists.
        self.time_text = PlainLabel("")
        time_card.layout_.addWidget(self.time_text)
        self.layout_.addWidget(time_card)

        self.again_card, self.again_text, self.again_button = self._recheck_card(
            "Check again", "Start a &re-check now", primary=False)
        self.layout_.addWidget(self.again_card)

        privacy = Card()
        privacy.layout_.addWidget(heading("What stays on this computer", 2))
        privacy.layout_.addWidget(PlainLabel(
            "Everything. SocialSafe has no account and no server, and it never logs in to your "
            "social networks. Nothing is sent anywhere unless you press a button that says what "
            "will be sent and where."))
        self.data_location = PlainLabel("", role="muted")
        privacy.layout_.addWidget(self.data_location)
        self.layout_.addWidget(privacy)

        trainers = Card()
        trainers.layout_.addWidget(heading("Showing SocialSafe to others?", 2))
        if ctx.demo:
            trainers.layout_.addWidget(PlainLabel(
                "This is the demo: a made-up person with made-up findings, kept apart from any real "
                "audit on this computer. Searches are answered from pages stored in SocialSafe and "
                "links are shown, not opened. Ctrl and + makes the text larger for a projector; "
                "Reset demo puts everything back for the next session."))
        else:
            trainers.layout_.addWidget(PlainLabel(
                "Start a demo to walk through the audit with a made-up person. Your own answers are "
                "not shown or changed, and nothing is sent anywhere."))
            self.demo_button = QPushButton("Start a &demo")
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
                f"Your next check was due on {day(session.recheck.due_date())}. A re-check is a new check that is "
                "compared with this one: what is new about you online, what has gone, and any setting that has "
                "changed back. About you, your platforms and your searches come with you.")
        elif started:
            self.again_text.setText(
                f"Your next check is due on {day(session.recheck.due_date())}. You can start one sooner: everything "
                "so far is kept, and What changed shows the difference.")
        self.due_card.setVisible(due)
        self.again_card.setVisible(started)

    def _add_managed_card(self) -> None:
        settings = self.ctx.session.settings
        branding = settings.branding()
        organisation = branding.name or settings.policy.organisation_label
        card = Card()
        self.managed = PlainLabel(f"Managed by {organisation}", role="h3")
        card.layout_.addWidget(self.managed)
        card.layout_.addWidget(PlainLabel(
            "Your organisation set some of SocialSafe's options. They cannot see your answers: "
            "everything you enter stays on this computer.", role="muted"))
        for role, name, contact in branding.contacts:
            card.layout_.addWidget(PlainLabel(f"{role}: {name}, {contact}"))
        if branding.policy_url:
            button = QPushButton("Read the staff social-media &policy")
            button.setAutoDefault(True)
            button.setToolTip(plain_tooltip(branding.policy_url))
            button.clicked.connect(lambda: self.ctx.open_url(branding.policy_url))
            row = QHBoxLayout()
            row.addWidget(button)
            row.addStretch(1)
            card.layout_.addLayout(row)
        self.layout_.addWidget(card)

    def on_enter(self) -> None:
        self.data_location.setText(f"Your answers are kept in: {self.ctx.paths.data_dir}")
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
            text = (summary(time_needed, left=False).removesuffix(".")
                    + " for a typical first audit with three platforms. Each step then shows the time "
                    "left for you. A check every few months takes less.")
        else:
            text = "With what you have told SocialSafe so far: " + summary(time_needed)[0].lower() \
                + summary(time_needed)[1:]
        self.time_text.setText(text)
