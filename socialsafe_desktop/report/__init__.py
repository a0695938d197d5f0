"""The personal action report: one self-contained HTML file and a calendar reminder.

Depends on socialsafe_desktop.core only, so the CLI can export without Qt.
"""

import importlib

from .model import ReportBranding, ReportError, ReportInput

# The renderer pulls in Jinja2; it is loaded when a report is first made, not at start-up.
_LAZY = {"render_ics": "ics", "render_report": "render", "write_report": "render"}

__all__ = ["ReportBranding", "ReportError", "ReportInput", *sorted(_LAZY)]


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)
