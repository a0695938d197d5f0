"""Accounts found by the forgotten-accounts check: a list, and one card for the account chosen
in it, asking "Is this yours?".

Every account found is a suggestion: someone else may have the same username. The card gives
the address to open in the browser and asks Mine / Not mine / Not sure. An account that is the
person's is kept (its privacy then matters, and its checklist is named when SocialSafe has one)
or closed: how hard that is, the deletion page and the deletion email where the directory has
them, and "Mark as closed", which records the day.

A list and one card, not a card each: a check can find seventy accounts, and seventy cards
would take the window hundreds of milliseconds to lay out every time one is added.

Site names and addresses come from data files and are shown only as plain text (PlainLabel;
list items are drawn as plain text).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ..core.forgotten_accounts import (
    ACCOUNT_DECISIONS,
    ACCOUNT_PLANS,
    CLOSE,
    KEEP,
    MINE,
    NOT_MINE,
    NOT_SURE,
    AccountHit,
    DeletionInfo,
)
from ..core.i18n import N_, _
from ..core.links import is_openable_url
from ..core.text import one_line
from .flow_layout import FlowLayout
from .locale import day, translated
from .search_results import URL_CHARS, breakable, shorten_middle
from .widgets import Card, ChoiceButtons, PlainLabel, note_field, restyle

# The kinds of site the check can ask (core.forgotten_accounts.SITE_CATEGORIES), as the
# person reads them.
CATEGORY_LABELS = {
    # TRANSLATORS: a kind of website, on a check box of the forgotten-accounts check (web archives).
    "archived": N_("Archived"),
    # TRANSLATORS: a kind of website, on a check box of the forgotten-accounts check.
    "art": N_("Art"),
    # TRANSLATORS: a kind of website, on a check box of the forgotten-accounts check.
    "blog": N_("Blogs"),
    # TRANSLATORS: a kind of website, on a check box of the forgotten-accounts check.
    "business": N_("Business"),
    # TRANSLATORS: a kind of website, on a check box of the forgotten-accounts check.
    "coding": N_("Coding"),
    # TRANSLATORS: a kind of website, on a check box of the forgotten-accounts check.
    "dating": N_("Dating"),
    # TRANSLATORS: a kind of website, on a check box of the forgotten-accounts check.
    "finance": N_("Finance"),
    # TRANSLATORS: a kind of website, on a check box of the forgotten-accounts check.
    "gaming": N_("Gaming"),
    # TRANSLATORS: a kind of website, on a check box of the forgotten-accounts check.
    "health": N_("Health"),
    # TRANSLATORS: a kind of website, on a check box of the forgotten-accounts check.
    "hobby": N_("Hobbies"),
    # TRANSLATORS: a kind of website, on a check box of the forgotten-accounts check.
    "images": N_("Images"),
    # TRANSLATORS: a kind of website, on a check box of the forgotten-accounts check (sites that fit no other kind).
    "misc": N_("Other"),
    # TRANSLATORS: a kind of website, on a check box of the forgotten-accounts check.
    "music": N_("Music"),
    # TRANSLATORS: a kind of website, on a check box of the forgotten-accounts check.
    "news": N_("News"),
    # TRANSLATORS: a kind of website, on a check box of the forgotten-accounts check.
    "political": N_("Politics"),
    # TRANSLATORS: a kind of website, on a check box of the forgotten-accounts check (search engines and directories).
    "search": N_("Search"),
    # TRANSLATORS: a kind of website, on a check box of the forgotten-accounts check.
    "shopping": N_("Shopping"),
    # TRANSLATORS: a kind of website, on a check box of the forgotten-accounts check.
    "social": N_("Social"),
    # TRANSLATORS: a kind of website, on a check box of the forgotten-accounts check.
    "tech": N_("Technology"),
    # TRANSLATORS: a kind of website, on a check box of the forgotten-accounts check.
    "video": N_("Video"),
    # TRANSLATORS: a kind of website, on a check box of the forgotten-accounts check (adult sites).
    "adult": N_("Adult"),
}


def category_label(category: str) -> str:
    """"Images": a kind of site, translated; one the app does not know, as the data names it."""
    return _(CATEGORY_LABELS[category]) if category in CATEGORY_LABELS else category.capitalize()


def status_text(hit: AccountHit) -> str:
    """Where an account stands, in a few words, for the list."""
    if hit.decision == MINE:
        if hit.plan == CLOSE:
            if hit.closed_on:
                # TRANSLATORS: in the list of accounts found; {date} is the day the person closed it.
                return _("yours, closed on {date}").format(date=day(hit.closed_on))
            # TRANSLATORS: in the list of accounts found: where an account stands.
            return _("yours, to close")
        if hit.plan == KEEP:
            # TRANSLATORS: in the list of accounts found: where an account stands.
            return _("yours, kept")
        # TRANSLATORS: in the list of accounts found: the person's account, not yet kept or to close.
        return _("yours: keep or close?")
    if hit.decision == NOT_MINE:
        # TRANSLATORS: in the list of accounts found: the person said it is not theirs.
        return _("not yours")
    if hit.decision == NOT_SURE:
        # TRANSLATORS: in the list of accounts found: the person is not sure it is theirs.
        return _("not sure")
    # TRANSLATORS: in the list of accounts found: not answered yet.
    return _("is this yours?")


def _button(text: str, accessible: str) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(True)
    button.setAccessibleName(accessible)
    return button


class AccountList(QListWidget):
    """The accounts found, one line each: the site, the username and where it stands."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountList")
        # TRANSLATORS: what a screen reader calls the list of accounts found.
        self.setAccessibleName(_("Accounts found"))
        self.setUniformItemSizes(True)
        self.setMinimumHeight(150)
        self.hits: dict[str, AccountHit] = {}

    def sync(self, hits: list[AccountHit]) -> None:
        """Show exactly these accounts, in this order, keeping the one chosen."""
        chosen = self.current_key()
        keys = [h.key for h in hits]
        shown = [self.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.count())]
        if keys != shown:
            self.blockSignals(True)
            try:
                if keys[:len(shown)] != shown:  # not just more of them: start the list again
                    self.clear()
                    shown = []
                for hit in hits[len(shown):]:  # while a check runs, new accounts only add lines
                    item = QListWidgetItem()
                    item.setData(Qt.ItemDataRole.UserRole, hit.key)
                    self.addItem(item)
            finally:
                self.blockSignals(False)
        self.hits = {h.key: h for h in hits}
        for row, hit in enumerate(hits):
            item = self.item(row)
            # TRANSLATORS: an account in the list: the site, the username, and where it stands.
            text = one_line(_("{site} ({username}): {status}").format(site=hit.site, username=hit.username,
                                                                      status=status_text(hit)))
            if item.text() != text:
                item.setText(text)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
        if chosen in self.hits:
            self.choose(chosen)

    def current_key(self) -> str | None:
        item = self.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def choose(self, key: str) -> None:
        for row in range(self.count()):
            if self.item(row).data(Qt.ItemDataRole.UserRole) == key:
                if self.currentRow() != row:
                    self.setCurrentRow(row)
                return


class AccountCard(Card):
    """The account chosen in the list. Emits what the person decides; the page saves it."""

    decision_changed = Signal(str, str, str)   # username, site, decision ("" when taken back)
    plan_changed = Signal(str, str, str)       # username, site, KEEP / CLOSE / ""
    closed_changed = Signal(str, str, bool)    # username, site, closed
    note_changed = Signal(str, str, str)
    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hit: AccountHit | None = None
        self.deletion: DeletionInfo | None = None
        self.title = PlainLabel("", role="h3")
        self.layout_.addWidget(self.title)
        self.found_under = PlainLabel("", role="muted")
        self.layout_.addWidget(self.found_under)
        self.address = PlainLabel("", role="url")
        self.layout_.addWidget(self.address)

        row = QWidget()
        flow = FlowLayout(row)
        # TRANSLATORS: button on an account found. Keep the & (shortcut).
        self.open_button = _button(_("&Open the account"),
                                   # TRANSLATORS: what a screen reader calls the Open the account button.
                                   _("Open the account in your browser"))
        self.open_button.clicked.connect(lambda: self.open_requested.emit(self.hit.address))
        flow.addWidget(self.open_button)
        # TRANSLATORS: the question before the answers Mine / Not mine / Not sure.
        question = PlainLabel(_("Is this yours?"), role="h4", wrap=False)
        question.setContentsMargins(16, 0, 0, 0)
        flow.addWidget(question)
        # TRANSLATORS: what a screen reader hears after Mine / Not mine / Not sure.
        self.choices = ChoiceButtons(translated(ACCOUNT_DECISIONS), _("this account"))
        self.choices.chosen.connect(self._decision_chosen)
        flow.addWidget(self.choices)
        self.layout_.addWidget(row)

        # What to do with an account that is theirs.
        self.mine_box = QWidget()
        mine = QVBoxLayout(self.mine_box)
        mine.setContentsMargins(0, 4, 0, 0)
        row = QWidget()
        flow = FlowLayout(row)
        # TRANSLATORS: the question before the answers Keep it / Close it, about an account that is the person's.
        flow.addWidget(PlainLabel(_("What will you do with it?"), role="h4", wrap=False))
        # TRANSLATORS: what a screen reader hears after Keep it / Close it.
        self.plans = ChoiceButtons(translated(ACCOUNT_PLANS), _("this account"))
        self.plans.chosen.connect(self._plan_chosen)
        flow.addWidget(self.plans)
        mine.addWidget(row)
        self.keep_text = PlainLabel("")
        mine.addWidget(self.keep_text)
        self.close_box = QWidget()
        close = QVBoxLayout(self.close_box)
        close.setContentsMargins(0, 0, 0, 0)
        self.difficulty = PlainLabel("")
        close.addWidget(self.difficulty)
        row = QWidget()
        flow = FlowLayout(row)
        # TRANSLATORS: button on an account to close: the service's page for deleting it. Keep the & (shortcut).
        self.deletion_button = _button(_("Open the &deletion page"), _("Open the deletion page"))
        self.deletion_button.clicked.connect(lambda: self.open_requested.emit(self.deletion.url))
        flow.addWidget(self.deletion_button)
        # TRANSLATORS: button on an account to close: the person has closed it. Keep the & (shortcut).
        self.closed_button = _button(_("Mar&k as closed"),
                                     # TRANSLATORS: what a screen reader calls the Mark as closed button.
                                     _("Mark as closed"))
        self.closed_button.clicked.connect(lambda: self.closed_changed.emit(self.hit.username, self.hit.site, True))
        flow.addWidget(self.closed_button)
        # TRANSLATORS: button on an account marked as closed: take that back.
        self.reopen_button = _button(_("Not closed after all"), _("Not closed after all"))
        self.reopen_button.clicked.connect(
            lambda: self.closed_changed.emit(self.hit.username, self.hit.site, False))
        flow.addWidget(self.reopen_button)
        close.addWidget(row)
        self.email = PlainLabel("")
        close.addWidget(self.email)
        self.closed_text = PlainLabel("", role="h4")
        close.addWidget(self.closed_text)
        mine.addWidget(self.close_box)
        self.layout_.addWidget(self.mine_box)

        # TRANSLATORS: what a screen reader hears after "Note:" on an account's card.
        note_row, self.note = note_field("", _("this account"), _("optional, for example when you opened it"))
        self.note.textEdited.connect(lambda text: self.note_changed.emit(self.hit.username, self.hit.site, text))
        self.layout_.addWidget(note_row)

    def show_hit(self, hit: AccountHit, deletion: DeletionInfo | None, checklist: str) -> None:
        """Show this account (what is saved about it), its deletion route and its checklist."""
        changed = self.hit is None or self.hit.key != hit.key
        self.hit, self.deletion = hit, deletion
        # What a screen reader calls the account in each control's name: "Old Forum, username sam".
        # TRANSLATORS: names an account found, inside what a screen reader says for its buttons.
        about = _("{site}, username {username}").format(site=hit.site, username=hit.username)
        # TRANSLATORS: what a screen reader calls an account's card; {account} is the site and username.
        self.setAccessibleName(_("Account found on {account}").format(account=about))
        self.title.setText(hit.site)
        # TRANSLATORS: on an account found; {kind} is a kind of site such as "Images" or "Music".
        self.found_under.setText(_("Has an account under the username {username} ({kind} site).").format(
            username=hit.username, kind=category_label(hit.category)))
        self.address.setText(breakable(shorten_middle(hit.address, URL_CHARS)))
        self.address.setAccessibleName(_("Address: {url}").format(url=hit.address))
        self.open_button.setAccessibleName(_("Open the account on {account} in your browser").format(account=about))
        self.open_button.setEnabled(is_openable_url(hit.address))
        for group in (self.choices, self.plans):
            for button in group.buttons.values():
                button.setAccessibleName(_("{answer}: {about}").format(answer=group.labels[button.property("value")],
                                                                      about=about))
        if checklist:
            # TRANSLATORS: {checklist} is a platform's name; "Privacy settings" and "Your platforms" are steps.
            self.keep_text.setText(_("Its privacy matters: the {checklist} checklist in Privacy settings covers it, "
                                     "and {checklist} is ticked for you in Your platforms.").format(checklist=checklist))
        else:
            self.keep_text.setText(_("Its privacy matters: open it, look at what its profile shows and who can see it, "
                                     "and take off anything you would not want a pupil, client or manager to see."))
        if deletion is not None:
            # TRANSLATORS: {difficulty} is a sentence such as "Easy: a button or a page in the account's settings."
            self.difficulty.setText(_("How hard: {difficulty}").format(difficulty=deletion.difficulty_label))
        else:
            self.difficulty.setText(_("SocialSafe has no deletion page for this site: look in the account's settings "
                                      "or the site's help pages for \u201cdelete account\u201d."))
        has_page = deletion is not None and bool(deletion.url) and is_openable_url(deletion.url)
        self.deletion_button.setVisible(has_page)
        # TRANSLATORS: what a screen reader calls the buttons of an account's card; {account} is the site and username.
        self.deletion_button.setAccessibleName(_("Open the deletion page for {account}").format(account=about))
        # TRANSLATORS: what a screen reader calls the button; {account} is the site and username.
        self.closed_button.setAccessibleName(_("Mark as closed: {account}").format(account=about))
        # TRANSLATORS: what a screen reader calls the button; {account} is the site and username.
        self.reopen_button.setAccessibleName(_("Not closed after all: {account}").format(account=about))
        # TRANSLATORS: the address to write to for deleting an account.
        self.email.setText(_("Deletion email: {email}").format(email=deletion.email)
                           if deletion is not None and deletion.email else "")
        self.email.setVisible(bool(self.email.text()))
        self.note.setAccessibleName(_("Note: {about}").format(about=about))
        if changed or self.note.text() != hit.note and not self.note.hasFocus():
            self.note.setText(hit.note)
        self.show_state()

    def show_state(self) -> None:
        hit = self.hit
        self.choices.set_value(hit.decision)
        mine = hit.decision == MINE
        self.mine_box.setVisible(mine)
        self.plans.set_value(hit.plan if mine else "")
        self.keep_text.setVisible(mine and hit.plan == KEEP)
        self.close_box.setVisible(mine and hit.plan == CLOSE)
        closed = hit.closed_on is not None
        # TRANSLATORS: on an account the person closed; {date} is the day.
        self.closed_text.setText(_("Closed on {date}.").format(date=day(hit.closed_on)) if closed else "")
        self.closed_text.setVisible(closed)
        self.closed_button.setVisible(not closed)
        self.reopen_button.setVisible(closed)
        style = ("me_fine" if hit.closed or hit.plan == KEEP else "me_action") if mine else \
            {NOT_MINE: "not_me"}.get(hit.decision, "")
        restyle(self, "decision", style)

    def _decision_chosen(self, decision: str) -> None:
        self.hit.decision = decision
        self.show_state()
        self.decision_changed.emit(self.hit.username, self.hit.site, decision)

    def _plan_chosen(self, plan: str) -> None:
        self.hit.plan = plan
        self.show_state()
        self.plan_changed.emit(self.hit.username, self.hit.site, plan)
