"""A layout that places widgets left to right and wraps onto the next line when there is no room,
so rows of buttons stay usable in a narrow window and with the large text trainers use on a
projector, where a fixed row would be cut off. Also the small height cache it shares with the
app's labels (widgets.PlainLabel)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget


class HeightsByWidth:
    """Heights worked out for a few widths, kept until clear(): Qt asks a layout for the same
    height again and again on each pass. A layout pass asks for one or two widths; a window
    being resized asks for every width it passes, so only the last few are kept."""

    KEPT = 4

    def __init__(self) -> None:
        self._heights: dict[int, int] = {}

    def get(self, width: int, work_out: Callable[[int], int]) -> int:
        height = self._heights.get(width)
        if height is None:
            if len(self._heights) >= self.KEPT:
                self._heights.clear()
            height = self._heights[width] = work_out(width)
        return height

    def clear(self) -> None:
        self._heights.clear()


class FlowLayout(QLayout):
    """Widgets left to right, wrapping onto the next line when there is no room.

    Rows of buttons stay usable in a narrow window and with the large text trainers use on a
    projector, where a fixed row would be cut off.
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 8) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        # Kept until something inside changes: a page asks every row again on each layout pass.
        self._heights = HeightsByWidth()
        self.setContentsMargins(0, 0, 0, 0)

    def invalidate(self) -> None:
        self._heights.clear()
        super().invalidate()

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt naming)
        self._items.append(item)
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        if not 0 <= index < len(self._items):
            return None
        self.invalidate()
        return self._items.pop(index)

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._heights.get(width, lambda w: self._arrange(QRect(0, 0, w, 0), move=False))

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]  # hidden widgets take no room

    def sizeHint(self) -> QSize:  # noqa: N802
        items = self._visible()
        m = self.contentsMargins()
        width = sum(i.sizeHint().width() for i in items) + self._gap * max(0, len(items) - 1)
        height = max((i.sizeHint().height() for i in items), default=0)
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    @staticmethod
    def _expands(item: QLayoutItem) -> bool:
        widget = item.widget()
        return widget is not None and bool(widget.sizePolicy().horizontalPolicy().value
                                           & QSizePolicy.PolicyFlag.ExpandFlag.value)

    @staticmethod
    def _height_at(item: QLayoutItem, width: int, hint: QSize) -> int:
        """A wrapping label or a nested flow is taller when narrower than it would like."""
        if item.hasHeightForWidth() and width != hint.width():
            return max(item.minimumSize().height(), item.heightForWidth(width))
        return hint.height()

    def _arrange(self, rect: QRect, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = 0
        for item in self._visible():
            hint = item.sizeHint().boundedTo(QSize(area.width(), 10**6)) if area.width() > 0 else item.sizeHint()
            if lines[-1] and x + hint.width() > area.width():
                lines.append([])
                x = 0
            lines[-1].append((item, hint))
            x += hint.width() + self._gap
        y = area.y()
        for line in lines:
            # What is left of the line goes to the items that want to grow (a text box, say).
            used = sum(hint.width() for _, hint in line) + self._gap * (len(line) - 1)
            growing = [item for item, _ in line if self._expands(item)]
            extra = max(0, area.width() - used) // len(growing) if growing and area.width() > 0 else 0
            sized = []
            for item, hint in line:
                width = hint.width() + (extra if any(g is item for g in growing) else 0)
                sized.append((item, QSize(width, self._height_at(item, width, item.sizeHint()))))
            height = max((size.height() for _, size in sized), default=0)
            x = area.x()
            for item, size in sized:
                if move:  # centred in the line, so a label sits level with the buttons beside it
                    item.setGeometry(QRect(QPoint(x, y + (height - size.height()) // 2), size))
                x += size.width() + self._gap
            y += height + self._gap
        return max(0, y - self._gap - rect.y() + m.bottom()) if self._visible() else 0
