import sys

from PySide6.QtWidgets import QMessageBox

from socialsafe_desktop.core.profile import PersonName, Profile
from socialsafe_desktop.logging_setup import close_logging, redactor, setup_logging
from socialsafe_desktop.ui.app import install_crash_dialog


def test_uncaught_exception_shows_a_dialog_and_logs_without_personal_details(qtbot, tmp_path, monkeypatch):
    log_path = setup_logging(tmp_path / "logs")
    redactor.set_private_strings(Profile([PersonName("Jo Privateperson")]).private_strings())
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.text(), box.detailedText())) or 0)
    old_hook = sys.excepthook
    try:
        install_crash_dialog(log_path)
        try:
            raise RuntimeError("boom while saving Jo Privateperson")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old_hook
    close_logging()
    [(text, details)] = shown
    assert "already saved" in text and str(log_path) in text
    assert "RuntimeError" in details and "Privateperson" not in details
    logged = log_path.read_text()
    assert "RuntimeError" in logged and "Privateperson" not in logged


def test_a_failed_save_says_what_was_not_saved_instead_of_a_crash(qtbot, tmp_path, monkeypatch):
    from socialsafe_desktop.store import StoreWriteError

    log_path = setup_logging(tmp_path / "logs")
    warned = []
    monkeypatch.setattr("socialsafe_desktop.ui.app.plain_message",
                        lambda parent, icon, title, text: warned.append((title, text)))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: (_ for _ in ()).throw(AssertionError("no crash dialog")))
    old_hook = sys.excepthook
    try:
        install_crash_dialog(log_path)
        try:
            raise StoreWriteError("SocialSafe could not save your last change because the disk is full.")
        except StoreWriteError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old_hook
    close_logging()
    [(title, text)] = warned
    assert "could not save" in title and "the disk is full" in text


def test_after_a_failed_save_the_screen_shows_what_is_really_saved(app_window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt

    from socialsafe_desktop.core.audit import DONE
    from socialsafe_desktop.store import StoreWriteError

    app_window.ctx.store.set_platform("x", True)
    window = app_window.window
    while window.flow.current.id != "settings":
        window.go_next()
    card = window.current_page().views["x"].cards[0]
    monkeypatch.setattr("socialsafe_desktop.ui.app.plain_message", lambda *args: None)

    def failing(key, status):
        raise StoreWriteError("SocialSafe could not save your last change because the disk is full.")

    monkeypatch.setattr(app_window.ctx.store, "set_item_status", failing)
    old_hook = sys.excepthook
    try:
        install_crash_dialog(tmp_path / "log")
        # The slot's exception reaches sys.excepthook, as it does in the running app.
        qtbot.mouseClick(card.status_buttons[DONE], Qt.MouseButton.LeftButton)
    finally:
        sys.excepthook = old_hook
    fresh = window.current_page().views["x"].cards[0]
    assert fresh.status() == ""  # the page was reloaded from the store: nothing claims "Done"


def test_a_folder_that_cannot_be_used_is_shown_in_a_window(qtbot, tmp_path, monkeypatch):
    from socialsafe_desktop.paths import resolve_paths
    from socialsafe_desktop.ui import app as app_module

    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    shown = []
    monkeypatch.setattr(app_module, "plain_message", lambda parent, icon, title, text: shown.append(text))
    assert app_module.run_window(resolve_paths(blocker / "data")) == 1
    assert len(shown) == 1 and "cannot use its folder" in shown[0]
