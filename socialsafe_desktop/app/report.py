"""Putting a report together from what is saved: the window and the command line export exactly
the same thing."""

from __future__ import annotations

from datetime import datetime

from ..report import ReportInput


def build_report_input(session, *, generated_at: datetime | None = None) -> ReportInput:
    profile = session.profile()
    packs = session.audit_packs()
    plan = session.actions.plan()
    return ReportInput(
        person_name=profile.display_name,
        private_strings=profile.private_strings(),
        packs=packs,
        items=session.items_in_scope(packs),
        states=session.item_states(),
        findings=session.findings.all(),
        searches=session.plan.searches(),
        actions=plan.actions,
        estimate=plan.estimate,
        recheck_estimate=session.actions.fresh_estimate(),
        next_check=session.next_check(),
        generated_at=generated_at or datetime.now(),
        branding=session.branding,
        demo=session.demo,
    )


def export_report(session, out, *, redact: bool = False):
    """Save the report and its calendar reminder; raises ReportError with one sentence."""
    from ..report.render import write_report

    return write_report(build_report_input(session), out, redact=redact)
