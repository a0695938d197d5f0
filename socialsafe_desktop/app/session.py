"""The open audit: one AuditSession per window (or command). Every change the person makes goes
through it and is saved at once; a save that fails is reported to the listeners (the window
shows one message per episode and reloads the page) instead of being raised into the page."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date
from typing import Any

from ..core.audit import audit_packs, chosen_platform_packs, default_next_check, items_in_scope
from ..core.checklists import Catalogue, ChecklistPack
from ..core.policy import EffectiveSettings
from ..core.profile import Profile
from ..store import AuditStore, StoreWriteError
from .backend import DemoBackend, RealBackend

log = logging.getLogger("socialsafe.app")

ESSENTIALS_ONLY_SETTING = "checklists.essentials_only"


class AuditSession:
    def __init__(self, store: AuditStore, backend: RealBackend | DemoBackend, *,
                 catalogue_loader: Callable[[], Catalogue] = lambda: Catalogue({}, []),
                 settings: EffectiveSettings | None = None) -> None:
        self.store = store
        self.backend = backend
        self._catalogue_loader = catalogue_loader
        self._catalogue: Catalogue | None = None
        self._save_failed: list[Callable[[str], None]] = []
        self._save_recovered: list[Callable[[], None]] = []
        self.failing = False  # a save failed and none has worked since: one message per episode
        self.apply_settings(settings or EffectiveSettings())
        # The use cases, each in its own module; imported here so the session is one object to pass.
        from .actions import ActionPlanner
        from .findings import Findings
        from .search_plan import SearchPlan

        self.plan = SearchPlan(self)
        self.findings = Findings(self)
        self.actions = ActionPlanner(self)
        self._accounts = None
        self._accounts_lock = threading.Lock()

    @property
    def accounts(self):
        """Forgotten accounts (app/accounts.py): made when first asked for (perhaps on a worker
        thread that loads its data), so its data files stay out of start-up."""
        with self._accounts_lock:
            if self._accounts is None:
                from .accounts import ForgottenAccounts

                self._accounts = ForgottenAccounts(self)
            return self._accounts

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
        try:
            change(*args, **kwargs)
        except StoreWriteError as exc:
            log.warning("a change was not saved: %s", exc)
            if not self.failing:
                self.failing = True
                for listener in list(self._save_failed):
                    listener(str(exc))
            return False
        if self.failing:
            self.failing = False
            for listener in list(self._save_recovered):
                listener()
        return True

    # --- settings, checklists ------------------------------------------------------------

    def apply_settings(self, settings: EffectiveSettings) -> None:
        """What the policy and the person's settings decide: addresses, modes, branding."""
        from ..configuration import report_branding, search_settings

        self.settings = settings
        self.search_settings = search_settings(settings)
        self.branding = report_branding(settings)
        self.recheck_months = settings.recheck_months()
        if self.demo:  # canned pages only: nothing to restrict, and only the pages' provider
            self.allowed_search_modes: tuple[str, ...] = ("browser", "app")
            self.allowed_providers: tuple[str, ...] = ("duckduckgo",)
        else:
            self.allowed_search_modes = tuple("app" if m == "in_app" else m for m in settings.allowed_search_modes())
            self.allowed_providers = tuple(settings.allowed_providers())

    @property
    def catalogue(self) -> Catalogue:
        """Loaded when a step first needs it, not before the first window is painted."""
        if self._catalogue is None:
            self._catalogue = self._catalogue_loader()
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
        return chosen_platform_packs(self.catalogue, self.store.chosen_platforms())

    def audit_packs(self) -> list[ChecklistPack]:
        """The packs this audit covers: the chosen platforms, then habits."""
        return audit_packs(self.catalogue, self.store.chosen_platforms())

    def items_in_scope(self, packs: list[ChecklistPack] | None = None) -> list:
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
        return self.store.next_check() or default_next_check(today or date.today(), self.recheck_months)

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
        self.store = prepare_demo_store(self.store.path.parent, self.backend.persona, reset=True)
        self.backend.shown_urls.clear()
        self.failing = False

    def close(self) -> None:
        self.store.close()
