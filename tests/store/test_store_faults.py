"""The store under faults: read-only opens that change nothing, another program holding the
file, and files that are not private."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest

from socialsafe_desktop.core.filemodes import CHECKED
from socialsafe_desktop.core.profile import PersonName, Profile
from socialsafe_desktop.store import AuditStore, StoreDamagedError, StoreError, StoreWriteError

posix_only = pytest.mark.skipif(not CHECKED, reason="POSIX permissions")
as_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                             reason="giving a file to another account needs root (CI runs as root)")
OTHER_UID = 54321


@pytest.fixture
def folder(tmp_path):
    made = tmp_path / "data"
    made.mkdir()
    return made


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def saved_store(path: Path) -> None:
    store = AuditStore.open(path)
    store.save_profile(Profile([PersonName("Casey Exampleton")]))
    store.set_setting("audit.recheck_months", "6")
    store.close()


def test_a_read_only_open_creates_moves_and_writes_nothing(folder):
    path = folder / "socialsafe.db"
    saved_store(path)
    before = listing(folder)
    store = AuditStore.open(path, read_only=True)
    try:
        assert store.profile().display_name == "Casey Exampleton"
        assert store.setting("audit.recheck_months") == "6"
        with pytest.raises(StoreWriteError):
            store.set_setting("audit.recheck_months", "1")
    finally:
        store.close()
    assert listing(folder) == before  # not even SQLite's -wal and -shm files


@pytest.mark.parametrize("garbage", [b"not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 8000])
def test_a_damaged_file_opened_read_only_is_left_exactly_where_it_is(folder, garbage):
    path = folder / "socialsafe.db"
    path.write_bytes(garbage)
    before = listing(folder)
    with pytest.raises(StoreDamagedError) as caught:
        AuditStore.open(path, read_only=True)
    assert str(path) in str(caught.value) and "left exactly as it is" in str(caught.value)
    assert listing(folder) == before


def test_an_older_file_is_read_through_a_copy_upgraded_in_memory(folder):
    path = folder / "socialsafe.db"
    conn = sqlite3.connect(path)  # the version-1 file the migration tests use
    conn.executescript((Path(__file__).parent / "fixtures" / "schema_v1.sql").read_text())
    conn.close()
    before = listing(folder)
    store = AuditStore.open(path, read_only=True)
    try:
        assert store.profile().display_name == "Robin Fixture"
        assert store.findings() == []  # a table that version 1 did not have
    finally:
        store.close()
    assert listing(folder) == before


def test_a_missing_file_is_not_created_by_a_read_only_open(folder):
    with pytest.raises(StoreError):
        AuditStore.open(folder / "socialsafe.db", read_only=True)
    assert list(folder.iterdir()) == []


def test_a_write_waiting_on_another_program_gives_up_soon_and_says_why(folder):
    path = folder / "socialsafe.db"
    store = AuditStore.open(path)
    other = sqlite3.connect(path, isolation_level=None)  # say, a database browser
    other.execute("BEGIN EXCLUSIVE")
    outcome: list[BaseException] = []

    def save():
        try:
            store.set_setting("x", "1")
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            outcome.append(exc)

    writer = threading.Thread(target=save)
    writer.start()
    writer.join(30)  # a bound on a hang, not a measurement: the wait is half a second
    try:
        assert not writer.is_alive(), "the save never gave up"
        assert len(outcome) == 1 and isinstance(outcome[0], StoreWriteError)
        assert "another program is using the file" in str(outcome[0])
    finally:
        other.execute("ROLLBACK")
        other.close()
    store.set_setting("x", "2")  # once the other program lets go, saving works again
    assert store.setting("x") == "2"
    store.close()


def test_opening_while_another_program_holds_the_file_says_so(folder):
    path = folder / "socialsafe.db"
    AuditStore.open(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA journal_mode = DELETE")
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="another program is using the file"):
            AuditStore.open(path)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert AuditStore.open(path).moved_aside is None  # never mistaken for damage


@posix_only
def test_a_store_readable_by_others_is_made_private_and_the_person_told(folder):
    path = folder / "socialsafe.db"
    saved_store(path)
    os.chmod(path, 0o644)
    store = AuditStore.open(path)
    try:
        assert (path.stat().st_mode & 0o777) == 0o600
        assert any("could read SocialSafe's files" in n and "now private" in n for n in store.notices)
    finally:
        store.close()
    again = AuditStore.open(path)
    try:
        assert again.notices == []  # said once, when it was changed
    finally:
        again.close()


@posix_only
@as_root
@pytest.mark.parametrize("name", ["socialsafe.db", "socialsafe.db-wal"])
def test_a_store_file_owned_by_another_account_is_refused_untouched(folder, name):
    path = folder / "socialsafe.db"
    saved_store(path)
    planted = folder / name
    planted.touch()
    os.chown(planted, OTHER_UID, OTHER_UID)
    before = listing(folder)
    for read_only in (False, True):
        with pytest.raises(StoreError, match="belongs to another account"):
            AuditStore.open(path, read_only=read_only)
    assert listing(folder) == before
