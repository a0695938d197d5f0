"""Backup and move: the whole audit history (every audit, decision and note, and the evidence
files) in one file, optionally protected with a passphrase; and restoring it, on this computer
or a new one.

The file: a first line naming the format, a second line of JSON saying how the rest is
protected (and how long it is, so a file cut short is told apart from a wrong passphrase),
then the payload: a zip (manifest.json, the SQLite store, the evidence files). With a
passphrase the zip is sealed with the `cryptography` library's Fernet (AES-128-CBC with an
HMAC-SHA256 over everything) under a key derived from the passphrase with scrypt; a small
sealed "check" token in the header says whether the passphrase is right before the payload
is opened. Nothing here is home-made cryptography.

A restore never overwrites silently: read_backup() checks the whole file first (hashes,
database integrity, version), the caller shows what is in it and what it replaces, and
restore_backup() keeps what it replaces aside as a backup file of its own in the data folder
(which `socialsafe restore` can bring back, and "forget" removes).
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import secrets
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .. import __version__
from ..core.dates import long_date, long_date_or_unknown
from ..core.evidence import EVIDENCE_DIR, STORED_NAME
from ..core.i18n import _, ngettext

MAGIC = b"SOCIALSAFE-BACKUP\n"
FORMAT = 1
SUFFIX = ".socialsafe-backup"
MAX_BACKUP_BYTES = 1024 * 1024 * 1024  # read into memory to check and decrypt it
MAX_HEADER = 4096
MIN_PASSPHRASE = 8
DB_MEMBER = "socialsafe.db"
MANIFEST = "manifest.json"
# scrypt's cost: about 32 MB and a fraction of a second; a file may not ask for more than
# the bounds below (a hostile file must not make restoring eat the computer's memory).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 15, 8, 1
MAX_N, MAX_R, MAX_P = 2 ** 20, 16, 4
_CHECK = b"socialsafe-backup-check"
REPLACED_PREFIX = "socialsafe-replaced-"
REPLACED_NAME = re.compile(re.escape(REPLACED_PREFIX) + r"\d{8}-\d{6}-\d{6}" + re.escape(SUFFIX))
RESTORE_TEMP = re.compile(r"\.socialsafe-restore-[0-9a-f]{32}\.tmp")


class BackupError(Exception):
    """A backup could not be written or read; str() is one sentence for the person."""


class WrongPassphrase(BackupError):
    pass


class PassphraseNeeded(BackupError):
    pass


@dataclass(frozen=True)
class AuditLine:
    id: int
    started_at: str
    finished_at: str | None


@dataclass
class BackupContents:
    """What a checked backup holds: shown to the person before anything is replaced."""

    created_at: str
    app_version: str
    schema_version: int
    audits: list[AuditLine]
    evidence_files: int
    person: str
    encrypted: bool
    _payload: bytes = field(repr=False, default=b"")

    def describe(self) -> str:
        return _describe(self.audits, self.evidence_files, self.person)

    def made_on(self) -> str:
        """The day the backup was made, in words ("an unknown day" when it does not say)."""
        return _day(self.created_at) if self.created_at else long_date_or_unknown(None)


@dataclass
class CurrentData:
    """What is in the data folder now (what a restore would replace)."""

    audits: list[AuditLine]
    evidence_files: int
    person: str

    @property
    def empty(self) -> bool:
        return not self.audits and not self.evidence_files

    def describe(self) -> str:
        # TRANSLATORS: what a restore would replace, when there is no audit: "It replaces ... now: nothing."
        return _describe(self.audits, self.evidence_files, self.person) if not self.empty else _("nothing")


def _day(text: str | None) -> str:
    if not text:
        return "?"
    try:
        return long_date(datetime.fromisoformat(text))
    except ValueError:
        return text[:10]


def _describe(audits: list[AuditLine], evidence: int, person: str) -> str:
    """What a backup (or the data folder) holds, as a phrase: "2 audits (from 3 March 2026 to 9 June
    2026) for Sam Doe, 3 evidence files"."""
    count = len(audits)
    # TRANSLATORS: what a backup holds; the phrase is used inside sentences such as "Saved a backup of
    # {contents} to {file}." {first} and {last} are dates.
    if count == 1:
        checks = _("1 audit ({day})").format(day=_day(audits[0].started_at))
    elif count:
        checks = ngettext("{count} audit (from {first} to {last})", "{count} audits (from {first} to {last})",
                          count).format(count=count, first=_day(audits[0].started_at), last=_day(audits[-1].started_at))
    else:
        checks = _("no audits")
    if person:
        # TRANSLATORS: {audits} is e.g. "2 audits (from ... to ...)"; {person} the person's name.
        checks = _("{audits} for {person}").format(audits=checks, person=person)
    if evidence:
        checks = ngettext("{audits}, {count} evidence file", "{audits}, {count} evidence files", evidence).format(
            audits=checks, count=evidence)
    return checks


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S-%f")


# --- reading what a store holds ------------------------------------------------------------


def _summary(db_path: Path) -> tuple[list[AuditLine], str, int]:
    """Audits, the person's name and the schema version of a SocialSafe database file."""
    # Read without leaving anything behind: with no -wal file nobody is writing, and "immutable"
    # reads the file without making SQLite's side files (as the store's read-only open does).
    wal = db_path.with_name(db_path.name + "-wal")
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?{'mode=ro' if wal.exists() else 'immutable=1'}", uri=True)
    try:
        conn.row_factory = sqlite3.Row
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise sqlite3.DatabaseError(result)
        version = conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] or 0
        audits = [AuditLine(r["id"], r["started_at"], r["finished_at"])
                  for r in conn.execute("SELECT id, started_at, finished_at FROM audits ORDER BY id")]
        person = ""
        row = conn.execute("SELECT data FROM profile WHERE id = 1").fetchone()
        if row:
            try:
                from ..core.profile import Profile

                data = json.loads(row["data"])
                person = Profile.from_dict(data if isinstance(data, dict) else {}).display_name
            except (ValueError, TypeError):
                person = ""
        return audits, person, int(version)
    finally:
        conn.close()


def current_data(data_dir: Path) -> CurrentData:
    """What a restore into `data_dir` would replace."""
    from ..paths import DB_NAME

    db = Path(data_dir) / DB_NAME
    audits: list[AuditLine] = []
    person = ""
    if db.is_file():
        try:
            audits, person, _schema = _summary(db)
        except sqlite3.Error:
            audits = [AuditLine(0, "", None)]  # there is a file, unreadable: it is still kept aside
    evidence = _evidence_names(Path(data_dir))
    return CurrentData(audits, len(evidence), person)


def _evidence_names(data_dir: Path) -> list[str]:
    folder = data_dir / EVIDENCE_DIR
    try:
        return sorted(e.name for e in os.scandir(folder)
                      if STORED_NAME.fullmatch(e.name) and e.is_file(follow_symlinks=False))
    except OSError:
        return []


# --- writing --------------------------------------------------------------------------------


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    key = Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))
    return base64.urlsafe_b64encode(key)


def _zip_payload(db_file: Path, data_dir: Path, evidence_names: list[str]) -> bytes:
    audits, person, version = _summary(db_file)
    buffer = io.BytesIO()
    files = []
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        db_bytes = db_file.read_bytes()
        archive.writestr(DB_MEMBER, db_bytes)
        for name in evidence_names:
            data = (data_dir / EVIDENCE_DIR / name).read_bytes()
            archive.writestr(f"{EVIDENCE_DIR}/{name}", data)
            files.append({"name": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)})
        manifest = {
            "format": FORMAT, "app_version": __version__, "schema_version": version,
            "created_at": datetime.now().isoformat(timespec="seconds"),
            "person": person,
            "audits": [{"id": a.id, "started_at": a.started_at, "finished_at": a.finished_at} for a in audits],
            "database_sha256": hashlib.sha256(db_bytes).hexdigest(),
            "evidence": files,
        }
        archive.writestr(MANIFEST, json.dumps(manifest, indent=1))
    return buffer.getvalue()


def seal(payload: bytes, passphrase: str | None) -> bytes:
    """The backup file's bytes around `payload`."""
    if passphrase is None:
        # Without a passphrase nothing seals the file, so a hash of it all tells a damaged copy.
        header = {"format": FORMAT, "encryption": "none", "length": len(payload),
                  "sha256": hashlib.sha256(payload).hexdigest()}
        body = payload
    else:
        from cryptography.fernet import Fernet

        salt = secrets.token_bytes(16)
        fernet = Fernet(_derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P))
        body = fernet.encrypt(payload)
        header = {"format": FORMAT, "encryption": "fernet-scrypt", "salt": base64.b64encode(salt).decode(),
                  "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
                  "check": fernet.encrypt(_CHECK).decode(), "length": len(body)}
    return MAGIC + json.dumps(header).encode() + b"\n" + body


def write_backup(store, data_dir: Path, out: Path, *, passphrase: str | None = None,
                 replace: bool = False) -> BackupContents:
    """Write the whole history of `store` (an open AuditStore) and the evidence files in
    `data_dir` to `out`. Raises BackupError with one sentence."""
    out = Path(out)
    if passphrase is not None and len(passphrase) < MIN_PASSPHRASE:
        raise BackupError(_("Choose a passphrase of at least {least} characters.").format(least=MIN_PASSPHRASE))
    if out.exists() and (not replace or not out.is_file()):
        raise BackupError(_("{out} already exists: choose another file name.").format(out=out))
    if not out.parent.is_dir():
        raise BackupError(_("The folder {parent} does not exist.").format(parent=out.parent))
    work = tempfile.mkdtemp(prefix="socialsafe-backup-")  # private to this user (0700)
    try:
        copy = Path(work) / DB_MEMBER
        store.copy_database_to(copy)
        data = seal(_zip_payload(copy, Path(data_dir), _evidence_names(Path(data_dir))), passphrase)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(_("The backup could not be made ({reason}).").format(
            reason=getattr(exc, 'strerror', None) or exc)) from None
    finally:
        _remove_tree(Path(work))
    _write_file(out, data)
    return read_backup(out, passphrase)


def _write_file(out: Path, data: bytes) -> None:
    from ..core.savefile import SaveError, save_files  # the one rule for saving a file

    try:
        save_files([(out, data)], _("the backup"))
    except SaveError as exc:
        raise BackupError(str(exc)) from None


# --- reading --------------------------------------------------------------------------------


def _split(raw: bytes, path: Path) -> tuple[dict, bytes]:
    not_ours = BackupError(_("{path} is not a SocialSafe backup.").format(path=path))
    if not raw.startswith(MAGIC):
        raise not_ours
    end = raw.find(b"\n", len(MAGIC), len(MAGIC) + MAX_HEADER)
    if end < 0:
        raise BackupError(_("{path} is incomplete: it may have been cut short while it was copied.").format(path=path))
    try:
        header = json.loads(raw[len(MAGIC):end])
    except ValueError:
        raise not_ours from None
    if not isinstance(header, dict) or not isinstance(header.get("format"), int):
        raise not_ours
    if header["format"] > FORMAT:
        raise BackupError(_("{path} was made by a newer version of SocialSafe: install that version to restore it. "
                             "Nothing was changed.").format(path=path))
    body = raw[end + 1:]
    length = header.get("length")
    if not isinstance(length, int) or len(body) < length:
        raise BackupError(_("{path} is incomplete: it may have been cut short while it was copied. Nothing was "
                             "changed.").format(path=path))
    return header, body[:length]


def is_encrypted(path: Path) -> bool:
    """Whether reading `path` needs a passphrase (raises BackupError for a file that is not a
    backup, or is from a newer version)."""
    return _read_header(Path(path))[0].get("encryption") != "none"


def _read_header(path: Path) -> tuple[dict, bytes]:
    try:
        size = path.stat().st_size
        if size > MAX_BACKUP_BYTES:
            raise BackupError(_("{path} is larger than SocialSafe can restore ({size} GB).").format(
                path=path, size=MAX_BACKUP_BYTES // (1024 * 1024 * 1024)))
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BACKUP_BYTES + 1)
    except OSError as exc:
        raise BackupError(_("{path} could not be read ({reason}).").format(
            path=path, reason=exc.strerror or exc)) from None
    return _split(raw, path)


def _open_payload(header: dict, body: bytes, passphrase: str | None, path: Path) -> bytes:
    kind = header.get("encryption")
    if kind == "none":
        if hashlib.sha256(body).hexdigest() != header.get("sha256"):
            raise _damaged(path)
        return body
    if kind != "fernet-scrypt":
        raise BackupError(_("{path} was made by a newer version of SocialSafe: install that version to restore it. "
                             "Nothing was changed.").format(path=path))
    if passphrase is None:
        raise PassphraseNeeded(_("{path} is protected with a passphrase: give the passphrase to restore it.").format(
            path=path))
    from cryptography.fernet import Fernet, InvalidToken

    try:
        salt = base64.b64decode(header["salt"], validate=True)
        n, r, p = (int(header[k]) for k in ("n", "r", "p"))
        check = str(header["check"]).encode()
    except (KeyError, ValueError, TypeError):
        raise BackupError(_("{path} is damaged: it cannot be restored. Nothing was changed.").format(
            path=path)) from None
    if not (2 <= n <= MAX_N and n & (n - 1) == 0 and 1 <= r <= MAX_R and 1 <= p <= MAX_P):
        raise BackupError(_("{path} is damaged: it cannot be restored. Nothing was changed.").format(path=path))
    fernet = Fernet(_derive(passphrase, salt, n, r, p))
    try:
        if fernet.decrypt(check) != _CHECK:
            raise InvalidToken
    except InvalidToken:
        raise WrongPassphrase(_("That passphrase does not open this backup. Nothing was changed.")) from None
    try:
        return fernet.decrypt(body)
    except InvalidToken:
        raise BackupError(_("{path} is damaged: the passphrase is right, but the rest of the file does not match "
                             "it. Nothing was changed.").format(path=path)) from None


def _damaged(path: Path) -> BackupError:
    return BackupError(_("{path} is damaged: it cannot be restored. Nothing was changed.").format(path=path))


def read_backup(path: Path, passphrase: str | None = None) -> BackupContents:
    """Open and check a backup completely (without changing anything): the format, the
    passphrase, every file's hash, the database's integrity and version."""
    from ..store.migrations import SCHEMA_VERSION

    path = Path(path)
    header, body = _read_header(path)
    payload = _open_payload(header, body, passphrase, path)
    try:
        with zipfile.ZipFile(io.BytesIO(payload)) as archive:
            manifest = json.loads(archive.read(MANIFEST))
            if not isinstance(manifest, dict) or not isinstance(manifest.get("schema_version"), int):
                raise _damaged(path)
            if manifest.get("format", FORMAT) > FORMAT or manifest["schema_version"] > SCHEMA_VERSION:
                raise BackupError(_("{path} was made by a newer version of SocialSafe (data version "
                                     "{version}; this version reads up to {newest}): install that "
                                     "version to restore it. Nothing was changed.").format(
                                         path=path, version=manifest['schema_version'], newest=SCHEMA_VERSION))
            db_bytes = archive.read(DB_MEMBER)
            if hashlib.sha256(db_bytes).hexdigest() != manifest.get("database_sha256"):
                raise _damaged(path)
            evidence = manifest.get("evidence", [])
            names = set()
            for entry in evidence:
                name = entry.get("name", "") if isinstance(entry, dict) else ""
                if not STORED_NAME.fullmatch(name) or name in names:
                    raise _damaged(path)
                names.add(name)
                if hashlib.sha256(archive.read(f"{EVIDENCE_DIR}/{name}")).hexdigest() != entry.get("sha256"):
                    raise _damaged(path)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, zipfile.LargeZipFile):
        raise _damaged(path) from None
    # The database itself: readable, and what the manifest says it is.
    with tempfile.TemporaryDirectory(prefix="socialsafe-check-") as work:
        probe = Path(work) / DB_MEMBER
        probe.write_bytes(db_bytes)
        try:
            audits, person, version = _summary(probe)
        except sqlite3.Error:
            raise _damaged(path) from None
    if version != manifest["schema_version"]:
        raise _damaged(path)
    return BackupContents(str(manifest.get("created_at", "")), str(manifest.get("app_version", "")), version,
                          audits, len(evidence), person, header.get("encryption") != "none", payload)


# --- restoring --------------------------------------------------------------------------------


def restore_backup(contents: BackupContents, data_dir: Path) -> Path | None:
    """Put a checked backup in place in `data_dir`. The caller holds the data folder's lock
    and has closed any store on it. Whatever was there is first written aside as a backup
    file of its own (returned; None when there was nothing); SocialSafe's own files are then
    replaced. An older database is upgraded when it is next opened (with the usual copy
    made before migrating)."""
    from ..paths import DB_NAME
    from ..store.database import SIDE_FILES

    data_dir = Path(data_dir)
    db = data_dir / DB_NAME
    evidence_dir = data_dir / EVIDENCE_DIR
    kept_aside = None
    current = _evidence_names(data_dir)
    if db.exists() or current:
        kept_aside = data_dir / f"{REPLACED_PREFIX}{_stamp()}{SUFFIX}"
        try:
            if db.exists():
                data = seal(_zip_current(db, data_dir, current), None)
            else:
                data = seal(_zip_evidence_only(data_dir, current), None)
        except (OSError, sqlite3.Error) as exc:
            raise BackupError(_("Nothing was changed: what is there now could not be kept aside ({reason}).").format(
                reason=getattr(exc, 'strerror', None) or exc)) from None
        _write_file(kept_aside, data)
        os.chmod(kept_aside, 0o600)
    try:
        with zipfile.ZipFile(io.BytesIO(contents._payload)) as archive:
            temp = data_dir / f".socialsafe-restore-{secrets.token_hex(16)}.tmp"
            with open(temp, "xb") as handle:
                handle.write(archive.read(DB_MEMBER))
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, 0o600)
            for suffix in ("", *SIDE_FILES):
                _unlink(db.with_name(db.name + suffix))
            for name in current:
                _unlink(evidence_dir / name)
            os.replace(temp, db)
            manifest = json.loads(archive.read(MANIFEST))
            if manifest.get("evidence"):
                evidence_dir.mkdir(mode=0o700, exist_ok=True)
            for entry in manifest.get("evidence", []):
                target = evidence_dir / entry["name"]
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
                with os.fdopen(fd, "wb") as handle:
                    handle.write(archive.read(f"{EVIDENCE_DIR}/{entry['name']}"))
    except OSError as exc:
        if kept_aside:
            raise BackupError(_("The backup could not be restored ({reason}). What was there before is kept in "
                                "{file}.").format(reason=exc.strerror or exc, file=kept_aside)) from None
        raise BackupError(_("The backup could not be restored ({reason}).").format(
            reason=exc.strerror or exc)) from None
    return kept_aside


def _zip_current(db: Path, data_dir: Path, evidence: list[str]) -> bytes:
    # A consistent copy through SQLite (the -wal file may hold the latest changes).
    work = Path(tempfile.mkdtemp(prefix="socialsafe-aside-"))
    try:
        copy = work / DB_MEMBER
        source = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dest = sqlite3.connect(copy)
            try:
                source.backup(dest)
            finally:
                dest.close()
        finally:
            source.close()
        return _zip_payload(copy, data_dir, evidence)
    finally:
        _remove_tree(work)


def _zip_evidence_only(data_dir: Path, evidence: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in evidence:
            archive.writestr(f"{EVIDENCE_DIR}/{name}", (data_dir / EVIDENCE_DIR / name).read_bytes())
    return buffer.getvalue()


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def _remove_tree(folder: Path) -> None:
    for child in folder.iterdir() if folder.exists() else ():
        _unlink(child)
    try:
        folder.rmdir()
    except OSError:
        pass
