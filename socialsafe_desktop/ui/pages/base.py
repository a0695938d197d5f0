"""What every step page has: a scrolling body and a hook to refresh when it is shown.

The rules a page follows so that it works by keyboard, with a screen reader and on a projector
(tests/ui/test_keyboard.py, tests/ui/test_projector.py and tests/a11y check them on every step):
- Build the page top to bottom; Tab follows what is on screen (ui/focus_order.py), so nothing
  needs a tab order of its own.
- The page scrolls up and down only: rows of buttons go in a FlowLayout, labels wrap, nothing
  has a fixed width wider than a projector's 1366x768 at the largest text. A part that scrolls
  on its own is a widgets.ScrollArea (named, a Tab stop only while it can scroll).
- Every control has an accessible name that makes sense on its own ("Done: Set who can see
  your future posts"), and a label with a mnemonic names its field with setBuddy.
- The step's main action is the window's Next button; the last step gives its own as
  `nav_button` (made by the page, shown in the bottom row while the step is shown).
- News that happens away from the focus is also said with widgets.announce().
"""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from ..context import AppContext
from ..widgets import ScrollArea


class StepPage(ScrollArea):
    step_id = ""
    nav_button: QPushButton | None = None

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__("", parent)
        self.ctx = ctx
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
        self.stop_scrolling()
