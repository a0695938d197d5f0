"""The open audit: one AuditSession per window (or command). Every change the person makes goes
through it and is saved at once; a save that fails is reported to the listeners (the window
shows one message per episode and reloads the page) instead of being raised into the page."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ..core.policy import EffectiveSettings
from ..store import AuditStore, StoreWriteError
from .backend import DemoBackend, RealBackend

if TYPE_CHECKING:  # the checklists load when a step first needs them, not at start-up
    from ..core.checklists import Catalogue, ChecklistPack
    from ..core.profile import Profile
    from ..search.settings import SearchSettings

log = logging.getLogger("socialsafe.app")

ESSENTIALS_ONLY_SETTING = "checklists.essentials_only"


class AuditSession:
    def __init__(self, store: AuditStore, backend: RealBackend | DemoBackend, *,
                 catalogue_loader: Callable[[], Catalogue] | None = None,
                 settings: EffectiveSettings | None = None,
                 clock: Callable[[], datetime] | None = None) -> None:
        # "Now", for everything this session records and decides (is the next check due?):
        # injected here, so a test or the demo can move time without patching the system clock.
        self.clock: Callable[[], datetime] = clock or store.clock
        store.clock = self.clock
        self.store = store
        self.backend = backend
        self._catalogue_loader = catalogue_loader or _no_checklists
        self._catalogue: Catalogue | None = None
        self._save_failed: list[Callable[[str], None]] = []
        self._save_recovered: list[Callable[[], None]] = []
        self.failing = False  # a save failed and none has worked since: one message per episode
        self.apply_settings(settings or EffectiveSettings())
        self._use_cases: dict[str, Any] = {}
        self._use_case_lock = threading.RLock()

    # --- the use cases, each in its own module, made when first used (not at start-up) -------

    def _use_case(self, name: str, module: str, cls: str):
        # Locked: the forgotten-accounts step loads its data on a worker thread, which may be the
        # first to ask for its use case.
        with self._use_case_lock:
            if name not in self._use_cases:
                import importlib

                self._use_cases[name] = getattr(importlib.import_module(module, __package__), cls)(self)
            return self._use_cases[name]

    @property
    def plan(self):
        """The plan of searches (app/search_plan.py)."""
        return self._use_case("plan", ".search_plan", "SearchPlan")

    @property
    def findings(self):
        """Pages found or added, and the person's decisions (app/findings.py)."""
        return self._use_case("findings", ".findings", "Findings")

    @property
    def actions(self):
        """Everything left to do, ranked, and the time it takes (app/actions.py)."""
        return self._use_case("actions", ".actions", "ActionPlanner")

    @property
    def recheck(self):
        """Coming back: the re-check and what changed since the audit before (app/recheck.py)."""
        return self._use_case("recheck", ".recheck", "Recheck")

    @property
    def evidence(self):
        """The evidence log: pages kept, the person's files, the export (app/evidence.py)."""
        return self._use_case("evidence", ".evidence", "EvidenceLog")

    def today(self) -> date:
        return self.clock().date()

    @property
    def accounts(self):
        """Forgotten accounts: the check, the accounts found, keep or close (app/accounts.py)."""
        return self._use_case("accounts", ".accounts", "ForgottenAccounts")

    def accounts_record(self, audit_id: int):
        """For the re-check (app/recheck.py looks for this method): what one audit recorded of
        forgotten accounts (the accounts found, but those the person said are not theirs, and
        the sites that answered found or not found), or None when no username was checked in
        it. Read from the store alone: comparing audits never loads the site list."""
        from ..core.forgotten_accounts import COULD_NOT_CHECK, NOT_MINE
        from ..core.recheck import AccountsRecord

        store = self.store
        if not store.account_checks(audit_id):
            return None
        answered = frozenset(r.site for r in store.account_results(audit_id=audit_id) if r.outcome != COULD_NOT_CHECK)
        return AccountsRecord(tuple(h for h in store.account_hits(audit_id) if h.decision != NOT_MINE), answered)

    @property
    def letters(self):
        """Removal request letters, drafted when asked for and never stored (app/letters.py)."""
        return self._use_case("letters", ".letters", "RemovalLetters")

    @property
    def demo(self) -> bool:
        return isinstance(self.backend, DemoBackend)

    # --- saving ---------------------------------------------------------------------------

    def on_save_failed(self, listener: Callable[[str], None]) -> None:
        """listener(message) is called once when saving starts to fail (not for every keystroke
        of the same episode)."""
        self._save_failed.append(listener)

    def on_save_recovered(self, listener: Callable[[], None]) -> None:
        self._save_recovered.append(listener)

    def write(self, change: Callable[..., Any], *args, **kwargs) -> bool:
        """Run one store change. True when it was saved; False (listeners told) when it was not."""
        return self.settle(self.attempt(change, *args, **kwargs))

    @staticmethod
    def attempt(change: Callable[..., Any], *args, **kwargs) -> StoreWriteError | None:
        """Run one store change on any thread, telling nobody: the error, or None when it was
        saved. Hand the outcome to settle() on the thread the listeners live on."""
        try:
            change(*args, **kwargs)
        except StoreWriteError as exc:
            log.warning("a change was not saved: %s", exc)
            return exc
        return None

    def settle(self, error: StoreWriteError | None) -> bool:
        """Tell the listeners how a change made with attempt() went. True when it was saved."""
        if error is not None:
            if not self.failing:
                self.failing = True
                for listener in list(self._save_failed):
                    listener(str(error))
            return False
        if self.failing:
            self.failing = False
            for listener in list(self._save_recovered):
                listener()
        return True

    # --- settings, checklists ------------------------------------------------------------

    def apply_settings(self, settings: EffectiveSettings) -> None:
        """What the policy and the person's settings decide: addresses, modes, branding."""
        self.settings = settings
        self._search_settings: SearchSettings | None = None  # made when a search first needs them
        self._branding: tuple[Any, ...] | None = None  # worked out when a report is first made
        self.recheck_months = settings.recheck_months()
        if self.demo:  # canned pages only: nothing to restrict, and only the pages' provider
            self.allowed_search_modes: tuple[str, ...] = ("browser", "app")
            self.allowed_providers: tuple[str, ...] = ("duckduckgo",)
        else:
            self.allowed_search_modes = tuple("app" if m == "in_app" else m for m in settings.allowed_search_modes())
            self.allowed_providers = tuple(settings.allowed_providers())

    @property
    def search_settings(self) -> SearchSettings:
        """Addresses, proxy and politeness for in-app searches, from the policy and Settings."""
        if self._search_settings is None:
            from ..configuration import search_settings

            self._search_settings = search_settings(self.settings)
        return self._search_settings

    @search_settings.setter
    def search_settings(self, value: SearchSettings) -> None:
        self._search_settings = value

    @property
    def branding(self):
        """The organisation's branding for the report, from the policy (None when unmanaged)."""
        if self._branding is None or self._branding[0] is not self.settings:
            from ..configuration import report_branding

            self._branding = (self.settings, report_branding(self.settings))
        return self._branding[1]

    @property
    def catalogue(self) -> Catalogue:
        """Loaded when a step first needs it, not before the first window is painted; in the
        language SocialSafe speaks, item by item (core.checklists: an item with no translation
        stays English, translated=False; show core.checklists.translation_note beside it)."""
        if self._catalogue is None:
            from ..core.i18n import ENGLISH, current_language

            catalogue = self._catalogue_loader()
            language = current_language()
            self._catalogue = catalogue if language == ENGLISH else catalogue.localised(language)
        return self._catalogue

    def setting(self, key: str, default: str | None = None) -> str | None:
        return self.store.setting(key, default)

    def set_setting(self, key: str, value: str | None) -> bool:
        return self.write(self.store.set_setting, key, value)

    def essentials_only(self) -> bool:
        return self.setting(ESSENTIALS_ONLY_SETTING, "1") == "1"

    def set_essentials_only(self, on: bool) -> bool:
        return self.set_setting(ESSENTIALS_ONLY_SETTING, "1" if on else "0")

    def chosen_platform_packs(self) -> list[ChecklistPack]:
        from ..core.audit import chosen_platform_packs

        return chosen_platform_packs(self.catalogue, self.store.chosen_platforms())

    def audit_packs(self) -> list[ChecklistPack]:
        """The packs this audit covers: the chosen platforms, then habits."""
        from ..core.audit import audit_packs

        return audit_packs(self.catalogue, self.store.chosen_platforms())

    def items_in_scope(self, packs: list[ChecklistPack] | None = None) -> list:
        from ..core.audit import items_in_scope

        return items_in_scope(self.audit_packs() if packs is None else packs, self.essentials_only())

    # --- the person and their choices ----------------------------------------------------

    def profile(self) -> Profile:
        return self.store.profile()

    def save_profile(self, profile: Profile) -> bool:
        return self.write(self.store.save_profile, profile)

    def platform_choices(self):
        return self.store.platform_choices()

    def set_platform(self, pack_id: str, chosen: bool) -> bool:
        return self.write(self.store.set_platform, pack_id, chosen)

    def item_states(self):
        return self.store.item_states()

    def set_item_status(self, key: str, status: str) -> bool:
        return self.write(self.store.set_item_status, key, status)

    def set_item_note(self, key: str, note: str) -> bool:
        return self.write(self.store.set_item_note, key, note)

    # --- where the person is, and when to check again -------------------------------------

    def current_step(self) -> str:
        return self.store.current_step()

    def visited_steps(self) -> set[str]:
        return self.store.visited_steps()

    def set_current_step(self, step: str) -> bool:
        return self.write(self.store.set_current_step, step)

    def next_check(self, today: date | None = None) -> date:
        """The date set, or the default interval from today."""
        from ..core.audit import default_next_check

        return self.store.next_check() or default_next_check(today or self.today(), self.recheck_months)

    def next_check_is_set(self) -> bool:
        return self.store.next_check() is not None

    def set_next_check(self, when: date) -> bool:
        return self.write(self.store.set_next_check, when)

    # --- the demo -------------------------------------------------------------------------

    def reset_demo(self) -> None:
        """Put the demo back to its start: a fresh copy of the fictional person's audit."""
        from ..store.demo import prepare_demo_store

        if not isinstance(self.backend, DemoBackend):
            raise RuntimeError("only a demo can be reset")
        self.store.close()
        self.store = prepare_demo_store(self.store.path.parent, self.backend.persona, reset=True,
                                        catalogue=lambda: self.catalogue)
        self.store.clock = self.clock
        self.backend.shown_urls.clear()
        self.failing = False

    def replace_store(self, store: AuditStore) -> None:
        """After a restore: the same window, now on the store that came out of the backup."""
        store.clock = self.clock
        self.store = store
        self.failing = False

    @property
    def data_folder(self):
        """The folder this audit's store is in (the demo's own, in the demo): where its evidence
        files are kept too."""
        return self.store.path.parent

    def close(self) -> None:
        self.store.close()


def _no_checklists():
    from ..core.checklists import Catalogue

    return Catalogue({}, [])
