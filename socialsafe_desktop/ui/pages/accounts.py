"""Step 4: Forgotten accounts.

The usernames from About you, checked across hundreds of sites, but only once the person has
said yes to a question that names the count and the time ("Check 412 sites for the username
jsample? Each site will see one request from this computer. About 2 minutes."). The kinds of
site are shown and can be switched off; adult sites are off until the person switches them on
(never in the demo); the organisation's policy can limit the kinds or switch the check off.

The check runs off the GUI thread (AccountCheckBridge); answers are saved as they arrive, a
batch at a time; Cancel stops at once and keeps what was found; a check cut short carries on
with the sites left. Sites that could not be checked are listed as such, never as "not found".

Every account found is a suggestion ("Is this yours?"), then kept or closed: a list of
the accounts found, and a card for the one chosen (ui/account_cards.py).
Email addresses are never checked: the services' own "find my account" pages are offered to
open in the browser instead.

The site list and the deletion directory are loaded off the GUI thread when the step first
opens, not at start-up.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...core.forgotten_accounts import ADULT, COULD_NOT_CHECK, count_accounts
from ...core.i18n import _, ngettext
from ..account_cards import AccountCard, AccountList, category_label
from ..account_worker import AccountCheckBridge, BackgroundTask
from ..flow_layout import FlowLayout
from ..widgets import Card, PlainLabel, disable, heading, one_layout_pass, restyle, set_progress
from .base import StepPage

MAX_LISTED_FAILURES = 60  # sites named in "could not check"; the rest are counted


def _button(text: str, accessible: str, primary: bool = False) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(True)
    button.setAccessibleName(accessible)
    if primary:
        button.setProperty("role", "primary")
    return button


class AccountsPage(StepPage):
    step_id = "accounts"

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.session = ctx.session
        self.accounts = None       # session.accounts, once its data is loaded
        self.availability = None
        self.category_boxes: dict[str, QCheckBox] = {}
        self._quiet = False        # the page is setting its own controls: not the person's choice
        self.run_username: str | None = None
        self.run_retry = False
        self.run_base = (0, 0)     # sites answered and found before this run (for the live count)
        self.run_failed = 0        # "could not check" in this run
        self._stopped = False      # the window is closing: nothing more is shown or saved

        self.bridge = AccountCheckBridge(self)
        self.bridge.results.connect(self._results)
        self.bridge.progress.connect(self._progress)
        self.bridge.finished.connect(self._finished)
        self.loader = BackgroundTask(self)
        self.loader.done.connect(self._loaded)
        self.loader.failed.connect(self._load_failed)

        self.layout_.addWidget(PlainLabel(
            _("Old accounts are often the most open: the forum from years ago, the photo site from university, "
              "a music profile with your real name and home town. SocialSafe can ask sites whether they have an "
              "account under your usernames, then help you close the ones you no longer want."), role="lead"))
        # TRANSLATORS: while the forgotten-accounts step reads its list of sites.
        self.load_note = PlainLabel(_("Loading the list of sites\u2026"), role="muted")
        self.layout_.addWidget(self.load_note)
        self.off_note = PlainLabel("", role="warning")
        self.off_note.setVisible(False)
        self.layout_.addWidget(self.off_note)

        # --- the check ----------------------------------------------------------------------
        self.check_card = Card()
        card = self.check_card.layout_
        # TRANSLATORS: a heading on Forgotten accounts.
        card.addWidget(heading(_("Check your usernames"), 2))
        card.addWidget(PlainLabel(
            _("SocialSafe asks each site once whether it has an account with the username, as your browser would "
              "when opening the profile page. Nothing else is sent, and your email addresses are never checked."),
            role="muted"))
        self.no_usernames = PlainLabel(
            _("You have not added any usernames yet. Add the usernames you use (or used to use) in step 2, "
              "About you, then come back here."), role="notice")
        card.addWidget(self.no_usernames)
        self.controls = QWidget()
        controls = QVBoxLayout(self.controls)
        controls.setContentsMargins(0, 0, 0, 0)
        row = QWidget()
        flow = FlowLayout(row)
        # TRANSLATORS: the label of the list of usernames to check. Keep the & (shortcut).
        label = QLabel(_("&Username:"))
        self.username_box = QComboBox()
        # TRANSLATORS: what a screen reader calls the list of usernames.
        self.username_box.setAccessibleName(_("Username to check"))
        self.username_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        label.setBuddy(self.username_box)
        flow.addWidget(label)
        flow.addWidget(self.username_box)
        controls.addWidget(row)
        self.username_status = PlainLabel("", role="muted")
        controls.addWidget(self.username_status)
        # TRANSLATORS: a heading over the kinds of website to ask.
        controls.addWidget(PlainLabel(_("Which kinds of site to ask"), role="h4"))
        self.categories_holder = QWidget()
        self.categories_flow = FlowLayout(self.categories_holder)
        controls.addWidget(self.categories_holder)
        # TRANSLATORS: check box for adult sites before their number is known. Keep the & (shortcut).
        self.adult_box = QCheckBox(_("&Adult sites (off unless you switch them on)"))
        # TRANSLATORS: what a screen reader calls the check box for adult sites.
        self.adult_box.setAccessibleName(_("Adult sites: off unless you switch them on"))
        controls.addWidget(self.adult_box)
        self.adult_note = PlainLabel("", role="muted")
        controls.addWidget(self.adult_note)
        self.question = PlainLabel("", role="h4")
        controls.addWidget(self.question)
        row = QWidget()
        flow = FlowLayout(row)
        # TRANSLATORS: buttons of the forgotten-accounts check. Keep the & (shortcut) on a letter of each.
        self.run_button = _button(_("&Check"),
                                  # TRANSLATORS: what a screen reader calls the Check button.
                                  _("Check the sites"), primary=True)
        # TRANSLATORS: button that asks again the sites that gave no answer. Keep the & (shortcut).
        self.retry_button = _button(_("&Try again"), _("Try the sites that could not be checked again"))
        # TRANSLATORS: button that stops the check. Keep the & (shortcut).
        self.cancel_button = _button(_("Cance&l"),
                                     # TRANSLATORS: what a screen reader calls the Cancel button.
                                     _("Cancel the check"))
        self.cancel_button.setEnabled(False)
        for button in (self.run_button, self.retry_button, self.cancel_button):
            flow.addWidget(button)
        controls.addWidget(row)
        # The live count is the progress bar's own text: changing it costs no new layout of the
        # page, which a label's new text would, several times a second.
        # Always there, showing where this username's check stands: starting a check then
        # changes only its numbers, not the page's layout.
        self.progress_bar = QProgressBar()
        # TRANSLATORS: what a screen reader calls the check's progress bar.
        self.progress_bar.setAccessibleName(_("Sites checked"))
        controls.addWidget(self.progress_bar)
        self.status = PlainLabel("", role="muted")
        self.status.setVisible(False)
        controls.addWidget(self.status)
        row = QWidget()
        # TRANSLATORS: button that shows the sites that gave no answer.
        self.failed_button = _button(_("Show the sites that could not be checked"),
                                     _("Show the sites that could not be checked"))
        self.failed_button.setCheckable(True)
        FlowLayout(row).addWidget(self.failed_button)
        controls.addWidget(row)
        self.failed_list = PlainLabel("")
        self.failed_list.setVisible(False)
        controls.addWidget(self.failed_list)
        card.addWidget(self.controls)
        self.layout_.addWidget(self.check_card)

        # --- what was found -------------------------------------------------------------------
        self.hits_card = Card()
        hits = self.hits_card.layout_
        hits.addWidget(heading(_("Is this yours?"), 2))
        hits.addWidget(PlainLabel(
            _("A site that has one of your usernames may not be you: someone else can use the same name. Open the "
              "address to see, then say whether it is yours. Only you can tell. Your answers are saved at once."),
            role="muted"))
        # TRANSLATORS: on Forgotten accounts before any account is found.
        self.hits_summary = PlainLabel(_("No accounts found yet."), role="h3")
        hits.addWidget(self.hits_summary)
        # TRANSLATORS: label of the list of accounts found. Keep the & (shortcut).
        self.hit_list_label = QLabel(_("Accounts &found (choose one to answer for it):"))
        self.hit_list = AccountList()
        self.hit_list_label.setBuddy(self.hit_list)
        hits.addWidget(self.hit_list_label)
        hits.addWidget(self.hit_list)
        self.account_card = AccountCard()
        self.account_card.setVisible(False)
        hits.addWidget(self.account_card)
        self.hit_list.currentItemChanged.connect(lambda _now, _before: self._show_chosen())
        card_ = self.account_card
        card_.decision_changed.connect(self._decide)
        card_.plan_changed.connect(self._plan)
        card_.closed_changed.connect(self._closed)
        card_.note_changed.connect(lambda u, site, text: self.accounts.set_note(u, site, text))
        card_.open_requested.connect(self.ctx.open_url)
        self.layout_.addWidget(self.hits_card)

        # --- email addresses ---------------------------------------------------------------------
        self.email_card = Card()
        email = self.email_card.layout_
        # TRANSLATORS: a heading on Forgotten accounts.
        email.addWidget(heading(_("Your email addresses"), 2))
        email.addWidget(PlainLabel(
            _("SocialSafe never asks a site about an email address: trying addresses on other people's sign-up or "
              "password forms is not ours to do. Some services have their own page that finds an account from an "
              "email address. Open one in your browser and type your address there yourself."), role="muted"))
        self.emails_text = PlainLabel("")
        email.addWidget(self.emails_text)
        row = QWidget()
        flow = FlowLayout(row)
        self.find_buttons: list[QPushButton] = []
        from ...accounts.find_account import FIND_ACCOUNT_PAGES  # a small table, no other imports

        for page in FIND_ACCOUNT_PAGES:
            # TRANSLATORS: button that opens a service's own "find my account" page; {service} is its name
            # (Google, Microsoft...). {page} names that page (from a table, in English for now).
            button = _button(_("{service}: find my account").format(service=page.service),
                             # TRANSLATORS: what a screen reader calls that button; {page} names the page.
                             _("Open {page} in your browser").format(page=_(page.what)))
            button.setToolTip("")
            button.clicked.connect(lambda _checked=False, url=page.url: self.ctx.open_url(url))
            flow.addWidget(button)
            self.find_buttons.append(button)
        email.addWidget(row)
        self.layout_.addWidget(self.email_card)
        for block in (self.check_card, self.hits_card, self.email_card):
            # Grow with their wrapped text (Card's default would squeeze the lines together).
            block.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.finish_layout()

        self.username_box.currentIndexChanged.connect(lambda _i: self._username_chosen())
        self.adult_box.toggled.connect(lambda _on: self._choice_changed())
        self.run_button.clicked.connect(lambda: self.start_check(retry=False))
        self.retry_button.clicked.connect(lambda: self.start_check(retry=True))
        self.cancel_button.clicked.connect(self.cancel_check)
        self.failed_button.toggled.connect(self.failed_list.setVisible)
        self.check_card.setVisible(False)
        self.hits_card.setVisible(False)

    # --- loading, off the GUI thread ------------------------------------------------------------

    def on_enter(self) -> None:
        profile = self.session.profile()
        emails = profile.filled_emails()
        # TRANSLATORS: {emails} is a list of the person's email addresses, separated by commas.
        self.emails_text.setText(_("Your email addresses in About you: {emails}.").format(emails=", ".join(emails))
                                 if emails else _("You have not added an email address in About you."))
        if self.accounts is None:
            session = self.session
            handles = [h.text for h in profile.filled_handles()]
            self.loader.start(lambda: self._load(session, handles))
            return
        if not self.bridge.is_running:
            self._render()
        self._sync_hits()

    @staticmethod
    def _load(session, handles):
        """On a worker thread: the site list, the directory, the usernames placed into each site."""
        accounts = session.accounts
        accounts.preload(handles)
        return accounts

    def _loaded(self, accounts) -> None:
        if self._stopped:
            return  # the window closed (or the demo was reset) while the data loaded
        self.accounts = accounts
        self.load_note.setVisible(False)
        self._render()
        self._sync_hits()

    def _load_failed(self, error) -> None:
        # TRANSLATORS: when the list of sites cannot be read.
        text = str(error) or _("The list of sites could not be read.")
        # TRANSLATORS: {problem} is a sentence saying what went wrong reading the list of sites.
        self.load_note.setText(_("{problem} The check cannot run; reinstalling SocialSafe should fix it.").format(
            problem=text))
        restyle(self.load_note, "role", "error")

    # --- showing the choice and the question ------------------------------------------------------

    def _render(self) -> None:
        accounts = self.accounts
        self.availability = availability = accounts.availability()
        self.check_card.setVisible(True)
        self.off_note.setText(availability.reason)
        self.off_note.setVisible(not availability.allowed)
        usernames = accounts.usernames() if availability.allowed else []
        self.no_usernames.setVisible(availability.allowed and not usernames)
        self.controls.setVisible(bool(usernames))
        if not availability.allowed:
            self.check_card.setVisible(False)
            return
        self._quiet = True
        try:
            current = self.username_box.currentData()
            if [self.username_box.itemData(i) for i in range(self.username_box.count())] != usernames:
                self.username_box.clear()
                for name in usernames:
                    self.username_box.addItem(name, name)
            index = self.username_box.findData(current)
            self.username_box.setCurrentIndex(index if index >= 0 else (0 if usernames else -1))
            self._build_categories(availability)
        finally:
            self._quiet = False
        self._username_chosen()

    def _build_categories(self, availability) -> None:
        if list(self.category_boxes) == list(availability.categories):
            return
        for box in self.category_boxes.values():
            self.categories_flow.removeWidget(box)
            box.setParent(None)
            box.deleteLater()
        self.category_boxes = {}
        counts: dict[str, int] = {}
        for site in self.accounts.load_sites().sites:
            counts[site.category] = counts.get(site.category, 0) + 1
        for category in availability.categories:
            n = counts.get(category, 0)
            # TRANSLATORS: a kind of site to ask, such as "Images", and how many sites of that kind there are.
            box = QCheckBox(_("{kind} ({n})").format(kind=category_label(category), n=n))
            # TRANSLATORS: what a screen reader calls the check box of a kind of site.
            box.setAccessibleName(ngettext("Ask sites of the kind {kind} ({n})", "Ask sites of the kind {kind} ({n})",
                                           n).format(kind=category_label(category), n=n))
            box.toggled.connect(lambda _on: self._choice_changed())
            self.categories_flow.addWidget(box)
            self.category_boxes[category] = box
        adult = availability.adult_allowed
        # TRANSLATORS: check box for adult sites; {n} is how many there are. Keep the & (shortcut).
        self.adult_box.setText(_("&Adult sites ({n}): off unless you switch them on").format(n=counts.get(ADULT, 0)))
        self.adult_box.setVisible(adult)
        if self.session.backend.allows_adult_sites:
            self.adult_note.setText("" if adult else _("Your organisation's policy leaves adult sites out."))
        else:
            self.adult_note.setText(_("Adult sites are never checked in the demo."))
        self.adult_note.setVisible(bool(self.adult_note.text()))
        self._fix_tab_order()

    def username(self) -> str | None:
        return self.username_box.currentData()

    def chosen(self) -> tuple[list[str], bool]:
        categories = [c for c, box in self.category_boxes.items() if box.isChecked()]
        return categories, not self.adult_box.isHidden() and self.adult_box.isChecked()

    def _username_chosen(self) -> None:
        """Show the choice saved for this username (or the default), and its question."""
        if self._quiet or self.bridge.is_running or self.username() is None:
            return
        state = self.accounts.state(self.username())
        self._quiet = True
        try:
            for category, box in self.category_boxes.items():
                box.setChecked(category in state.categories)
            self.adult_box.setChecked(state.include_adult)
        finally:
            self._quiet = False
        self._show_state(state)

    def _choice_changed(self) -> None:
        if self._quiet or self.bridge.is_running or self.username() is None:
            return
        categories, adult = self.chosen()
        self._show_state(self.accounts.state(self.username(), categories, adult))

    def current_state(self):
        categories, adult = self.chosen()
        return self.accounts.state(self.username(), categories, adult)

    def _show_state(self, state) -> None:
        accounts = self.accounts
        self.state = state
        name = state.username
        # {name} in these is a username.
        if state.not_started:
            # TRANSLATORS: {name} is a username.
            self.username_status.setText(_("{name} has not been checked yet.").format(name=name))
        elif state.left:
            # TRANSLATORS: {name} is a username; {found} how many sites have an account under it.
            self.username_status.setText(ngettext(
                "{name}: {done} of {total} site checked so far, found on {found}. The check stopped before the end.",
                "{name}: {done} of {total} sites checked so far, found on {found}. The check stopped before the end.",
                state.total).format(name=name, done=state.done, total=state.total, found=state.found))
        elif state.could_not_check:
            # TRANSLATORS: {name} is a username; {found} how many sites have an account under it.
            self.username_status.setText(ngettext(
                "{name}: all {total} site checked. Found on {found}; {failed} could not be checked.",
                "{name}: all {total} sites checked. Found on {found}; {failed} could not be checked.",
                state.total).format(name=name, total=state.total, found=state.found, failed=state.could_not_check))
        else:
            # TRANSLATORS: {name} is a username; {found} how many sites have an account under it.
            self.username_status.setText(ngettext(
                "{name}: all {total} site checked. Found on {found}.",
                "{name}: all {total} sites checked. Found on {found}.",
                state.total).format(name=name, total=state.total, found=state.found))
        if not state.total:
            question = _("Choose at least one kind of site to ask.")
        elif state.left:
            question = accounts.question(state)
        else:
            # TRANSLATORS: {name} is a username.
            question = _("Every site you chose has been checked for {name}.").format(name=name)
        self.question.setText(question)
        self.question.setAccessibleName(question)
        if not self.bridge.is_running:
            self.progress_bar.setRange(0, max(1, state.total))
            self.progress_bar.setValue(state.done)
            self.progress_bar.setFormat(self._bar_text(state.total, state.found, state.could_not_check, False, False))
        count = len(state.left)
        self.run_button.setVisible(bool(count))
        self.run_button.setEnabled(bool(count))
        if state.done:
            # TRANSLATORS: the button that carries on a check cut short. Keep the & (shortcut).
            text = ngettext("&Check the other {n} site", "&Check the other {n} sites", count)
            # TRANSLATORS: what a screen reader calls that button; {name} is a username.
            spoken = ngettext("Check the other {n} site for the username {name}",
                              "Check the other {n} sites for the username {name}", count)
        else:
            # TRANSLATORS: the button that starts the check. Keep the & (shortcut).
            text = ngettext("&Check {n} site", "&Check {n} sites", count)
            # TRANSLATORS: what a screen reader calls that button; {name} is a username.
            spoken = ngettext("Check {n} site for the username {name}", "Check {n} sites for the username {name}",
                              count)
        self.run_button.setText(text.format(n=count))
        self.run_button.setAccessibleName(spoken.format(n=count, name=name))
        retry = len(state.retry)
        self.retry_button.setVisible(bool(retry) and not count)
        # TRANSLATORS: button that asks again the sites that gave no answer. Keep the & (shortcut).
        self.retry_button.setText(ngettext("&Try the {n} that could not be checked again",
                                           "&Try the {n} that could not be checked again", retry).format(n=retry))
        self.retry_button.setAccessibleName(accounts.question(state, retry=True) if retry else "")
        self._show_failures(state.failed)

    def _show_failures(self, failed) -> None:
        self.failed_button.setVisible(bool(failed))
        self.failed_button.setText(ngettext("Show the {n} site that could not be checked",
                                            "Show the {n} sites that could not be checked", len(failed)).format(
            n=len(failed)))
        # TRANSLATORS: a site that could not be checked, and why.
        lines = [_("{site}: {reason}").format(site=r.site, reason=r.reason) for r in failed[:MAX_LISTED_FAILURES]]
        if len(failed) > MAX_LISTED_FAILURES:
            more = len(failed) - MAX_LISTED_FAILURES
            # TRANSLATORS: after a list cut short: how many more there are.
            lines.append(ngettext("\u2026and {n} more.", "\u2026and {n} more.", more).format(n=more))
        self.failed_list.setText("\n".join(lines))
        self.failed_list.setVisible(bool(failed) and self.failed_button.isChecked())

    # --- running ----------------------------------------------------------------------------------

    def start_check(self, retry: bool = False) -> None:
        """The person said yes to the question on the button: save the choice and send."""
        username = self.username()
        if username is None or self.bridge.is_running:
            return
        categories, adult = self.chosen()
        accounts = self.accounts
        state = accounts.state(username, categories, adult)
        checks = accounts.start(username, categories, adult, retry=retry)
        if checks is None:
            self._show_status(_("The check could not start: your choice could not be saved."), error=True)
            return
        self.run_username, self.run_retry = username, retry
        self.run_base = (0, 0) if retry else (state.done, state.found)
        self.run_failed = 0
        total = len(checks) if retry else state.total
        with one_layout_pass(self.body):  # the page changes in several places: one layout pass
            self.progress_bar.setRange(0, max(1, total))
            self.progress_bar.setValue(0 if retry else state.done)
            self._show_started()
            self._show_live(0, 0)
            self._show_status(_("Checking\u2026 You can cancel at any time: what was found so far is kept."))
        self.cancel_button.setFocus()
        # Last: from here on the workers share the interpreter with the window. Each batch of
        # answers is saved on the bridge's saving thread: the window never waits for the disk.
        self.bridge.start(checks, accounts.runner_settings(), accounts.client_factory(),
                          keep=partial(accounts.keep_results, username))

    def cancel_check(self) -> None:
        self.bridge.cancel()  # hands out what arrived, then "finished", before it returns

    def stop_work(self) -> None:
        """Called before the window closes or the demo is reset: no check outlives its store."""
        if self.bridge.is_running:
            self.bridge.cancel()
        self._stopped = True

    def _show_started(self) -> None:
        # Cancel takes the focus from the button pressed (the end of a check is _finished's).
        self.cancel_button.setEnabled(True)
        for button in (self.run_button, self.retry_button):
            disable(button, focus_to=self.cancel_button)
        self._set_choice_enabled(False)

    def _set_choice_enabled(self, enabled: bool) -> None:
        for widget in (self.username_box, self.adult_box, *self.category_boxes.values()):
            widget.setEnabled(enabled)

    def _results(self, kept) -> None:
        # Saved already (accounts.keep_results, on the bridge's saving thread), with the accounts
        # found as saved when the batch found one. None: keeping failed with a bug (logged).
        if kept is None or not self.session.settle(kept.error):
            return  # the window says why, once; the list shows only what is saved
        self.run_failed += sum(1 for r in kept.results if r.outcome == COULD_NOT_CHECK)
        if kept.hits is not None:
            # The list grows (the progress bar counts them); the card and the summary wait for
            # the person, or the end: a label's new text would lay the page out again. Accounts
            # already listed stay as the list has them: an answer given since this batch was
            # read is newer than the batch's copy.
            listed = self.hit_list.hits
            hits = [*listed.values(), *(hit for hit in kept.hits if hit.key not in listed)]
            self._sync_hits(choose=False, summary=False, hits=hits)

    def _progress(self, done: int, total: int, found: int) -> None:
        base_done, _found = self.run_base
        set_progress(self.progress_bar, base_done + done)
        self._show_live(done, found)

    def _show_live(self, done: int, found: int) -> None:
        """"Checked 120 of 412 sites · found on 7 so far", in the progress bar (%v: sites done)."""
        _base_done, base_found = self.run_base
        total = self.progress_bar.maximum()
        text = self._bar_text(total, found if self.run_retry else base_found + found, self.run_failed,
                              retry=self.run_retry, live=True)
        if self.progress_bar.format() != text:
            self.progress_bar.setFormat(text)

    @staticmethod
    def _bar_text(total: int, found: int, failed: int, retry: bool, live: bool) -> str:
        """The progress bar's text; Qt puts in the sites done (%v) and in all (%m)."""
        if retry:
            # TRANSLATORS: in the progress bar while sites are asked again: {done} of {total}, and how many
            # have an account under the username ({found}). Keep "·" or use your own separator.
            text = ngettext("Tried {done} of {total} again \u00b7 found on {found} so far",
                            "Tried {done} of {total} again \u00b7 found on {found} so far", total)
        elif live:
            # TRANSLATORS: in the progress bar while the check runs: {done} of {total} sites, and how many
            # have an account under the username ({found}).
            text = ngettext("Checked {done} of {total} site \u00b7 found on {found} so far",
                            "Checked {done} of {total} sites \u00b7 found on {found} so far", total)
        else:
            # TRANSLATORS: in the progress bar after the check: {done} of {total} sites, and how many have an
            # account under the username ({found}).
            text = ngettext("Checked {done} of {total} site \u00b7 found on {found}",
                            "Checked {done} of {total} sites \u00b7 found on {found}", total)
        text = text.format(done="%v", total="%m", found=found)
        if failed:
            # TRANSLATORS: added to the progress bar's text: how many sites could not be checked.
            text += " \u00b7 " + _("could not check {n}").format(n=failed)
        return text

    def live_text(self) -> str:
        """What the progress bar says now."""
        return self.progress_bar.text()

    def _finished(self, cancelled: bool) -> None:
        username = self.run_username
        categories, adult = self.chosen()
        state = self.accounts.state(username, categories, adult)  # as chosen when the check started
        if not cancelled:
            self.accounts.finish(username, state)
        self.run_button.setEnabled(True)
        self.retry_button.setEnabled(True)
        if cancelled and state.left:
            left = len(state.left)
            button = ngettext("&Check the other {n} site", "&Check the other {n} sites", left).format(n=left)
            # TRANSLATORS: after Cancel; {button} is the name of the button that carries on ("Check the
            # other 13 sites"), shown in quotation marks.
            text = ngettext("Stopped: {done} of {total} site checked. What was found is kept; press "
                            "\u201c{button}\u201d to carry on.",
                            "Stopped: {done} of {total} sites checked. What was found is kept; press "
                            "\u201c{button}\u201d to carry on.", state.total).format(
                done=state.done, total=state.total, button=button.replace("&", ""))
        elif cancelled:
            text = ngettext("Stopped: {done} of {total} site checked. What was found is kept.",
                            "Stopped: {done} of {total} sites checked. What was found is kept.",
                            state.total).format(done=state.done, total=state.total)
        else:
            # TRANSLATORS: at the end of the check; {name} is the username, {found} how many sites have it.
            text = ngettext("Done: {done} of {total} site checked for {name}. Found on {found}.",
                            "Done: {done} of {total} sites checked for {name}. Found on {found}.",
                            state.total).format(done=state.done, total=state.total, name=username, found=state.found)
            if state.could_not_check:
                text += " " + ngettext(
                    "{n} site could not be checked (a human check, an error or no answer): that is not the same as "
                    "\u201cnot found\u201d.",
                    "{n} sites could not be checked (a human check, an error or no answer): that is not the same as "
                    "\u201cnot found\u201d.", state.could_not_check).format(n=state.could_not_check)
        with one_layout_pass(self.body):
            self._show_status(text)
            self.run_username = None
            self._show_state(state)
        # The focus on Cancel goes to the next button to press; when all is checked, to the
        # accounts found, once the list is up to date.
        target = next((b for b in (self.run_button, self.retry_button, self.failed_button)
                       if b.isVisible() and b.isEnabled()), None)
        focus_to_list = target is None and self.cancel_button.hasFocus()
        disable(self.cancel_button, focus_to=target)  # idle now; the rest of the page follows on the next turns
        # A turn of the event loop each, so the window is never held up for long: the choices
        # become usable again, then the list and its summary, then the card of an account.
        self._later(lambda: self._set_choice_enabled(not self.bridge.is_running))
        self._later(lambda: self._sync_hits(choose=False))
        self._later(self._choose_first_undecided)
        if focus_to_list:
            self._later(self._focus_after_check)

    def _focus_after_check(self) -> None:
        target = self.hit_list if self.hit_list.isVisible() else self.username_box
        if QApplication.focusWidget() is None and target.isEnabled():
            target.setFocus()

    def _later(self, work) -> None:
        """On the next turn of the event loop, unless the window has closed (and its audit with
        it) by then: closing cancels a check, and the cancel's own "finished" comes here."""
        QTimer.singleShot(0, self, lambda: None if self._stopped else work())

    def _show_status(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setAccessibleName(text)
        restyle(self.status, "role", "error" if error else "muted")
        self.status.setVisible(bool(text))

    # --- the accounts found -----------------------------------------------------------------------

    def _sync_hits(self, choose: bool = True, summary: bool = True, hits=None) -> None:
        """The list of accounts (and its summary) as saved (`hits`, when just read); with
        `choose`, the card for the one chosen too (or the first still to decide, when none is
        chosen yet)."""
        if self.accounts is None:
            return
        if hits is None:
            hits = self.accounts.hits()
        self.hits_card.setVisible(bool(hits) or self.check_card.isVisible())
        self.hit_list.sync(hits)
        if self.hit_list.isHidden() == bool(hits):
            self.hit_list.setVisible(bool(hits))
            self.hit_list_label.setVisible(bool(hits))
        if summary:
            self._show_summary(hits)
        if choose:
            if self.hit_list.current_key() is None:
                self._choose_first_undecided()
            self._show_chosen()

    def _show_summary(self, hits) -> None:
        counts = count_accounts(hits)
        if counts.found:
            if counts.undecided:
                text = ngettext("{n} account found \u00b7 {open} still to decide",
                                "{n} accounts found \u00b7 {open} still to decide", counts.found)
            else:
                # TRANSLATORS: the summary of accounts found.
                text = ngettext("{n} account found \u00b7 all decided", "{n} accounts found \u00b7 all decided",
                                counts.found)
            text = text.format(n=counts.found, open=counts.undecided)
            if counts.to_close:
                # TRANSLATORS: added to the summary of accounts found: how many the person will close.
                text += " \u00b7 " + _("{n} to close").format(n=counts.to_close)
        else:
            # TRANSLATORS: on Forgotten accounts before any account is found.
            text = _("No accounts found yet.")
        if self.hits_summary.text() != text:
            self.hits_summary.setText(text)
            self.hits_summary.setAccessibleName(text)

    def _choose_first_undecided(self) -> None:
        if self._stopped or self.hit_list.current_key() is not None or not self.hit_list.hits:
            return
        first = next((h for h in self.hit_list.hits.values() if not h.decision), None)
        self.hit_list.choose(first.key if first is not None else next(iter(self.hit_list.hits)))

    def _show_chosen(self) -> None:
        """The card for the account chosen in the list, with what is saved about it."""
        key = self.hit_list.current_key()
        hit = self.hit_list.hits.get(key) if key else None
        if hit is None:
            self.account_card.setVisible(False)
            return
        if self.account_card.isVisible() and self.account_card.hit == hit:
            return  # already showing exactly this
        accounts = self.accounts
        pack = accounts.checklist_for(hit)
        self.account_card.show_hit(hit, accounts.deletion_for(hit), pack.name if pack is not None else "")
        self.account_card.setVisible(True)

    def choose_account(self, username: str, site: str) -> AccountCard:
        """Choose an account in the list (as a click on it does) and return its card."""
        self.hit_list.choose(f"{username}:{site}")
        return self.account_card

    def _decide(self, username: str, site: str, decision: str) -> None:
        self.accounts.decide(username, site, decision)
        self._sync_hits()

    def _plan(self, username: str, site: str, plan: str) -> None:
        self.accounts.set_plan(username, site, plan)
        self._sync_hits()

    def _closed(self, username: str, site: str, closed: bool) -> None:
        accounts = self.accounts
        if closed:
            accounts.mark_closed(username, site)
        else:
            accounts.reopen(username, site)
        self._sync_hits()  # shows what is saved: the date, or the account to close again

    # --- keyboard ----------------------------------------------------------------------------------

    def _fix_tab_order(self) -> None:
        """Tab follows the page from top to bottom (the kinds of site are added once the list is
        loaded, and Qt would otherwise put them last)."""
        card = self.account_card
        chain: list[QWidget] = [
            self.username_box, *self.category_boxes.values(), self.adult_box, self.run_button, self.retry_button,
            self.cancel_button, self.failed_button, self.hit_list, card.open_button, *card.choices.buttons.values(),
            *card.plans.buttons.values(), card.deletion_button, card.closed_button, card.reopen_button, card.note,
            *self.find_buttons]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
