"""A rotating log file in the user's log directory, with the person's details taken out.

Logs help when something breaks; they must never become a second copy of the audit. Emails
and @handles are masked by pattern; names and other profile strings by the exact values the
app registers when the profile is loaded or changed.
"""

from __future__ import annotations

import logging
import logging.handlers
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
        self._pattern: re.Pattern | None = None

    def set_private_strings(self, values: Iterable[str]) -> None:
        words = sorted({v for v in values if v and len(v) >= 2}, key=len, reverse=True)
        pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE) if words else None
        with self._lock:
            self._pattern = pattern

    def redact(self, text: str) -> str:
        text = _EMAIL.sub(REDACTED, text)
        text = _HANDLE.sub(REDACTED, text)
        with self._lock:
            pattern = self._pattern
        return pattern.sub(REDACTED, text) if pattern else text

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
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=512_000, backupCount=3, encoding="utf-8")
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
