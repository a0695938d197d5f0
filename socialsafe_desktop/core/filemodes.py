"""Whether the audit's folder and files are private to the person using SocialSafe.

The audit holds a person's names, addresses and notes, so it must not sit where another
account on the computer can read it, replace it or swap the folder it is in:
- a folder on the way to it that another account owns, or that anyone may change (world
  writable without the sticky bit that /tmp has), is refused: that account could put a
  folder or file of its own in place of ours;
- the folder or a file in it owned by another account is refused;
- group or other permission bits on our own folder or files are removed, and the caller
  says so (a FAT stick cannot keep permissions at all: that is said too, not refused).

POSIX only: on Windows the profile folders are private through their access lists, and
os.stat cannot tell us who else may read them.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .i18n import _

FOLDER_MODE = 0o700
FILE_MODE = 0o600
CHECKED = os.name == "posix"


class NotPrivateError(Exception):
    """A folder or file another account controls; str() is one sentence for the person."""


def _uid() -> int:
    return os.geteuid()


def check_folder_chain(folder: Path) -> None:
    """Refuse a data folder that another account could swap: every folder above it must be
    ours or the system's, and none may be open to everyone without the sticky bit."""
    if not CHECKED:
        return
    real = Path(os.path.realpath(folder))
    me = _uid()
    for parent in real.parents:
        try:
            info = os.stat(parent)
        except OSError:
            continue  # not there yet or not visible: nothing to judge
        if info.st_uid not in (me, 0):
            raise NotPrivateError(_(
                "SocialSafe will not keep your audit in {folder}: it is inside {parent}, which belongs to another "
                "account on this computer. Choose a folder of your own (--data-dir), or ask your IT team.").format(
                folder=folder, parent=parent))
        if info.st_mode & stat.S_IWOTH and not info.st_mode & stat.S_ISVTX:
            raise NotPrivateError(_(
                "SocialSafe will not keep your audit in {folder}: it is inside {parent}, which anyone on this "
                "computer can change. Choose a folder of your own (--data-dir), or ask your IT team.").format(
                folder=folder, parent=parent))


def make_private(path: Path, *, folder: bool, fix: bool = True) -> str:
    """Check one of SocialSafe's own folders or files. Returns "ok", "fixed" (group or other
    permissions were removed) or "open" (they could not be, or fix=False: a FAT stick, a
    share, a read-only look). Raises NotPrivateError when another account owns it. A link is
    judged by what it points to."""
    if not CHECKED:
        return "ok"
    info = os.stat(path)
    if info.st_uid != _uid():
        if folder:
            raise NotPrivateError(_(
                "SocialSafe will not use the folder {path}: it belongs to another account on this computer. Move it "
                "away or choose another folder (--data-dir), or ask your IT team.").format(path=path))
        raise NotPrivateError(_(
            "SocialSafe will not use the file {path}: it belongs to another account on this computer. Move it "
            "away or choose another folder (--data-dir), or ask your IT team.").format(path=path))
    if not info.st_mode & 0o077:
        return "ok"
    if not fix:
        return "open"
    try:
        os.chmod(path, FOLDER_MODE if folder else FILE_MODE)
        info = os.stat(path)
    except OSError:
        pass
    return "open" if info.st_mode & 0o077 else "fixed"


def privacy_notice(folder: Path, results: list[str]) -> str | None:
    """One sentence for what make_private did to the files of one folder, or None."""
    if "open" in results:
        return _("Other accounts on this computer may be able to read SocialSafe's files in {folder}, and this "
                 "disk does not let SocialSafe change that. Use a folder on your own account if you can.").format(
            folder=folder)
    if "fixed" in results:
        return _("Other accounts on this computer could read SocialSafe's files in {folder}; they are now "
                 "private to you.").format(folder=folder)
    return None
