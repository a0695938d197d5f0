"""Opening the SQLite file: schema versions, ordered migrations, and the cases where the file
cannot be used as it is (corrupt, or written by a newer SocialSafe).

A corrupt file is moved aside, never deleted. A newer file is left exactly as it is.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..core import filemodes
from ..core.i18n import N_, _
from .migrations import MIGRATIONS, SCHEMA_VERSION

SIDE_FILES = ("-wal", "-shm", "-journal")
_STAMP = r"\d{8}-\d{6}-\d{6}"  # _stamp()'s format


def owned_file_names(db_name: str) -> re.Pattern:
    """Every name this module writes for a database called `db_name`: the file, SQLite's side
    files, and the copies it sets aside (".unreadable-<stamp>", ".before-v<N>-from-v<M>-<stamp>")
    with their side files. "forget" and the demo's reset delete exactly these, so a file of
    the person's that merely starts with the same letters is never touched."""
    side = "(?:" + "|".join(re.escape(s) for s in SIDE_FILES) + ")?"
    copies = rf"(?:\.unreadable-{_STAMP}|\.before-v\d+-from-v\d+-{_STAMP})?"
    return re.compile(re.escape(db_name) + copies + side)


class StoreError(Exception):
    """A problem with the local store, with a message for the person."""


class StoreTooNewError(StoreError):
    pass


class StoreWriteError(StoreError):
    """A change could not be saved (disk full, read-only folder, I/O error)."""


class StoreDamagedError(StoreError):
    """Opened read-only, the file turned out unreadable; it was left exactly as it is."""


# How long a write waits for another program that holds the file (a backup tool, a database
# browser) before it says so: short, because the window waits with it. SocialSafe's own
# windows never meet here: the data folder lock keeps them apart.
BUSY_TIMEOUT = 0.5

# TRANSLATORS: why the data file cannot be used, inside a sentence.
IN_USE = N_("another program is using the file")


@dataclass
class OpenResult:
    connection: sqlite3.Connection
    notices: list[str] = field(default_factory=list)
    moved_aside: Path | None = None
    backup: Path | None = None


def peek_settings(path: Path, keys: tuple[str, ...]) -> dict[str, str]:
    """Some of the person's settings, read without changing anything: no file is created, moved,
    locked or upgraded, and a missing, damaged or busy file just gives {} (used before the store
    is opened, e.g. for the language at start-up, and to carry settings over a demo reset)."""
    path = Path(path)
    if not keys or not path.is_file() or path.is_symlink():
        return {}
    # Read-only SQLite still makes the -wal and -shm files of a WAL database when they are not
    # there; "immutable" makes none, and is right exactly then: no -wal, nothing newer to miss.
    live = all(path.with_name(path.name + side).exists() for side in ("-wal", "-shm"))
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro{'' if live else '&immutable=1'}", uri=True,
                               timeout=1.0)
    except (sqlite3.Error, ValueError, OSError):
        return {}
    try:
        marks = ", ".join("?" for _key in keys)
        rows = conn.execute(f"SELECT key, value FROM settings WHERE key IN ({marks})", keys).fetchall()
        return {str(key): str(value) for key, value in rows if isinstance(value, str)}
    except sqlite3.Error:
        return {}
    finally:
        conn.close()


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN/COMMIT ourselves, one transaction per user action.
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    # FULL: a commit is on disk before we tell the person it is saved (power cuts included).
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'").fetchone()
    if not has_table:
        tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
        if tables:
            raise sqlite3.DatabaseError("tables without a schema version: not a SocialSafe database")
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def _move_aside(path: Path, reason: str) -> Path:
    target = path.with_name(f"{path.name}.{reason}-{_stamp()}")
    os.replace(path, target)
    for suffix in SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    return target


def _backup(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    target = path.with_name(f"{path.name}.before-v{SCHEMA_VERSION}-from-v{version}-{_stamp()}")
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    os.chmod(target, 0o600)
    return target


def migrate(conn: sqlite3.Connection, from_version: int, to_version: int = SCHEMA_VERSION) -> None:
    for version in range(from_version + 1, to_version + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                         (version, datetime.now().isoformat(timespec="seconds")))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _check_integrity(conn: sqlite3.Connection) -> None:
    result = conn.execute("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise sqlite3.DatabaseError(f"integrity check failed: {result}")


def _is_busy(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _private_files(path: Path, *, fix: bool) -> list[str]:
    """The database and its side files must be this account's; loose modes are tightened
    (when `fix`) and reported. Raises StoreError for a file another account owns."""
    results = []
    for file in [path] + [path.with_name(path.name + s) for s in SIDE_FILES]:
        if not file.exists():
            continue
        try:
            results.append(filemodes.make_private(file, folder=False, fix=fix))
        except filemodes.NotPrivateError as exc:
            raise StoreError(str(exc)) from None
        except OSError:
            pass  # vanished meanwhile; SQLite will say if it matters
    return results


def open_database(path: Path) -> OpenResult:
    """Open (creating or migrating as needed) the store at `path`."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    notices: list[str] = []
    moved: Path | None = None
    modes = _private_files(path, fix=True)
    old_umask = os.umask(0o077)
    try:
        try:
            conn = connect(path)
            _check_integrity(conn)
            version = schema_version(conn)
        except sqlite3.OperationalError as exc:
            # Cannot open or write (permissions, a read-only disk, another program holding
            # it): the file may be fine, so it must not be moved aside as if it were damaged.
            reason = _(IN_USE) if _is_busy(exc) else str(exc)
            raise StoreError(_("SocialSafe cannot open its data file at {path} ({reason}). Check that this folder "
                                "exists and can be written to, or ask your IT team.").format(
                                    path=path, reason=reason)) from exc
        except sqlite3.DatabaseError as exc:
            try:
                conn.close()  # type: ignore[possibly-undefined]
            except Exception:
                pass
            if not path.exists():
                raise StoreError(_("SocialSafe cannot create its data file at {path}: {reason}.").format(
                    path=path, reason=exc)) from exc
            moved = _move_aside(path, "unreadable")
            notices.append(
                _("Your saved audit could not be read, so SocialSafe has started a fresh one. Nothing was deleted: "
                   "the old file was moved to {moved}.").format(moved=moved))
            conn = connect(path)
            version = 0
        if version > SCHEMA_VERSION:
            conn.close()
            raise StoreTooNewError(
                _("Your saved audit at {path} was written by a newer version of SocialSafe (data version "
                   "{version}; this version reads up to {newest}). Please install the newer version. The "
                   "file has not been changed.").format(path=path, version=version, newest=SCHEMA_VERSION))
        backup = None
        if 0 < version < SCHEMA_VERSION:
            backup = _backup(conn, path, version)
        if version < SCHEMA_VERSION:
            migrate(conn, version)
        modes += _private_files(path, fix=True)  # the side files SQLite has just made
        notice = filemodes.privacy_notice(path.parent, modes)
        if notice:
            notices.append(notice)
        return OpenResult(conn, notices, moved, backup)
    finally:
        os.umask(old_umask)


def open_database_read_only(path: Path) -> OpenResult:
    """For commands that only read (the report, policy show): nothing on disk is created,
    moved, migrated or written, not even SQLite's side files when no one else has the file
    open. An older file is upgraded in memory only. Raises StoreDamagedError for a file that
    cannot be read (leaving it as it is), StoreTooNewError, or StoreError."""
    if not path.is_file():
        raise StoreError(_("There is no saved audit at {path}.").format(path=path))
    _private_files(path, fix=False)
    # With no -wal file nobody is writing and everything is in the main file: "immutable"
    # reads it without making -wal/-shm files. Otherwise read alongside the writer.
    wal = path.with_name(path.name + "-wal")
    mode = "mode=ro" if wal.exists() else "immutable=1"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True, isolation_level=None,
                               timeout=BUSY_TIMEOUT, check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(_("SocialSafe cannot open its data file at {path} ({reason}).").format(
            path=path, reason=exc)) from exc
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA query_only = ON")
        _check_integrity(conn)
        version = schema_version(conn)
    except sqlite3.Error as exc:
        conn.close()
        if isinstance(exc, sqlite3.OperationalError) and _is_busy(exc):
            raise StoreError(_("SocialSafe cannot read its data file at {path} ({reason}).").format(
                path=path, reason=_(IN_USE))) from exc
        raise StoreDamagedError(
            _("Your saved audit at {path} could not be read ({reason}). It has been left exactly as it is: open "
               "SocialSafe to set it aside (it says where) and start a fresh audit.").format(
                   path=path, reason=exc)) from exc
    if version > SCHEMA_VERSION:
        conn.close()
        raise StoreTooNewError(
            _("Your saved audit at {path} was written by a newer version of SocialSafe (data version {version}; "
               "this version reads up to {newest}). Please install the newer version. The file has not been "
               "changed.").format(path=path, version=version, newest=SCHEMA_VERSION))
    if version < SCHEMA_VERSION:  # read an older file through an upgraded copy in memory
        memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        memory.row_factory = sqlite3.Row
        try:
            conn.backup(memory)
        finally:
            conn.close()
        migrate(memory, version)
        memory.execute("PRAGMA query_only = ON")
        conn = memory
    return OpenResult(conn)
