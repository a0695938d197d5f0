"""Saving: both files written atomically, and every failure is one plain sentence."""

from __future__ import annotations

import errno
import os

import pytest

from socialsafe_desktop.core import savefile as savefile_module
from socialsafe_desktop.report import ReportError, render_ics, render_report, write_report


@pytest.fixture
def folder(tmp_path):
    # A folder of its own: tmp_path also holds the test's isolated home directory.
    path = tmp_path / "reports"
    path.mkdir()
    return path


def one_sentence(message: str) -> bool:
    return message.endswith(".") and "\n" not in message and message.count(". ") == 0


def test_writes_the_report_and_the_calendar_beside_it(alex, folder):
    html_path, ics_path = write_report(alex, folder / "my plan.html")
    assert html_path == folder / "my plan.html"
    assert ics_path == folder / "my plan.ics"
    assert html_path.read_text("utf-8") == render_report(alex, ics_name="my plan.ics")
    assert ics_path.read_bytes() == render_ics(alex).encode("utf-8")
    assert "my plan.ics" in html_path.read_text("utf-8")
    assert sorted(p.name for p in folder.iterdir()) == ["my plan.html", "my plan.ics"]


def test_saved_report_is_private_to_the_person(alex, folder):
    html_path, ics_path = write_report(alex, folder / "plan.html")
    if os.name == "posix":
        assert html_path.stat().st_mode & 0o077 == 0
        assert ics_path.stat().st_mode & 0o077 == 0


def test_write_report_can_redact(alex, folder):
    html_path, _ = write_report(alex, folder / "shared.html", redact=True)
    text = html_path.read_text("utf-8")
    assert "Name hidden" in text and "Alex" not in text


def test_overwrites_an_earlier_report(alex, folder):
    out = folder / "plan.html"
    out.write_text("old")
    write_report(alex, out)
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_missing_folder_is_one_sentence(alex, folder):
    with pytest.raises(ReportError) as caught:
        write_report(alex, folder / "nowhere" / "plan.html")
    message = str(caught.value)
    assert "does not exist" in message and "nowhere" in message and one_sentence(message)


def test_a_folder_as_the_output_is_refused(alex, folder):
    with pytest.raises(ReportError, match="is a folder"):
        write_report(alex, folder)


def test_an_ics_name_for_the_report_is_refused(alex, folder):
    with pytest.raises(ReportError, match=r"does not end in \.ics"):
        write_report(alex, folder / "plan.ics")


def test_permission_denied_is_one_sentence(alex, folder, monkeypatch):
    # Tests may run as root, where chmod does not stop writes: fail where the OS would.
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(savefile_module.tempfile, "mkstemp", refuse)
    with pytest.raises(ReportError) as caught:
        write_report(alex, folder / "plan.html")
    message = str(caught.value)
    assert "do not have permission" in message and one_sentence(message)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("fail_on_call", [1, 2, 3])
def test_full_disk_leaves_no_partial_file_and_keeps_the_old_report(alex, folder, monkeypatch, fail_on_call):
    out = folder / "plan.html"
    out.write_text("the earlier report")
    real_write = os.write
    calls = {"n": 0}

    def write_until_full(fd, data):
        calls["n"] += 1
        if calls["n"] >= fail_on_call:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data[:1000])  # short writes: the loop must carry on

    monkeypatch.setattr(savefile_module.os, "write", write_until_full)
    with pytest.raises(ReportError) as caught:
        write_report(alex, out)
    message = str(caught.value)
    assert message == "Could not save the report because the disk is full."
    assert sorted(p.name for p in folder.iterdir()) == ["plan.html"]
    assert out.read_text() == "the earlier report"


def test_failure_while_writing_the_calendar_undoes_everything(alex, folder, monkeypatch):
    real_write, real_mkstemp = os.write, savefile_module.tempfile.mkstemp
    made = []

    def counting_mkstemp(*args, **kwargs):
        made.append(kwargs.get("prefix", ""))
        return real_mkstemp(*args, **kwargs)

    def fail_on_second_file(fd, data):
        if len(made) >= 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(savefile_module.tempfile, "mkstemp", counting_mkstemp)
    monkeypatch.setattr(savefile_module.os, "write", fail_on_second_file)
    with pytest.raises(ReportError, match="disk is full"):
        write_report(alex, folder / "plan.html")
    assert made == [".plan.html.", ".plan.ics."]
    assert list(folder.iterdir()) == []


def test_failure_of_fsync_is_reported_and_cleaned_up(alex, folder, monkeypatch):
    def broken_fsync(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(savefile_module.os, "fsync", broken_fsync)
    with pytest.raises(ReportError) as caught:
        write_report(alex, folder / "plan.html")
    assert str(caught.value) == "Could not save the report because of a problem with the disk (input/output error)."
    assert list(folder.iterdir()) == []
