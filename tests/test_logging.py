import logging
import os
import subprocess
import sys

import pytest

from socialsafe_desktop.core.profile import Handle, PersonName, Profile
from socialsafe_desktop.logging_setup import close_logging, redactor, setup_logging


def test_log_file_never_holds_names_emails_or_handles(tmp_path):
    path = setup_logging(tmp_path / "logs")
    profile = Profile([PersonName("Morgan Testcase")], [Handle("mtest_99", "x")], ["morgan@example.org"])
    redactor.set_private_strings(profile.private_strings())
    log = logging.getLogger("socialsafe.test")
    log.info("saved profile for Morgan Testcase (%s)", "morgan@example.org")
    log.warning("handle mtest_99 and @someone_else and other.person@example.net")
    try:
        raise ValueError("bad value for Testcase")
    except ValueError:
        log.exception("failed")
    close_logging()
    text = path.read_text()
    for secret in ("Morgan", "Testcase", "morgan@example.org", "mtest_99", "@someone_else",
                   "other.person@example.net"):
        assert secret not in text
    assert text.count("[redacted]") >= 6
    assert "ValueError" in text and "saved profile for" in text
    assert (path.stat().st_mode & 0o777) == 0o600


FLOOD_CHILD = r"""
import io, logging, sys
from pathlib import Path
from socialsafe_desktop.logging_setup import setup_logging

setup_logging(Path(sys.argv[1]))
handler = logging.getLogger("socialsafe").handlers[0]
log = logging.getLogger("socialsafe.test")
good = handler.stream
for episode in range(2):
    handler.stream = open("/dev/full", "w", encoding="utf-8")  # every write: no space left
    for n in range(500):
        log.info("record %d of a full disk", n)
    handler.stream = good  # space again
    log.info("back after episode %d", episode)
"""


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_is_one_line_per_episode_not_a_flood(tmp_path):
    result = subprocess.run([sys.executable, "-c", FLOOD_CHILD, str(tmp_path / "logs")], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, result.stderr  # one per episode, 1,000 failed records in all
    assert all("could not write to its log file" in line and "No space left" in line for line in lines)
    assert "Traceback" not in result.stderr
    text = (tmp_path / "logs" / "socialsafe.log").read_text()
    assert "back after episode 0" in text and "back after episode 1" in text
