"""Walking the window the way the keyboard, projector and contrast tests need: every step and
every tab of a step, whatever steps and tabs exist (so pages added later are covered too),
and what a person could put the keyboard focus on.

This is the tests' own reading of the widget tree; it deliberately does not use the app's
ui/focus_order.py, which it checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTabBar,
    QTabWidget,
    QWidget,
)

from socialsafe_desktop.paths import resolve_paths
from socialsafe_desktop.ui.app import build_context
from socialsafe_desktop.ui.main_window import MainWindow

PROJECTOR = (1366, 768 - 28)  # a maximised window on a 1366x768 screen, less a title bar


def open_demo(qtbot, tmp_path: Path, size=PROJECTOR) -> MainWindow:
    ctx = build_context(resolve_paths(tmp_path / "data"), demo=True)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def views(window: MainWindow, qtbot) -> Iterator[str]:
    """Show every step, and each tab of a step that has tabs; yield a name for each view."""
    for step in window.flow.steps:
        window.flow.go_to(step.id)
        settle()
        page = window.current_page()
        if hasattr(page, "results"):  # cards of found pages are built a few at a time
            qtbot.waitUntil(lambda p=page: p.results.settled(), timeout=5000)
        if hasattr(page, "loader"):  # the forgotten-accounts step reads its site list on a worker thread
            qtbot.waitUntil(lambda p=page: p.accounts is not None or not p.load_note.isVisible(), timeout=10000)
            settle()
        tabs = [t for t in page.findChildren(QTabWidget) if t.isVisible()]
        if not tabs:
            yield step.title
            continue
        for tab in tabs:
            for index in range(tab.count()):
                tab.setCurrentIndex(index)
                settle()
                yield f"{step.title} › {tab.tabText(index).replace('&', '')}"


def _inside_a_control(widget: QWidget, root: QWidget, is_stop) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if is_stop(parent) and not isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def can_take_tab(widget: QWidget) -> bool:
    proxy = widget.focusProxy()
    return (widget.isVisible() and widget.isEnabled() and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
            and (proxy is None or widget.isAncestorOf(proxy)))


def expected_stops(root: QWidget) -> list[QWidget]:
    """Every control a keyboard user must be able to reach: shown, enabled and accepting Tab.
    A group of radio buttons is one stop (the chosen one)."""
    found = [w for w in root.findChildren(QWidget) if can_take_tab(w) and not _inside_a_control(w, root, can_take_tab)]
    radios = [w for w in found if isinstance(w, QRadioButton) and w.autoExclusive()]
    keep = {id(w) for w in found if w not in radios}
    groups: dict[int, list[QRadioButton]] = {}
    for radio in radios:
        groups.setdefault(id(radio.parentWidget()), []).append(radio)
    for group in groups.values():
        keep.add(id(next((r for r in group if r.isChecked()), group[0])))
    return [w for w in found if id(w) in keep]


def stop_of(widget: QWidget | None, stops: list[QWidget]) -> QWidget | None:
    """The stop that has focus: focus may be inside it (the text part of a date field)."""
    while widget is not None:
        if any(widget is s for s in stops):
            return widget
        widget = widget.parentWidget()
    return None


def press(key, modifier=Qt.KeyboardModifier.NoModifier, text: str = "") -> None:
    target = QApplication.focusWidget()
    assert target is not None, "nothing has keyboard focus"
    QTest.keyClick(target, key, modifier)


def tab_cycle(window: MainWindow, on_focus=None, limit: int = 800) -> list[QWidget]:
    """Press Tab until focus is back where it started; the widgets focused, in order.
    on_focus(widget) is called while each has focus (to see where it is then)."""
    window.step_list.setFocus()
    start = QApplication.focusWidget()
    seen: list[QWidget] = [start]
    if on_focus is not None:
        on_focus(start)
    for _ in range(limit):
        press(Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if focused is start:
            return seen
        if focused is seen[-1]:
            continue  # Tab moving between the day, month and year of a date
        seen.append(focused)
        if on_focus is not None:
            on_focus(focused)
    raise AssertionError(f"Tab did not come back to where it started after {limit} presses")


def visible_rect(widget: QWidget) -> QRect:
    """The part of a widget that can be seen in the window: clipped by every scrolling area
    around it and by the window."""
    window = widget.window()
    box = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            view = parent.viewport()
            box = box.intersected(QRect(view.mapTo(window, QPoint(0, 0)), view.size()))
        parent = parent.parentWidget()
    return box.intersected(window.rect())


def full_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


# --- cut off: what the projector and pseudo-language tests look for ---------------------------

CONTROLS = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QAbstractItemView, QTabBar, QProgressBar)


def name(widget: QWidget) -> str:
    text = widget.accessibleName() or (widget.text() if callable(getattr(widget, "text", None)) else "")
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
