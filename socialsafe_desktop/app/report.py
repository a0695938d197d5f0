"""Putting a report together from what is saved: the window and the command line export exactly
the same thing."""

from __future__ import annotations

from datetime import datetime

from ..core.audit import NOT_ME, audit_packs, default_next_check
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
    findings = store.findings(audit)
    hits = store.account_hits(audit)
    mine = [h for h in hits if h.is_mine]
    account_deletion, account_checklists, finding_deletion = {}, {}, {}
    if mine or findings:  # the deletion directory is read only when there is something to look up
        accounts = session.accounts
        for hit in mine:
            info = accounts.deletion_for(hit)
            if info is not None:
                account_deletion[hit.key] = info
            pack = accounts.checklist_for(hit)
            if pack is not None:
                account_checklists[hit.key] = pack.id
        for finding in findings:
            if finding.decision != NOT_ME:
                info = accounts.deletion_for_url(finding.url)
                if info is not None and info.url:
                    finding_deletion[finding.normalised_url] = info
    return ReportInput(
        person_name=profile.display_name,
        private_strings=profile.private_strings(),
        packs=packs,
        items=session.items_in_scope(packs),
        states=store.item_states(audit),
        findings=findings,
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
        account_checks=store.account_checks(audit),
        account_results=store.account_results(audit_id=audit),
        accounts=hits,
        account_deletion=account_deletion,
        account_checklists=account_checklists,
        finding_deletion=finding_deletion,
    )


def export_report(session, out, *, redact: bool = False, audit_id: int | None = None):
    """Save the report and its calendar reminder; raises ReportError with one sentence."""
    from ..report.render import write_report

    return write_report(build_report_input(session, audit_id=audit_id), out, redact=redact)
