"""A rotating log file in the user's log directory, with the person's details taken out.

Logs help when something breaks; they must never become a second copy of the audit. Emails
and @handles are masked by pattern; names and other profile strings by the exact values the
app registers when the profile is loaded or changed.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
import threading
from collections.abc import Iterable
from pathlib import Path

from .report.redact import Redactor

LOG_NAME = "socialsafe.log"
REDACTED = "[redacted]"
_EMAIL = re.compile(r"[^\s@<>\"']+@[^\s@<>\"']+\.[A-Za-z]{2,}")
_HANDLE = re.compile(r"(?<![\w.])@[A-Za-z0-9_.]{2,}")


class RedactingFilter(logging.Filter):
    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._redactor: Redactor | None = None

    def set_private_strings(self, values: Iterable[str]) -> None:
        # The report's Redactor: one rule for what counts as the person's name, here and there.
        redactor = Redactor(values, hidden=REDACTED)
        with self._lock:
            self._redactor = redactor

    def redact(self, text: str) -> str:
        text = _EMAIL.sub(REDACTED, text)
        text = _HANDLE.sub(REDACTED, text)
        with self._lock:
            redactor = self._redactor
        return redactor(text) if redactor else text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
            record.exc_text = None
        record.msg = self.redact(message)
        record.args = None
        return True


redactor = RedactingFilter()


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
        detail = (getattr(reason, "strerror", None) or str(reason) or type(reason).__name__) if reason else "unknown error"
        try:
            sys.stderr.write(f"SocialSafe could not write to its log file {self.baseFilename} ({detail}); "
                             "logging is paused until it can write again.\n")
        except Exception:
            pass  # no standard error either (a window started from a menu): stay silent


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = log_dir / LOG_NAME
    root = logging.getLogger("socialsafe")
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    handler = QuietFileHandler(path, maxBytes=512_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(redactor)
    root.addHandler(handler)
    root.setLevel(level)
    root.propagate = False
    try:
        path.chmod(0o600)
    except OSError:
        pass
    return path


def close_logging() -> None:
    root = logging.getLogger("socialsafe")
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
