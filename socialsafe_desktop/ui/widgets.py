"""Small widgets used across the steps. Text from the person, from checklist files or from
search results is always shown as plain text, never interpreted as markup.

Rules every page and dialog follows (the keyboard, screen-reader and projector tests check them
on every step, including steps added later):
- A choice among a few answers is a ChoiceButtons: each answer is its own Tab stop. A group of
  radio buttons (one Tab stop) gets radio_arrows(), so every arrow key moves within it.
- Anything that scrolls is a ScrollArea (StepPage already is one): it scrolls up and down only,
  so its content must reflow (FlowLayout, wrapping labels), and it is a Tab stop, with a visible
  ring, only while there is something to scroll.
- A dialog is an AppDialog: made with the window as its parent (so it gets the app's look and
  focus ring), it fits the screen and puts focus on its first field when shown.
- A change that matters and happens away from the focus (a search finished, a save failed, a
  file saved) is also said aloud with announce().
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..core.i18n import _
from ..core.text import strip_unsafe
from .flow_layout import FlowLayout, HeightsByWidth
from .qt_strings import BUTTON_WORDS

CHOSEN_MARK = "\u2713 "  # a tick before the chosen answer: its state is not shown by colour alone


def clean_text(text: str) -> str:
    """Strip control and bidi-override characters that could disguise what is shown."""
    return strip_unsafe(text)


class PlainLabel(QLabel):
    """A label that never renders rich text, whatever it is given."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, wrap: bool = True,
                 role: str | None = None):
        super().__init__(parent)
        # A selectable label keeps its text in a text document, and QLabel lays the whole
        # document out again each time it is asked its height for a width: a page asks every
        # label again on each layout pass (a third of the window's time during a search run).
        # Heights are kept by width until the text or its look changes.
        self._heights = HeightsByWidth()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(wrap)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if role:
            self.setProperty("role", role)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt naming)
        text = clean_text(text)
        if text != self.text():
            self._heights.clear()
        super().setText(text)

    def setWordWrap(self, on: bool) -> None:  # noqa: N802
        self._heights.clear()
        super().setWordWrap(on)

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._heights.get(width, super().heightForWidth)

    def changeEvent(self, event) -> None:  # noqa: N802
        # The font (text size), the style sheet (a role's padding) or the language changed.
        self._heights.clear()
        super().changeEvent(event)

    def setContentsMargins(self, *margins) -> None:  # noqa: N802
        self._heights.clear()
        super().setContentsMargins(*margins)


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
        # Grows with its wrapped text (at large text a card is many lines taller than its hint).
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)


class ChoiceButtons(QWidget):
    """A row of toggle buttons of which at most one is down; pressing the chosen one again
    takes the choice back. Used for Done / Not for me / Later and Not me / Me, fine / ...

    Each button is its own Tab stop (a QButtonGroup, exclusive or not, would take all but one
    out of the Tab chain), Space or Enter chooses, and a screen reader hears each as a check
    box that is checked or not, named with what it is about ("Done: Set who can see ...").
    The row wraps when the window is narrow or the text large.
    """

    chosen = Signal(str)  # the value, or "" when the choice was taken back

    def __init__(self, choices: dict[str, str], about: str, parent: QWidget | None = None):
        super().__init__(parent)
        row = FlowLayout(self, spacing=8)
        self.labels = dict(choices)
        self.buttons: dict[str, QPushButton] = {}
        for value, label in choices.items():
            button = QPushButton(label)
            button.setCheckable(True)
            button.setAutoDefault(True)  # Enter presses it, as Space does
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setProperty("role", "choice")
            button.setProperty("value", value)
            # TRANSLATORS: what a screen reader calls an answer button: the answer, then what it
            # answers, e.g. "Done: Set who can see your future posts".
            button.setAccessibleName(_("{answer}: {about}").format(answer=label, about=about))
            button.clicked.connect(lambda _checked=False, v=value: self._clicked(v))
            self.buttons[value] = button
            row.addWidget(button)

    def value(self) -> str:
        return next((value for value, button in self.buttons.items() if button.isChecked()), "")

    def set_value(self, value: str) -> None:
        for key, button in self.buttons.items():
            on = key == value
            button.setChecked(on)
            text = (CHOSEN_MARK if on else "") + self.labels[key]
            if button.text() != text:
                button.setText(text)

    def _clicked(self, value: str) -> None:
        value = value if self.buttons[value].isChecked() else ""
        self.set_value(value)
        self.chosen.emit(value)


class ComboBox(QComboBox):
    """A drop-down list as wide as its longest entry when there is room, and narrower (the shown
    entry shortened) when there is not: a long translation at large text must not push the page
    wider than the window."""

    SHORTEST = 14  # characters it never goes below

    def minimumSizeHint(self):  # noqa: N802 (Qt naming)
        hint = super().minimumSizeHint()
        least = self.fontMetrics().averageCharWidth() * self.SHORTEST + 40  # the arrow and the frame
        hint.setWidth(min(hint.width(), least))
        return hint


class _RadioArrows(QObject):
    """Down and Right go to the next choice, Up and Left to the one before, wrapping round, as
    screen readers expect: Qt's own arrows look for a button in that direction on screen, and
    find none when a wrapped row puts the next one on another line."""

    def __init__(self, radios: list[QRadioButton]):
        super().__init__(radios[0])
        self.radios = radios

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.KeyPress and watched in self.radios:
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_Left: -1}.get(event.key())
            if step is not None and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                usable = [r for r in self.radios if r.isVisible() and r.isEnabled()]
                if watched in usable and len(usable) > 1:
                    target = usable[(usable.index(watched) + step) % len(usable)]
                    target.setFocus(Qt.FocusReason.TabFocusReason)
                    target.setChecked(True)
                    return True
        return False


def set_progress(bar: QProgressBar, value: int) -> None:
    """QProgressBar.setValue paints the bar there and then whenever its text changes: during a
    run that is a paint of its own for every answer. With updates off for the call, the bar is
    painted with the rest of the window instead (turning them on again asks for that paint);
    screen readers are still told of the new value."""
    bar.setUpdatesEnabled(False)
    bar.setValue(value)
    bar.setUpdatesEnabled(True)


def disable(widget: QWidget, focus_to: QWidget | None = None) -> None:
    """Disable a control; if it has the focus, `focus_to` takes it first (None: nobody has it
    until the caller gives it on). Left to Qt, a disabled control's focus goes down the tab
    chain, and the page scrolls there and repaints all of it."""
    if widget.hasFocus():
        if focus_to is not None:
            focus_to.setFocus()
        else:
            widget.clearFocus()
    widget.setEnabled(False)


def keep_room(widget: QWidget, keep: bool = True) -> None:
    """Keep (or stop keeping) a widget's room in its layout while it is hidden, so showing it
    later moves nothing else."""
    policy = widget.sizePolicy()
    if policy.retainSizeWhenHidden() != keep:
        policy.setRetainSizeWhenHidden(keep)
        widget.setSizePolicy(policy)


@contextmanager
def one_layout_pass(widget: QWidget) -> Iterator[None]:
    """Change many of widget's children (show, hide, new text) with one layout pass at the end.
    Qt lays out a shown child's ancestors there and then: showing fifteen status lines one by
    one would lay out the whole page fifteen times."""
    layout = widget.layout()
    layout.setEnabled(False)  # a disabled layout's activate() does nothing
    try:
        yield
    finally:
        layout.setEnabled(True)
        layout.invalidate()
        layout.activate()  # the one pass, now: code after the change may ask where a child is


def radio_arrows(radios: list[QRadioButton]) -> None:
    """Give a group of radio buttons arrow keys that always move to the next or previous one."""
    arrows = _RadioArrows(radios)
    for radio in radios:
        radio.installEventFilter(arrows)


def note_field(text: str, about: str, placeholder: str) -> tuple[QWidget, QLineEdit]:
    """A "Note:" label and its box, for a checklist item or a search result."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    # TRANSLATORS: the label before a box for the person's own note (on a checklist item, a page
    # found, an account).
    label = QLabel(_("Note:"))
    edit = QLineEdit(text)
    edit.setMaxLength(1000)
    edit.setPlaceholderText(placeholder)
    # TRANSLATORS: what a screen reader calls a note box: {about} is what the note is about.
    edit.setAccessibleName(_("Note: {about}").format(about=about))
    label.setBuddy(edit)
    row.addWidget(label)
    row.addWidget(edit, 1)
    return holder, edit


# Qt's standard buttons the app's questions use, in the order they are shown, each with the
# role that decides where it goes and which one Escape presses.
_MESSAGE_BUTTONS = (
    (QMessageBox.StandardButton.Save, QMessageBox.ButtonRole.AcceptRole),
    (QMessageBox.StandardButton.Discard, QMessageBox.ButtonRole.DestructiveRole),
    (QMessageBox.StandardButton.Yes, QMessageBox.ButtonRole.YesRole),
    (QMessageBox.StandardButton.No, QMessageBox.ButtonRole.NoRole),
    (QMessageBox.StandardButton.Ok, QMessageBox.ButtonRole.AcceptRole),
    (QMessageBox.StandardButton.Cancel, QMessageBox.ButtonRole.RejectRole),
    (QMessageBox.StandardButton.Close, QMessageBox.ButtonRole.RejectRole),
)


# Qt's names for its standard buttons -> the words Qt gives them (qt_strings.BUTTON_WORDS).
_BUTTON_NAMES = {"Ok": "OK", "Cancel": "Cancel", "Close": "Close", "Yes": "&Yes", "No": "&No", "Save": "Save",
                 "Discard": "Discard"}


def standard_text(which) -> str:
    """The app's own words for one of Qt's standard buttons (Qt has no Welsh of its own)."""
    name = getattr(which, "name", str(which))
    if name not in _BUTTON_NAMES:
        raise ValueError(f"no words for the standard button {name}")
    return BUTTON_WORDS[_BUTTON_NAMES[name]]()


def plain_message(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                  buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
                  default: QMessageBox.StandardButton | None = None) -> QMessageBox.StandardButton:
    """A message box that shows its text literally: paths and error messages can contain '<'.
    Its buttons carry the app's own words (translated), and the answer is the standard button
    they stand for, as QMessageBox.exec would give: Escape (or closing it) answers No, Cancel
    or Close, whichever it has. `default` is the button Enter presses (else Qt's choice: Yes,
    OK or Save)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    answers = {}
    for which, role in _MESSAGE_BUTTONS:
        if buttons & which:
            button = answers[which] = box.addButton(standard_text(which), role)
            if which == default:
                box.setDefaultButton(button)
    # Qt picks Escape's button by role, as for its own; closing the box "clicks" it too.
    box.exec()
    clicked = box.clickedButton()
    return next((which for which, button in answers.items() if button is clicked), QMessageBox.StandardButton.NoButton)


def standard_button(box: QDialogButtonBox, which: QDialogButtonBox.StandardButton) -> QAbstractButton:
    """A dialog's OK, Cancel or Close: the app's own words, with the role Qt would give it (so
    Escape and the accepted/rejected signals work as for Qt's own)."""
    role = {QDialogButtonBox.StandardButton.Ok: QDialogButtonBox.ButtonRole.AcceptRole,
            QDialogButtonBox.StandardButton.Cancel: QDialogButtonBox.ButtonRole.RejectRole,
            QDialogButtonBox.StandardButton.Close: QDialogButtonBox.ButtonRole.RejectRole}[which]
    return box.addButton(standard_text(which), role)


def announce(widget: QWidget, text: str, assertive: bool = False) -> None:
    """Say a change aloud through the screen reader (an AT-SPI announcement): for news that
    happens away from the focus. Assertive interrupts; use it for failures only."""
    if not text:
        return
    event = QAccessibleAnnouncementEvent(widget, clean_text(text))
    if assertive:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)


def scroll_areas_around(widget: QWidget) -> list[QScrollArea]:
    areas = []
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            areas.append(parent)
        parent = parent.parentWidget()
    return areas


def ensure_visible(widget: QWidget) -> None:
    """Scroll every area around a widget so it can be seen: focus that lands out of sight (by
    a mnemonic, say) would otherwise leave the person typing blind."""
    margin = max(8, widget.fontMetrics().height() // 2)
    for area in scroll_areas_around(widget):  # innermost first
        inner = area.widget()
        if inner is None or not inner.isAncestorOf(widget):
            continue
        box = QRect(widget.mapTo(inner, QPoint(0, 0)), widget.size())
        if box.height() + 2 * margin <= area.viewport().height():
            # All of it (a whole list, not just its current line) when it fits.
            area.ensureVisible(box.center().x(), box.center().y(), box.width() // 2 + margin,
                               box.height() // 2 + margin)
        else:  # taller than the view: Qt shows where the cursor or current item is
            area.ensureWidgetVisible(widget, margin, margin)


class ScrollArea(QScrollArea):
    """A region that scrolls up and down, never sideways: what is inside reflows instead.

    It is a Tab stop (with a visible ring, and arrow keys and Page Up / Page Down to scroll)
    only while there is something to scroll, so text below the last control can still be
    reached by keyboard, and there is never an invisible stop.
    """

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", "region")
        self.setAccessibleName(name)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustIgnored)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scrolls = True
        self.verticalScrollBar().rangeChanged.connect(self._range_changed)

    def stop_scrolling(self) -> None:
        """For a region whose own parts scroll instead (the tabs of Search yourself)."""
        self.scrolls = False
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def _range_changed(self, low: int, high: int) -> None:
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus if self.scrolls and high > low else Qt.FocusPolicy.NoFocus)

    def can_scroll(self) -> bool:
        bar = self.verticalScrollBar()
        return self.scrolls and bar.maximum() > bar.minimum()


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize a window to what it would like, but never larger than the screen's free area
    (a 1366x768 projector, with the title bar and any panel taken off)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(width, height)
        return
    free = screen.availableGeometry()
    frame_w, frame_h = 16, 48  # a title bar and borders, before the window manager says
    window.resize(max(1, min(width, free.width() - frame_w)), max(1, min(height, free.height() - frame_h)))


class AppDialog(QDialog):
    """Every dialog of the app. Give it the window (or a page) as parent, so it gets the app's
    look and focus ring; call set_first_field() with the field a person starts with. Shown, it
    fits the screen and puts the focus there; Escape closes it as Cancel does."""

    def __init__(self, parent: QWidget | None, title: str):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.first_field: QWidget | None = None

    def set_first_field(self, widget: QWidget) -> None:
        self.first_field = widget

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        hint = self.sizeHint()
        fit_to_screen(self, max(hint.width(), self.width()), max(hint.height(), self.height()))
        super().showEvent(event)
        if self.first_field is not None:
            self.first_field.setFocus(Qt.FocusReason.OtherFocusReason)


def plain_tooltip(text: str) -> str:
    """Tooltips guess at rich text; wrapping escaped text in <p> makes them show it literally."""
    import html

    return f"<p>{html.escape(clean_text(text))}</p>" if text else ""
