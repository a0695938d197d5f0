"""Saving a file the person asked for (the report, its calendar file, a removal letter): the one
rule for where SocialSafe may write and how.

- Only to an ordinary file or a new name: replacing a pipe, a device or a socket with a file
  would break whatever uses it (and text "saved" into a pipe may be read by anyone).
- Atomically: each file is written to a hidden temporary file beside it, flushed to disk and
  only then moved into place, so a full disk or a crash never leaves half a file and never
  spoils one saved earlier. When several files are saved together, none is replaced until
  every one has been written in full.
- Privately: the temporary file is made readable by the person only (0600), like the audit
  data the text comes from, and keeps that when it is moved into place.

Every failure is a SaveError whose text is one sentence naming what was being saved.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .i18n import _


class SaveError(Exception):
    """One sentence for the person: what could not be saved and why."""


def check_target(path: Path, what: str) -> None:
    """Refuse a folder or anything but an ordinary file at `path`, and a folder that is not there.
    `what` names the thing being saved in the message ("the report", "the letter"), translated."""
    path = Path(path)
    if path.is_dir():
        # TRANSLATORS: {what} is what was being saved, e.g. "the report", "the letter".
        raise SaveError(_("Could not save {what} because {path} is a folder.").format(what=what, path=path))
    try:
        kind = os.stat(path).st_mode
    except OSError:
        kind = None  # not there yet (or not visible): a new file
    if kind is not None and not stat.S_ISREG(kind):
        raise SaveError(_("Could not save {what} because {path} is not an ordinary file (it is a pipe, a device or "
                          "a socket): choose another file name.").format(what=what, path=path))
    folder = path.parent
    if not folder.is_dir():
        if folder.exists():
            raise SaveError(_("Could not save {what} because {folder} is not a folder.").format(what=what,
                                                                                                folder=folder))
        raise SaveError(_("Could not save {what} because the folder {folder} does not exist.").format(
            what=what, folder=folder))


def save_files(files: Sequence[tuple[Path, bytes]], what: str) -> None:
    """Write every (path, content) pair (check_target first for each): none is moved into place
    until all are written."""
    files = [(Path(path), content) for path, content in files]
    for path, _content in files:
        check_target(path, what)
    temps: list[tuple[str, Path]] = []
    folders = []
    try:
        for path, content in files:
            temps.append((_write_temp(path.parent, path.name, content), path))
        for tmp, path in temps:
            os.replace(tmp, path)
            if path.parent not in folders:
                folders.append(path.parent)
        temps.clear()
        for folder in folders:
            _sync_folder(folder)
    except OSError as exc:
        raise _error_for(exc, files[0][0].parent, what) from exc
    finally:
        for tmp, _path in temps:
            _remove(tmp)


def save_text(path: Path, text: str, what: str) -> Path:
    """Save one text file as UTF-8; returns the path written."""
    save_files([(Path(path), text.encode("utf-8"))], what)
    return Path(path)


def _error_for(exc: OSError, folder: Path, what: str) -> SaveError:
    code = exc.errno
    if code == errno.ENOENT:
        return SaveError(_("Could not save {what} because the folder {folder} does not exist.").format(
            what=what, folder=folder))
    if code in (errno.EACCES, errno.EPERM):
        return SaveError(_("Could not save {what} because you do not have permission to write in {folder}.").format(
            what=what, folder=folder))
    if code in (errno.ENOSPC, errno.EDQUOT):
        return SaveError(_("Could not save {what} because the disk is full.").format(what=what))
    if code == errno.EROFS:
        return SaveError(_("Could not save {what} because {folder} is read-only.").format(what=what, folder=folder))
    if code == errno.ENAMETOOLONG:
        return SaveError(_("Could not save {what} because the file name is too long.").format(what=what))
    reason = (exc.strerror or exc.__class__.__name__).rstrip(".").lower()
    # TRANSLATORS: {reason} is the system's own words for the problem (often in English).
    return SaveError(_("Could not save {what} because of a problem with the disk ({reason}).").format(
        what=what, reason=reason))


def _write_temp(folder: Path, final_name: str, content: bytes) -> str:
    """Write to a hidden temporary file beside the target and flush it to disk (mkstemp makes
    it 0600)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{final_name}.", suffix=".tmp", dir=folder)
    try:
        view = memoryview(content)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        _remove(tmp)
        raise
    os.close(fd)
    return tmp


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _sync_folder(folder: Path) -> None:
    # Makes the rename itself survive a power cut; not possible on Windows, hence best effort.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
