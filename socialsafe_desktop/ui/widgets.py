"""Small widgets used across the steps. Text from the person, from checklist files or from
search results is always shown as plain text, never interpreted as markup."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..core.text import strip_unsafe


def clean_text(text: str) -> str:
    """Strip control and bidi-override characters that could disguise what is shown."""
    return strip_unsafe(text)


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


def restyle(widget: QWidget, name: str, value) -> None:
    """Set a property the stylesheet reads and re-apply the style, only when it changes
    (each re-style costs a layout pass)."""
    if widget.property(name) != value:
        widget.setProperty(name, value)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


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


class ChoiceButtons(QWidget):
    """A row of toggle buttons of which at most one is down; pressing the chosen one again
    takes the choice back. Used for Done / Not for me / Later and Not me / Me, fine / ...

    Every button is reached with Tab. (Not a QButtonGroup: Qt takes Tab focus away from all
    but one checkable button of a group, as it does for radio buttons, so a keyboard could
    only ever reach the first choice.)"""

    chosen = Signal(str)  # the value, or "" when the choice was taken back

    def __init__(self, choices: dict[str, str], about: str, parent: QWidget | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for value, label in choices.items():
            button = QPushButton(label)
            button.setCheckable(True)
            button.setAutoDefault(True)
            button.setProperty("role", "choice")
            button.setProperty("value", value)
            button.setAccessibleName(f"{label}: {about}")
            button.clicked.connect(lambda _checked=False, b=button: self._clicked(b))
            self.buttons[value] = button
            row.addWidget(button)

    def value(self) -> str:
        return next((value for value, button in self.buttons.items() if button.isChecked()), "")

    def set_value(self, value: str) -> None:
        for key, button in self.buttons.items():
            button.setChecked(key == value)

    def _clicked(self, button: QPushButton) -> None:
        value = button.property("value") if button.isChecked() else ""
        self.set_value(value)
        self.chosen.emit(value)


def note_field(text: str, about: str, placeholder: str) -> tuple[QWidget, QLineEdit]:
    """A "Note:" label and its box, for a checklist item or a search result."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    label = QLabel("Note:")
    edit = QLineEdit(text)
    edit.setMaxLength(1000)
    edit.setPlaceholderText(placeholder)
    edit.setAccessibleName(f"Note: {about}")
    label.setBuddy(edit)
    row.addWidget(label)
    row.addWidget(edit, 1)
    return holder, edit


def plain_message(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                  buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok) -> QMessageBox.StandardButton:
    """A message box that shows its text literally: paths and error messages can contain '<'."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return QMessageBox.StandardButton(box.exec())


def plain_tooltip(text: str) -> str:
    """Tooltips guess at rich text; wrapping escaped text in <p> makes them show it literally."""
    import html

    return f"<p>{html.escape(clean_text(text))}</p>" if text else ""
