"""Keep as evidence and Backup and move, in the window, answered as a person would."""

from __future__ import annotations

import hashlib
import os

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from socialsafe_desktop.core.audit import Finding
from socialsafe_desktop.core.evidence import IMPERSONATION
from socialsafe_desktop.core.profile import PersonName, Profile

LEFT = Qt.MouseButton.LeftButton


def in_dialog(action, errors: list) -> None:
    """Run `action(dialog)` once the modal dialog is up, then close it (as Close would)."""

    def run():
        dialog = QApplication.activeModalWidget()
        try:
            action(dialog)
        except Exception as exc:  # reported by the test, not lost inside the event loop
            errors.append(exc)
        finally:
            dialog.accept()

    QTimer.singleShot(0, run)


def go(window, step_id):
    for _ in range(10):
        if window.flow.current.id == step_id:
            return window.page(step_id)
        window.go_next()
    raise AssertionError(step_id)


def test_keep_a_page_as_evidence_add_a_screenshot_see_where_to_report_it_and_export(app_window, qtbot, tmp_path):
    session = app_window.ctx.session
    session.save_profile(Profile([PersonName("Sam Doe")]))
    session.set_platform("tiktok", True)
    session.store.record_findings([Finding("https://www.tiktok.com/@sam.doe.fake", "https://tiktok.com/@sam.doe.fake",
                                           "Sam Doe <fake>", "Videos pretending to be Sam")])
    page = go(app_window.window, "search")
    page.tabs.setCurrentWidget(page.results)
    qtbot.waitUntil(page.results.settled)
    card = next(iter(page.results.cards.values()))
    shot = tmp_path / "screenshot.png"
    shot.write_bytes(os.urandom(2048))
    export = tmp_path / "for-the-police"
    errors: list = []
    seen = {}

    def keep(dialog):
        first = dialog.keep_choices.buttons[IMPERSONATION]
        qtbot.waitUntil(first.hasFocus)  # the first thing to answer has the focus
        assert not dialog.keep_button.isEnabled()
        qtbot.mouseClick(first, LEFT)
        qtbot.keyClicks(dialog.keep_note, "messages my pupils")
        qtbot.mouseClick(dialog.keep_button, LEFT)
        [kept] = dialog.cards.values()
        dialog.ask_files = lambda: [shot]
        qtbot.mouseClick(kept.add_button, LEFT)
        assert "Copied 1 file" in kept.status.text()
        assert hashlib.sha256(shot.read_bytes()).hexdigest() in "".join(
            label.text() for label in kept.findChildren(type(kept.status)))
        assert "UTC" in kept.seen.text()
        qtbot.mouseClick(kept.report_button, LEFT)
        seen["route"] = session.catalogue.pack("tiktok").report_url
        dialog.ask_export_target = lambda: (export, False)
        qtbot.mouseClick(dialog.export_button, LEFT)
        seen["status"] = dialog.status.text()

    in_dialog(keep, errors)
    qtbot.mouseClick(card.evidence_button, LEFT)
    assert not errors, errors
    assert app_window.opened_urls[-1] == seen["route"]
    assert "Saved the evidence" in seen["status"]
    [item] = session.evidence.items()
    assert (item.kind, item.note, len(item.files)) == (IMPERSONATION, "messages my pupils", 1)
    [line] = (export / "SHA256SUMS.txt").read_text().splitlines()
    digest, name = line.split("  ")
    assert hashlib.sha256((export / name).read_bytes()).hexdigest() == digest == item.files[0].sha256
    assert "&lt;fake&gt;" in (export / "index.html").read_text()


def test_backup_and_restore_from_settings_brings_the_audit_back_and_keeps_what_it_replaced(app_window, qtbot, tmp_path):
    window = app_window.window
    session = app_window.ctx.session
    session.save_profile(Profile([PersonName("Casey Before")]))
    session.set_item_status("facebook:past-posts", "done")
    backup = tmp_path / "casey.socialsafe-backup"
    errors: list = []
    asked = {}

    def save(dialog):
        card = dialog.extra_cards[0]
        card.ask_save_path = lambda: backup
        card.ask_new_passphrase = lambda: (True, "a long passphrase")
        qtbot.mouseClick(card.save_button, LEFT)
        assert "Saved a backup of 1 audit" in card.status.text()

    in_dialog(save, errors)
    window.open_settings()
    assert not errors and backup.exists()

    # Later, the audit changed; then the person restores the backup.
    session.save_profile(Profile([PersonName("Casey After")]))
    session.set_item_status("facebook:past-posts", "")

    def restore(dialog):
        card = dialog.extra_cards[0]
        card.ask_open_path = lambda: backup
        card.ask_passphrase = lambda: "a long passphrase"
        card.confirm_restore = lambda contents, current: asked.update(
            holds=contents.describe(), replaces=current.describe()) or True
        qtbot.mouseClick(card.restore_button, LEFT)
        asked["status"] = card.status.text()

    in_dialog(restore, errors)
    window.open_settings()
    assert not errors, errors
    assert "Casey Before" in asked["holds"] and "Casey After" in asked["replaces"]
    assert session.profile().names[0].text == "Casey Before"
    assert session.item_states()["facebook:past-posts"].status == "done"
    assert "kept in" in asked["status"]
    aside = [p for p in app_window.paths.data_dir.iterdir() if p.name.startswith("socialsafe-replaced-")]
    assert len(aside) == 1
    # The window is on the restored audit, and still the only SocialSafe on this folder.
    assert window.current_page() is not None and session.store.path == app_window.paths.database
    from socialsafe_desktop.store import DataFolderInUse, FolderLock
    try:
        FolderLock.acquire(app_window.paths.data_dir).release()
        raise AssertionError("the folder should still be locked by the window")
    except DataFolderInUse:
        pass


def test_a_wrong_passphrase_in_settings_says_so_and_changes_nothing(app_window, qtbot, tmp_path):
    from socialsafe_desktop.app.backup import write_backup

    session = app_window.ctx.session
    session.save_profile(Profile([PersonName("Casey Kept")]))
    backup = tmp_path / "b.socialsafe-backup"
    write_backup(session.store, session.data_folder, backup, passphrase="the right one")
    errors: list = []
    said = {}

    def restore(dialog):
        card = dialog.extra_cards[0]
        card.ask_open_path = lambda: backup
        card.ask_passphrase = lambda: "the wrong one"
        card.confirm_restore = lambda *a: (_ for _ in ()).throw(AssertionError("must not ask"))
        qtbot.mouseClick(card.restore_button, LEFT)
        said["status"] = card.status.text()

    in_dialog(restore, errors)
    app_window.window.open_settings()
    assert not errors, errors
    assert said["status"] == "That passphrase does not open this backup. Nothing was changed."
    assert session.profile().names[0].text == "Casey Kept"
