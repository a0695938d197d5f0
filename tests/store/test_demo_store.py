"""The demo's throwaway store: seeded from the persona, reset in one call, and never anywhere
near the person's real audit."""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from socialsafe_desktop.core.audit import DONE, ME_ACTION, Finding
from socialsafe_desktop.core.demo import load_persona
from socialsafe_desktop.core.profile import PersonName, Profile
from socialsafe_desktop.core.queries import PlannedSearch
from socialsafe_desktop.paths import resolve_paths
from socialsafe_desktop.store import AuditStore
from socialsafe_desktop.store.demo import DEMO_DB_NAME, SEEDED_SETTING, prepare_demo_store
from socialsafe_desktop.store.lock import LOCK_NAME

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
TODAY = date(2025, 1, 31)


@pytest.fixture(scope="module")
def persona():
    return load_persona(RESOURCES)


@pytest.fixture
def paths(tmp_path):
    paths = resolve_paths(tmp_path / "data")
    paths.ensure()
    return paths


def snapshot(store: AuditStore) -> dict:
    """Everything the wizard shows, without timestamps."""
    return {
        "audits": len(store.audits()),
        "profile": store.profile().to_dict(),
        "platforms": store.platform_choices(),
        "items": {k: (s.status, s.note) for k, s in store.item_states().items()},
        "plan": store.planned_searches(),
        "findings": [(f.url, f.normalised_url, f.title, f.snippet, f.platform, f.found_by,
                      f.decision, f.action, f.note) for f in store.findings()],
        "next_check": store.next_check(),
        "step": store.current_step(),
    }


def tree(directory: Path, skip: Path | None = None) -> dict[str, tuple[str, int]]:
    """Every file under directory with its content hash and modification time."""
    found = {}
    for root, dirs, files in os.walk(directory):
        if skip is not None:
            dirs[:] = [d for d in dirs if Path(root, d) != skip]
        for name in files:
            path = Path(root, name)
            found[str(path.relative_to(directory))] = (
                hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    return found


def test_seeding_gives_the_persona_audit(paths, persona):
    store = prepare_demo_store(paths.demo_dir, persona, today=TODAY)
    try:
        assert store.path == paths.demo_dir / DEMO_DB_NAME
        assert store.profile() == persona.profile
        assert store.platform_choices() == {p: (True, "person") for p in persona.platforms}
        assert {k: (s.status, s.note) for k, s in store.item_states().items()} == persona.item_statuses
        plan = store.planned_searches()
        assert [(r.id, r.kind, r.text, r.enabled, r.browser_only)
                for r in plan] == [(s.id, s.kind, s.text, s.enabled, s.browser_only) for s in persona.searches]
        findings = store.findings()
        assert [f.normalised_url for f in findings] == [f.normalised_url for f in persona.findings]
        for got, want in zip(findings, persona.findings, strict=True):
            assert (got.url, got.title, got.snippet, got.platform, got.found_by) == \
                (want.url, want.title, want.snippet, want.platform, want.found_by)
            assert (got.decision, got.action, got.note) == (want.decision, want.action, want.note)
        assert sum(f.needs_action for f in findings) == 2
        assert store.next_check() == date(2025, 4, 30)  # three months on, clamped to April
        assert store.setting(SEEDED_SETTING) == persona.fingerprint
        assert store.current_step() == "welcome"
        # The check before, four months earlier, so a trainer can show What changed.
        previous, current = store.audits()
        assert store.previous_audit_id() == previous.id and previous.finished_at is not None
        assert previous.started_at.date() == date(2024, 9, 30) and current.started_at.date() <= TODAY
        assert {k: (s.status, s.note) for k, s in store.item_states(previous.id).items()} == \
            persona.previous.item_statuses
        assert [(f.normalised_url, f.decision) for f in store.findings(previous.id)] == \
            [(f.normalised_url, f.decision) for f in persona.previous.findings]
        assert {k: s.recheck for k, s in store.item_states().items() if s.recheck} == persona.item_rechecks
        assert store.last_activity(previous.id) - previous.started_at == timedelta(minutes=persona.previous.minutes)
    finally:
        store.close()


def test_reopening_keeps_what_the_trainer_did(paths, persona):
    store = prepare_demo_store(paths.demo_dir, persona, today=TODAY)
    store.update_finding(persona.findings[1].normalised_url, decision=ME_ACTION, action="change_privacy")
    store.close()

    again = prepare_demo_store(paths.demo_dir, persona, today=date(2030, 1, 1))
    try:
        assert again.findings()[1].decision == ME_ACTION
        assert again.next_check() == date(2025, 4, 30)  # not seeded a second time
    finally:
        again.close()


def test_reset_puts_the_demo_back_and_keeps_the_text_size(paths, persona):
    store = prepare_demo_store(paths.demo_dir, persona, today=TODAY)
    start = snapshot(store)
    # A trainer's session: every kind of change the wizard can make.
    store.save_profile(Profile([PersonName("Someone Typed This")]))
    store.set_platform("tiktok", True)
    store.set_platform("x", False)
    store.set_item_status("facebook:friends-list", DONE)
    store.set_item_note("habits:disclaimer", "changed")
    store.replace_plan([PlannedSearch("custom:x", "custom", "x")])
    store.record_findings([Finding("https://new.example/", "https://new.example")])
    store.update_finding(persona.findings[0].normalised_url, decision="", note="")
    store.set_next_check(date(2031, 1, 1))
    store.set_current_step("plan")
    store.set_setting("ui.text_scale", "1.75")
    store.set_setting("search.provider", "brave")
    store.start_new_audit()
    assert snapshot(store) != start
    store.close()

    fresh = prepare_demo_store(paths.demo_dir, persona, reset=True, today=TODAY)
    try:
        assert snapshot(fresh) == start
        assert fresh.setting("ui.text_scale") == "1.75"
        assert fresh.setting("search.provider") is None
    finally:
        fresh.close()


def test_the_real_audit_is_never_touched(paths, persona):
    real = AuditStore.open(paths.database)
    real.save_profile(Profile([PersonName("Real Person")], emails=["real@example.org"]))
    real.set_setting("ui.text_scale", "1.25")
    real.close()
    before = tree(paths.data_dir)

    store = prepare_demo_store(paths.demo_dir, persona)
    store.update_finding(persona.findings[2].normalised_url, decision="not_me")
    store.close()
    prepare_demo_store(paths.demo_dir, persona, reset=True).close()
    prepare_demo_store(paths.demo_dir, persona).close()

    assert tree(paths.data_dir, skip=paths.demo_dir) == before
    assert set(os.listdir(paths.demo_dir)) <= {DEMO_DB_NAME, DEMO_DB_NAME + "-wal", DEMO_DB_NAME + "-shm", LOCK_NAME}
    reopened = AuditStore.open(paths.database)
    try:
        assert reopened.profile().display_name == "Real Person" and reopened.findings() == []
    finally:
        reopened.close()


def test_reset_deletes_only_demo_files_in_the_demo_folder(paths, persona):
    prepare_demo_store(paths.demo_dir, persona).close()
    keep = [paths.demo_dir / "socialsafe.db", paths.demo_dir / "notes.txt", paths.demo_dir / "socialsafe-demo.dbx"]
    for path in keep:
        path.write_text("not the demo's")
    leftover = paths.demo_dir / f"{DEMO_DB_NAME}.unreadable-20250101-000000-000000"
    leftover.write_text("set aside earlier")

    prepare_demo_store(paths.demo_dir, persona, reset=True).close()

    assert all(p.read_text() == "not the demo's" for p in keep)
    assert not leftover.exists()


def test_an_unreadable_demo_file_is_replaced(paths, persona):
    paths.demo_dir.mkdir()
    (paths.demo_dir / DEMO_DB_NAME).write_bytes(b"this is not sqlite" * 100)
    store = prepare_demo_store(paths.demo_dir, persona)
    try:
        assert store.profile() == persona.profile and len(store.findings()) == len(persona.findings)
        assert store.notices == []  # the moved-aside copy was thrown away: nothing to tell
        assert sorted(os.listdir(paths.demo_dir))[0] == DEMO_DB_NAME
        assert not [n for n in os.listdir(paths.demo_dir) if "unreadable" in n]
    finally:
        store.close()


def test_half_seeded_or_outdated_demo_is_seeded_again(paths, persona):
    store = prepare_demo_store(paths.demo_dir, persona, today=TODAY)
    store.set_setting("ui.text_scale", "1.5")
    store.set_setting(SEEDED_SETTING, None)  # as if the power went mid-seed
    store.save_profile(Profile())
    store.close()
    store = prepare_demo_store(paths.demo_dir, persona, today=TODAY)
    assert store.profile() == persona.profile and store.setting("ui.text_scale") == "1.5"
    store.close()

    newer = replace(persona, fingerprint="0123456789abcdef")  # a new SocialSafe ships a new persona
    store = prepare_demo_store(paths.demo_dir, newer, today=TODAY)
    try:
        assert store.setting(SEEDED_SETTING) == "0123456789abcdef"
        assert store.setting("ui.text_scale") == "1.5"
    finally:
        store.close()


def test_a_link_in_place_of_the_demo_file_is_not_followed(paths, persona):
    real = AuditStore.open(paths.database)
    real.save_profile(Profile([PersonName("Real Person")]))
    real.close()
    before = tree(paths.data_dir)
    paths.demo_dir.mkdir()
    (paths.demo_dir / DEMO_DB_NAME).symlink_to(paths.database)

    store = prepare_demo_store(paths.demo_dir, persona)
    try:
        assert not store.path.is_symlink() and store.profile() == persona.profile
    finally:
        store.close()
    assert tree(paths.data_dir, skip=paths.demo_dir) == before
