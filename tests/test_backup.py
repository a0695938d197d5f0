"""Backup and move: the whole audit history in one file, optionally under a passphrase; a
restore that shows what it replaces, keeps it aside, and refuses plainly (changing nothing)
for a wrong passphrase, a file cut short, or a file from a newer version."""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from socialsafe_desktop.app import backup as bk
from socialsafe_desktop.app.backend import RealBackend
from socialsafe_desktop.app.session import AuditSession
from socialsafe_desktop.cli import main
from socialsafe_desktop.core.audit import CHANGED_BACK, DONE, LATER, ME_ACTION, Finding
from socialsafe_desktop.core.evidence import IMPERSONATION
from socialsafe_desktop.core.profile import PersonName, Profile
from socialsafe_desktop.core.queries import PlannedSearch
from socialsafe_desktop.paths import resolve_paths
from socialsafe_desktop.store import AuditStore, FolderLock
from socialsafe_desktop.store.migrations import SCHEMA_VERSION

PASSPHRASE = "correct horse battery staple"


def make_history(data_dir: Path) -> dict:
    """Two audits with decisions, notes, a re-check answer and an evidence file."""
    paths = resolve_paths(data_dir)
    paths.ensure()
    store = AuditStore.open(paths.database)
    session = AuditSession(store, RealBackend(lambda url: True))
    store.save_profile(Profile([PersonName("Casey Exampleton")], emails=["casey@example.org"]))
    store.set_platform("facebook", True)
    store.replace_plan([PlannedSearch("name:casey", "name", '"Casey Exampleton"')])
    store.update_search("name:casey", outcome="found_action", note="an old photo")
    store.set_item_status("facebook:past-posts", DONE)
    store.set_item_note("facebook:past-posts", "set on my phone")
    store.set_item_status("habits:disclaimer", LATER)
    store.record_findings([Finding("https://example.org/fake-casey", "https://example.org/fake-casey", "Fake Casey")])
    store.update_finding("https://example.org/fake-casey", decision=ME_ACTION, note="someone pretending to be me")
    item = session.evidence.keep("https://example.org/fake-casey", IMPERSONATION, "reported on Monday")
    shot = data_dir.parent / "screenshot.png"
    shot.write_bytes(os.urandom(4096))
    record = session.evidence.add_file(item.id, shot)
    session.recheck.start()
    store.set_item_recheck("facebook:past-posts", CHANGED_BACK)
    store.set_item_note("facebook:past-posts", "public again")
    session.close()
    return {"stored_name": record.stored_name, "bytes": shot.read_bytes()}


def everything(data_dir: Path) -> dict:
    """What the person would see: every audit, decision and note, and the evidence with its files."""
    store = AuditStore.open(resolve_paths(data_dir).database)
    try:
        audits = store.audits()
        return {
            "profile": store.profile().to_dict(),
            "audits": [(a.id, a.started_at, a.finished_at, a.next_check) for a in audits],
            "items": {a.id: {k: (s.status, s.note, s.recheck) for k, s in store.item_states(a.id).items()}
                      for a in audits},
            "findings": {a.id: [(f.url, f.decision, f.note) for f in store.findings(a.id)] for a in audits},
            "plans": {a.id: store.planned_searches(a.id) for a in audits},
            "evidence": [(e.url, e.kind, e.note, e.seen_utc, [(f.stored_name, f.sha256) for f in e.files])
                         for e in store.evidence()],
            "files": {p.name: p.read_bytes() for p in sorted((data_dir / "evidence").glob("*"))},
        }
    finally:
        store.close()


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run(args: list[str], monkeypatch, capsys, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("encrypted", [False, True])
def test_round_trip_brings_back_every_audit_decision_note_and_evidence_file(tmp_path, monkeypatch, capsys, encrypted):
    old = tmp_path / "old-laptop"
    made = make_history(old)
    before = everything(old)
    file = tmp_path / "move.socialsafe-backup"
    args = ["--data-dir", str(old), "backup", "--out", str(file)] + (["--encrypt"] if encrypted else [])
    code, out, err = run(args, monkeypatch, capsys, stdin=PASSPHRASE + "\n" if encrypted else "")
    assert code == 0, err
    assert "2 audits" in out and "1 evidence file" in out
    if encrypted:  # sealed: nothing of it is readable, and it needs the passphrase
        assert b"Casey" not in file.read_bytes() and bk.is_encrypted(file)
        with pytest.raises(bk.PassphraseNeeded):
            bk.read_backup(file)
    else:
        assert bk.read_backup(file).person == "Casey Exampleton"
    assert (file.stat().st_mode & 0o077) == 0

    new = tmp_path / "new-laptop"  # an empty data folder
    code, out, err = run(["--data-dir", str(new), "restore", str(file), "--yes"], monkeypatch, capsys,
                         stdin=PASSPHRASE + "\n" if encrypted else "")
    assert code == 0, err
    assert "nothing is replaced" in out
    after = everything(new)
    assert after == before
    assert after["files"][made["stored_name"]] == made["bytes"]
    assert after["items"][2]["facebook:past-posts"] == ("", "public again", CHANGED_BACK)


def test_a_restore_over_an_audit_keeps_it_aside_as_a_backup_that_can_itself_be_restored(tmp_path, monkeypatch, capsys):
    make_history(tmp_path / "a")
    file = tmp_path / "a.socialsafe-backup"
    assert run(["--data-dir", str(tmp_path / "a"), "backup", "--out", str(file)], monkeypatch, capsys)[0] == 0
    other = tmp_path / "b"
    paths = resolve_paths(other)
    paths.ensure()
    store = AuditStore.open(paths.database)
    store.save_profile(Profile([PersonName("Robin Other")]))
    store.close()
    mine = everything(other)

    code, out, _err = run(["--data-dir", str(other), "restore", str(file), "--yes"], monkeypatch, capsys)
    assert code == 0
    assert "1 audit" in out and "Robin Other" in out and "kept aside" in out
    [aside] = [p for p in other.iterdir() if p.name.startswith("socialsafe-replaced-")]
    assert str(aside) in out
    assert everything(other)["profile"]["names"][0]["text"] == "Casey Exampleton"
    # The replaced audit comes back from the file it was kept in.
    assert run(["--data-dir", str(tmp_path / "c"), "restore", str(aside), "--yes"], monkeypatch, capsys)[0] == 0
    assert everything(tmp_path / "c")["profile"] == mine["profile"]
    # forget removes what was kept aside too: it is SocialSafe's own file.
    assert aside in resolve_paths(other).own_files()


def one_sentence(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("socialsafe: ") and lines[0].endswith(".") and "Traceback" not in err
    return lines[0]


@pytest.fixture
def sealed(tmp_path, monkeypatch, capsys):
    make_history(tmp_path / "source")
    file = tmp_path / "sealed.socialsafe-backup"
    code, _out, err = run(["--data-dir", str(tmp_path / "source"), "backup", "--out", str(file), "--encrypt"],
                          monkeypatch, capsys, stdin=PASSPHRASE + "\n")
    assert code == 0, err
    target = tmp_path / "target"
    make_history(target)
    return file, target, tree(target)


def test_a_wrong_passphrase_says_so_and_changes_nothing(sealed, monkeypatch, capsys):
    file, target, before = sealed
    code, _out, err = run(["--data-dir", str(target), "restore", str(file), "--yes"], monkeypatch, capsys,
                          stdin="not the passphrase\n")
    assert code == 1
    assert "passphrase does not open this backup" in one_sentence(err)
    assert tree(target) == before


@pytest.mark.parametrize("cut", [0.5, 0.99, 10])
def test_a_file_cut_short_says_so_and_changes_nothing(sealed, tmp_path, monkeypatch, capsys, cut):
    file, target, before = sealed
    raw = file.read_bytes()
    short = tmp_path / "short.socialsafe-backup"
    short.write_bytes(raw[:int(len(raw) * cut)] if cut < 1 else raw[:cut])
    code, _out, err = run(["--data-dir", str(target), "restore", str(short), "--yes"], monkeypatch, capsys,
                          stdin=PASSPHRASE + "\n")
    assert code == 1
    assert "incomplete" in one_sentence(err) or "not a SocialSafe backup" in err
    assert tree(target) == before


def test_a_file_from_a_newer_version_says_so_and_changes_nothing(sealed, tmp_path, monkeypatch, capsys):
    file, target, before = sealed
    raw = file.read_bytes()
    first_line_end = raw.index(b"\n", len(bk.MAGIC))
    header = json.loads(raw[len(bk.MAGIC):first_line_end])
    header["format"] = bk.FORMAT + 1
    newer = tmp_path / "newer.socialsafe-backup"
    newer.write_bytes(bk.MAGIC + json.dumps(header).encode() + raw[first_line_end:])
    code, _out, err = run(["--data-dir", str(target), "restore", str(newer), "--yes"], monkeypatch, capsys,
                          stdin=PASSPHRASE + "\n")
    assert code == 1 and "newer version of SocialSafe" in one_sentence(err)
    assert tree(target) == before

    # The same inside: a store written by a newer SocialSafe (readable file, newer data version).
    contents = bk.read_backup(file, PASSPHRASE)
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(contents._payload)) as source, zipfile.ZipFile(buffer, "w") as out:
        for name in source.namelist():
            data = source.read(name)
            if name == bk.MANIFEST:
                manifest = json.loads(data)
                manifest["schema_version"] = SCHEMA_VERSION + 1
                data = json.dumps(manifest).encode()
            out.writestr(name, data)
    inner = tmp_path / "newer-inside.socialsafe-backup"
    inner.write_bytes(bk.seal(buffer.getvalue(), None))
    code, _out, err = run(["--data-dir", str(target), "restore", str(inner), "--yes"], monkeypatch, capsys)
    assert code == 1 and "newer version of SocialSafe" in one_sentence(err)
    assert tree(target) == before


def test_a_damaged_inside_is_refused_and_changes_nothing(tmp_path, monkeypatch, capsys):
    make_history(tmp_path / "source")
    file = tmp_path / "plain.socialsafe-backup"
    assert run(["--data-dir", str(tmp_path / "source"), "backup", "--out", str(file)], monkeypatch, capsys)[0] == 0
    raw = bytearray(file.read_bytes())
    raw[-200] ^= 0xFF  # one flipped byte in the zip
    bad = tmp_path / "bad.socialsafe-backup"
    bad.write_bytes(bytes(raw))
    target = tmp_path / "target"
    make_history(target)
    before = tree(target)
    code, _out, err = run(["--data-dir", str(target), "restore", str(bad), "--yes"], monkeypatch, capsys)
    assert code == 1 and "damaged" in one_sentence(err)
    assert tree(target) == before


def test_restore_waits_for_the_window_to_close_and_reads_the_passphrase_from_stdin_only(sealed, monkeypatch, capsys):
    file, target, _before = sealed
    with FolderLock.acquire(target):  # a window is open on that audit
        before = tree(target)  # with the lock file the window made
        code, _out, err = run(["--data-dir", str(target), "restore", str(file), "--yes"], monkeypatch, capsys,
                              stdin=PASSPHRASE + "\n")
    assert code == 1 and "Close that window" in one_sentence(err)
    assert tree(target) == before
    # Without --yes and without a terminal to ask on: nothing is changed.
    code, out, err = run(["--data-dir", str(target), "restore", str(file)], monkeypatch, capsys,
                         stdin=PASSPHRASE + "\n")
    assert code == 1 and "--yes" in one_sentence(err) and "It replaces" in out
    assert tree(target) == before
    # There is no option that takes a passphrase on the command line.
    with pytest.raises(SystemExit):
        main(["--data-dir", str(target), "restore", str(file), "--passphrase", PASSPHRASE])


def test_backup_refuses_to_overwrite_and_a_short_passphrase(tmp_path, monkeypatch, capsys):
    make_history(tmp_path / "d")
    existing = tmp_path / "exists.socialsafe-backup"
    existing.write_text("mine")
    code, _out, err = run(["--data-dir", str(tmp_path / "d"), "backup", "--out", str(existing)], monkeypatch, capsys)
    assert code == 1 and "already exists" in one_sentence(err) and existing.read_text() == "mine"
    code, _out, err = run(["--data-dir", str(tmp_path / "d"), "backup", "--out", str(tmp_path / "x"), "--encrypt"],
                          monkeypatch, capsys, stdin="short\n")
    assert code == 1 and "at least 8 characters" in one_sentence(err) and not (tmp_path / "x").exists()
