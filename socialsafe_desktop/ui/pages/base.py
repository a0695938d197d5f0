"""What every step page has: a scrolling body and a hook to refresh when it is shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from ..context import AppContext


class StepPage(QScrollArea):
    step_id = ""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body = QWidget()
        self.body.setObjectName("page")
        self.layout_ = QVBoxLayout(self.body)
        self.layout_.setContentsMargins(4, 4, 18, 18)
        self.layout_.setSpacing(12)
        self.setWidget(self.body)

    def on_enter(self) -> None:
        """Called each time the step is shown: re-read anything another step may have changed."""

    def finish_layout(self) -> None:
        self.layout_.addStretch(1)

    def fill_height(self) -> None:
        """For pages whose own parts scroll: the page itself never needs to."""
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
