"""The trainer demo's own, throwaway store, seeded from the fictional persona.

The demo never opens the person's real audit: it lives in its own file inside demo_dir, and
everything this module deletes is a file of that name inside demo_dir. Seeding goes through
AuditStore's methods like any other change, so the demo audit is exactly what the wizard
would have saved had someone typed it in.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ..core.audit import audit_packs, default_next_check
from ..core.demo import DemoPersona
from ..core.evidence import EVIDENCE_DIR, OWNED_NAMES
from ..core.i18n import _
from .audit_store import AuditStore
from .database import StoreError, owned_file_names, peek_settings
from .lock import FolderLock

DEMO_DB_NAME = "socialsafe-demo.db"
# Written last when seeding: a demo store without it (seeding cut short) or with another
# value (persona.toml changed since) is seeded again.
SEEDED_SETTING = "demo.persona"
# The trainer's own choices that survive "Reset demo" (large text on a projector).
KEPT_ON_RESET = ("ui.text_scale", "ui.language")


def demo_database(demo_dir: Path) -> Path:
    return Path(demo_dir) / DEMO_DB_NAME


def _demo_files(demo_dir: Path) -> list[Path]:
    """The demo database, its -wal/-shm/-journal files and anything open_database set aside
    (".unreadable-...", ".before-v..."): only those names, only in demo_dir."""
    try:
        entries = list(os.scandir(demo_dir))
    except FileNotFoundError:
        return []
    names = owned_file_names(DEMO_DB_NAME)
    found = []
    for entry in entries:
        if names.fullmatch(entry.name):
            # A symlink is removed itself, never followed; a directory of that name is left alone.
            if entry.is_symlink() or entry.is_file(follow_symlinks=False):
                found.append(Path(entry.path))
    return found


def _delete_demo_files(demo_dir: Path) -> None:
    evidence = Path(demo_dir) / EVIDENCE_DIR
    try:  # what a trainer kept as evidence in the demo: SocialSafe's own copies only
        kept = [Path(e.path) for e in os.scandir(evidence)
                if OWNED_NAMES.fullmatch(e.name) and (e.is_symlink() or e.is_file(follow_symlinks=False))]
    except OSError:
        kept = []
    for path in _demo_files(demo_dir) + kept:
        try:
            path.unlink()
        except FileNotFoundError:
            pass


def _read_kept_settings(path: Path) -> dict[str, str]:
    """Settings to carry over, read without changing the old file (it may be unreadable)."""
    return peek_settings(path, KEPT_ON_RESET)


def _record_findings(store: AuditStore, findings) -> None:
    # Recorded undecided, then decided, as the wizard does: the decision is a separate action.
    store.record_findings(replace(f, decision="", action="", note="") for f in findings)
    for finding in findings:
        decided = {k: v for k, v in (("decision", finding.decision), ("action", finding.action),
                                     ("note", finding.note)) if v}
        if decided:
            store.update_finding(finding.normalised_url, **decided)


def _seed_items(store: AuditStore, statuses) -> None:
    for key, (status, note) in statuses.items():
        store.set_item_status(key, status)
        if note:
            store.set_item_note(key, note)


def _seed_previous(store: AuditStore, persona: DemoPersona, today: date, catalogue) -> None:
    """The check before this one, as if it had happened `months_ago` months ago and taken
    `minutes` minutes: then a re-check is started, as the person would start it today."""
    previous = persona.previous
    began = datetime.combine(default_next_check(today, -previous.months_ago), time(19, 30))
    store.clock = lambda: began
    store.set_audit_times(store.audit_id, began)
    store.save_profile(persona.profile)
    for pack_id in persona.platforms:
        store.set_platform(pack_id, True, "person")
    store.replace_plan(persona.searches)
    _record_findings(store, previous.findings)
    if catalogue is not None:  # which items that check showed: all but those "added since"
        shown = [i.key for p in audit_packs(catalogue, persona.platforms) for i in p.items
                 if i.key not in previous.new_items]
        store.remember_items(shown)
    store.set_next_check(default_next_check(began.date(), persona.next_check_months))
    finished = began + timedelta(minutes=previous.minutes)
    store.clock = lambda: finished
    _seed_items(store, previous.item_statuses)
    store.set_current_step("plan")
    restarted = datetime.combine(today, time(0)) if today != date.today() else datetime.now()
    store.clock = lambda: restarted - timedelta(minutes=5)
    store.start_new_audit()


def seed_demo_store(store: AuditStore, persona: DemoPersona, *, today: date | None = None,
                    catalogue: Callable[[], object] | None = None) -> None:
    """Write the persona into a fresh store, one AuditStore call per fact: the check before
    (when the persona has one) and then this one. `catalogue` loads the checklists, to record
    which items the earlier check showed."""
    today = today or date.today()
    clock = store.clock
    try:
        if persona.previous is not None:
            _seed_previous(store, persona, today, catalogue() if catalogue is not None else None)
    finally:
        store.clock = clock
    store.save_profile(persona.profile)
    for pack_id in persona.platforms:
        store.set_platform(pack_id, True, "person")
    _seed_items(store, persona.item_statuses)
    for key, answer in persona.item_rechecks.items():
        store.set_item_recheck(key, answer)
    store.replace_plan(persona.searches)
    _record_findings(store, persona.findings)
    store.set_next_check(default_next_check(today, persona.next_check_months))
    store.set_setting(SEEDED_SETTING, persona.fingerprint or "1")


def prepare_demo_store(
    demo_dir: Path, persona: DemoPersona, *, reset: bool = False, today: date | None = None,
    catalogue: Callable[[], object] | None = None,
) -> AuditStore:
    """Open the demo store at demo_dir/socialsafe-demo.db, seeding it when it is new, when its
    seeding was cut short, when the persona changed, or when reset=True ("Reset demo").

    Close any store already open on the demo file before resetting (Windows cannot delete an
    open file). Only the demo database's own files inside demo_dir are ever deleted.

    The demo folder has its own lock, held by the returned store until it is closed: a second
    demo window (or command) on the same folder gets DataFolderInUse, and nothing is deleted
    or seeded under a demo that is open elsewhere.
    """
    demo_dir = Path(demo_dir)
    lock = FolderLock.acquire(demo_dir, _("the demo"))
    try:
        store = _open_or_seed(demo_dir, persona, reset, today, catalogue)
    except BaseException:
        lock.release()
        raise
    store.adopt_lock(lock)
    return store


def _open_or_seed(demo_dir: Path, persona: DemoPersona, reset: bool, today: date | None,
                  catalogue: Callable[[], object] | None) -> AuditStore:
    path = demo_database(demo_dir)
    kept: dict[str, str] = {}
    if path.is_symlink():
        reset = True  # the demo must not write through a link to some other file
    if not reset:
        try:
            store = AuditStore.open(path)
        except StoreError:
            store = None  # e.g. written by a newer SocialSafe: it is throwaway, so start again
        if store is not None:
            if store.setting(SEEDED_SETTING) == (persona.fingerprint or "1"):
                return store
            kept = {k: v for k in KEPT_ON_RESET if (v := store.setting(k)) is not None}
            store.close()
    else:
        kept = _read_kept_settings(path)
    _delete_demo_files(demo_dir)
    store = AuditStore.open(path)
    try:
        for key, value in kept.items():
            store.set_setting(key, value)
        seed_demo_store(store, persona, today=today, catalogue=catalogue)  # last: its "seeded" mark comes last
    except BaseException:
        store.close()
        raise
    return store
