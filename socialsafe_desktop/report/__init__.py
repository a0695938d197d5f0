"""The personal action report: one self-contained HTML file and a calendar reminder.

Depends on socialsafe_desktop.core only, so the CLI can export without Qt.
"""

from .ics import render_ics
from .model import ReportBranding, ReportError, ReportInput
from .render import export_report, render_report, write_report

__all__ = [
    "ReportBranding",
    "ReportError",
    "ReportInput",
    "export_report",
    "render_ics",
    "render_report",
    "write_report",
]
