"""Where SocialSafe keeps things on this computer.

Order of precedence for the data directory: --data-dir, then SOCIALSAFE_DATA_DIR, then the
platform's user data directory. When the data directory is chosen explicitly, logs live inside
it too, so that one folder holds every trace (trainers and tests rely on this).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .core import filemodes

APP_DIR_NAME = "SocialSafe"
DB_NAME = "socialsafe.db"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    log_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / DB_NAME

    @property
    def demo_dir(self) -> Path:
        return self.data_dir / "demo"

    def ensure(self) -> list[str]:
        """Create the folders, private to this user, and check that nobody else controls them
        or SocialSafe's files in them (core/filemodes). Loose permissions are tightened;
        returns a sentence saying so, for the person. Raises NotPrivateError (one sentence)
        for a folder or file another account controls, OSError when a folder cannot be made."""
        for directory in (self.data_dir, self.log_dir):
            filemodes.check_folder_chain(directory)  # before anything is created in there
            directory.mkdir(parents=True, exist_ok=True, mode=filemodes.FOLDER_MODE)
        results = [filemodes.make_private(d, folder=True) for d in (self.data_dir, self.log_dir, self.demo_dir)
                   if d.is_dir()]
        for file in self.own_files():
            if not file.is_symlink():  # a link is not ours to change; the store judges its target
                results.append(filemodes.make_private(file, folder=False))
        notice = filemodes.privacy_notice(self.data_dir, results)
        return [notice] if notice else []

    def owned(self) -> list[tuple[Path, re.Pattern]]:
        """SocialSafe's own files, as (folder, pattern for their names) pairs: the one list
        "forget" works from. A new kind of file SocialSafe keeps (an evidence/ folder, say) is
        one more entry here, and forget, its folder clean-up and its tests follow."""
        from .app.backup import REPLACED_NAME, RESTORE_TEMP
        from .core.evidence import EVIDENCE_DIR, OWNED_NAMES
        from .logging_setup import LOG_NAME
        from .store.database import owned_file_names
        from .store.demo import DEMO_DB_NAME
        from .store.lock import LOCK_NAME

        lock = re.escape(LOCK_NAME)
        # What a restore set aside (a backup file of what it replaced) and a restore cut short.
        restored = f"{REPLACED_NAME.pattern}|{RESTORE_TEMP.pattern}"
        return [
            (self.data_dir, re.compile(f"{owned_file_names(DB_NAME).pattern}|{lock}|{restored}")),
            (self.data_dir / EVIDENCE_DIR, OWNED_NAMES),  # the evidence log's copies of the person's files
            (self.demo_dir, re.compile(f"{owned_file_names(DEMO_DB_NAME).pattern}|{lock}")),
            (self.demo_dir / EVIDENCE_DIR, OWNED_NAMES),
            (self.log_dir, re.compile(re.escape(LOG_NAME) + r"(?:\.\d{1,3})?")),  # with its rotations
        ]

    def own_files(self) -> list[Path]:
        """Every file SocialSafe wrote here, and nothing else: the data folder may be shared
        (a USB stick, a home folder), so "forget" must never sweep up a person's other files.
        Folders are followed to where they really are (a data folder reached through a link
        still holds the audit); a file that is itself a link is listed as the link, never
        followed."""
        found: list[Path] = []
        for folder, names in self.owned():
            real = Path(os.path.realpath(folder))
            try:
                entries = list(os.scandir(real))
            except OSError:  # missing, or not a folder
                continue
            found += sorted(Path(e.path) for e in entries if names.fullmatch(e.name)
                            and (e.is_symlink() or e.is_file(follow_symlinks=False)))
        return list(dict.fromkeys(found))  # a demo folder linked to the data folder: once each

    def own_folders(self) -> list[Path]:
        """The folders SocialSafe made, innermost first: removed by "forget" when empty.
        The log folder's parent counts when it is SocialSafe's own (Linux keeps logs in
        ~/.local/state/SocialSafe/log)."""
        folders = [folder for folder, _ in self.owned()]
        if self.log_dir.parent.name == APP_DIR_NAME:
            folders.append(self.log_dir.parent)
        folders.append(self.data_dir)
        folders.sort(key=lambda f: len(f.parts), reverse=True)
        return list(dict.fromkeys(folders))

    def remove_empty_folders(self) -> None:
        # rmdir on the path as given: a folder that is itself a link is left, link and all, so
        # whatever pointed SocialSafe there keeps working.
        for folder in self.own_folders():
            try:
                folder.rmdir()
            except OSError:
                pass  # not empty (the person's own files), a link, or already gone

def resolve_paths(data_dir: str | os.PathLike | None = None) -> AppPaths:
    chosen = data_dir or os.environ.get("SOCIALSAFE_DATA_DIR")
    if chosen:
        base = Path(chosen).expanduser().absolute()
        return AppPaths(data_dir=base, log_dir=base / "logs")
    return AppPaths(
        data_dir=Path(_platformdirs().user_data_dir(APP_DIR_NAME, appauthor=False)),
        log_dir=Path(_platformdirs().user_log_dir(APP_DIR_NAME, appauthor=False)),
    )


def _platformdirs():
    import platformdirs  # only when no folder was given (trainers, tests and IT often give one)

    return platformdirs
