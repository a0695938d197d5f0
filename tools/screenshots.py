"""Render every step of the wizard to PNG in docs/screenshots/ (offscreen, fictional data).

Usage: python tools/screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from socialsafe_desktop.core.profile import Handle, PersonName, Profile  # noqa: E402
from socialsafe_desktop.paths import resolve_paths  # noqa: E402
from socialsafe_desktop.ui.app import build_context  # noqa: E402
from socialsafe_desktop.ui.main_window import MainWindow  # noqa: E402

SAMPLE = Profile(
    names=[PersonName("Alex Example", "current"), PersonName("Alex Sample", "previous")],
    handles=[Handle("alex_example", "instagram"), Handle("alexe.teaches", "")],
    emails=["alex.example@example.org", "a.example@example.net"],
    employer="Northfield Example College", role="teacher", town="Exampleton",
)


def shoot(window: MainWindow, out: Path, name: str) -> Path:
    app = QApplication.instance()
    for _ in range(3):
        app.processEvents()
    path = out / f"{name}.png"
    window.grab().save(str(path))
    return path


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        paths = resolve_paths(tmp)
        paths.ensure()
        ctx = build_context(paths)
        ctx.store.save_profile(SAMPLE)
        for pack_id in ("facebook", "instagram", "linkedin"):
            ctx.store.set_platform(pack_id, True)
        for key, status in (("facebook:past-posts", "done"), ("facebook:future-posts", "done"),
                            ("instagram:private-account", "later")):
            if ctx.catalogue.item(key):
                ctx.store.set_item_status(key, status)
        window = MainWindow(ctx)
        window.resize(1200, 820)
        window.show()
        written = []
        for number, step in enumerate(window.flow.steps, start=1):
            window.flow.go_to(step.id)
            written.append(shoot(window, out, f"{number:02d}-{step.id}"))
        window.close()
        ctx.store.close()
    del app
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
