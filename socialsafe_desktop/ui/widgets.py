"""Small widgets used across the steps. Text from the person, from checklist files or from
search results is always shown as plain text, never interpreted as markup."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> str:
    """Strip control and bidi-override characters that could disguise what is shown."""
    return _CONTROL.sub("", text or "")


class PlainLabel(QLabel):
    """A label that never renders rich text, whatever it is given."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, wrap: bool = True,
                 role: str | None = None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(wrap)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if role:
            self.setProperty("role", role)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt naming)
        super().setText(clean_text(text))


def heading(text: str, level: int = 2) -> PlainLabel:
    label = PlainLabel(text, role=f"h{level}")
    label.setAccessibleName(text)
    return label


def error_label() -> PlainLabel:
    label = PlainLabel("", role="error")
    label.setVisible(False)
    return label


def show_error(label: QLabel, message: str | None) -> None:
    label.setText(message or "")
    label.setVisible(bool(message))
    label.setAccessibleName(message or "")


class Card(QFrame):
    """A bordered group, so a long page reads as a few clear blocks."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", "card")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(16, 14, 16, 14)
        self.layout_.setSpacing(8)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
