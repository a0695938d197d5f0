"""One SocialSafe at a time per data folder.

Two windows on one audit would each save their own picture of it over the other's, so the
window (and every command that needs the audit) first takes an operating-system lock on a
small file in the data folder. The OS drops the lock when the process ends, however it ends:
a crash, a kill or a power cut never leaves the folder stuck. The file itself is left in place
(deleting a lock file races with the next process opening it); "forget" removes it.

flock on Linux and macOS, msvcrt.locking on Windows. Both lock one open file, so a second
open of the same folder is refused even inside one process.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..core.i18n import _
from .database import StoreError

LOCK_NAME = "socialsafe.lock"


class DataFolderInUse(StoreError):
    """Another SocialSafe (a window or a command) is using this data folder."""

    def __init__(self, folder: Path, what: str | None = None) -> None:
        # TRANSLATORS: completes "SocialSafe is open on ... in <folder>".
        what = what or _("the audit")
        self.folder = folder
        self.what = what
        super().__init__(_("Another SocialSafe window is already open on {what} in {folder}: switch to that window, "
                           "or close it and try again.").format(what=what, folder=folder))


def _try_lock(fd: int) -> bool:
    if sys.platform.startswith("win"):
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # one byte is enough: everyone locks byte 0
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform.startswith("win"):
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


class FolderLock:
    """Held from acquire() until release() (or the end of the process)."""

    def __init__(self, folder: Path, fd: int) -> None:
        self.folder = folder
        self.path = folder / LOCK_NAME
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, folder: Path, what: str = "the audit") -> FolderLock:
        """Lock `folder` (created, private to this user, if missing) or raise DataFolderInUse,
        whose sentence names `what` the folder holds. Any other failure (a read-only folder)
        is an OSError for the caller to explain."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        # O_NOFOLLOW: a link planted under the lock's name must not make us create or lock
        # some other file.
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(folder / LOCK_NAME, flags, 0o600)
        try:
            locked = _try_lock(fd)
        except BaseException:
            os.close(fd)
            raise
        if not locked:
            os.close(fd)
            raise DataFolderInUse(folder, what)
        return cls(folder, fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            _unlock(fd)
        except OSError:
            pass  # closing the file drops the lock anyway
        finally:
            os.close(fd)

    def __enter__(self) -> FolderLock:
        return self

    def __exit__(self, *exc) -> None:
        self.release()
