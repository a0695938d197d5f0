"""Forgotten accounts as the audit keeps them: which usernames were checked, what each site
answered, and what the person decided about each account found. Plain data, no Qt, no network
(the check itself is in socialsafe_desktop/accounts/, which shows; this is what is kept).

Everything is per audit, keyed by (audit, username, site), so a re-check can carry the accounts
the person marked as theirs into a new audit and ask just those sites again.

A site that has an account under the username is only a suggestion: the person says Mine, Not
mine or Not sure. An account that is theirs is kept (its privacy then matters) or closed; a
closed account carries the date the person closed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from .i18n import N_, _

# The categories of sites the check knows, as the site list names them ("adult" is never asked
# unless the person switches it on). A managed policy may limit the check to some of them;
# tests/accounts checks that this is exactly the list's own.
ADULT = "adult"
SITE_CATEGORIES = ("archived", "art", "blog", "business", "coding", "dating", "finance", "gaming", "health",
                   "hobby", "images", "misc", "music", "news", "political", "search", "shopping", "social",
                   "tech", "video", ADULT)

# What one site's answer meant (the check's three outcomes).
FOUND = "found"
NOT_FOUND = "not_found"
COULD_NOT_CHECK = "could_not_check"
OUTCOMES = (FOUND, NOT_FOUND, COULD_NOT_CHECK)

# The person's answer to "Is this yours?". "" means not answered yet.
MINE = "mine"
NOT_MINE = "not_mine"
NOT_SURE = "not_sure"
# Labels are English, marked for translation (N_): show them with _(LABELS[key]).
# TRANSLATORS: the answers to "Is this account yours?".
ACCOUNT_DECISIONS = {MINE: N_("Mine"), NOT_MINE: N_("Not mine"), NOT_SURE: N_("Not sure")}

# What the person will do with an account that is theirs. "" means not chosen yet.
KEEP = "keep"
CLOSE = "close"
# TRANSLATORS: what the person will do with an account of theirs.
ACCOUNT_PLANS = {KEEP: N_("Keep it"), CLOSE: N_("Close it")}

# How hard closing an account is, as the deletion directory grades it.
DIFFICULTIES = ("easy", "medium", "hard", "limited", "impossible")
# TRANSLATORS: how hard it is to close an account on a service.
DIFFICULTY_LABELS = {
    "easy": N_("Easy: a button or a page in the account's settings."),
    "medium": N_("Medium: a few more steps, or a wait."),
    "hard": N_("Hard: only by writing to the service or its support."),
    "limited": N_("Limited: some of the account can be removed, not all of it."),
    "impossible": N_("Impossible: the service does not delete accounts."),
}
# Minutes closing one account usually takes, by difficulty ("" when the directory does not know
# the service: look for the setting, then do it). An account that cannot be deleted still takes
# time: emptying what it shows.
CLOSE_MINUTES = {"easy": 5, "medium": 10, "hard": 20, "limited": 15, "impossible": 10, "": 10}


@dataclass(frozen=True)
class DeletionInfo:
    """How a service's accounts are closed, from the deletion directory (derived from
    JustDeleteMe; read by socialsafe_desktop/accounts/deletion.py)."""

    name: str
    difficulty: str                 # one of DIFFICULTIES
    domains: tuple[str, ...]
    url: str | None = None          # the page where the account is deleted (http or https)
    email: str | None = None        # where the service takes deletion requests, when it has one

    @property
    def difficulty_label(self) -> str:
        """How hard closing it is, in words (translated)."""
        return _(DIFFICULTY_LABELS[self.difficulty])


@dataclass(frozen=True)
class AccountCheck:
    """One username's check in one audit: which sites were chosen, and whether it ran to the end."""

    username: str
    categories: tuple[str, ...]      # the categories the person chose (adult only with include_adult)
    include_adult: bool
    started_at: datetime | None
    finished_at: datetime | None     # None: not run to the end yet (cancelled, or the app was closed)

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


@dataclass(frozen=True)
class SiteOutcome:
    """What one site answered about one username. Nothing from the page itself is kept."""

    username: str
    site: str
    category: str
    outcome: str                     # FOUND, NOT_FOUND or COULD_NOT_CHECK
    reason: str                      # the check's own sentence
    status: int | None = None        # the HTTP status, when there was an answer
    profile_url: str | None = None   # the address to show and open, when the site has one
    site_url: str = ""
    checked_at: datetime | None = None


@dataclass
class AccountHit:
    """A site that said it has an account under one of the person's usernames, and what the
    person made of it."""

    username: str
    site: str
    category: str
    profile_url: str | None = None
    site_url: str = ""
    decision: str = ""               # "", MINE, NOT_MINE or NOT_SURE
    plan: str = ""                   # "", KEEP or CLOSE (for an account that is MINE)
    closed_on: date | None = None    # the day the person closed it
    note: str = ""
    found_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def key(self) -> str:
        """One string naming this account in this audit, for lookups and ranked actions."""
        return account_key(self.username, self.site)

    @property
    def address(self) -> str:
        """Where the account is: its profile page, else the site's home page."""
        return self.profile_url or self.site_url

    @property
    def url(self) -> str:
        """The address a re-check compares accounts by (core/recheck.AccountLike)."""
        return self.address

    @property
    def to_close(self) -> bool:
        """The person chose to close it (closed since or not): a re-check looks for it again."""
        return self.is_mine and self.plan == CLOSE

    @property
    def is_mine(self) -> bool:
        return self.decision == MINE

    @property
    def closed(self) -> bool:
        return self.is_mine and self.plan == CLOSE and self.closed_on is not None

    @property
    def needs_closing(self) -> bool:
        """An account of the person's that they chose to close and have not closed yet."""
        return self.is_mine and self.plan == CLOSE and self.closed_on is None


def account_key(username: str, site: str) -> str:
    return f"{username}:{site}"


@dataclass(frozen=True)
class AccountCounts:
    """How the accounts found stand, for the plan and the redacted report (counts only)."""

    found: int = 0
    undecided: int = 0
    not_mine: int = 0
    not_sure: int = 0
    mine: int = 0
    to_close: int = 0
    closed: int = 0
    kept: int = 0


def count_accounts(hits: list[AccountHit]) -> AccountCounts:
    return AccountCounts(
        found=len(hits),
        undecided=sum(1 for h in hits if not h.decision),
        not_mine=sum(1 for h in hits if h.decision == NOT_MINE),
        not_sure=sum(1 for h in hits if h.decision == NOT_SURE),
        mine=sum(1 for h in hits if h.is_mine),
        to_close=sum(1 for h in hits if h.needs_closing),
        closed=sum(1 for h in hits if h.closed),
        kept=sum(1 for h in hits if h.is_mine and h.plan == KEEP),
    )
