"""Putting a report together from what is saved: the window and the command line export exactly
the same thing."""

from __future__ import annotations

from datetime import datetime

from ..core.audit import NOT_ME
from ..report import ReportInput


def build_report_input(session, *, generated_at: datetime | None = None) -> ReportInput:
    profile = session.profile()
    packs = session.audit_packs()
    plan = session.actions.plan()
    findings = session.findings.all()
    store = session.store
    hits = store.account_hits()
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
        states=session.item_states(),
        findings=findings,
        searches=session.plan.searches(),
        actions=plan.actions,
        estimate=plan.estimate,
        recheck_estimate=session.actions.fresh_estimate(),
        next_check=session.next_check(),
        generated_at=generated_at or datetime.now(),
        branding=session.branding,
        demo=session.demo,
        account_checks=store.account_checks(),
        account_results=store.account_results(),
        accounts=hits,
        account_deletion=account_deletion,
        account_checklists=account_checklists,
        finding_deletion=finding_deletion,
    )


def export_report(session, out, *, redact: bool = False):
    """Save the report and its calendar reminder; raises ReportError with one sentence."""
    from ..report.render import write_report

    return write_report(build_report_input(session), out, redact=redact)
