"""Forgotten accounts, as the person meets them: which of their usernames to check and on which
sites, the question asked before anything is sent, what the check found (saved as it arrives),
a check cut short resumed with the sites left, and the person's answers: Mine / Not mine / Not
sure, then keep or close, and the day it was closed.

Qt-free. The site list and the deletion directory are loaded when first needed (the step
opening, or an account to close being ranked), never at start-up, and may be loaded off the
GUI thread: load_sites() and load_directory() are safe to call from any thread.

What may be checked is decided here, once, for the window and the command line alike: the
organisation's policy (accounts.categories, and search.modes limited to the browser switches
the check off), adult sites only when the person switches them on (never in the demo), and
never an email address.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..accounts.deletion import DeletionDirectory, deletion_for, load_deletion_directory
from ..accounts.find_account import FIND_ACCOUNT_PAGES, FindAccountPage
from ..accounts.sites import (
    AccountDataError,
    PreparedCheck,
    SiteList,
    UsernameError,
    clean_username,
    load_sites,
    prepare,
)
from ..core.actions import Place
from ..core.forgotten_accounts import (
    ACCOUNT_DECISIONS,
    ACCOUNT_PLANS,
    ADULT,
    COULD_NOT_CHECK,
    FOUND,
    MINE,
    AccountCheck,
    AccountCounts,
    AccountHit,
    DeletionInfo,
    SiteOutcome,
    count_accounts,
)
from ..core.i18n import N_, _, ngettext

if TYPE_CHECKING:  # the HTTP stack is imported only when a check is estimated or run
    from ..accounts.checker import SiteResult
    from ..store import StoreWriteError

# TRANSLATORS: buttons that open a page about a forgotten account.
DELETION_PAGE = N_("Open the deletion page")
ACCOUNT_PAGE = N_("Open the account")


def allowed_categories(policy_categories: Iterable[str] | None, site_list: SiteList, *,
                       adult_possible: bool = True) -> tuple[tuple[str, ...], bool]:
    """The categories the person may choose (adult not among them, in the list's order) and
    whether they may switch adult sites on. policy_categories None: no limit (the demo)."""
    allowed = None if policy_categories is None else set(policy_categories)
    present = {site.category for site in site_list.sites}  # a category with no site is not offered
    listed = [c for c in site_list.categories if c in present and (allowed is None or c in allowed)]
    return tuple(c for c in listed if c != ADULT), adult_possible and ADULT in listed


def usable_usernames(handles: Iterable[str]) -> list[str]:
    """Each handle that can be checked, cleaned ("@" dropped), once (whatever its case)."""
    names: dict[str, str] = {}
    for text in handles:
        try:
            name = clean_username(text)
        except UsernameError:
            continue
        names.setdefault(name.casefold(), name)
    return list(names.values())


@dataclass(frozen=True)
class KeptResults:
    """A batch of a check's answers, saved: the answers, why saving failed (None: it worked),
    and the accounts found as saved, when the batch found one."""
    results: tuple
    error: StoreWriteError | None = None
    hits: list[AccountHit] | None = None


@dataclass(frozen=True)
class Availability:
    allowed: bool
    reason: str                      # one sentence when the check cannot be used, else ""
    categories: tuple[str, ...]      # what the person may choose from (adult is separate)
    adult_allowed: bool              # whether the person may switch adult sites on


@dataclass(frozen=True)
class CheckState:
    """Where one username's check stands for the sites chosen: what the page shows and the
    question it asks."""

    username: str
    categories: tuple[str, ...]
    include_adult: bool
    total: int                               # sites chosen where this username can be asked about
    done: int                                # of those, answered already in this audit
    found: int
    could_not_check: int
    left: tuple[PreparedCheck, ...]          # not asked yet (or cut short)
    retry: tuple[PreparedCheck, ...]         # answered "could not check": can be tried again
    started: bool                            # the person has started a check of this username
    finished: bool                           # and it ran to the end
    failed: tuple[SiteOutcome, ...] = ()     # every "could not check" of this username, with its reason

    @property
    def not_started(self) -> bool:
        return not self.started and not self.done


class ForgottenAccounts:
    def __init__(self, session) -> None:
        self.session = session
        self._lock = threading.Lock()
        self._sites: SiteList | None = None
        self._directory: DeletionDirectory | None = None
        self._directory_problem = ""
        self._loopback = False
        self._settings = None
        self._prepared: dict[str, dict[str, PreparedCheck | None]] = {}

    @property
    def store(self):
        return self.session.store

    # --- the data, loaded when first needed --------------------------------------------------

    def use_data(self, sites: SiteList | None = None, directory: DeletionDirectory | None = None, *,
                 allow_loopback_http: bool = False, settings=None) -> None:
        """Use this site list, directory and HTTP settings instead of the app's: tests and
        benchmarks, with sites on this machine's own servers."""
        with self._lock:
            if sites is not None:
                self._sites = sites
            if directory is not None:
                self._directory = directory
            self._loopback = allow_loopback_http
            self._settings = settings
            self._prepared.clear()

    def load_sites(self) -> SiteList:
        """The site list (loaded once). AccountDataError when it cannot be used."""
        with self._lock:
            if self._sites is None:
                self._sites = load_sites()
            return self._sites

    def load_directory(self) -> DeletionDirectory | None:
        """The deletion directory (loaded once); None when it cannot be used: the accounts found
        still stand, without deletion advice."""
        with self._lock:
            if self._directory is None and not self._directory_problem:
                try:
                    self._directory = load_deletion_directory()
                except AccountDataError as exc:
                    self._directory_problem = str(exc)
            return self._directory

    @property
    def sites_loaded(self) -> bool:
        return self._sites is not None

    @property
    def directory_loaded(self) -> bool:
        return self._directory is not None or bool(self._directory_problem)

    def preload(self, handles: Iterable[str] = ()) -> None:
        """Everything the step needs, for a worker thread (which must not read the store: pass
        the handles from About you): the list, the directory, and each username placed into
        each site's address, so choosing categories costs nothing."""
        sites = self.load_sites()
        self.load_directory()
        for name in usable_usernames(handles):
            self._placed(sites, name)
        self.session.catalogue  # noqa: B018 (loaded now: an account's checklist is looked up in it)

    # --- what may be checked ---------------------------------------------------------------

    def availability(self) -> Availability:
        session = self.session
        demo = session.demo
        policy = None if demo else session.settings.allowed_account_categories()
        if policy == []:
            return Availability(False, _("The forgotten-accounts check is switched off by {organisation}'s policy.")
                                .format(organisation=session.settings.policy.organisation_label), (), False)
        sites = self.load_sites()
        categories, adult = allowed_categories(policy, sites, adult_possible=session.backend.allows_adult_sites)
        if not categories and not adult:
            return Availability(False, _("None of the sites in the check are in the categories your organisation "
                                         "allows."), (), False)
        return Availability(True, "", categories, adult)

    def usernames(self) -> list[str]:
        """The usernames from About you that can be checked, each once ("@" dropped)."""
        return usable_usernames(h.text for h in self.session.profile().filled_handles())

    def checks(self) -> dict[str, AccountCheck]:
        return {c.username: c for c in self.store.account_checks()}

    def default_categories(self, availability: Availability) -> tuple[str, ...]:
        return availability.categories

    def _chosen_last_time(self, username: str) -> AccountCheck | None:
        previous = self.store.previous_audit_id()
        if previous is None:
            return None
        return next((c for c in self.store.account_checks(previous) if c.username == username), None)

    def _placed(self, sites: SiteList, username: str) -> dict[str, PreparedCheck | None]:
        with self._lock:
            placed = self._prepared.get(username)
        if placed is None:
            loopback = self._loopback
            placed = {site.name: prepare(site, username, allow_loopback_http=loopback) for site in sites.sites}
            with self._lock:
                self._prepared[username] = placed
        return placed

    def _chosen(self, categories: Iterable[str], include_adult: bool, availability: Availability
                ) -> tuple[tuple[str, ...], bool]:
        wanted = set(categories)
        chosen = tuple(c for c in availability.categories if c in wanted)
        return chosen, include_adult and availability.adult_allowed

    def state(self, username: str, categories: Iterable[str] | None = None,
              include_adult: bool | None = None) -> CheckState:
        """Where `username`'s check stands for these categories (None: as last chosen, else the
        default: every allowed category, adult sites off)."""
        availability = self.availability()
        saved = self.checks().get(username)
        # In a re-check, the kinds of site chosen last time are offered again.
        chosen_before = saved or self._chosen_last_time(username)
        if categories is None:
            categories = chosen_before.categories if chosen_before else self.default_categories(availability)
        if include_adult is None:
            include_adult = chosen_before.include_adult if chosen_before else False
        chosen, adult = self._chosen(categories, include_adult, availability)
        sites = self.load_sites()
        placed = self._placed(sites, username)
        results = self.store.account_results(username)
        answered = {r.site: r.outcome for r in results}
        wanted = set(chosen) | ({ADULT} if adult else set())
        checks = [placed[s.name] for s in sites.sites if s.category in wanted and placed.get(s.name) is not None]
        left = tuple(c for c in checks if c.site.name not in answered)
        retry = tuple(c for c in checks if answered.get(c.site.name) == COULD_NOT_CHECK)
        outcomes = [answered[c.site.name] for c in checks if c.site.name in answered]
        return CheckState(username, chosen, adult, len(checks), len(outcomes), outcomes.count(FOUND),
                          outcomes.count(COULD_NOT_CHECK), left, retry, saved is not None,
                          saved is not None and saved.finished and not left,
                          tuple(r for r in results if r.outcome == COULD_NOT_CHECK))

    def seconds(self, checks: Sequence[PreparedCheck]) -> float:
        from ..accounts.estimate import estimate_seconds

        return estimate_seconds(checks, self.runner_settings(), self.session.backend.account_answer_seconds())

    def question(self, state: CheckState, *, retry: bool = False) -> str:
        """The question asked before anything is sent, naming the count and the time."""
        from ..accounts.estimate import about_duration

        checks = state.retry if retry else state.left
        count, name = len(checks), state.username
        if retry:
            what = ngettext("Try the {count} site that could not be checked again for the username {username}?",
                            "Try the {count} sites that could not be checked again for the username {username}?",
                            count)
        elif state.done:
            what = ngettext("Check the other {count} site for the username {username}?",
                            "Check the other {count} sites for the username {username}?", count)
        else:
            what = ngettext("Check {count} site for the username {username}?",
                            "Check {count} sites for the username {username}?", count)
        what = what.format(count=count, username=name)
        if self.session.backend.sends_nothing:
            who = _("Demo: the sites' answers come from pages stored in SocialSafe, and nothing is sent.")
        else:
            who = _("Each site will see one request from this computer.")
        duration = about_duration(self.seconds(checks))
        # Three sentences, each translated whole; the last is how long it takes ("About 3 minutes.").
        return f"{what} {who} {duration[:1].upper()}{duration[1:]}."

    # --- running ---------------------------------------------------------------------------

    def runner_settings(self):
        """How the check talks to sites: one request each, a timeout, a cap on bytes read, a
        politeness delay per host, through the organisation's proxy when it sets one."""
        if self._settings is not None:
            return self._settings
        return self.session.backend.account_check_settings(self.session.settings.proxy())

    def client_factory(self):
        return self.session.backend.account_client_factory(self.load_sites())

    def start(self, username: str, categories: Iterable[str], include_adult: bool, *,
              retry: bool = False) -> list[PreparedCheck] | None:
        """The person said yes: the choice is saved, and the sites to ask are returned (those
        left, or with retry those that could not be checked). None when nothing may be sent:
        the check is off, the username is not one of theirs, or the choice was not saved."""
        availability = self.availability()
        if not availability.allowed or username not in self.usernames():
            return None
        chosen, adult = self._chosen(categories, include_adult, availability)
        if not self.session.write(self.store.start_account_check, username, chosen, adult):
            return None
        state = self.state(username, chosen, adult)
        return list(state.retry if retry else state.left)

    def keep_results(self, username: str, results: Sequence[SiteResult]) -> KeptResults:
        """What sites answered, saved together (one save for a batch of answers), on any thread
        (a check's saving thread calls it) and telling nobody: pass kept.error to
        session.settle() on the GUI thread. When the batch found accounts, the accounts found as
        saved come with it, read there too."""
        if not results:
            return KeptResults(tuple(results))
        outcomes = [SiteOutcome(username, r.site, r.category, r.outcome, r.reason, r.status, r.profile_url,
                                r.site_url) for r in results]
        error = self.session.attempt(self.store.record_account_results, outcomes)
        found = error is None and any(r.outcome == FOUND for r in results)
        return KeptResults(tuple(results), error, self.hits() if found else None)

    def finish(self, username: str, state: CheckState | None = None) -> bool:
        """A run ended without Cancel: the check is finished once no chosen site is left
        (`state`: where it stands now, when the caller has it already)."""
        if (state or self.state(username)).left:
            return True
        return self.session.write(self.store.finish_account_check, username)

    def could_not_check(self, username: str | None = None) -> list[SiteOutcome]:
        return [r for r in self.store.account_results(username) if r.outcome == COULD_NOT_CHECK]

    # --- the accounts found, and the person's answers ----------------------------------------

    def hits(self) -> list[AccountHit]:
        return self.store.account_hits()

    def hit(self, username: str, site: str) -> AccountHit | None:
        return next((h for h in self.hits() if h.username == username and h.site == site), None)

    def counts(self) -> AccountCounts:
        return count_accounts(self.hits())

    def decide(self, username: str, site: str, decision: str) -> bool:
        """Mine / Not mine / Not sure ("" takes it back). An account of theirs on a platform with
        a checklist ticks that platform for the next step, unless they already chose about it."""
        if decision and decision not in ACCOUNT_DECISIONS:
            raise ValueError(f"unknown decision {decision!r}")
        if not self.session.write(self.store.update_account_hit, username, site, decision=decision):
            return False
        hit = self.hit(username, site)
        if decision == MINE and hit is not None:
            pack = self.checklist_for(hit)
            if pack is not None:
                self.session.write(self.store.suggest_platform, pack.id)
        return True

    def set_plan(self, username: str, site: str, plan: str) -> bool:
        """Keep it / Close it ("" takes it back)."""
        if plan and plan not in ACCOUNT_PLANS:
            raise ValueError(f"unknown plan {plan!r}")
        return self.session.write(self.store.update_account_hit, username, site, plan=plan)

    def mark_closed(self, username: str, site: str, on: date | None = None) -> bool:
        return self.session.write(self.store.update_account_hit, username, site, closed_on=on or date.today())

    def reopen(self, username: str, site: str) -> bool:
        """"Not closed after all": the account is to close again."""
        return self.session.write(self.store.update_account_hit, username, site, closed_on=None)

    def set_note(self, username: str, site: str, note: str) -> bool:
        return self.session.write(self.store.update_account_hit, username, site, note=note)

    # --- where to act ------------------------------------------------------------------------

    def deletion_for(self, hit: AccountHit) -> DeletionInfo | None:
        """How to close the account, from the directory (loaded now if it is not yet)."""
        directory = self.load_directory()
        return deletion_for(directory, hit.category, hit.address) if directory is not None else None

    def deletion_for_url(self, url: str, *, load: bool = True) -> DeletionInfo | None:
        """For a page found by any search: the service whose account it may be, if the directory
        knows its domain. With load=False, None until the directory has been loaded."""
        directory = self.load_directory() if load else self._directory
        return directory.lookup(url) if directory is not None and url else None

    def checklist_for(self, hit: AccountHit):
        """The platform checklist for this account's service, if SocialSafe has one."""
        pack = self.session.catalogue.platform_for_url(hit.address) if hit.address else None
        return pack if pack is not None and pack.kind == "platform" else None

    def places(self, hit: AccountHit) -> list[Place]:
        """Where to act on an account to close: its deletion page, then the account itself."""
        places = []
        info = self.deletion_for(hit)
        if info is not None and info.url:
            places.append(Place(info.url, _(DELETION_PAGE)))
        if hit.address:
            places.append(Place(hit.address, _(ACCOUNT_PAGE)))
        return places

    def difficulty(self, hit: AccountHit) -> str:
        info = self.deletion_for(hit)
        return info.difficulty if info is not None else ""

    def find_account_pages(self) -> tuple[FindAccountPage, ...]:
        return FIND_ACCOUNT_PAGES

