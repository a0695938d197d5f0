"""Kill a writer with SIGKILL at random moments; everything it reported as saved must be there."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from socialsafe_desktop.core.audit import DONE
from socialsafe_desktop.store import AuditStore

CHILD = Path(__file__).with_name("crash_child.py")
RUNS = 50


def run_and_kill(db: Path, run: int, rng: random.Random) -> list[int]:
    proc = subprocess.Popen([sys.executable, str(CHILD), str(db), str(run)], stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    saved: list[int] = []
    ready = threading.Event()

    def read():
        for line in proc.stdout:
            if line.startswith("ready"):
                ready.set()
            elif line.startswith("saved"):
                saved.append(int(line.split()[2]))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert ready.wait(20), "child did not start"
    threading.Event().wait(rng.uniform(0.0, 0.08))  # a random moment in the middle of writing
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    reader.join(10)
    return saved


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_every_reported_change_survives_sigkill(tmp_path):
    db = tmp_path / "socialsafe.db"
    rng = random.Random(20261121)
    reported: dict[int, list[int]] = {}
    for run in range(RUNS):
        reported[run] = run_and_kill(db, run, rng)
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()

    store = AuditStore.open(db)
    assert store.moved_aside is None
    states = store.item_states()
    last_profile = None
    for run, saved in reported.items():
        for i in saved:
            key = f"crash:run{run}-item{i}"
            if i % 3 == 0:
                assert states[key].status == DONE, key
            elif i % 3 == 1:
                assert states[key].note.startswith(f"note {run}-{i}"), key
            else:
                last_profile = f"Person {run}-{i}"
    # The profile holds the last reported save, or a later one that committed before the kill.
    name = store.profile().names[0].text
    last_run, last_i = map(int, name.split()[1].split("-"))
    expected_run, expected_i = map(int, last_profile.split()[1].split("-"))
    assert (last_run, last_i) >= (expected_run, expected_i)
    assert sum(len(s) for s in reported.values()) > RUNS  # the children really were writing
