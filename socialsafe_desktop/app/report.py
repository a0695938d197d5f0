"""Putting a report together from what is saved: the window and the command line export exactly
the same thing."""

from __future__ import annotations

from datetime import datetime

from ..core.audit import audit_packs, default_next_check
from ..report import ReportInput


def build_report_input(session, *, generated_at: datetime | None = None, audit_id: int | None = None) -> ReportInput:
    """The report of the current audit, or (audit_id) of an earlier one from the history."""
    store = session.store
    audit = audit_id or store.audit_id
    earlier = audit != store.audit_id
    profile = session.profile()
    packs = audit_packs(session.catalogue, store.chosen_platforms(audit))
    plan = session.actions.plan(audit)
    changes = session.recheck.changes(audit) if store.previous_audit_id(audit) is not None else None
    record = store.audit(audit)
    next_check = store.next_check(audit) or default_next_check(session.today(), session.recheck_months)
    return ReportInput(
        person_name=profile.display_name,
        private_strings=profile.private_strings(),
        packs=packs,
        items=session.items_in_scope(packs),
        states=store.item_states(audit),
        findings=store.findings(audit),
        searches=store.planned_searches(audit),
        actions=plan.actions,
        estimate=plan.estimate,
        recheck_estimate=session.actions.fresh_estimate(audit),
        next_check=next_check,
        generated_at=generated_at or session.clock(),
        branding=session.branding,
        demo=session.demo,
        changes=changes,
        evidence_count=len(store.evidence(audit if earlier else None)),
        checked_on=record.started_at.date() if earlier and record and record.started_at else None,
    )


def export_report(session, out, *, redact: bool = False, audit_id: int | None = None):
    """Save the report and its calendar reminder; raises ReportError with one sentence."""
    from ..report.render import write_report

    return write_report(build_report_input(session, audit_id=audit_id), out, redact=redact)
