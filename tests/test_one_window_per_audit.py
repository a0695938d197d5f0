"""One SocialSafe per data folder: a real window in one process, the command line and a second
window start in another. The second is refused in one sentence; a window killed outright
leaves nothing stuck."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from socialsafe_desktop.core.profile import PersonName, Profile
from socialsafe_desktop.paths import resolve_paths
from socialsafe_desktop.store import AuditStore, DataFolderInUse, FolderLock
from socialsafe_desktop.store.lock import LOCK_NAME

WINDOW_START_BOUND = 90  # seconds; the window starts in a few


def run_cli(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "socialsafe_desktop", *args], capture_output=True,
                          text=True, timeout=60, **kwargs)


def wait_for(condition, bound: float, what: str) -> None:
    deadline = time.monotonic() + bound
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        threading.Event().wait(0.05)


def folder_is_locked(folder: Path) -> bool:
    try:
        FolderLock.acquire(folder).release()
    except DataFolderInUse:
        return True
    return False


def holds_lock(pid: int, folder: Path) -> bool:
    """Whether process `pid` holds the folder's lock, seen without touching it: a probe that took
    the lock, however briefly, could be what a starting window meets, and it would then wait on
    its "already open" message for ever. Linux's /proc/locks; elsewhere, the probe."""
    locks = Path("/proc/locks")
    if not locks.exists():
        return folder_is_locked(folder)
    try:
        inode = (folder / LOCK_NAME).stat().st_ino
    except FileNotFoundError:
        return False
    for line in locks.read_text().splitlines():
        fields = line.split()  # "1: POSIX ADVISORY WRITE <pid> <major>:<minor>:<inode> 0 EOF"
        if len(fields) > 5 and fields[4] == str(pid) and fields[5].rsplit(":", 1)[-1] == str(inode):
            return True
    return False


def start_window(data_dir: Path, *extra: str) -> subprocess.Popen:
    """The real app, offscreen, as a person would start it; returns once it holds its folder."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    proc = subprocess.Popen([sys.executable, "-m", "socialsafe_desktop", "--data-dir", str(data_dir), *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    folder = data_dir / "demo" if "--demo" in extra else data_dir
    wait_for(lambda: proc.poll() is not None or holds_lock(proc.pid, folder), WINDOW_START_BOUND, "the window")
    assert proc.poll() is None, proc.stderr.read().decode()
    return proc


def kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    proc.stderr.close()


def one_sentence(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_second_start_is_refused_and_a_killed_window_leaves_nothing_stuck(tmp_path):
    data = tmp_path / "data"
    paths = resolve_paths(data)
    paths.ensure()
    store = AuditStore.open(paths.database)
    store.save_profile(Profile([PersonName("Casey Exampleton")], emails=["casey@example.org"]))
    store.close()

    window = start_window(data)
    try:
        report = run_cli("--data-dir", str(data), "report", "--out", str(tmp_path / "r.html"))
        assert report.returncode == 1
        line = one_sentence(report.stderr)
        assert "already open" in line and str(data) in line
        assert not (tmp_path / "r.html").exists()

        forget = run_cli("--data-dir", str(data), "forget", "--yes")
        assert forget.returncode == 1
        line = one_sentence(forget.stderr)
        assert "Nothing was deleted" in line and str(data) in line
        assert paths.database.exists()

        with pytest.raises(DataFolderInUse, match="already open on the audit"):
            AuditStore.open(paths.database, exclusive=True)
    finally:
        kill(window)

    # The operating system dropped the lock with the process: the next start just works.
    again = AuditStore.open(paths.database, exclusive=True)
    try:
        assert again.profile().emails == ["casey@example.org"]
    finally:
        again.close()
    assert run_cli("--data-dir", str(data), "report", "--out", str(tmp_path / "r.html")).returncode == 0


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_the_demo_has_its_own_lock(tmp_path):
    data = tmp_path / "data"
    demo = start_window(data, "--demo")
    try:
        # The person's own audit is a different folder: it is not held by the demo.
        AuditStore.open(resolve_paths(data).database, exclusive=True).close()
        result = run_cli("--data-dir", str(data), "report", "--demo", "--out", str(tmp_path / "d.html"))
        assert result.returncode == 1
        assert "already open on the demo" in one_sentence(result.stderr)
        forget = run_cli("--data-dir", str(data), "forget", "--yes")
        assert forget.returncode == 1 and "open on the demo" in one_sentence(forget.stderr)
    finally:
        kill(demo)
    assert run_cli("--data-dir", str(data), "report", "--demo", "--out", str(tmp_path / "d.html")).returncode == 0


def test_the_lock_is_per_open_so_one_process_cannot_open_an_audit_twice(tmp_path):
    first = AuditStore.open(tmp_path / "socialsafe.db", exclusive=True)
    with pytest.raises(DataFolderInUse):
        AuditStore.open(tmp_path / "socialsafe.db", exclusive=True)
    first.close()
    AuditStore.open(tmp_path / "socialsafe.db", exclusive=True).close()


def test_a_failed_open_does_not_keep_the_folder_locked(tmp_path):
    path = tmp_path / "socialsafe.db"
    AuditStore.open(path).close()
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (999, 'future')")
    conn.commit()
    conn.close()
    with pytest.raises(Exception, match="newer version"):
        AuditStore.open(path, exclusive=True)
    assert not folder_is_locked(tmp_path)


@pytest.mark.skipif(sys.platform.startswith("win"), reason="symlinks need privileges on Windows")
def test_a_link_planted_as_the_lock_file_is_not_followed(tmp_path):
    elsewhere = tmp_path / "someone-elses-file"
    elsewhere.write_text("keep me")
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "socialsafe.lock").symlink_to(elsewhere)
    with pytest.raises(OSError):
        FolderLock.acquire(folder)
    assert elsewhere.read_text() == "keep me"


def test_the_window_says_in_one_message_which_folder_is_in_use(tmp_path, monkeypatch, qapp):
    from socialsafe_desktop.ui import app as app_module

    paths = resolve_paths(tmp_path / "data")
    holder = AuditStore.open(paths.database, exclusive=True)
    shown: list[str] = []
    monkeypatch.setattr(app_module, "plain_message", lambda parent, icon, title, text: shown.append(text))
    try:
        assert app_module.run_window(paths) == 1
    finally:
        holder.close()
    assert len(shown) == 1 and "already open on the audit" in shown[0] and str(paths.data_dir) in shown[0]
