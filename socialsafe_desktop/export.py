"""Putting a report together from what is saved: shared by the window and the command line,
so both export exactly the same thing."""

from __future__ import annotations

from datetime import date, datetime

from .core.audit import audit_packs, default_next_check, items_in_scope
from .core.checklists import Catalogue
from .report import ReportBranding, ReportInput
from .store import AuditStore

ESSENTIALS_ONLY_SETTING = "checklists.essentials_only"


def essentials_only(store: AuditStore) -> bool:
    return store.setting(ESSENTIALS_ONLY_SETTING, "1") == "1"


def build_report_input(store: AuditStore, catalogue: Catalogue, *, branding: ReportBranding | None = None,
                       demo: bool = False, recheck_months: int = 3) -> ReportInput:
    profile = store.profile()
    packs = audit_packs(catalogue, store.chosen_platforms())
    return ReportInput(
        person_name=profile.display_name,
        private_strings=profile.private_strings(),
        packs=packs,
        items=items_in_scope(packs, essentials_only(store)),
        states=store.item_states(),
        findings=store.findings(),
        search_labels={s["search_id"]: s["text"] for s in store.planned_searches()},
        next_check=store.next_check() or default_next_check(date.today(), recheck_months),
        generated_at=datetime.now(),
        branding=branding,
        demo=demo,
    )
