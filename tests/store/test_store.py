import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest

from socialsafe_desktop.core.audit import DONE, LATER, Finding
from socialsafe_desktop.core.profile import Handle, PersonName, Profile
from socialsafe_desktop.core.queries import PlannedSearch
from socialsafe_desktop.store import AuditStore, StoreTooNewError, StoreWriteError
from socialsafe_desktop.store.database import migrate
from socialsafe_desktop.store.migrations import SCHEMA_VERSION

FIXTURES = Path(__file__).parent / "fixtures"


def schema_of(path: Path) -> dict:
    """Tables with their columns (name, type, not-null, default, key position) and foreign keys."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return {t: (sorted(tuple(c[1:]) for c in conn.execute(f"PRAGMA table_info('{t}')")),
                    sorted(tuple(f[2:5]) for f in conn.execute(f"PRAGMA foreign_key_list('{t}')")))
                for t in tables}
    finally:
        conn.close()


def make_v1(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript((FIXTURES / "schema_v1.sql").read_text())
    conn.close()


def test_new_store_has_head_schema_private_permissions_and_one_audit(tmp_path):
    path = tmp_path / "d" / "socialsafe.db"
    store = AuditStore.open(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert store.audit_id == 1 and store.current_step() == "welcome"
    store.close()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_profile_position_and_settings_survive_reopen(tmp_path):
    path = tmp_path / "socialsafe.db"
    store = AuditStore.open(path)
    profile = Profile([PersonName("Sam Doe")], [Handle("@sam", "x")], ["sam@example.org"], "School", "teacher", "Town")
    store.save_profile(profile)
    store.set_current_step("about")
    store.set_setting("ui.text_scale", "1.5")
    store.set_next_check(date(2027, 2, 1))
    store.close()
    again = AuditStore.open(path)
    assert again.profile() == profile
    assert again.current_step() == "about"
    assert again.visited_steps() == {"about"}
    assert again.setting("ui.text_scale") == "1.5"
    assert again.next_check() == date(2027, 2, 1)


def test_items_platforms_plan_and_findings_are_kept_per_audit(tmp_path):
    store = AuditStore.open(tmp_path / "socialsafe.db")
    store.set_item_status("facebook:past-posts", DONE)
    store.set_item_note("facebook:past-posts", "done on phone")
    store.set_item_note("instagram:private", "ask IT")
    store.set_platform("facebook", True)
    assert store.suggest_platform("instagram") is True
    store.set_platform("tiktok", False)
    assert store.suggest_platform("tiktok") is False  # the person's "no" wins over a search hit
    store.replace_plan([PlannedSearch("name:sam", "name", '"Sam Doe"')])
    store.update_search("name:sam", outcome="found_fine", enabled=False)
    store.record_findings([Finding("https://example.org/a", "example.org/a", "A", found_by=["name:sam"])])
    store.record_findings([Finding("https://example.org/a", "example.org/a", "A", found_by=["handle:sam"])])
    store.update_finding("example.org/a", decision="me_action", note="old post")

    states = store.item_states()
    assert states["facebook:past-posts"].status == DONE and states["facebook:past-posts"].note == "done on phone"
    assert states["instagram:private"].status == "" and states["instagram:private"].note == "ask IT"
    assert store.chosen_platforms() == {"facebook", "instagram"}
    plan = store.planned_searches()
    assert plan[0].outcome == "found_fine" and plan[0].enabled is False
    [finding] = store.findings()
    assert finding.found_by == ["name:sam", "handle:sam"] and finding.decision == "me_action"

    first = store.audit_id
    second = store.start_new_audit()
    assert second != first and store.previous_audit_id() == first
    assert store.item_states() == {} and store.findings() == []
    assert store.chosen_platforms() == {"facebook", "instagram"}  # platforms carry over
    assert store.item_states(first)["facebook:past-posts"].status == DONE
    assert store.audits()[0].finished_at is not None and store.audits()[1].finished_at is None


def test_replacing_the_plan_keeps_recorded_outcomes(tmp_path):
    store = AuditStore.open(tmp_path / "socialsafe.db")
    store.replace_plan([PlannedSearch("a", "name", "a")])
    store.update_search("a", outcome="nothing", note="checked")
    store.replace_plan([PlannedSearch("b", "name", "b"), PlannedSearch("a", "name", "a")])
    plan = store.planned_searches()
    assert [p.id for p in plan] == ["b", "a"]
    assert plan[1].outcome == "nothing" and plan[1].note == "checked"


def test_unknown_fields_are_refused_rather_than_written(tmp_path):
    store = AuditStore.open(tmp_path / "socialsafe.db")
    with pytest.raises(ValueError):
        store.update_search("a", audit_id=3)
    with pytest.raises(ValueError):
        store.update_finding("a", url="javascript:alert(1)")


def test_a_failed_action_leaves_nothing_half_written(tmp_path):
    store = AuditStore.open(tmp_path / "socialsafe.db")
    with pytest.raises(sqlite3.IntegrityError):
        store.set_item_status("facebook:x", "maybe")  # not a status: CHECK constraint refuses it
    assert store.item_states() == {}
    store.set_item_status("facebook:x", LATER)  # the connection is still usable
    assert store.item_states()["facebook:x"].status == LATER


def test_migrates_an_old_store_keeping_data_and_a_backup(tmp_path):
    path = tmp_path / "socialsafe.db"
    make_v1(path)
    store = AuditStore.open(path)
    assert store.profile().names[0].text == "Robin Fixture"
    assert store.current_step() == "about"
    assert store.setting("ui.text_scale") == "1.30"
    assert store.next_check() == date(2026, 11, 1)
    store.set_item_status("facebook:past-posts", DONE)  # tables from version 2 work
    assert store.backup is not None
    backup = sqlite3.connect(store.backup)
    assert backup.execute("SELECT max(version) FROM schema_version").fetchone()[0] == 1
    assert "Robin Fixture" in backup.execute("SELECT data FROM profile").fetchone()[0]
    backup.close()
    store.close()
    fresh = tmp_path / "fresh.db"
    AuditStore.open(fresh).close()
    assert schema_of(path) == schema_of(fresh)  # migrating gives exactly the schema a new file gets


def make_version(path: Path, version: int) -> None:
    """A file exactly as SocialSafe left it at an earlier schema version (released migrations
    never change, so applying the first `version` of them is that file)."""
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, 0, version)
    conn.execute("INSERT INTO profile (id, data, updated_at) VALUES (1, '{\"names\": [{\"text\": \"Old Version\"}]}', 'x')")
    conn.close()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_every_earlier_version_migrates_to_the_head_schema_with_a_backup(tmp_path, version):
    path = tmp_path / "socialsafe.db"
    make_version(path, version)
    store = AuditStore.open(path)
    assert store.profile().names[0].text == "Old Version"
    assert store.backup is not None and f"from-v{version}" in store.backup.name
    store.close()
    fresh = tmp_path / "fresh.db"
    AuditStore.open(fresh).close()
    assert schema_of(path) == schema_of(fresh)


def test_refuses_a_store_from_a_newer_version_and_leaves_it_alone(tmp_path):
    path = tmp_path / "socialsafe.db"
    AuditStore.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (?, 'later')", (SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreTooNewError) as info:
        AuditStore.open(path)
    assert "newer version of SocialSafe" in str(info.value) and "has not been changed" in str(info.value)
    assert path.read_bytes() == before


@pytest.mark.parametrize("garbage", [b"this is not a database at all" * 100,
                                     b"SQLite format 3\x00" + b"\xff" * 4000, b""])
def test_a_corrupt_store_is_moved_aside_and_a_fresh_one_started(tmp_path, garbage):
    path = tmp_path / "socialsafe.db"
    path.write_bytes(garbage)
    store = AuditStore.open(path)
    if garbage == b"":
        # An empty file is what SQLite itself creates: a new store, nothing to move.
        assert store.moved_aside is None
        return
    assert store.moved_aside is not None and store.moved_aside.read_bytes() == garbage
    assert str(store.moved_aside) in store.notices[0] and "Nothing was deleted" in store.notices[0]
    assert store.profile() == Profile()


def test_a_damaged_page_is_detected_and_moved_aside(tmp_path):
    path = tmp_path / "socialsafe.db"
    store = AuditStore.open(path)
    for i in range(300):
        store.set_item_note(f"pack:item{i}", "x" * 200)
    store.close()
    data = bytearray(path.read_bytes()) if path.stat().st_size > 8192 else None
    if data is None:  # everything may still be in the write-ahead log; checkpoint first
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        data = bytearray(path.read_bytes())
    data[5000:9000] = b"\x13" * 4000
    path.write_bytes(bytes(data))
    store = AuditStore.open(path)
    assert store.moved_aside is not None
    assert store.item_states() == {}


def test_a_foreign_sqlite_file_is_not_mistaken_for_ours(tmp_path):
    path = tmp_path / "socialsafe.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.commit()
    conn.close()
    store = AuditStore.open(path)
    assert store.moved_aside is not None


def test_a_full_disk_is_a_clear_message_and_keeps_what_was_saved(tmp_path):
    store = AuditStore.open(tmp_path / "socialsafe.db")
    store.set_item_status("facebook:a", DONE)
    store.set_item_note("facebook:a", "kept")
    # SQLite's own "disk is full" (SQLITE_FULL): the file may not grow by a single page.
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreWriteError) as info:
        store.set_item_note("facebook:b", "x" * 200_000)
    assert "the disk is full" in str(info.value) and "Everything saved before it is safe" in str(info.value)
    assert not store._conn.in_transaction
    states = store.item_states()
    assert set(states) == {"facebook:a"}
    assert (states["facebook:a"].status, states["facebook:a"].note) == (DONE, "kept")
    store._conn.execute(f"PRAGMA max_page_count = {pages * 1000}")  # room again: it works
    store.set_item_note("facebook:b", "x" * 200_000)
    assert len(store.item_states()["facebook:b"].note) == 200_000


def test_a_store_that_cannot_be_opened_is_not_mistaken_for_a_damaged_one(tmp_path, monkeypatch):
    from socialsafe_desktop.store import StoreError, database

    path = tmp_path / "socialsafe.db"
    AuditStore.open(path).close()
    before = path.read_bytes()

    def cannot_open(*args, **kwargs):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(database, "connect", cannot_open)
    with pytest.raises(StoreError) as info:
        AuditStore.open(path)
    assert "can be written to" in str(info.value)
    assert path.read_bytes() == before and list(tmp_path.glob("*unreadable*")) == []


def test_a_store_from_before_re_checks_keeps_its_decisions_and_gains_what_a_re_check_needs(tmp_path):
    path = tmp_path / "socialsafe.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, 0, 3)  # the last version before re-checks and the evidence log
    conn.execute("INSERT INTO audits (started_at) VALUES ('2026-03-01T19:00:00')")
    conn.execute("INSERT INTO item_status (audit_id, pack_id, item_id, status, note, updated_at) "
                 "VALUES (1, 'facebook', 'past-posts', 'done', 'on my phone', '2026-03-01T19:20:00')")
    conn.close()
    store = AuditStore.open(path)
    assert store.backup is not None and "from-v3" in store.backup.name
    backup = sqlite3.connect(store.backup)
    assert backup.execute("SELECT max(version) FROM schema_version").fetchone()[0] == 3
    backup.close()
    state = store.item_states()["facebook:past-posts"]
    assert (state.status, state.note, state.recheck) == (DONE, "on my phone", "")
    assert store.known_items() is None  # it never recorded which items it showed
    assert store.evidence() == [] and store.last_activity().isoformat() == "2026-03-01T19:20:00"
    store.set_item_recheck("facebook:past-posts", "changed_back")  # the new column works
    assert store.item_states()["facebook:past-posts"].status == ""
    store.close()


def test_a_batch_of_findings_is_saved_whole_with_repeats_merged(tmp_path):
    """record_findings saves a run's answer in a few statements: pages new to the audit (one
    given twice in the batch is one page found by both searches), and pages seen before, which
    keep their decision and gain the new search."""
    store = AuditStore.open(tmp_path / "socialsafe.db")
    store.record_findings([Finding("https://example.org/old", "example.org/old", "Old", found_by=["name:sam"])])
    store.update_finding("example.org/old", decision="me_fine")
    many = [Finding(f"https://example.org/{n}", f"example.org/{n}", f"Page {n}", found_by=["handle:sam"])
            for n in range(120)]  # more than one INSERT's worth
    added = store.record_findings([
        *many,
        Finding("https://example.org/old", "example.org/old", "Old again", found_by=["handle:sam"]),
        Finding("https://example.org/7", "example.org/7", "Page 7 again", found_by=["email:sam"]),
    ])
    assert added == [f"example.org/{n}" for n in range(120)]
    saved = {f.normalised_url: f for f in store.findings()}
    assert len(saved) == 121
    assert saved["example.org/old"].found_by == ["name:sam", "handle:sam"]
    assert saved["example.org/old"].decision == "me_fine" and saved["example.org/old"].title == "Old"
    assert saved["example.org/7"].found_by == ["handle:sam", "email:sam"] and saved["example.org/7"].title == "Page 7"
    assert store.record_findings([]) == []
    store.close()
