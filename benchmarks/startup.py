"""Start-up: launch to the first step painted, against a bare PySide6 window in the same run.

Each side is a fresh Python process, timed from spawn until its window's first paint, run
several times alternately; the medians are compared. Prints one JSON line.

Children may write and use bytecode caches (an installed app has them: pip and PyInstaller
compile at install time), so PYTHONDONTWRITEBYTECODE is cleared for them; the first, uncounted
run of each side writes the caches.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = 11

PAINT_WATCH = """
from PySide6.QtCore import QObject, QEvent, QTimer
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
"""

BARE = PAINT_WATCH + """
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
w = QLabel("Hello")
watch = FirstPaint(); w.installEventFilter(watch)
w.resize(1100, 760); w.show()
app.exec()
"""

APP = PAINT_WATCH + """
import sys
from PySide6.QtWidgets import QApplication
from socialsafe_desktop.paths import resolve_paths
from socialsafe_desktop.ui.app import build_context
from socialsafe_desktop.ui.main_window import MainWindow
app = QApplication([])
paths = resolve_paths(sys.argv[1]); paths.ensure()
ctx = build_context(paths)
w = MainWindow(ctx)
watch = FirstPaint(); w.current_page().installEventFilter(watch)
w.show()
app.exec()
ctx.session.close()
"""


def time_once(code: str, *args: str) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env)
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.wait(60)
    if line.strip() != "painted":
        raise SystemExit(f"benchmark child did not paint (exit {proc.returncode})")
    return elapsed


def main() -> None:
    bare, app = [], []
    with tempfile.TemporaryDirectory() as data:
        time_once(BARE)  # first runs write bytecode caches and create the database; not counted
        time_once(APP, data)
        for _ in range(RUNS):
            bare.append(time_once(BARE))
            app.append(time_once(APP, data))
    bare_ms, app_ms = statistics.median(bare) * 1000, statistics.median(app) * 1000
    print(json.dumps({"benchmark": "startup", "runs": RUNS, "app_first_step_painted_ms": round(app_ms, 1),
                      "bare_pyside6_window_ms": round(bare_ms, 1), "ratio": round(app_ms / bare_ms, 2),
                      "aim_ratio_at_most": 1.5}))


if __name__ == "__main__":
    main()
