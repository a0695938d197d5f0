"""The log file itself: rotating, and quiet when it cannot be written."""

from __future__ import annotations

import logging
import logging.handlers
import sys

from .core.i18n import _


class QuietFileHandler(logging.handlers.RotatingFileHandler):
    """A log file that fails quietly: when it cannot be written (a full disk, a folder gone),
    one line on standard error says so, then nothing until a record is written again.
    Logging's default is a traceback per record, which buries a full disk's real messages."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.failing = False
        self._failed_this_record = False

    def emit(self, record: logging.LogRecord) -> None:
        self._failed_this_record = False
        super().emit(record)  # calls handleError instead of raising
        if self.failing and not self._failed_this_record:
            self.failing = False  # it works again: the next failure is a new episode

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        self._failed_this_record = True
        if self.failing:
            return
        self.failing = True
        reason = sys.exc_info()[1]
        detail = (getattr(reason, "strerror", None) or str(reason) or type(reason).__name__) if reason else \
            _("unknown error")
        try:
            sys.stderr.write(_("SocialSafe could not write to its log file {file} ({reason}); logging is paused until "
                               "it can write again.").format(file=self.baseFilename, reason=detail) + "\n")
        except Exception:
            pass  # no standard error either (a window started from a menu): stay silent
