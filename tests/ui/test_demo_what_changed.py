"""A trainer can show What changed at once: the demo person has a check from four months ago."""

from PySide6.QtCore import Qt

from socialsafe_desktop.core.audit import STILL_SET
from socialsafe_desktop.paths import resolve_paths
from socialsafe_desktop.ui.app import build_context
from socialsafe_desktop.ui.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton


def test_the_demo_has_a_previous_check_and_what_changed_shows_it(qtbot, tmp_path):
    ctx = build_context(resolve_paths(tmp_path / "data"), demo=True)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    ids = [s.id for s in window.flow.steps]
    assert ids[-2:] == ["changes", "plan"]
    for _ in range(len(ids)):
        if window.flow.current.id == "changes":
            break
        qtbot.mouseClick(window.next_button, LEFT)
    page = window.current_page()
    counts = page.counts.text()
    assert "7 new, 3 still there, 2 no longer found" in counts
    assert "1 changed back, 3 still set, 1 still to confirm" in counts
    assert "2 new items on your checklists" in counts
    assert len(page.report_buttons) == 2
    # The still-to-confirm item is the trainer's to answer live, in Privacy settings.
    window.flow.go_to("settings")
    settings = window.current_page()
    photos = next(c for c in settings.views["facebook"].cards if c.item.id == "profile-photos")
    qtbot.mouseClick(photos.still_set.choices.buttons[STILL_SET], LEFT)
    window.flow.go_to("changes")
    assert "4 still set" in window.current_page().counts.text()
    # Reset demo puts it back as it was: a re-check with its previous check.
    window.reset_demo()
    assert len(window.ctx.store.audits()) == 2
    window.close()
    ctx.session.close()
