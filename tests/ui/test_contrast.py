"""Contrast as a person sees it: the rendered pixels of every step and tab of the demo, under a
light, a dark and two high-contrast system palettes (the palette the system would give the
app, set before the window opens). Text is at least 4.5:1 against what is behind it (3:1 when
large), and a focus ring at least 3:1 against what is on both sides of it and against how the
control looked without focus. WCAG 2.2: 1.4.3, 1.4.11, 2.4.7 (and 2.4.13's contrast part)."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QStyleFactory,
    QStyleOptionButton,
    QTabBar,
    QWidget,
)
from window_walk import PROJECTOR, full_rect, open_demo, settle, views

from socialsafe_desktop.core.contrast import AA_LARGE_TEXT, AA_NORMAL_TEXT, contrast_ratio


def _palette(window: str, text: str, base: str, button: str, highlight: str, highlighted: str) -> QPalette:
    p = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, window), (QPalette.ColorRole.WindowText, text),
                         (QPalette.ColorRole.Base, base), (QPalette.ColorRole.Text, text),
                         (QPalette.ColorRole.Button, button), (QPalette.ColorRole.ButtonText, text),
                         (QPalette.ColorRole.Highlight, highlight),
                         (QPalette.ColorRole.HighlightedText, highlighted),
                         (QPalette.ColorRole.ToolTipBase, base), (QPalette.ColorRole.ToolTipText, text),
                         (QPalette.ColorRole.PlaceholderText, text)):
        p.setColor(role, QColor(colour))
    return p


SYSTEM_PALETTES = {
    "light": lambda: QStyleFactory.create("Fusion").standardPalette(),
    "dark": lambda: _palette("#2d2d2d", "#f0f0f0", "#1e1e1e", "#353535", "#3d7be0", "#ffffff"),
    "high contrast, white on black": lambda: _palette("#000000", "#ffffff", "#000000", "#000000", "#1aebff", "#000000"),
    "high contrast, black on white": lambda: _palette("#ffffff", "#000000", "#ffffff", "#ffffff", "#37006e", "#ffffff"),
}


@pytest.fixture
def system_palette():
    app = QApplication.instance()
    before = QPalette(app.palette())
    yield lambda name: app.setPalette(SYSTEM_PALETTES[name]())
    app.setPalette(before)


def hex_of(argb: int) -> str:
    return f"#{argb & 0xFFFFFF:06x}"


def colours(image: QImage, box: QRect) -> Counter:
    """How many pixels of each colour a part of the image has."""
    box = box.intersected(image.rect())
    counts: Counter = Counter()
    if box.isEmpty():
        return counts
    data = image.constBits().cast("I")
    width = image.bytesPerLine() // 4
    for y in range(box.top(), box.bottom() + 1):
        start = y * width + box.left()
        counts.update(data[start:start + box.width()])
    return counts


def text_contrast(image: QImage, box: QRect) -> tuple[float, str, str] | None:
    """(ratio, text colour, background) for the text in a box: the background is its most
    common colour; the text is the colour, among those of real glyph pixels (not stray
    anti-aliasing), furthest from it. The cores of glyphs are drawn in the text's own colour."""
    counts = colours(image, box)
    if not counts:
        return None
    background = hex_of(counts.most_common(1)[0][0])
    inks = [hex_of(c) for c, n in counts.items() if n >= 3 and hex_of(c) != background]
    if not inks:
        return None
    ink = max(inks, key=lambda c: contrast_ratio(c, background))
    return contrast_ratio(ink, background), ink, background


def is_large(widget: QWidget) -> bool:
    font = widget.font()
    size = font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * 96 / 72
    return size >= 24 or (size >= 18.66 and font.weight() >= 600)


def text_boxes(widget: QWidget) -> list[QRect]:
    """Where a widget draws its text, in window coordinates."""
    at = full_rect(widget).topLeft()
    if isinstance(widget, (QCheckBox, QRadioButton)):
        option = QStyleOptionButton()
        widget.initStyleOption(option)
        element = QStyle.SubElement.SE_CheckBoxContents if isinstance(widget, QCheckBox) \
            else QStyle.SubElement.SE_RadioButtonContents
        return [widget.style().subElementRect(element, option, widget).translated(at)]
    if isinstance(widget, QTabBar):
        return [widget.tabRect(i).adjusted(6, 6, -6, -2).translated(at) for i in range(widget.count())]
    if isinstance(widget, QListWidget):
        view = widget.viewport()
        at = full_rect(view).topLeft()
        return [widget.visualItemRect(widget.item(r)).adjusted(4, 4, -4, -4).translated(at)
                for r in range(widget.count()) if not widget.item(r).isHidden()
                and widget.item(r).flags() & Qt.ItemFlag.ItemIsEnabled
                and view.rect().contains(widget.visualItemRect(widget.item(r)))]
    inset = 5 if isinstance(widget, (QPushButton, QLineEdit, QComboBox)) else 0
    return [QRect(at, widget.size()).adjusted(inset, inset, -inset - (20 if isinstance(widget, QComboBox) else 0), -inset)]


def has_text(widget: QWidget) -> bool:
    if isinstance(widget, QLineEdit):
        return bool(widget.text() or widget.placeholderText())
    if isinstance(widget, (QLabel, QPushButton, QCheckBox, QRadioButton)):
        return bool(widget.text().strip())
    return isinstance(widget, (QComboBox, QTabBar, QListWidget))


TEXT_WIDGETS = (QLabel, QPushButton, QCheckBox, QRadioButton, QLineEdit, QComboBox, QTabBar, QListWidget)


def low_contrast_text(window, image: QImage) -> list[str]:
    found = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, TEXT_WIDGETS) or not widget.isVisible() or not widget.isEnabled():
            continue  # a disabled control is exempt (WCAG 1.4.3)
        if widget.hasFocus() or not has_text(widget):
            continue
        needed = AA_LARGE_TEXT if is_large(widget) else AA_NORMAL_TEXT
        for box in text_boxes(widget):
            measured = text_contrast(image, box.intersected(visible_box(widget)))
            if measured and measured[0] < needed:
                ratio, ink, background = measured
                found.append(f"{type(widget).__name__} {(widget.accessibleName() or '')[:40]!r}: "
                             f"{ink} on {background} is {ratio:.2f}:1, needs {needed}")
    return found


def visible_box(widget: QWidget) -> QRect:
    box = full_rect(widget)
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, QScrollArea):
            box = box.intersected(full_rect(parent.viewport()))
        parent = parent.parentWidget()
    return box


def band(box: QRect, inset: int, width: int) -> list[QRect]:
    """The middle parts of the four sides of a ring `width` wide, `inset` inside box (negative:
    outside), leaving out the rounded corners."""
    outer = box.adjusted(inset, inset, -inset, -inset)
    w, h = outer.width(), outer.height()
    return [QRect(outer.left() + w // 4, outer.top(), w // 2, width),
            QRect(outer.left() + w // 4, outer.bottom() - width + 1, w // 2, width),
            QRect(outer.left(), outer.top() + h // 4, width, h // 2),
            QRect(outer.right() - width + 1, outer.top() + h // 4, width, h // 2)]


def main_colour(image: QImage, boxes: list[QRect]) -> str | None:
    counts: Counter = Counter()
    for box in boxes:
        counts.update(colours(image, box))
    return hex_of(counts.most_common(1)[0][0]) if counts else None


def focus_ring_problems(window, widget: QWidget, box: QRect, label: str, ring: int) -> list[str]:
    """Grab with and without focus; the ring must stand out against the outside, the inside and
    what the same pixels showed before. Focus first: it may scroll the control into view, so the
    box is measured where the control is once focused, and the unfocused look there after."""
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    settle()
    box = full_rect(widget) if widget is not window.step_list else box
    after = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    elsewhere = next(w for w in (window.step_list, window.back_button, window.next_button, window.settings_button)
                     if w is not widget and w.isVisible() and w.isEnabled())
    elsewhere.setFocus()  # none of these is inside the page, so nothing scrolls
    settle()
    before = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    ring_colour = main_colour(after, band(box, 0, ring - 1))
    outside = main_colour(after, band(box, -3, 2))
    inside = main_colour(after, band(box, ring + 1, 2))
    unfocused = main_colour(before, band(box, 0, ring - 1))
    found = []
    for what, other in (("what is around it", outside), ("what it surrounds", inside), ("the unfocused look", unfocused)):
        if ring_colour and other and contrast_ratio(ring_colour, other) < AA_LARGE_TEXT:
            found.append(f"focus ring of {label}: {ring_colour} against {what} {other} is "
                         f"{contrast_ratio(ring_colour, other):.2f}:1, needs 3")
    return found


def focus_samples(window) -> list[tuple[QWidget, QRect, str]]:
    """One control of each kind shown on the current view, with the box its ring is drawn on."""
    page = window.current_page()
    samples: list[tuple[QWidget, QRect, str]] = []
    kinds = {}
    for widget in page.findChildren(QWidget):
        if not widget.isVisible() or not widget.isEnabled() or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if not full_rect(page.viewport()).contains(full_rect(widget)):
            continue
        if isinstance(widget, QPushButton):
            kind = f"{widget.property('role') or 'button'}{' chosen' if widget.isChecked() else ''}"
        elif isinstance(widget, (QCheckBox, QRadioButton, QLineEdit, QComboBox, QScrollArea)):
            kind = type(widget).__name__
        else:
            continue
        kinds.setdefault(kind, widget)
    samples += [(w, full_rect(w), kind) for kind, w in kinds.items()]
    step = window.step_list
    item_box = step.visualItemRect(step.currentItem()).translated(full_rect(step.viewport()).topLeft())
    samples.append((step, item_box, "the current step in the list of steps"))
    main = [b for b in window.findChildren(QPushButton)
            if b.isVisible() and b.property("role") == "primary" and not page.isAncestorOf(b)]
    samples += [(b, full_rect(b), f"the main button {b.text().replace('&', '')!r}") for b in main]
    return samples


@pytest.mark.parametrize("palette_name", list(SYSTEM_PALETTES))
def test_text_and_focus_rings_have_contrast_whatever_the_system_palette(qtbot, tmp_path, system_palette, palette_name):
    system_palette(palette_name)
    window = open_demo(qtbot, tmp_path, PROJECTOR)
    ring = 3
    problems = []
    measured_views = 0
    for view in views(window, qtbot):
        window.step_list.setFocus()
        settle()
        image = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        problems += [f"{view}: {p}" for p in low_contrast_text(window, image)]
        for widget, box, label in focus_samples(window):
            problems += [f"{view}: {p}" for p in focus_ring_problems(window, widget, box, label, ring)]
        measured_views += 1
    # Dialogs and lists that open over the window take the same colours.
    window.flow.go_to("about")
    settle()
    combo = next(c for c in window.current_page().findChildren(QComboBox) if c.isVisible())
    combo.showPopup()
    qtbot.waitUntil(lambda: combo.view().isVisible())
    shot = combo.view().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    for row in range(combo.count()):
        if row == combo.view().currentIndex().row():
            continue  # the highlighted line: white on the accent colour, measured with the lists
        measured = text_contrast(shot, combo.view().visualRect(combo.model().index(row, 0)).adjusted(2, 2, -2, -2))
        if measured and measured[0] < AA_NORMAL_TEXT:
            problems.append(f"a list opened from a combo box: {measured[1]} on {measured[2]} is {measured[0]:.2f}:1")
    combo.hidePopup()
    box = QMessageBox(QMessageBox.Icon.Warning, "SocialSafe could not save", "The disk is full.",
                      QMessageBox.StandardButton.Ok, window)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    shot = box.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    for label in box.findChildren(QLabel):
        if label.text():
            measured = text_contrast(shot, QRect(label.mapTo(box, QPoint(0, 0)), label.size()))
            if measured and measured[0] < AA_NORMAL_TEXT:
                problems.append(f"message box: {measured[1]} on {measured[2]} is {measured[0]:.2f}:1")
    box.close()
    assert measured_views >= len(window.flow.steps) and not problems, "\n".join(problems[:40])
