"""The order Tab visits controls in: reading order, worked out from where things are on screen
each time Tab is pressed.

Qt's own Tab chain is the order widgets were created in, so anything built later (a row added
on About you, a result card that arrives during a search, a page added to the window) would be
visited last, after the Next button. Reading the layout instead keeps Tab in step with what a
person sees, on every page, including pages added later, with nothing for a page to maintain.

Reading order: siblings top to bottom, and left to right within a line (things side by side
that overlap vertically); each container is read completely before the next sibling. A group
of radio buttons is one stop (the chosen one; arrow keys move inside it), as is a tab bar, a
list, or a date field.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QRadioButton, QScrollArea, QStackedWidget, QTabWidget, QWidget


def takes_tab(widget: QWidget) -> bool:
    return (widget.isEnabled() and widget.isVisible()
            and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
            and (widget.focusProxy() is None or widget.isAncestorOf(widget.focusProxy())))


def _takes_any_focus(widget: QWidget) -> bool:
    return widget.isEnabled() and widget.isVisible() and widget.focusPolicy() != Qt.FocusPolicy.NoFocus


def in_reading_order(widgets: list[QWidget]) -> list[QWidget]:
    """Siblings sorted into lines (top to bottom), each line left to right."""
    boxes = sorted(widgets, key=lambda w: (w.geometry().top(), w.geometry().left()))
    lines: list[list[QWidget]] = []
    bottom = None
    for widget in boxes:
        box = widget.geometry()
        if lines and bottom is not None and box.top() + box.height() // 2 < bottom:
            lines[-1].append(widget)  # its middle is above the bottom of the line: beside it
            bottom = max(bottom, box.bottom())
        else:
            lines.append([widget])
            bottom = box.bottom()
    return [w for line in lines for w in sorted(line, key=lambda w: w.geometry().left())]


def _children(widget: QWidget) -> list[QWidget]:
    if isinstance(widget, QScrollArea):
        return [widget.widget()] if widget.widget() is not None and widget.widget().isVisible() else []
    if isinstance(widget, QStackedWidget):
        current = widget.currentWidget()
        return [current] if current is not None else []
    if isinstance(widget, QTabWidget):
        return [w for w in (widget.tabBar(), widget.currentWidget()) if w is not None and w.isVisible()]
    kids = [c for c in widget.children() if isinstance(c, QWidget) and not c.isWindow() and c.isVisible()]
    return in_reading_order(kids)


def _walk(widget: QWidget, out: list[QWidget]) -> None:
    container = isinstance(widget, (QScrollArea, QStackedWidget, QTabWidget))
    if _takes_any_focus(widget) and not isinstance(widget, (QStackedWidget, QTabWidget)):
        out.append(widget)
        if not container:
            return  # a control: what is inside it (a combo box's list, say) is its own business
    for child in _children(widget):
        _walk(child, out)


def focus_candidates(root: QWidget) -> list[QWidget]:
    """Everything under root that can take focus in any way (a selectable label can, by mouse),
    in reading order: where focus is now is found in this list, then the next Tab stop."""
    out: list[QWidget] = []
    for child in _children(root):
        _walk(child, out)
    return out


def _one_per_radio_group(widgets: list[QWidget]) -> list[QWidget]:
    chosen: dict[int, QWidget] = {}
    for w in widgets:
        if isinstance(w, QRadioButton) and w.autoExclusive():
            group = id(w.parentWidget())
            if group not in chosen or (w.isChecked() and not chosen[group].isChecked()):
                chosen[group] = w
    return [w for w in widgets if not (isinstance(w, QRadioButton) and w.autoExclusive())
            or chosen.get(id(w.parentWidget())) is w]


def tab_stops(root: QWidget) -> list[QWidget]:
    return _one_per_radio_group([w for w in focus_candidates(root) if takes_tab(w)])


def next_stop(root: QWidget, current: QWidget | None, forward: bool) -> QWidget | None:
    """The Tab stop after (or before) the widget with focus now."""
    candidates = focus_candidates(root)
    stops = _one_per_radio_group([w for w in candidates if takes_tab(w)])
    if not stops:
        return None
    here = None
    widget = current
    while widget is not None and here is None:  # focus may be inside a control (a date's text)
        here = next((i for i, c in enumerate(candidates) if c is widget), None)
        widget = widget.parentWidget() if here is None else widget
    if here is None:
        return stops[0] if forward else stops[-1]
    order = candidates[here + 1:] + candidates[:here] if forward else \
        list(reversed(candidates[:here])) + list(reversed(candidates[here + 1:]))
    allowed = {id(w) for w in stops}
    for widget in order:
        if id(widget) in allowed:
            return widget
    return None
