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


def test_a_folder_that_cannot_be_used_is_shown_in_a_window(qtbot, tmp_path, monkeypatch):
    from socialsafe_desktop.paths import resolve_paths
    from socialsafe_desktop.ui import app as app_module

    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    shown = []
    monkeypatch.setattr(app_module, "plain_message", lambda parent, icon, title, text: shown.append(text))
    assert app_module.run_window(resolve_paths(blocker / "data")) == 1
    assert len(shown) == 1 and "cannot use its folder" in shown[0]
