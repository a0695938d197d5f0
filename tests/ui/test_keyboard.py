"""Every step by keyboard alone: key events only, on every step and every tab of a step of the
demo (so steps added later are walked too), at normal text and at the largest on a projector."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QPushButton, QScrollArea, QWidget
from window_walk import (
    PROJECTOR,
    expected_stops,
    full_rect,
    open_demo,
    press,
    settle,
    stop_of,
    tab_cycle,
    views,
    visible_rect,
)

from socialsafe_desktop.ui import style
from socialsafe_desktop.ui.widgets import Card, ChoiceButtons

ALT = Qt.KeyboardModifier.AltModifier


def content_rect(widget: QWidget):
    """Where a widget is within what its nearest scrolling area scrolls (unmoved by scrolling)."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    inner = parent.widget() if parent is not None else widget.window()
    return parent, full_rect(widget).translated(-full_rect(inner).topLeft())


def comes_after(a, b, slack: int = 2) -> bool:
    """b is read after a: on a later line, or on the same line further right."""
    if b.top() >= a.bottom() - slack:
        return True
    same_line = b.top() < a.bottom() and a.top() < b.bottom()
    return same_line and b.left() >= a.right() - slack


@pytest.mark.parametrize("scale", [1.0, style.MAX_SCALE])
def test_tab_reaches_every_control_of_every_step_in_reading_order_and_in_view(qtbot, tmp_path, scale):
    window = open_demo(qtbot, tmp_path, PROJECTOR)
    window.apply_text_scale(scale)
    problems = []
    for view in views(window, qtbot):
        expected = expected_stops(window.centralWidget())
        positions = []

        def check(widget: QWidget, view=view, positions=positions, problems=problems) -> None:
            seen, whole = visible_rect(widget), full_rect(widget)
            if isinstance(widget, QScrollArea):
                bar = widget.verticalScrollBar()
                if bar.maximum() <= bar.minimum() or widget.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
                    problems.append(f"{view}: the region {widget.accessibleName()!r} takes Tab with nothing to scroll")
            elif seen != whole and (seen.height() < min(whole.height(), 40) or seen.width() != whole.width()):
                problems.append(f"{view}: {widget.accessibleName()!r} has focus but is not in view "
                                f"(seen {seen.getRect()}, whole {whole.getRect()})")
            positions.append((widget, *content_rect(widget)))

        cycle = tab_cycle(window, check)
        reached = [stop_of(w, expected) for w in cycle]
        missed = [w for w in expected if not any(w is r for r in reached)]
        problems += [f"{view}: not reached by Tab: {type(w).__name__} {w.accessibleName()!r}" for w in missed]
        strays = [w for w, r in zip(cycle, reached, strict=True) if r is None]
        problems += [f"{view}: Tab stopped on {type(w).__name__} {w.accessibleName()!r}, "
                     "which is hidden, disabled or not meant for Tab" for w in strays]
        page = window.current_page()
        in_page = [(w, area, box) for w, area, box in positions if page.isAncestorOf(w)]
        for (a, area_a, box_a), (b, area_b, box_b) in zip(in_page, in_page[1:], strict=False):
            if area_a is area_b and not comes_after(box_a, box_b):
                problems.append(f"{view}: Tab goes from {a.accessibleName() or type(a).__name__!r} "
                                f"{box_a.getRect()} back up to {b.accessibleName() or type(b).__name__!r} {box_b.getRect()}")
    assert not problems, "\n".join(problems)


def card_choices(window) -> list[ChoiceButtons]:
    return [c for c in window.current_page().findChildren(ChoiceButtons) if c.isVisible()]


def is_checked_for_screen_readers(button: QPushButton) -> bool:
    return QAccessible.queryAccessibleInterface(button).state().checked


def test_each_answer_is_its_own_stop_space_and_enter_choose_and_screen_readers_hear_which(qtbot, tmp_path):
    window = open_demo(qtbot, tmp_path)
    seen_views = 0
    for view in views(window, qtbot):
        groups = card_choices(window)
        if not groups:
            continue
        seen_views += 1
        group = next(g for g in groups if not g.value())  # one still undecided
        buttons = list(group.buttons.values())
        # Reach the first answer by Tab, then every other answer with one Tab each.
        window.step_list.setFocus()
        for _ in range(600):
            if QApplication.focusWidget() is buttons[0]:
                break
            press(Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is buttons[0], view
        for button in buttons[1:]:
            press(Qt.Key.Key_Tab)
            assert QApplication.focusWidget() is button, f"{view}: Tab did not go to {button.accessibleName()!r}"
        # Space chooses the focused answer; Enter chooses too; the chosen one is checked for a
        # screen reader and the others are not; Space again takes the choice back.
        for key, button in ((Qt.Key.Key_Space, buttons[-1]), (Qt.Key.Key_Return, buttons[0])):
            while QApplication.focusWidget() is not button:
                press(Qt.Key.Key_Backtab)
            press(key)
            qtbot.waitUntil(lambda b=button, g=group: g.value() == b.property("value"), timeout=2000)
            assert [is_checked_for_screen_readers(b) for b in buttons] == [b is button for b in buttons], view
        press(Qt.Key.Key_Space)
        qtbot.waitUntil(lambda g=group: g.value() == "", timeout=2000)
        assert not any(is_checked_for_screen_readers(b) for b in buttons)
    assert seen_views >= 3  # the two checklist steps and the found pages


def test_typing_a_note_never_changes_an_answer(qtbot, tmp_path):
    """From an item's first answer, one Tab per answer leads past them all into its note, and
    what is typed there (spaces and Enter included) goes into the note, not into an answer."""
    window = open_demo(qtbot, tmp_path)
    for view in views(window, qtbot):
        groups = card_choices(window)
        for group in groups[:4]:
            card = group.parentWidget()
            while not isinstance(card, Card):
                card = card.parentWidget()
            note = next(e for e in card.findChildren(QLineEdit) if e.accessibleName().startswith("Note:"))
            before = [g.value() for g in groups]
            buttons = list(group.buttons.values())
            buttons[0].setFocus()
            for _ in buttons:
                press(Qt.Key.Key_Tab)
            QTest.keyClicks(QApplication.focusWidget(), " done later not me ")
            press(Qt.Key.Key_Return)
            assert [g.value() for g in groups] == before, f"{view}: typing a note changed an answer"
            assert note.text().endswith(" done later not me "), f"{view}: the typing did not reach the note"


def test_a_mnemonic_puts_its_field_in_view_at_the_largest_text(qtbot, tmp_path):
    window = open_demo(qtbot, tmp_path, PROJECTOR)
    window.apply_text_scale(style.MAX_SCALE)
    checked = 0
    problems = []
    for view in views(window, qtbot):
        page = window.current_page()
        labels = [lab for lab in page.findChildren(QLabel) if lab.isVisible() and lab.buddy() is not None
                  and re.search(r"&[^&]", lab.text())]
        for label in labels:
            letter = re.search(r"&([^&])", label.text()).group(1)
            buddy = label.buddy()
            page.verticalScrollBar().setValue(page.verticalScrollBar().maximum())  # somewhere else
            window.step_list.setFocus()
            for _ in range(4):  # a letter used twice moves between its fields
                press(getattr(Qt.Key, f"Key_{letter.upper()}"), ALT)
                if stop_of(QApplication.focusWidget(), [buddy]) is buddy:
                    break
            settle()
            if stop_of(QApplication.focusWidget(), [buddy]) is not buddy:
                problems.append(f"{view}: Alt+{letter} did not reach {buddy.accessibleName()!r}")
            elif visible_rect(buddy) != full_rect(buddy):
                problems.append(f"{view}: Alt+{letter} put focus on {buddy.accessibleName()!r} out of view")
            checked += 1
    assert checked >= 5 and not problems, "\n".join(problems)


def test_steps_list_arrows_open_the_step_they_highlight_and_enter_goes_into_it(app_window, qtbot):
    window = app_window.window
    window.step_list.setFocus()
    shown = []
    for _ in range(len(window.flow.steps) + 2):
        press(Qt.Key.Key_Down)
        settle()
        current = window.step_list.currentItem()
        # What is highlighted is what is shown, every time.
        assert current.data(Qt.ItemDataRole.UserRole) == window.flow.current.id
        assert current.isSelected() and window.stack.currentWidget() is window.current_page()
        shown.append(window.flow.current.id)
    # A new audit: Down stops at the first step not reached yet, and nothing beyond opens.
    assert shown[-1] == shown[-2]
    press(Qt.Key.Key_Up)
    assert window.flow.current.id == window.step_list.currentItem().data(Qt.ItemDataRole.UserRole)
    press(Qt.Key.Key_Return)
    settle()
    assert window.current_page().isAncestorOf(QApplication.focusWidget())


def test_a_dialog_starts_in_its_first_field(app_window, qtbot):
    from socialsafe_desktop.ui.add_findings import AddFindingsDialog

    dialog = AddFindingsDialog(app_window.ctx.session, None, "", app_window.window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.addresses)


def test_a_drop_down_list_opens_beside_its_box_not_over_it(qtbot, tmp_path):
    """Alt+Down opens the list below the box (or above it, near the screen's bottom), so what
    the box says stays in sight; a list drawn over the box hides what is being chosen."""
    screen = QApplication.primaryScreen().availableGeometry()
    window = open_demo(qtbot, tmp_path, (screen.width(), screen.height() - 40))  # all of it on the screen
    checked = 0
    for view in views(window, qtbot):
        for combo in [c for c in window.current_page().findChildren(QComboBox) if c.isVisible() and c.isEnabled()]:
            window.activateWindow()  # the offscreen platform leaves no window active after a popup
            qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
            combo.setFocus()
            qtbot.waitUntil(lambda c=combo: QApplication.focusWidget() is c)
            press(Qt.Key.Key_Down, ALT)
            popup = combo.view().window()
            qtbot.waitUntil(popup.isVisible)
            box = combo.rect().translated(combo.mapToGlobal(combo.rect().topLeft()))
            overlap = popup.geometry().intersected(box)
            assert overlap.height() <= 2, f"{view}: the list of {combo.accessibleName()!r} covers it"
            press(Qt.Key.Key_Escape)
            qtbot.waitUntil(lambda p=popup: not p.isVisible())
            checked += 1
    assert checked >= 3
