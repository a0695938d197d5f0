"""A rotating log file in the user's log directory, with the person's details taken out.

Logs help when something breaks; they must never become a second copy of the audit. Emails
and @handles are masked by pattern; names and other profile strings by the exact values the
app registers when the profile is loaded or changed.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from pathlib import Path

LOG_NAME = "socialsafe.log"
REDACTED = "[redacted]"
_EMAIL = re.compile(r"[^\s@<>\"']+@[^\s@<>\"']+\.[A-Za-z]{2,}")
_HANDLE = re.compile(r"(?<![\w.])@[A-Za-z0-9_.]{2,}")


class RedactingFilter(logging.Filter):
    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._values: list[str] = []
        self._redactor = None  # a report.redact.Redactor, built from _values when first needed

    def set_private_strings(self, values: Iterable[str]) -> None:
        # Kept as given; the Redactor is built when a line is first logged, so typing in About
        # you (and starting up) does not compile patterns nobody has needed yet.
        with self._lock:
            self._values = list(values)
            self._redactor = None

    def redact(self, text: str) -> str:
        text = _EMAIL.sub(REDACTED, text)
        text = _HANDLE.sub(REDACTED, text)
        with self._lock:
            redactor = self._redactor
            if redactor is None and self._values:
                # The report's Redactor: one rule for what counts as the person's name, here and there.
                from .report.redact import Redactor

                redactor = self._redactor = Redactor(self._values, hidden=REDACTED)
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


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = log_dir / LOG_NAME
    root = logging.getLogger("socialsafe")
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    from .log_file import QuietFileHandler  # logging.handlers is a large import the first screen can wait for

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
