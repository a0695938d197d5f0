"""Where SocialSafe keeps things on this computer.

Order of precedence for the data directory: --data-dir, then SOCIALSAFE_DATA_DIR, then the
platform's user data directory. When the data directory is chosen explicitly, logs live inside
it too, so that one folder holds every trace (trainers and tests rely on this).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

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

    def ensure(self) -> None:
        """Create the directories readable by this user only."""
        for directory in (self.data_dir, self.log_dir):
            directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            try:
                directory.chmod(0o700)
            except OSError:
                pass  # a network home or a FAT stick may refuse; the data is still usable

    def own_files(self) -> list[Path]:
        """Every file SocialSafe wrote here, and nothing else: the data folder may be shared
        (a USB stick, a home folder), so "forget" must never sweep up a person's other files."""
        found: list[Path] = []
        for folder, prefix in ((self.data_dir, DB_NAME), (self.demo_dir, "socialsafe-demo.db"),
                               (self.log_dir, "socialsafe.log")):
            if folder.is_dir() and not folder.is_symlink():
                found += sorted(p for p in folder.iterdir()
                                if p.name.startswith(prefix) and (p.is_file() or p.is_symlink()))
        return found


def resolve_paths(data_dir: str | os.PathLike | None = None) -> AppPaths:
    chosen = data_dir or os.environ.get("SOCIALSAFE_DATA_DIR")
    if chosen:
        base = Path(chosen).expanduser().absolute()
        return AppPaths(data_dir=base, log_dir=base / "logs")
    return AppPaths(
        data_dir=Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)),
        log_dir=Path(platformdirs.user_log_dir(APP_DIR_NAME, appauthor=False)),
    )
