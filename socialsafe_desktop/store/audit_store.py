"""The only code that writes audit data. Every public method that changes something is one
SQLite transaction, committed before it returns: once the screen shows a change, it is on disk.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from ..core.audit import CHANGED_BACK, FROM_PERSON, FROM_SEARCH, RECHECK_ANSWERS, Finding, ItemState
from ..core.evidence import EvidenceFile, EvidenceItem
from ..core.forgotten_accounts import FOUND, AccountCheck, AccountHit, SiteOutcome
from ..core.i18n import _
from ..core.profile import Profile
from ..core.queries import PlannedSearch
from .database import OpenResult, StoreWriteError, open_database, open_database_read_only
from .lock import FolderLock


def _write_failure(exc: sqlite3.OperationalError, path: Path) -> str:
    text = str(exc).lower()
    # TRANSLATORS: {path} is the data file. Each message is what went wrong and what to do.
    if "full" in text:
        return _("SocialSafe could not save your last change because the disk is full. Everything saved before it "
                 "is safe in {path}. Free some space, then make the change again.").format(path=path)
    if "readonly" in text or "read-only" in text:
        return _("SocialSafe could not save your last change because the folder it is kept in cannot be written "
                 "to. Everything saved before it is safe in {path}. Ask your IT team to check that folder, then make "
                 "the change again.").format(path=path)
    if "locked" in text or "busy" in text:
        return _("SocialSafe could not save your last change because another program is using the file. "
                 "Everything saved before it is safe in {path}. Close the other program (a backup or database "
                 "tool, for example), then make the change again.").format(path=path)
    # TRANSLATORS: {reason} is the database's own words (in English).
    return _("SocialSafe could not save your last change because the file could not be written ({reason}). "
             "Everything saved before it is safe in {path}. Check the disk, then make the change again.").format(
        reason=exc, path=path)


def _assignments(fields: dict, allowed: set[str]) -> str:
    """The SET clause for an update. Column names come only from `allowed`, never from input."""
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"cannot update {sorted(unknown)}")
    return ", ".join(f"{name} = ?" for name in fields)


@dataclass(frozen=True)
class AuditRecord:
    """One audit: the first, or a later re-check."""

    id: int
    started_at: datetime | None
    finished_at: datetime | None
    current_step: str
    next_check: date | None


class PlatformChoice(NamedTuple):
    chosen: bool
    source: str  # "person" (ticked or unticked by the person) or "search" (a finding ticked it)


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _text_list(value: str | None) -> tuple[str, ...]:
    try:
        data = json.loads(value or "[]")
    except ValueError:
        return ()
    return tuple(v for v in data if isinstance(v, str)) if isinstance(data, list) else ()


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


class AuditStore:
    """One person's audits on this computer. The current audit is the newest one."""

    def __init__(self, opened: OpenResult, path: Path, *, read_only: bool = False,
                 clock: Callable[[], datetime] = datetime.now):
        # Every time this store writes comes from here: the demo seeds an audit "months ago"
        # and tests move time on, without touching the system clock.
        self.clock = clock
        self._conn = opened.connection
        self.path = path
        self.notices = list(opened.notices)
        self.moved_aside = opened.moved_aside
        self.backup = opened.backup
        self._lock = threading.RLock()  # the GUI thread and workers may both record things
        self._folder_lock: FolderLock | None = None
        # The profile as this store's caller last saw it (read or saved): saves change only
        # the fields that differ from it, so a stale screen never writes back old values.
        self._profile_view: dict | None = None
        self.read_only = read_only
        # 0 when read-only and the file has no audit yet: every query then finds nothing.
        self.audit_id = self._current_audit_id() or (0 if read_only else self._create_audit())

    @classmethod
    def open(cls, path: Path, *, exclusive: bool = False, lock: FolderLock | None = None,
             read_only: bool = False, clock: Callable[[], datetime] = datetime.now) -> AuditStore:
        """Open (creating or migrating) the store at `path`.

        read_only: for commands that only read. Nothing on disk changes: a missing file is a
        StoreError, an unreadable one StoreDamagedError (left where it is), an older one is
        read through an upgraded copy in memory; writes fail with StoreWriteError.

        exclusive: first lock the data folder against every other SocialSafe, as the window and
        the commands that need the audit do; raises DataFolderInUse when another has it.
        lock: a lock on the folder already held, which the store takes over. Either way the
        lock is released by close(), or at once if opening fails."""
        path = Path(path)
        if exclusive and lock is None:
            lock = FolderLock.acquire(path.parent)
        try:
            opened = open_database_read_only(path) if read_only else open_database(path)
            try:
                store = cls(opened, path, read_only=read_only, clock=clock)
            except BaseException:
                opened.connection.close()
                raise
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        store.adopt_lock(lock)
        return store

    def adopt_lock(self, lock: FolderLock | None) -> None:
        """Hold `lock` (taken by whoever prepared this store) until close()."""
        self._folder_lock = lock

    def close(self) -> None:
        with self._lock:
            self._conn.close()
            if self._folder_lock is not None:
                self._folder_lock.release()

    def close_keeping_lock(self) -> FolderLock | None:
        """Close the file but keep holding the data folder (a restore replaces the file under
        it): returns the lock, for the next store to adopt."""
        with self._lock:
            lock, self._folder_lock = self._folder_lock, None
            self._conn.close()
        return lock

    def _now(self) -> str:
        return self.clock().isoformat(timespec="seconds")

    def copy_database_to(self, target: Path) -> None:
        """A consistent copy of the whole store (every audit) at `target`, private to this user,
        made with SQLite's backup API: safe while this store is open."""
        with self._lock:
            dest = sqlite3.connect(target)
            try:
                self._conn.backup(dest)
            finally:
                dest.close()
        target.chmod(0o600)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self._conn
                except BaseException:
                    if self._conn.in_transaction:
                        self._conn.execute("ROLLBACK")
                    raise
                self._conn.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise StoreWriteError(_write_failure(exc, self.path)) from exc

    def _query(self, sql: str, params: Iterable = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._conn.execute(sql, tuple(params)).fetchall()

    # --- audits -------------------------------------------------------------------------

    def _current_audit_id(self) -> int | None:
        row = self._query("SELECT id FROM audits ORDER BY id DESC LIMIT 1")
        return row[0]["id"] if row else None

    def _create_audit(self) -> int:
        with self._transaction() as conn:
            cursor = conn.execute("INSERT INTO audits (started_at) VALUES (?)", (self._now(),))
            return int(cursor.lastrowid)

    def start_new_audit(self, items: Mapping[str, tuple[str, str]] | None = None,
                        searches: Iterable[PlannedSearch] = ()) -> int:
        """A re-check, in one transaction: the previous audit is kept, marked finished, for
        comparison; the new one starts with the same platforms, the checklist states given
        ("pack:item" -> (status, note)) and the search plan given (app/recheck decides what
        carries over)."""
        with self._transaction() as conn:
            previous = self.audit_id
            conn.execute("UPDATE audits SET finished_at = ? WHERE id = ? AND finished_at IS NULL",
                         (self._now(), previous))
            cursor = conn.execute("INSERT INTO audits (started_at) VALUES (?)", (self._now(),))
            new = int(cursor.lastrowid)
            # Platform choices carry over: the person still uses the same networks.
            conn.execute("""INSERT INTO platforms (audit_id, pack_id, chosen, source)
                            SELECT ?, pack_id, chosen, source FROM platforms WHERE audit_id = ?""",
                         (new, previous))
            for key, (status, note) in (items or {}).items():
                pack_id, item_id = key.split(":", 1)
                conn.execute("""INSERT INTO item_status (audit_id, pack_id, item_id, status, note, updated_at)
                                VALUES (?, ?, ?, ?, ?, ?)""", (new, pack_id, item_id, status, note, self._now()))
            for position, search in enumerate(searches):
                conn.execute("""INSERT INTO planned_searches
                                (audit_id, search_id, position, kind, text, enabled, browser_only, outcome, note)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                             (new, search.id, position, search.kind, search.text, int(search.enabled),
                              int(search.browser_only), search.outcome, search.note))
            self.audit_id = new
        return self.audit_id

    def audits(self) -> list[AuditRecord]:
        return [AuditRecord(r["id"], _parse_time(r["started_at"]), _parse_time(r["finished_at"]),
                            r["current_step"], _date(r["next_check"]))
                for r in self._query("SELECT * FROM audits ORDER BY id")]

    def audit(self, audit_id: int | None = None) -> AuditRecord | None:
        return next((a for a in self.audits() if a.id == (audit_id or self.audit_id)), None)

    def previous_audit_id(self, audit_id: int | None = None) -> int | None:
        row = self._query("SELECT id FROM audits WHERE id < ? ORDER BY id DESC LIMIT 1",
                          (audit_id or self.audit_id,))
        return row[0]["id"] if row else None

    def last_activity(self, audit_id: int | None = None) -> datetime | None:
        """The time of the last thing recorded in an audit (a decision, a page, a step)."""
        audit = audit_id or self.audit_id
        row = self._query("""SELECT max(t) FROM (
                                 SELECT max(updated_at) AS t FROM item_status WHERE audit_id = ?
                                 UNION ALL SELECT max(updated_at) FROM findings WHERE audit_id = ?
                                 UNION ALL SELECT max(updated_at) FROM account_hits WHERE audit_id = ?
                                 UNION ALL SELECT max(visited_at) FROM visited_steps WHERE audit_id = ?)""",
                          (audit, audit, audit, audit))
        return _parse_time(row[0][0]) if row else None

    def set_audit_times(self, audit_id: int, started_at: datetime, finished_at: datetime | None = None) -> None:
        """For the trainer demo's seeding only: an audit that "happened" months ago."""
        with self._transaction() as conn:
            conn.execute("UPDATE audits SET started_at = ?, finished_at = ? WHERE id = ?",
                         (started_at.isoformat(timespec="seconds"),
                          finished_at.isoformat(timespec="seconds") if finished_at else None, audit_id))

    # --- the wizard position ------------------------------------------------------------

    def current_step(self) -> str:
        return self._query("SELECT current_step FROM audits WHERE id = ?", (self.audit_id,))[0][0]

    def visited_steps(self) -> set[str]:
        rows = self._query("SELECT step FROM visited_steps WHERE audit_id = ?", (self.audit_id,))
        return {r["step"] for r in rows}

    def set_current_step(self, step: str) -> None:
        with self._transaction() as conn:
            conn.execute("UPDATE audits SET current_step = ? WHERE id = ?", (step, self.audit_id))
            conn.execute("INSERT OR IGNORE INTO visited_steps (audit_id, step, visited_at) VALUES (?, ?, ?)",
                         (self.audit_id, step, self._now()))

    def next_check(self, audit_id: int | None = None) -> date | None:
        row = self._query("SELECT next_check FROM audits WHERE id = ?", (audit_id or self.audit_id,))
        return _date(row[0][0]) if row else None

    def set_next_check(self, when: date) -> None:
        with self._transaction() as conn:
            conn.execute("UPDATE audits SET next_check = ? WHERE id = ?", (when.isoformat(), self.audit_id))

    # --- the profile --------------------------------------------------------------------

    def profile(self) -> Profile:
        with self._lock:
            profile = self._stored_profile(self._conn)
            self._profile_view = profile.to_dict()
        return profile

    @staticmethod
    def _stored_profile(conn: sqlite3.Connection) -> Profile:
        row = conn.execute("SELECT data FROM profile WHERE id = 1").fetchone()
        if not row:
            return Profile()
        try:
            data = json.loads(row["data"])
        except ValueError:
            return Profile()
        return Profile.from_dict(data if isinstance(data, dict) else {})

    def save_profile(self, profile: Profile) -> Profile:
        """Save the fields of `profile` that the caller changed since it last read or saved the
        profile through this store; every other field keeps what is stored now. So a screen
        holding an old copy (another window, another program) never puts back a value that
        was changed meanwhile. Returns what is now saved."""
        mine = profile.to_dict()
        with self._transaction() as conn:  # BEGIN IMMEDIATE: read and write as one step
            base = self._profile_view
            saved = mine
            if base is not None:
                current = self._stored_profile(conn).to_dict()
                saved = {key: value if value != base.get(key) else current.get(key, value)
                         for key, value in mine.items()}
            conn.execute("""INSERT INTO profile (id, data, updated_at) VALUES (1, ?, ?)
                            ON CONFLICT(id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at""",
                         (json.dumps(saved, ensure_ascii=False), self._now()))
        with self._lock:
            self._profile_view = mine
        return Profile.from_dict(saved)

    # --- settings (the person's own; the managed policy is read elsewhere) ---------------

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self._query("SELECT value FROM settings WHERE key = ?", (key,))
        return row[0]["value"] if row else default

    def set_setting(self, key: str, value: str | None) -> None:
        with self._transaction() as conn:
            if value is None:
                conn.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    # --- platforms ----------------------------------------------------------------------

    def platform_choices(self, audit_id: int | None = None) -> dict[str, PlatformChoice]:
        rows = self._query("SELECT pack_id, chosen, source FROM platforms WHERE audit_id = ?",
                           (audit_id or self.audit_id,))
        return {r["pack_id"]: PlatformChoice(bool(r["chosen"]), r["source"]) for r in rows}

    def chosen_platforms(self, audit_id: int | None = None) -> set[str]:
        return {pack for pack, (chosen, _why) in self.platform_choices(audit_id).items() if chosen}

    def set_platform(self, pack_id: str, chosen: bool, source: str = "person") -> None:
        with self._transaction() as conn:
            conn.execute("""INSERT INTO platforms (audit_id, pack_id, chosen, source) VALUES (?, ?, ?, ?)
                            ON CONFLICT(audit_id, pack_id) DO UPDATE SET chosen = excluded.chosen,
                            source = excluded.source""",
                         (self.audit_id, pack_id, int(chosen), source))

    def suggest_platform(self, pack_id: str) -> bool:
        """Tick a platform found by a search, unless the person already decided about it."""
        with self._transaction() as conn:
            cursor = conn.execute("""INSERT OR IGNORE INTO platforms (audit_id, pack_id, chosen, source)
                                     VALUES (?, ?, 1, 'search')""", (self.audit_id, pack_id))
            return cursor.rowcount == 1

    # --- checklist items ----------------------------------------------------------------

    def item_states(self, audit_id: int | None = None) -> dict[str, ItemState]:
        rows = self._query("SELECT pack_id, item_id, status, note, updated_at, recheck FROM item_status "
                           "WHERE audit_id = ?", (audit_id or self.audit_id,))
        return {f"{r['pack_id']}:{r['item_id']}": ItemState(r["status"], r["note"], _parse_time(r["updated_at"]),
                                                             r["recheck"])
                for r in rows}

    def set_item_status(self, key: str, status: str) -> None:
        pack_id, item_id = key.split(":", 1)
        with self._transaction() as conn:
            conn.execute("""INSERT INTO item_status (audit_id, pack_id, item_id, status, updated_at)
                            VALUES (?, ?, ?, ?, ?)
                            ON CONFLICT(audit_id, pack_id, item_id) DO UPDATE SET status = excluded.status,
                            updated_at = excluded.updated_at""",
                         (self.audit_id, pack_id, item_id, status, self._now()))

    def set_item_recheck(self, key: str, answer: str) -> None:
        """The answer to "Is this still set?", with what it means for the item, in one step:
        Still set makes it done in this audit; Changed back re-opens it; "" takes the answer
        back (open, to be confirmed)."""
        if answer and answer not in RECHECK_ANSWERS:
            raise ValueError(f"unknown answer {answer!r}")
        status = "done" if answer and answer != CHANGED_BACK else ""
        pack_id, item_id = key.split(":", 1)
        with self._transaction() as conn:
            conn.execute("""INSERT INTO item_status (audit_id, pack_id, item_id, status, recheck, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?)
                            ON CONFLICT(audit_id, pack_id, item_id) DO UPDATE SET status = excluded.status,
                            recheck = excluded.recheck, updated_at = excluded.updated_at""",
                         (self.audit_id, pack_id, item_id, status, answer, self._now()))

    def known_items(self, audit_id: int | None = None) -> frozenset[str] | None:
        """The checklist items an audit showed the person; None when it recorded none (an audit
        from before re-checks existed)."""
        rows = self._query("SELECT item_key FROM audit_items WHERE audit_id = ?", (audit_id or self.audit_id,))
        return frozenset(r["item_key"] for r in rows) if rows else None

    def remember_items(self, keys: Iterable[str], audit_id: int | None = None) -> None:
        with self._transaction() as conn:
            conn.executemany("INSERT OR IGNORE INTO audit_items (audit_id, item_key) VALUES (?, ?)",
                             [(audit_id or self.audit_id, key) for key in keys])

    def set_item_note(self, key: str, note: str) -> None:
        pack_id, item_id = key.split(":", 1)
        with self._transaction() as conn:
            conn.execute("""INSERT INTO item_status (audit_id, pack_id, item_id, note, updated_at)
                            VALUES (?, ?, ?, ?, ?)
                            ON CONFLICT(audit_id, pack_id, item_id) DO UPDATE SET note = excluded.note""",
                         (self.audit_id, pack_id, item_id, note, self._now()))

    # --- the search plan ----------------------------------------------------------------

    def planned_searches(self, audit_id: int | None = None) -> list[PlannedSearch]:
        rows = self._query("SELECT * FROM planned_searches WHERE audit_id = ? ORDER BY position",
                           (audit_id or self.audit_id,))
        return [PlannedSearch(r["search_id"], r["kind"], r["text"], bool(r["enabled"]), bool(r["browser_only"]),
                              r["outcome"], r["note"]) for r in rows]

    def replace_plan(self, searches: Iterable[PlannedSearch]) -> None:
        """Store the plan in this order. A search whose id was already stored keeps the outcome
        and note recorded against it; a new one takes those it carries."""
        with self._transaction() as conn:
            old = {r["search_id"]: r for r in conn.execute(
                "SELECT search_id, outcome, note FROM planned_searches WHERE audit_id = ?", (self.audit_id,))}
            conn.execute("DELETE FROM planned_searches WHERE audit_id = ?", (self.audit_id,))
            for position, s in enumerate(searches):
                kept = old.get(s.id)
                conn.execute("""INSERT INTO planned_searches
                                (audit_id, search_id, position, kind, text, enabled, browser_only, outcome, note)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                             (self.audit_id, s.id, position, s.kind, s.text, int(s.enabled), int(s.browser_only),
                              kept["outcome"] if kept else s.outcome, kept["note"] if kept else s.note))

    def update_search(self, search_id: str, **fields) -> None:
        assignments = _assignments(fields, {"text", "enabled", "outcome", "note"})
        if not assignments:
            return
        values = [int(v) if isinstance(v, bool) else v for v in fields.values()]
        with self._transaction() as conn:
            conn.execute(f"UPDATE planned_searches SET {assignments} WHERE audit_id = ? AND search_id = ?",
                         (*values, self.audit_id, search_id))

    # --- findings -----------------------------------------------------------------------

    def findings(self, audit_id: int | None = None) -> list[Finding]:
        rows = self._query("SELECT * FROM findings WHERE audit_id = ? ORDER BY first_seen, rowid",
                           (audit_id or self.audit_id,))
        result = []
        for r in rows:
            try:
                found_by = [s for s in json.loads(r["found_by"]) if isinstance(s, str)]
            except (ValueError, TypeError):
                found_by = []
            result.append(Finding(url=r["url"], normalised_url=r["normalised_url"], title=r["title"],
                                  snippet=r["snippet"], platform=r["platform"], found_by=found_by,
                                  decision=r["decision"], action=r["action"], note=r["note"],
                                  updated_at=_parse_time(r["updated_at"]),
                                  origin=FROM_PERSON if r["origin"] == FROM_PERSON else FROM_SEARCH,
                                  first_seen=_parse_time(r["first_seen"])))
        return result

    def record_findings(self, findings: Iterable[Finding]) -> list[str]:
        """Add findings; one seen before keeps its decision and gains the new searches that found
        it. Returns the normalised addresses that were new to this audit. One transaction for the
        batch (a search worker calls this for every answer of a run)."""
        new: dict[str, Finding] = {}           # normalised url -> to insert (found_by merged)
        merged: dict[str, list[str]] = {}      # normalised url -> found_by, for pages seen before
        with self._transaction() as conn:
            batch = list(findings)
            keys = list(dict.fromkeys(f.normalised_url for f in batch))
            known: dict[str, list[str]] = {}
            for chunk in _chunks(keys, 200):
                rows = conn.execute("SELECT normalised_url, found_by FROM findings WHERE audit_id = ? AND "
                                    f"normalised_url IN ({', '.join('?' * len(chunk))})",
                                    (self.audit_id, *chunk)).fetchall()
                for row in rows:
                    try:
                        known[row["normalised_url"]] = list(json.loads(row["found_by"]))
                    except ValueError:
                        known[row["normalised_url"]] = []
            for f in batch:
                key = f.normalised_url
                if key in known:
                    found_by = merged.setdefault(key, known[key])
                    found_by += [s for s in f.found_by if s not in found_by]
                elif key in new:
                    first = new[key]
                    new[key] = replace(first, found_by=[*first.found_by,
                                                        *(s for s in f.found_by if s not in first.found_by)])
                else:
                    new[key] = f
            if merged:
                conn.executemany("UPDATE findings SET found_by = ? WHERE audit_id = ? AND normalised_url = ?",
                                 [(json.dumps(found_by), self.audit_id, key) for key, found_by in merged.items()])
            now = self._now()
            conn.executemany("INSERT INTO findings (audit_id, normalised_url, url, title, snippet, platform, found_by, "
                             "decision, action, note, first_seen, updated_at, origin) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             [(self.audit_id, f.normalised_url, f.url, f.title, f.snippet, f.platform,
                               json.dumps(f.found_by), f.decision, f.action, f.note, now, now,
                               FROM_PERSON if f.origin == FROM_PERSON else FROM_SEARCH) for f in new.values()])
        return list(new)

    def update_finding(self, normalised_url: str, **fields) -> None:
        assignments = _assignments(fields, {"decision", "action", "note"})
        if not assignments:
            return
        with self._transaction() as conn:
            conn.execute(f"UPDATE findings SET {assignments}, updated_at = ? "
                         "WHERE audit_id = ? AND normalised_url = ?",
                         (*fields.values(), self._now(), self.audit_id, normalised_url))

    # --- the evidence log -----------------------------------------------------------------

    def evidence(self, audit_id: int | None = None) -> list[EvidenceItem]:
        """What the person kept as evidence: from one audit, or (audit_id None) from all."""
        where, params = ("WHERE audit_id = ?", (audit_id,)) if audit_id else ("", ())
        rows = self._query(f"SELECT * FROM evidence {where} ORDER BY id", params)
        files: dict[int, list[EvidenceFile]] = {}
        for f in self.evidence_files():
            files.setdefault(f.evidence_id, []).append(f)
        return [EvidenceItem(r["id"], r["audit_id"], r["normalised_url"], r["url"], r["title"], r["snippet"],
                             r["platform"], r["kind"], _parse_time(r["seen_utc"]), _parse_time(r["seen_local"]),
                             r["note"], _parse_time(r["kept_at"]), tuple(files.get(r["id"], ())))
                for r in rows]

    def evidence_files(self) -> list[EvidenceFile]:
        return [EvidenceFile(r["id"], r["evidence_id"], r["stored_name"], r["original_name"], r["sha256"],
                             r["size"], _parse_time(r["added_at"]))
                for r in self._query("SELECT * FROM evidence_files ORDER BY id")]

    def keep_evidence(self, finding: Finding, kind: str, seen_utc: datetime, seen_local: datetime,
                      note: str = "") -> int:
        """Keep a page of this audit as evidence (once; keeping it again changes its kind and
        note). Returns its id."""
        with self._transaction() as conn:
            conn.execute("""INSERT INTO evidence (audit_id, normalised_url, url, title, snippet, platform, kind,
                            seen_utc, seen_local, note, kept_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT(audit_id, normalised_url) DO UPDATE SET kind = excluded.kind,
                            note = excluded.note""",
                         (self.audit_id, finding.normalised_url, finding.url, finding.title, finding.snippet,
                          finding.platform, kind, seen_utc.isoformat(timespec="seconds"),
                          seen_local.isoformat(timespec="seconds"), note, self._now()))
            row = conn.execute("SELECT id FROM evidence WHERE audit_id = ? AND normalised_url = ?",
                               (self.audit_id, finding.normalised_url)).fetchone()
        return int(row["id"])

    def update_evidence(self, evidence_id: int, **fields) -> None:
        assignments = _assignments(fields, {"kind", "note"})
        if not assignments:
            return
        with self._transaction() as conn:
            conn.execute(f"UPDATE evidence SET {assignments} WHERE id = ?", (*fields.values(), evidence_id))

    def add_evidence_file(self, evidence_id: int, stored_name: str, original_name: str, sha256: str,
                          size: int) -> int:
        with self._transaction() as conn:
            cursor = conn.execute("""INSERT INTO evidence_files (evidence_id, stored_name, original_name, sha256,
                                     size, added_at) VALUES (?, ?, ?, ?, ?, ?)""",
                                  (evidence_id, stored_name, original_name, sha256, size, self._now()))
            return int(cursor.lastrowid)

    def remove_evidence_file(self, file_id: int) -> None:
        with self._transaction() as conn:
            conn.execute("DELETE FROM evidence_files WHERE id = ?", (file_id,))

    def remove_evidence(self, evidence_id: int) -> None:
        with self._transaction() as conn:  # its files' records go with it (ON DELETE CASCADE)
            conn.execute("DELETE FROM evidence WHERE id = ?", (evidence_id,))

    # --- forgotten accounts -----------------------------------------------------------------

    def account_checks(self, audit_id: int | None = None) -> list[AccountCheck]:
        rows = self._query("SELECT * FROM account_checks WHERE audit_id = ? ORDER BY started_at, rowid",
                           (audit_id or self.audit_id,))
        return [AccountCheck(r["username"], _text_list(r["categories"]), bool(r["include_adult"]),
                             _parse_time(r["started_at"]), _parse_time(r["finished_at"])) for r in rows]

    def start_account_check(self, username: str, categories: Iterable[str], include_adult: bool) -> None:
        """The person asked to check `username` on these categories: the check is (again) not
        finished. Results already recorded for it are kept, so a resumed check asks only the rest."""
        with self._transaction() as conn:
            conn.execute("""INSERT INTO account_checks (audit_id, username, categories, include_adult, started_at)
                            VALUES (?, ?, ?, ?, ?)
                            ON CONFLICT(audit_id, username) DO UPDATE SET categories = excluded.categories,
                            include_adult = excluded.include_adult, finished_at = NULL""",
                         (self.audit_id, username, json.dumps(list(categories)), int(include_adult), self._now()))

    def finish_account_check(self, username: str) -> None:
        with self._transaction() as conn:
            conn.execute("UPDATE account_checks SET finished_at = ? WHERE audit_id = ? AND username = ?",
                         (self._now(), self.audit_id, username))

    def record_account_results(self, results: Iterable[SiteOutcome]) -> list[str]:
        """What sites answered (one transaction for the lot). A site that says "found" becomes an
        account to decide about; one already known keeps the person's answer, and in a re-check
        one found again takes the answer given last time (Mine, keep or close, the note; an
        account closed then and found again is to close again). Returns the accounts (as
        "username:site") new to this audit."""
        added: list[str] = []
        results = list(results)
        now = self._now()
        previous = self.previous_audit_id()
        with self._transaction() as conn:
            conn.executemany("""INSERT INTO account_results (audit_id, username, site, category, outcome, reason,
                                status, profile_url, site_url, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                                ON CONFLICT(audit_id, username, site) DO UPDATE SET category = excluded.category,
                                outcome = excluded.outcome, reason = excluded.reason, status = excluded.status,
                                profile_url = excluded.profile_url, site_url = excluded.site_url,
                                checked_at = excluded.checked_at""",
                             [(self.audit_id, r.username, r.site, r.category, r.outcome, r.reason, r.status,
                               r.profile_url, r.site_url, now) for r in results])
            for r in results:
                if r.outcome != FOUND:
                    continue
                before = conn.execute("""SELECT decision, plan, note FROM account_hits
                                         WHERE audit_id = ? AND username = ? AND site = ?""",
                                      (previous, r.username, r.site)).fetchone() if previous else None
                cursor = conn.execute("""INSERT OR IGNORE INTO account_hits (audit_id, username, site, category,
                                         profile_url, site_url, decision, plan, note, found_at, updated_at)
                                         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                                      (self.audit_id, r.username, r.site, r.category, r.profile_url, r.site_url,
                                       before["decision"] if before else "", before["plan"] if before else "",
                                       before["note"] if before else "", now, now))
                if cursor.rowcount == 1:
                    added.append(f"{r.username}:{r.site}")
        return added

    def account_results(self, username: str | None = None, audit_id: int | None = None) -> list[SiteOutcome]:
        sql, params = "SELECT * FROM account_results WHERE audit_id = ?", [audit_id or self.audit_id]
        if username is not None:
            sql += " AND username = ?"
            params.append(username)
        return [SiteOutcome(r["username"], r["site"], r["category"], r["outcome"], r["reason"], r["status"],
                            r["profile_url"], r["site_url"], _parse_time(r["checked_at"]))
                for r in self._query(sql + " ORDER BY checked_at, rowid", params)]

    def account_hits(self, audit_id: int | None = None) -> list[AccountHit]:
        rows = self._query("SELECT * FROM account_hits WHERE audit_id = ? ORDER BY found_at, rowid",
                           (audit_id or self.audit_id,))
        return [AccountHit(r["username"], r["site"], r["category"], r["profile_url"], r["site_url"], r["decision"],
                           r["plan"], _date(r["closed_on"]), r["note"], _parse_time(r["found_at"]),
                           _parse_time(r["updated_at"])) for r in rows]

    def update_account_hit(self, username: str, site: str, **fields) -> None:
        """The person's answer about one account: decision, plan, closed_on (a date or None), note."""
        assignments = _assignments(fields, {"decision", "plan", "closed_on", "note"})
        if not assignments:
            return
        values = [v.isoformat() if isinstance(v, date) else v for v in fields.values()]
        with self._transaction() as conn:
            conn.execute(f"UPDATE account_hits SET {assignments}, updated_at = ? "
                         "WHERE audit_id = ? AND username = ? AND site = ?",
                         (*values, self._now(), self.audit_id, username, site))


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
