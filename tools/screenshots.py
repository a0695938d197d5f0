"""Render every step of the wizard to PNG in docs/screenshots/ (offscreen, fictional data):
the normal window, the trainer demo at the larger text size, the demo on a projector (a
maximised window on a 1366x768 screen at the largest text, both tabs of Search yourself), and
the demo's report (through headless Chromium when it is installed). Then every step again in
Welsh, into OUT_DIR/cy/ (the window's words are Welsh once the catalogue is built with
`make translations`; the checklists' Welsh and the dates are Welsh already).

Usage: python tools/screenshots.py [OUT_DIR]
       python tools/screenshots.py --pseudo [DIR]   every step and tab in the pseudo-language
                                                    (default: a new temporary folder), to look for
                                                    layouts that break with longer text
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from socialsafe_desktop.app.report import export_report  # noqa: E402
from socialsafe_desktop.core import i18n  # noqa: E402
from socialsafe_desktop.core.audit import ME_ACTION, Finding  # noqa: E402
from socialsafe_desktop.core.forgotten_accounts import CLOSE, FOUND, MINE, NOT_FOUND, SiteOutcome  # noqa: E402
from socialsafe_desktop.core.profile import Handle, PersonName, Profile  # noqa: E402
from socialsafe_desktop.paths import resolve_paths  # noqa: E402
from socialsafe_desktop.ui import style  # noqa: E402
from socialsafe_desktop.ui.app import build_context, speaking  # noqa: E402
from socialsafe_desktop.ui.main_window import MainWindow  # noqa: E402

PROJECTOR = (1366, 768 - 28)  # a maximised window on a 1366x768 screen, less its title bar

SAMPLE = Profile(
    names=[PersonName("Alex Example", "current"), PersonName("Alex Sample", "previous")],
    handles=[Handle("alex_example", "instagram"), Handle("alexe.teaches", "")],
    emails=["alex.example@example.org", "a.example@example.net"],
    employer="Northfield Example College", role="teacher", town="Exampleton",
)
SAMPLE_FINDINGS = [
    Finding("https://www.instagram.com/alex_example/", "instagram.com/alex_example", "Alex (@alex_example)",
            "Photos and videos from a summer of festivals.", "instagram", ['name:"alex example"'], ME_ACTION,
            "change_privacy", "Old festival photos are public"),
    Finding("https://forum.example.net/t/bike-for-sale", "forum.example.net/t/bike-for-sale", "Bike for sale",
            "Contact a.example@example.net for details.", None, ['email:"a.example@example.net"']),
]


def settle(app: QApplication) -> None:
    for _ in range(20):
        app.processEvents()


# A check of the sample's username, as if it had run: a few sites answered, three have it.
SAMPLE_ACCOUNTS = [("Flickr", "images", FOUND, "https://www.flickr.com/photos/alex_example/"),
                   ("Last.fm", "music", FOUND, "https://www.last.fm/user/alex_example"),
                   ("MySpace", "social", FOUND, "https://myspace.com/alex_example"),
                   ("GitHub", "coding", NOT_FOUND, None)]


def wait_for_accounts(window: MainWindow, app: QApplication) -> None:
    """The Forgotten accounts step loads its site list off the GUI thread: wait for it."""
    page = window.current_page()
    if window.flow.current.id == "accounts":
        for _ in range(2000):
            if page.accounts is not None:
                break
            app.processEvents()
            time.sleep(0.005)
        settle(app)


def shoot_steps(window: MainWindow, out: Path, prefix: str, every_tab: bool = False, before=None) -> list[Path]:
    app = QApplication.instance()
    written = []
    for number, step in enumerate(window.flow.steps, start=1):
        window.flow.go_to(step.id)
        settle(app)
        wait_for_accounts(window, app)
        if before is not None:
            before(window, step.id)
            settle(app)
        path = out / f"{prefix}{number:02d}-{step.id}.png"
        window.grab().save(str(path))
        written.append(path)
        tabs = getattr(window.current_page(), "tabs", None)
        if every_tab and tabs is not None:
            for index in range(1, tabs.count()):
                tabs.setCurrentIndex(index)
                settle(app)
                path = out / f"{prefix}{number:02d}-{step.id}-tab{index + 1}.png"
                window.grab().save(str(path))
                written.append(path)
            tabs.setCurrentIndex(0)
    return written


def sample_window(tmp: str) -> MainWindow:
    paths = resolve_paths(Path(tmp) / "sample")
    paths.ensure()
    ctx = build_context(paths)
    session = ctx.session
    session.save_profile(SAMPLE)
    for pack_id in ("facebook", "instagram", "linkedin"):
        session.set_platform(pack_id, True)
    for key, status in (("facebook:past-posts", "done"), ("facebook:future-posts", "done"),
                        ("instagram:private-account", "later")):
        if ctx.catalogue.item(key):
            session.set_item_status(key, status)
    session.store.record_findings(SAMPLE_FINDINGS)
    session.findings.decide(SAMPLE_FINDINGS[0].normalised_url, ME_ACTION)
    session.findings.set_action(SAMPLE_FINDINGS[0].normalised_url, "change_privacy")
    session.findings.set_note(SAMPLE_FINDINGS[0].normalised_url, "Old festival photos are public")
    store = session.store
    store.start_account_check("alex_example", ["images", "music", "social", "coding"], False)
    store.record_account_results([SiteOutcome("alex_example", name, cat, outcome, "", 200, url, "")
                                  for name, cat, outcome, url in SAMPLE_ACCOUNTS])
    store.update_account_hit("alex_example", "Flickr", decision=MINE, plan=CLOSE)
    window = MainWindow(ctx)
    window.resize(1200, 820)
    window.show()
    return window


def demo_window(tmp: str) -> MainWindow:
    ctx = build_context(resolve_paths(Path(tmp) / "demo"), demo=True)
    window = MainWindow(ctx)
    window.resize(1366, 900)
    window.show()
    for _ in range(3):  # the larger text a trainer uses on a projector
        window.change_text_size(+1)
    return window


def projector_window(tmp: str) -> MainWindow:
    """The demo as a trainer shows it: maximised on a 1366x768 projector, text at its largest."""
    ctx = build_context(resolve_paths(Path(tmp) / "projector"), demo=True)
    window = MainWindow(ctx)
    window.resize(*PROJECTOR)
    window.show()
    window.apply_text_scale(style.MAX_SCALE)
    return window


def run_demo_check(window: MainWindow, step_id: str) -> None:
    """On the demo's Forgotten accounts step, check one username (stored pages: a few seconds)
    and say the photo site is the person's, to close."""
    if step_id != "accounts":
        return
    app = QApplication.instance()
    page = window.current_page()
    page.username_box.setCurrentIndex(page.username_box.findData("jsample_example"))
    page.start_check()
    while page.bridge.is_running:
        app.processEvents()
        time.sleep(0.005)
    settle(app)
    card = page.choose_account("jsample_example", "Flickr")
    settle(app)
    card.choices.buttons[MINE].click()
    card.plans.buttons[CLOSE].click()
    settle(app)
    page.ensureWidgetVisible(page.hits_card)


def report_screenshot(window: MainWindow, out: Path, tmp: str) -> Path | None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    html, _ics = export_report(window.ctx.session, Path(tmp) / "sample-report.html")
    if not chromium:
        print("chromium not found: report screenshot skipped", file=sys.stderr)
        return None
    target = out / "report.png"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                    f"--user-data-dir={Path(tmp) / 'chromium'}", "--window-size=1100,2600",
                    f"--screenshot={target}", html.as_uri()],
                   check=True, capture_output=True, timeout=120)
    return target


def shoot_language(language: str, out: Path, tmp: str, every_tab: bool = True, report: bool = False) -> list[Path]:
    """Every step (and tab) of a real audit and of the demo, in one language; with `report`,
    the demo's report too."""
    out.mkdir(parents=True, exist_ok=True)
    data = str(Path(tmp) / language)
    written = []
    with speaking(language):
        window = sample_window(data)
        written += shoot_steps(window, out, "", every_tab=every_tab)
        window.close()
        window.ctx.session.close()
        demo = demo_window(data)
        written += shoot_steps(demo, out, "demo-", before=run_demo_check, every_tab=every_tab)
        shot = report_screenshot(demo, out, data) if report else None
        if shot:
            written.append(shot)
        demo.close()
        demo.ctx.session.close()
        projector = projector_window(data)
        written += shoot_steps(projector, out, "projector-", every_tab=True)
        projector.close()
        projector.ctx.session.close()
    return written


def main() -> int:
    app = QApplication.instance() or QApplication([])
    if len(sys.argv) > 1 and sys.argv[1] == "--pseudo":
        out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp(prefix="socialsafe-pseudo-"))
        with tempfile.TemporaryDirectory() as tmp:
            written = shoot_language(i18n.PSEUDO, out, tmp)
        for path in written:
            print(path)
        return 0
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        written = shoot_language(i18n.ENGLISH, out, tmp, every_tab=False, report=True)
        written += shoot_language(i18n.WELSH, out / "cy", tmp, every_tab=False)
    del app
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
