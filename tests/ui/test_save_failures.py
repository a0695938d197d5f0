"""A change that cannot be saved (a full disk, a read-only folder) comes back to the window as one
message per episode, never through the crash dialog, and the page then shows what is really saved."""

import sys

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from socialsafe_desktop.core.audit import DONE
from socialsafe_desktop.store import StoreWriteError

FULL = "SocialSafe could not save your last change because the disk is full."


def test_failed_saves_give_one_message_per_episode_and_the_page_shows_what_is_saved(app_window, qtbot, monkeypatch):
    session = app_window.ctx.session
    session.set_platform("x", True)
    window = app_window.window
    while window.flow.current.id != "settings":
        window.go_next()
    shown = []
    monkeypatch.setattr("socialsafe_desktop.ui.main_window.plain_message",
                        lambda parent, icon, title, text: shown.append((title, text)))
    crashed = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: crashed.append(exc))
    store = session.store
    real_status, real_note = store.set_item_status, store.set_item_note

    def full_disk(*_args):
        raise StoreWriteError(FULL)

    monkeypatch.setattr(store, "set_item_status", full_disk)
    monkeypatch.setattr(store, "set_item_note", full_disk)
    card = window.current_page().views["x"].cards[0]
    qtbot.mouseClick(card.status_buttons[DONE], Qt.MouseButton.LeftButton)
    fresh = window.current_page().views["x"].cards[0]
    assert fresh.status() == ""  # reloaded from the store: nothing claims "Done"
    fresh.note.setFocus()
    QTest.keyClicks(fresh.note, "still failing")  # thirteen more failed saves, same episode
    assert [t for t, _ in shown] == ["SocialSafe could not save"]
    assert shown[0][1] == FULL and crashed == []
    assert window.save_notice is not None and window.save_notice.isVisible()

    # Saving works again: the notice goes, and the next failure is a new episode with its own message.
    monkeypatch.setattr(store, "set_item_status", real_status)
    monkeypatch.setattr(store, "set_item_note", real_note)
    card = window.current_page().views["x"].cards[0]
    qtbot.mouseClick(card.status_buttons[DONE], Qt.MouseButton.LeftButton)
    assert session.item_states()[card.item.key].status == DONE
    assert not window.save_notice.isVisible()
    monkeypatch.setattr(store, "set_item_note", full_disk)
    card = window.current_page().views["x"].cards[0]
    card.note.setFocus()
    QTest.keyClicks(card.note, "ab")
    assert len(shown) == 2 and crashed == []
