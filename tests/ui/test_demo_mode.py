"""Trainer demo mode: a fictional person, the real audit untouched, larger text that sticks."""

import hashlib
import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from socialsafe_desktop.core.audit import DONE
from socialsafe_desktop.core.profile import PersonName, Profile
from socialsafe_desktop.paths import resolve_paths
from socialsafe_desktop.store import AuditStore
from socialsafe_desktop.ui.app import build_context
from socialsafe_desktop.ui.main_window import MainWindow


def open_demo(qtbot, data_dir):
    ctx = build_context(resolve_paths(data_dir), demo=True)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def files_digest(directory):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir()) if p.is_file()}


def body_label_size(page):
    labels = [w for w in page.findChildren(QLabel) if w.isVisible() and w.text()]
    return max(label.fontInfo().pixelSize() for label in labels)


def test_demo_shows_the_fictional_person_and_a_banner_on_every_step(qtbot, tmp_path):
    window = open_demo(qtbot, tmp_path / "data")
    assert window.ctx.store.profile().display_name == "Jordan Sample"
    banners = [w for w in window.findChildren(QLabel) if w.property("role") == "banner"]
    assert banners and "fictional" in banners[0].text()
    for step in window.flow.steps:
        if window.flow.can_go_to(step.id):
            window.flow.go_to(step.id)
            assert banners[0].isVisible()
    assert "demo" in window.windowTitle().lower()


def test_links_in_the_demo_are_shown_not_opened(qtbot, tmp_path):
    window = open_demo(qtbot, tmp_path / "data")
    assert window.ctx.open_url("https://www.facebook.com/settings") is False
    assert window.ctx.session.backend.shown_urls == ["https://www.facebook.com/settings"]
    # Said on screen, without a dialog in the trainer's way.
    assert window.link_label.isVisible() and "https://www.facebook.com/settings" in window.link_label.text()
    assert "nothing was opened" in window.link_label.text()


def test_real_audit_is_byte_for_byte_unchanged_after_a_demo_session_and_reset(qtbot, tmp_path):
    data = tmp_path / "data"
    paths = resolve_paths(data)
    paths.ensure()
    real = AuditStore.open(paths.database)
    real.save_profile(Profile([PersonName("Real Person")]))
    real.set_platform("tiktok", True)
    real.set_item_status("tiktok:private-account", DONE)
    real.close()
    before = files_digest(data)

    window = open_demo(qtbot, data)
    while window.next_button.isVisible():  # visit every step, changing things on the way
        window.go_next()
        if window.flow.current.id == "settings":
            card = next(iter(window.current_page().views.values())).cards[-1]
            qtbot.mouseClick(card.status_buttons[DONE], Qt.MouseButton.LeftButton)
    window.change_text_size(+1)
    qtbot.mouseClick(window.reset_button, Qt.MouseButton.LeftButton)
    assert window.flow.current.id == "welcome"
    window.close()

    assert files_digest(data) == before


def test_reset_puts_the_demo_back_to_its_start(qtbot, tmp_path):
    window = open_demo(qtbot, tmp_path / "data")
    start_states = window.ctx.store.item_states()
    window.flow.go_to("about")
    about = window.current_page()
    about.employer.clear()
    qtbot.keyClicks(about.employer, "Changed during the session")
    assert window.ctx.store.profile().employer == "Changed during the session"
    qtbot.mouseClick(window.reset_button, Qt.MouseButton.LeftButton)
    assert window.ctx.store.profile().employer != "Changed during the session"
    assert {k: v.status for k, v in window.ctx.store.item_states().items()} == \
        {k: v.status for k, v in start_states.items()}
    window.flow.go_to("about")
    assert window.current_page().employer.text() == window.ctx.store.profile().employer


def test_ctrl_plus_and_minus_change_text_on_every_step_and_are_remembered(qtbot, tmp_path):
    window = open_demo(qtbot, tmp_path / "data")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    sizes_before = {}
    for step in window.flow.steps:
        window.flow.go_to(step.id)
        sizes_before[step.id] = body_label_size(window.current_page())
    window.flow.go_to("welcome")
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    for step in window.flow.steps:
        window.flow.go_to(step.id)
        assert body_label_size(window.current_page()) > sizes_before[step.id], step.id
    scale = window.current_scale
    assert scale > 1.0
    window.close()
    window.ctx.session.close()  # as run_window does once its window is closed

    again = open_demo(qtbot, tmp_path / "data")
    assert again.current_scale == scale  # remembered
    qtbot.mouseClick(again.reset_button, Qt.MouseButton.LeftButton)
    assert again.current_scale == scale  # and kept across a reset
    again.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is again)
    qtbot.keyClick(QApplication.focusWidget() or again, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert again.current_scale == 1.0
    qtbot.keyClick(QApplication.focusWidget() or again, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert again.current_scale < 1.0


def test_start_a_demo_from_welcome_hides_the_real_window_until_it_closes(app_window, qtbot):
    window = app_window.window
    assert window.flow.current.id == "welcome"
    welcome = window.current_page()
    qtbot.mouseClick(welcome.demo_button, Qt.MouseButton.LeftButton)
    demos = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.ctx.demo and w.isVisible()]
    assert len(demos) == 1 and not window.isVisible()
    demo = demos[0]
    assert demo.ctx.store.path != app_window.ctx.store.path
    demo.close()
    assert window.isVisible()


def test_the_whole_demo_runs_with_every_socket_refused(qtbot, tmp_path, monkeypatch):
    """Every step, an in-app search run, triage and the report, with all networking failing
    loudly (loopback too): the demo must not even try."""
    import socket

    from socialsafe_desktop.core.audit import ME_ACTION

    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"the demo tried to use the network: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)

    window = open_demo(qtbot, tmp_path / "data")
    visited = [window.flow.current.id]
    while window.next_button.isVisible():
        window.go_next()
        visited.append(window.flow.current.id)
        page = window.current_page()
        if window.flow.current.id == "search":
            qtbot.mouseClick(page.plan_tab.app_radio, Qt.MouseButton.LeftButton)
            run_button = page.plan_tab.run_panel.run_button
            assert run_button.isEnabled()
            with qtbot.waitSignal(page.bridge.finished, timeout=20000) as finished:
                qtbot.mouseClick(run_button, Qt.MouseButton.LeftButton)
            assert finished.args == [False]  # ran to the end, not cancelled
            qtbot.waitUntil(page.results.settled, timeout=5000)
            undecided = [c for c in page.results.cards.values() if not c.finding.decision]
            assert len(page.results.cards) >= 7 and undecided
            qtbot.mouseClick(undecided[0].decision_buttons[ME_ACTION], Qt.MouseButton.LeftButton)
            qtbot.mouseClick(page.results.cards[undecided[0].finding.normalised_url].open_button,
                             Qt.MouseButton.LeftButton)
        if window.flow.current.id == "settings":
            card = next(iter(page.views.values())).cards[-1]
            qtbot.mouseClick(card.status_buttons[DONE], Qt.MouseButton.LeftButton)
            qtbot.mouseClick(card.open_button, Qt.MouseButton.LeftButton)  # shown, not opened
        if window.flow.current.id == "plan":
            page.ask_save_path = lambda suggested: tmp_path / "demo-report.html"
            page.ask_open_now = lambda html: False
            qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert visited == [s.id for s in window.flow.steps]
    decided = {f.normalised_url: f.decision for f in window.ctx.store.findings()}
    assert list(decided.values()).count(ME_ACTION) >= 3  # two seeded plus the one marked here
    report = (tmp_path / "demo-report.html").read_text()
    assert "fictional" in report.lower() and "Jordan Sample" in report
    assert window.ctx.session.backend.shown_urls  # the settings link was shown instead of opened
    assert attempts == []


def test_closing_the_demo_during_a_search_stops_it_quietly(qtbot, tmp_path):
    window = open_demo(qtbot, tmp_path / "data")
    window.flow.go_to("about")
    window.flow.go_to("search")
    page = window.current_page()
    qtbot.mouseClick(page.plan_tab.app_radio, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.plan_tab.run_panel.run_button, Qt.MouseButton.LeftButton)
    assert page.bridge.is_running
    qtbot.waitUntil(lambda: any(t.name.startswith("socialsafe-search") for t in threading.enumerate()))
    window.close()
    assert not page.bridge.is_running
    store_path = window.ctx.store.path
    window.ctx.session.close()
    found_at_close = _findings_in(store_path)
    # The answers that were in flight arrive (0.3 s each) and are dropped: nothing is written to the
    # closed store (that would raise in the event loop and fail the test), nothing more is saved.
    qtbot.waitUntil(lambda: not any(t.name.startswith("socialsafe-search") for t in threading.enumerate()),
                    timeout=5000)
    qtbot.wait(50)  # let any queued delivery run
    assert _findings_in(store_path) == found_at_close


def _findings_in(path):
    import sqlite3

    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return sorted(r[0] for r in conn.execute("SELECT normalised_url FROM findings"))
    finally:
        conn.close()
