"""forget removes exactly SocialSafe's own files, wherever the folder really is, and nothing of
the person's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from socialsafe_desktop.cli import main
from socialsafe_desktop.core.profile import PersonName, Profile
from socialsafe_desktop.paths import resolve_paths
from socialsafe_desktop.store import AuditStore, FolderLock

STAMP = "20261121-101500-123456"
needs_symlinks = pytest.mark.skipif(sys.platform.startswith("win"), reason="symlinks need privileges on Windows")


def run_cli(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "socialsafe_desktop", *args], capture_output=True,
                          text=True, timeout=60, **kwargs)


def make_audit(data_dir: Path) -> None:
    paths = resolve_paths(data_dir)
    paths.ensure()
    store = AuditStore.open(paths.database)
    store.save_profile(Profile([PersonName("Casey Exampleton")]))
    store.close()
    (paths.log_dir / "socialsafe.log").write_text("started\n")


def everything_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@needs_symlinks
def test_a_data_folder_reached_through_a_link_is_really_emptied(tmp_path):
    real = tmp_path / "encrypted-volume" / "SocialSafe"
    real.mkdir(parents=True)
    link = tmp_path / "data"
    link.symlink_to(real, target_is_directory=True)
    make_audit(link)
    assert (real / "socialsafe.db").exists()

    result = run_cli("--data-dir", str(link), "forget", "--yes")
    assert result.returncode == 0, result.stderr
    assert "Done" in result.stdout
    assert everything_under(real) == set()  # the audit, its logs, its lock: all gone
    # The link and the folder it points to stay, so whatever set them up keeps working.
    assert link.is_symlink() and real.is_dir()
    again = run_cli("--data-dir", str(link), "forget", "--yes")
    assert "nothing to delete" in again.stdout


@needs_symlinks
def test_a_log_folder_reached_through_a_link_is_emptied_too(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    real_logs = tmp_path / "elsewhere-logs"
    real_logs.mkdir()
    (data / "logs").symlink_to(real_logs, target_is_directory=True)
    make_audit(data)
    (real_logs / "socialsafe.log.1").write_text("older\n")
    assert main(["--data-dir", str(data), "forget", "--yes"]) == 0
    assert list(real_logs.iterdir()) == []


def test_only_the_names_socialsafe_writes_are_deleted(tmp_path):
    data = tmp_path / "data"
    make_audit(data)
    paths = resolve_paths(data)
    ours = [f"socialsafe.db.unreadable-{STAMP}", f"socialsafe.db.unreadable-{STAMP}-wal",
            f"socialsafe.db.before-v2-from-v1-{STAMP}", "socialsafe.db-journal", "socialsafe.lock"]
    mine = ["socialsafe.db-my-notes.txt", "socialsafe.db.txt", "socialsafe.db.unreadable-copy-I-made",
            "socialsafe.dbx", "socialsafe.lock.txt", "Socialsafe.db notes.odt"]
    for name in ours + mine:
        (data / name).write_text("x")
    (paths.log_dir / "socialsafe.log.3").write_text("rotated")
    (paths.log_dir / "socialsafe.log-my-copy.txt").write_text("mine")
    (paths.demo_dir).mkdir()
    (paths.demo_dir / "socialsafe-demo.db").write_text("x")
    (paths.demo_dir / "socialsafe-demo.db-mine.txt").write_text("mine")

    assert main(["--data-dir", str(data), "forget", "--yes"]) == 0
    assert everything_under(data) == {*mine, "logs", "logs/socialsafe.log-my-copy.txt",
                                      "demo", "demo/socialsafe-demo.db-mine.txt"}


def test_a_file_that_is_a_link_is_removed_and_its_target_kept(tmp_path):
    if sys.platform.startswith("win"):
        pytest.skip("symlinks need privileges on Windows")
    data = tmp_path / "data"
    make_audit(data)
    precious = tmp_path / "thesis.odt"
    precious.write_text("years of work")
    (data / "socialsafe.db-wal").unlink(missing_ok=True)
    (data / "socialsafe.db-wal").symlink_to(precious)
    assert main(["--data-dir", str(data), "forget", "--yes"]) == 0
    assert precious.read_text() == "years of work"
    assert not data.exists()


def test_the_default_folders_go_including_the_empty_state_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("SOCIALSAFE_DATA_DIR")
    paths = resolve_paths()
    home = Path(os.environ["HOME"])
    assert home in paths.data_dir.parents and home in paths.log_dir.parents
    paths.ensure()
    AuditStore.open(paths.database).close()
    (paths.log_dir / "socialsafe.log").write_text("x")
    assert main(["forget", "--yes"]) == 0
    assert not paths.data_dir.exists() and not paths.log_dir.exists()
    if paths.log_dir.parent.name == "SocialSafe":  # Linux: ~/.local/state/SocialSafe/log
        assert not paths.log_dir.parent.exists()
        assert paths.log_dir.parent.parent.is_dir()  # ~/.local/state itself is not ours


def test_forget_with_no_files_still_removes_empty_folders_it_made(tmp_path):
    data = tmp_path / "data"
    resolve_paths(data).ensure()
    assert main(["--data-dir", str(data), "forget", "--yes"]) == 0
    assert not data.exists()


def test_forget_refuses_while_the_audit_is_held_and_deletes_nothing(tmp_path, capsys):
    data = tmp_path / "data"
    make_audit(data)
    held = FolderLock.acquire(data)  # what an open window holds
    before = everything_under(data)
    try:
        assert main(["--data-dir", str(data), "forget", "--yes"]) == 1
    finally:
        held.release()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Nothing was deleted" in err and str(data) in err
    assert everything_under(data) == before


def test_forget_takes_the_forgotten_accounts_with_the_audit(tmp_path):
    """The usernames checked, every site's answer and the person's answers live in the audit's
    database and nowhere else, so forget removes them with it."""
    import sqlite3

    from socialsafe_desktop.core.forgotten_accounts import FOUND, MINE, SiteOutcome

    data = tmp_path / "data"
    make_audit(data)
    paths = resolve_paths(data)
    store = AuditStore.open(paths.database)
    store.start_account_check("casey_example", ["social"], False)
    store.record_account_results([SiteOutcome("casey_example", "Old Forum", "social", FOUND, "", 200,
                                              "https://old-forum.example/u/casey_example")])
    store.update_account_hit("casey_example", "Old Forum", decision=MINE, note="from school")
    store.close()
    before = everything_under(data)
    assert {name for name in before if not name.startswith("logs")} <= {
        "socialsafe.db", "socialsafe.db-wal", "socialsafe.db-shm", "socialsafe.lock"}  # no other file
    conn = sqlite3.connect(paths.database)
    counts = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("account_checks", "account_results", "account_hits")]
    conn.close()
    assert counts == [1, 1, 1]

    assert main(["--data-dir", str(data), "forget", "--yes"]) == 0
    assert not data.exists()
