"""A trainer on a projector: a 1366x768 screen (the window maximised, less its title bar) and
every text size from the smallest to the largest. On every step and tab of the demo nothing
runs off the side or is cut off, and the step's main button stays in view."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTabBar,
    QWidget,
)
from window_walk import PROJECTOR, full_rect, open_demo, views, visible_rect

from socialsafe_desktop.ui import style

SCALES = [round(style.MIN_SCALE + i * style.SCALE_STEP, 2)
          for i in range(round((style.MAX_SCALE - style.MIN_SCALE) / style.SCALE_STEP) + 1)]
CONTROLS = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QAbstractItemView, QTabBar, QProgressBar)


def name(widget: QWidget) -> str:
    text = widget.accessibleName() or (widget.text() if hasattr(widget, "text") else "")
    return f"{type(widget).__name__} {text[:60]!r}"


def _inside_control(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, CONTROLS):
            return True
        parent = parent.parentWidget()
    return False


def shown_text(label: QLabel) -> str:
    """A label with a buddy shows "&Employer" as "Employer" (the & marks the shortcut)."""
    if label.buddy() is None:
        return label.text()
    return label.text().replace("&&", "\0").replace("&", "").replace("\0", "&")


def cut_off(root: QWidget) -> list[str]:
    """Widgets wider than what holds them (Qt clips them: their right side is lost), and text
    that does not fit its label or button."""
    found = []
    window = root.window()
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or _inside_control(widget, root):
            continue
        parent = widget.parentWidget()
        box, holder = full_rect(widget), full_rect(parent)
        if isinstance(parent.parentWidget(), QAbstractScrollArea) and parent is parent.parentWidget().viewport():
            holder = full_rect(parent)  # what a scrolling area shows: its view
        if box.left() < holder.left() - 1 or box.right() > holder.right() + 1:
            found.append(f"{name(widget)} is wider than what holds it ({box.width()} > {holder.width()})")
        elif box.right() > window.rect().right() + 1:
            found.append(f"{name(widget)} runs off the window")
        if isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                needed = widget.heightForWidth(widget.width())
                if needed > widget.height() + 2:
                    found.append(f"{name(widget)} is squeezed: needs {needed} px of height, has {widget.height()}")
            elif widget.fontMetrics().horizontalAdvance(shown_text(widget)) > widget.contentsRect().width() + 1:
                found.append(f"{name(widget)} is cut off: its text is wider than the label")
        if isinstance(widget, (QPushButton, QCheckBox, QRadioButton)) and widget.text():
            if widget.sizeHint().width() > widget.width() + 1:
                found.append(f"{name(widget)} is narrower than its text ({widget.width()} < {widget.sizeHint().width()})")
    return found


def main_button_problems(window) -> list[str]:
    """The step's main action: the primary button outside the scrolling page (Next, or the last
    step's own), whole and in view."""
    page = window.current_page()
    main = [b for b in window.findChildren(QPushButton)
            if b.isVisible() and b.property("role") == "primary" and not page.isAncestorOf(b)]
    if len(main) != 1:
        return [f"{len(main)} main buttons in the bottom row, not one"]
    button = main[0]
    if visible_rect(button) != full_rect(button) or not window.rect().contains(full_rect(button)):
        return [f"the main button {name(button)} is not wholly in view"]
    return []


def test_every_step_fits_a_projector_at_every_text_size(qtbot, tmp_path):
    window = open_demo(qtbot, tmp_path, PROJECTOR)
    problems = []
    for scale in SCALES:
        window.apply_text_scale(scale)
        for view in views(window, qtbot):
            found = cut_off(window.centralWidget()) + main_button_problems(window)
            if window.step_list.verticalScrollBar().maximum() > 0:
                found.append("the list of steps does not fit: it scrolls")
            problems += [f"{round(scale * 100)}% {view}: {p}" for p in found]
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:60])
