"""Hand-written configuration files are read only when they are regular files of a sane size,
and every fault is one sentence; nothing here can hang or raise a traceback."""

import os
import threading
import time

import pytest

from socialsafe_desktop.core.configfile import (
    MAX_DEPTH,
    ConfigFileError,
    FileNotThere,
    parse_toml,
    read_config_bytes,
    read_toml_file,
)


def test_a_regular_file_is_read(tmp_path):
    path = tmp_path / "a.toml"
    path.write_bytes(b'\xef\xbb\xbfname = "x"\n')  # with a byte-order mark, as Notepad writes it
    assert read_toml_file(path) == {"name": "x"}


def test_a_missing_file_says_so(tmp_path):
    with pytest.raises(FileNotThere):
        read_config_bytes(tmp_path / "missing.toml")


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(ConfigFileError, match="^this is a folder, not a file$"):
        read_config_bytes(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_pipe_with_no_writer_is_refused_at_once(tmp_path):
    fifo = tmp_path / "policy.toml"
    os.mkfifo(fifo)
    outcome = []
    worker = threading.Thread(target=lambda: outcome.append(_error_of(fifo)), daemon=True)
    started = time.monotonic()
    worker.start()
    worker.join(5)
    assert not worker.is_alive(), "reading a FIFO hung"
    assert time.monotonic() - started < 5
    assert outcome == ["this is not a regular file (it is a pipe, a device or a socket), so it was not read"]


def test_a_device_is_refused():
    with pytest.raises(ConfigFileError, match="not a regular file"):
        read_config_bytes(os.devnull if os.name != "nt" else "NUL")


def test_a_file_over_the_cap_is_refused(tmp_path):
    path = tmp_path / "big.toml"
    path.write_bytes(b"#" * 2000)
    with pytest.raises(ConfigFileError, match="^the file is 2,000 bytes; the most is 1,000$"):
        read_config_bytes(path, max_bytes=1000)


def test_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "a.toml"
    path.write_bytes(b'a = 1\nb = "\xff"\n')
    with pytest.raises(ConfigFileError, match=r"^the file is not UTF-8 text \(first bad byte on line 2\)$"):
        read_toml_file(path)


def test_a_syntax_error_names_line_and_column():
    with pytest.raises(ConfigFileError, match="^TOML syntax error on line 2, column 5: "):
        parse_toml("a = 1\nb = = 2\n")


@pytest.mark.parametrize("text", [
    "a = " + "[" * 5000 + "]" * 5000,
    "a = " + "{b = " * 3000 + "1" + "}" * 3000,
    "x." * 2000 + "y = 1",
    "a = " + "[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2),
])
def test_deep_nesting_is_one_sentence_not_a_recursion_error(text):
    with pytest.raises(ConfigFileError, match=f"nested more than {MAX_DEPTH} deep"):
        parse_toml(text)


def _error_of(path):
    try:
        read_config_bytes(path)
    except ConfigFileError as exc:
        return str(exc)
    return None
