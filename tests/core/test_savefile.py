"""Saving a file the person asked for: ordinary files or new names only, all in one go."""

from __future__ import annotations

import errno
import os
import sys

import pytest

from socialsafe_desktop.core import savefile
from socialsafe_desktop.core.savefile import SaveError, save_files, save_text


@pytest.fixture
def folder(tmp_path):
    made = tmp_path / "out"  # tmp_path also holds the tests' home folder
    made.mkdir()
    return made


def test_text_is_saved_as_utf8_and_private(folder) -> None:
    out = save_text(folder / "letter.txt", "Dear Sir or Madam,\nÉlodie\n", "the letter")
    assert out.read_bytes() == "Dear Sir or Madam,\nÉlodie\n".encode()
    if os.name == "posix":
        assert out.stat().st_mode & 0o077 == 0
    assert [p.name for p in folder.iterdir()] == ["letter.txt"]  # no temporary file left


def test_an_earlier_file_is_replaced(folder) -> None:
    out = folder / "letter.txt"
    out.write_text("old")
    save_text(out, "new", "the letter")
    assert out.read_text() == "new"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only")
def test_a_pipe_is_never_written_to(folder) -> None:
    pipe = folder / "letter.txt"
    os.mkfifo(pipe)
    with pytest.raises(SaveError) as caught:
        save_text(pipe, "secret", "the letter")
    assert str(caught.value) == (f"Could not save the letter because {pipe} is not an ordinary file "
                                 "(it is a pipe, a device or a socket): choose another file name.")
    assert [p.name for p in folder.iterdir()] == ["letter.txt"]


def test_a_folder_and_a_missing_folder_are_one_sentence_each(folder) -> None:
    with pytest.raises(SaveError, match=r"^Could not save the letter because .* is a folder\.$"):
        save_text(folder, "x", "the letter")
    with pytest.raises(SaveError, match=r"^Could not save the letter because the folder .*nowhere does not exist\.$"):
        save_text(folder / "nowhere" / "letter.txt", "x", "the letter")


def test_nothing_is_moved_into_place_until_every_file_is_written(folder, monkeypatch) -> None:
    first, second = folder / "a.txt", folder / "b.txt"
    first.write_text("earlier a")
    real_write = os.write
    made = []
    real_mkstemp = savefile.tempfile.mkstemp

    def counting_mkstemp(*args, **kwargs):
        made.append(kwargs["prefix"])
        return real_mkstemp(*args, **kwargs)

    def full_on_second_file(fd, data):
        if len(made) >= 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(savefile.tempfile, "mkstemp", counting_mkstemp)
    monkeypatch.setattr(savefile.os, "write", full_on_second_file)
    with pytest.raises(SaveError) as caught:
        save_files([(first, b"new a"), (second, b"new b")], "the files")
    assert str(caught.value) == "Could not save the files because the disk is full."
    assert first.read_text() == "earlier a"
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]


def test_symbolic_link_to_an_ordinary_file_is_followed_not_refused(folder) -> None:
    if sys.platform == "win32":
        pytest.skip("symbolic links need extra rights on Windows")
    real = folder / "real.txt"
    real.write_text("old")
    link = folder / "link.txt"
    link.symlink_to(real)
    save_text(link, "new", "the letter")
    # The link is replaced by the new file (rename replaces the name, not its target).
    assert link.read_text() == "new" and not link.is_symlink()
