"""Faults the command line and the window used to meet in silence: a damaged audit under
'report' and 'policy show', a data folder other accounts control, a report written over a
pipe or a device, and addresses that are not what they look like."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from socialsafe_desktop.core.filemodes import CHECKED
from socialsafe_desktop.core.profile import PersonName, Profile
from socialsafe_desktop.paths import resolve_paths
from socialsafe_desktop.store import AuditStore

posix_only = pytest.mark.skipif(not CHECKED, reason="POSIX permissions")
as_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                             reason="giving a folder to another account needs root (CI runs as root)")
OTHER_UID = 54321


def run_cli(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "socialsafe_desktop", *args], capture_output=True,
                          text=True, timeout=60, **kwargs)


def one_sentence(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


def listing(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else b"<dir>") for p in sorted(folder.rglob("*"))}


@pytest.fixture
def damaged(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / "socialsafe.db").write_bytes(b"this was an audit once" * 200)
    os.chmod(data / "socialsafe.db", 0o600)
    return data


# --- a damaged audit ---------------------------------------------------------------------


def test_report_on_a_damaged_audit_says_so_writes_no_report_and_changes_nothing(tmp_path, damaged):
    before = listing(damaged)
    result = run_cli("--data-dir", str(damaged), "report", "--out", str(tmp_path / "r.html"))
    assert result.returncode == 1
    line = one_sentence(result.stderr)
    assert "No report was made" in line and "could not be read" in line and str(damaged / "socialsafe.db") in line
    assert not (tmp_path / "r.html").exists() and not (tmp_path / "r.ics").exists()
    before_lock = {k: v for k, v in listing(damaged).items() if k != "socialsafe.lock"}
    assert before_lock == before


def test_policy_show_on_a_damaged_audit_touches_nothing_and_says_so(damaged):
    before = listing(damaged)
    result = run_cli("--data-dir", str(damaged), "policy", "show")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert any(line.startswith("Your own settings: not read") and "left exactly as it is" in line
               for line in result.stdout.splitlines())
    assert listing(damaged) == before


def test_policy_show_reads_the_persons_settings_without_changing_the_folder(tmp_path):
    data = tmp_path / "data"
    paths = resolve_paths(data)
    paths.ensure()
    store = AuditStore.open(paths.database)
    store.set_setting("audit.recheck_months", "7")
    store.close()
    before = listing(data)
    result = run_cli("--data-dir", str(data), "policy", "show")
    assert result.returncode == 0
    assert any("audit.recheck_months" in line and "7" in line and "[user]" in line for line in result.stdout.splitlines())
    assert f"Your own settings: read from {paths.database} without changing it" in result.stdout
    assert listing(data) == before


def test_policy_show_on_an_audit_from_a_newer_version_leaves_it_alone(tmp_path):
    import sqlite3

    data = tmp_path / "data"
    paths = resolve_paths(data)
    paths.ensure()
    AuditStore.open(paths.database).close()
    conn = sqlite3.connect(paths.database)
    conn.execute("INSERT INTO schema_version VALUES (99, 'future')")
    conn.commit()
    conn.close()
    before = listing(data)
    result = run_cli("--data-dir", str(data), "policy", "show")
    assert result.returncode == 0 and "newer version" in result.stdout
    assert listing(data) == before


# --- a data folder other accounts control -------------------------------------------------


@posix_only
def test_a_data_folder_inside_a_folder_anyone_can_change_is_refused(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)  # world-writable, no sticky bit: anyone may swap our folder
    result = run_cli("--data-dir", str(shared / "me"), "report", "--demo", "--out", str(tmp_path / "r.html"))
    assert result.returncode == 1
    line = one_sentence(result.stderr)
    assert "will not keep your audit" in line and str(shared) in line
    assert list(shared.iterdir()) == []  # nothing was created in there


@posix_only
def test_a_sticky_world_writable_folder_like_tmp_is_fine(tmp_path):
    shared = tmp_path / "like-tmp"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    result = run_cli("--data-dir", str(shared / "me"), "report", "--demo", "--out", str(tmp_path / "r.html"))
    assert result.returncode == 0, result.stderr


@posix_only
@as_root
@pytest.mark.parametrize("mode", [0o777, 0o755])
def test_a_data_folder_inside_another_accounts_folder_is_refused(tmp_path, mode):
    theirs = tmp_path / "x"
    theirs.mkdir()
    os.chown(theirs, OTHER_UID, OTHER_UID)
    os.chmod(theirs, mode)
    result = run_cli("--data-dir", str(theirs / "socialsafe"), "report", "--demo", "--out", str(tmp_path / "r.html"))
    assert result.returncode == 1
    assert "belongs to another account" in one_sentence(result.stderr)


@posix_only
@as_root
def test_a_log_file_owned_by_another_account_is_refused(tmp_path):
    # Not in the list: the same fault in the log folder rather than the store.
    data = tmp_path / "data"
    paths = resolve_paths(data)
    paths.ensure()
    (paths.log_dir / "socialsafe.log").write_text("")
    os.chown(paths.log_dir / "socialsafe.log", OTHER_UID, OTHER_UID)
    result = run_cli("--data-dir", str(data), "report", "--demo", "--out", str(tmp_path / "r.html"))
    assert result.returncode == 1
    line = one_sentence(result.stderr)
    assert "belongs to another account" in line and "socialsafe.log" in line


@posix_only
def test_loose_permissions_are_tightened_and_said_once(tmp_path):
    data = tmp_path / "data"
    paths = resolve_paths(data)
    paths.ensure()
    AuditStore.open(paths.database).close()
    (paths.log_dir / "socialsafe.log.1").write_text("old log")
    os.chmod(data, 0o755)
    os.chmod(paths.database, 0o644)
    os.chmod(paths.log_dir / "socialsafe.log.1", 0o644)
    result = run_cli("--data-dir", str(data), "report", "--demo", "--out", str(tmp_path / "r.html"))
    assert result.returncode == 0
    assert "they are now private to you" in result.stderr
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE(paths.database.stat().st_mode) == 0o600
    assert stat.S_IMODE((paths.log_dir / "socialsafe.log.1").stat().st_mode) == 0o600
    again = run_cli("--data-dir", str(data), "report", "--demo", "--out", str(tmp_path / "r.html"))
    assert "private" not in again.stderr


@posix_only
def test_the_window_refuses_an_unsafe_folder_with_one_message(tmp_path, monkeypatch, qapp):
    from socialsafe_desktop.ui import app as app_module

    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    shown: list[str] = []
    monkeypatch.setattr(app_module, "plain_message", lambda parent, icon, title, text: shown.append(text))
    assert app_module.run_window(resolve_paths(shared / "me")) == 1
    assert len(shown) == 1 and "anyone on this computer can change" in shown[0]
    assert list(shared.iterdir()) == []


@posix_only
def test_the_window_tells_the_person_when_it_made_files_private(tmp_path):
    from socialsafe_desktop.ui.app import build_context

    paths = resolve_paths(tmp_path / "data")
    paths.ensure()
    store = AuditStore.open(paths.database)
    store.save_profile(Profile([PersonName("Casey Exampleton")]))
    store.close()
    os.chmod(paths.database, 0o604)
    ctx = build_context(paths, notices=paths.ensure())
    try:
        assert sum("now private to you" in n for n in ctx.notices) == 1
    finally:
        ctx.session.close()


# --- report --out onto something that is not a file -----------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_report_out_onto_a_pipe_is_refused_and_the_pipe_kept(tmp_path):
    pipe = tmp_path / "report.html"
    os.mkfifo(pipe)
    result = run_cli("--data-dir", str(tmp_path / "data"), "report", "--demo", "--out", str(pipe))
    assert result.returncode == 1
    assert "not an ordinary file" in one_sentence(result.stderr)
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_pipe_where_the_calendar_file_goes_is_refused_too(tmp_path):
    os.mkfifo(tmp_path / "report.ics")
    result = run_cli("--data-dir", str(tmp_path / "data"), "report", "--demo", "--out", str(tmp_path / "report.html"))
    assert result.returncode == 1 and "report.ics" in one_sentence(result.stderr)
    assert stat.S_ISFIFO(os.stat(tmp_path / "report.ics").st_mode)
    assert not (tmp_path / "report.html").exists()


@as_root
def test_report_out_onto_a_device_is_refused(tmp_path):
    device = tmp_path / "null-device"
    os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # a private copy of /dev/null's node
    result = run_cli("--data-dir", str(tmp_path / "data"), "report", "--demo", "--out", str(device))
    assert result.returncode == 1 and "not an ordinary file" in one_sentence(result.stderr)
    assert stat.S_ISCHR(os.stat(device).st_mode)


@pytest.mark.skipif(sys.platform.startswith("win"), reason="symlinks need privileges on Windows")
def test_a_link_to_a_pipe_is_refused_as_the_pipe_is(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    (tmp_path / "r.html").symlink_to(pipe)
    result = run_cli("--data-dir", str(tmp_path / "data"), "report", "--demo", "--out", str(tmp_path / "r.html"))
    assert result.returncode == 1 and "not an ordinary file" in one_sentence(result.stderr)
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)


# --- addresses that are not what they look like ---------------------------------------------


DISGUISED = "https://good.example@evil.example/"


def test_a_disguised_address_in_the_policy_is_a_problem_not_a_link(tmp_path):
    from socialsafe_desktop.core.policy import load_policy

    policy = tmp_path / "policy.toml"
    policy.write_text(f'[organisation]\nname = "Example Trust"\npolicy_url = "{DISGUISED}"\n'
                      f'[[organisation.contacts]]\nrole = "IT"\nname = "Service desk"\ncontact = "{DISGUISED}"\n'
                      '[[organisation.contacts]]\nrole = "HR"\nname = "People team"\ncontact = "hr@example.org"\n'
                      '[[organisation.contacts]]\nrole = "Web"\nname = "Intranet"\ncontact = "javascript://example.org/%0Aalert(1)"\n')
    loaded = load_policy(policy)
    assert "organisation.policy_url" not in loaded.values
    assert loaded.values["organisation.contacts"] == [("HR", "People team", "hr@example.org")]
    assert sum("contact 1" in p and "good.example@evil.example" in p for p in loaded.problems) == 1
    assert sum("contact 3" in p for p in loaded.problems) == 1  # not in the issue: a script address
    shown = run_cli("policy", "show", env={**os.environ, "SOCIALSAFE_POLICY": str(policy)})
    settings_lines = [line for line in shown.stdout.splitlines() if line.startswith("organisation.")]
    assert not any("evil.example" in line for line in settings_lines)


def test_a_disguised_settings_address_in_a_checklist_pack_is_a_problem(tmp_path):
    pack = tmp_path / "mine.toml"
    pack.write_text('id = "mine"\nname = "Mine"\nkind = "platform"\norganisation = "Example"\ndomains = ["good.example"]\n'
                    'last_reviewed = 2026-01-01\nsources = ["https://good.example/help"]\n'
                    f'[[items]]\nid = "a"\ntitle = "A"\nwhy = "W"\nsteps = ["s"]\nsettings_url = "{DISGUISED}"\n'
                    'recommended = "On"\npriority = "essential"\nminutes = 2\n')
    result = run_cli("checklists", "validate", str(pack))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and ":settings_url:" in lines[0] and "evil.example" in lines[0]
