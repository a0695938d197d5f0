"""The look of the app, scaled for the larger-text mode trainers use on a projector.

SocialSafe keeps its own light palette on purpose, whatever the system's theme: the colours of
done / later / not for me, the demo banner and the focus ring were chosen (and are tested) for
contrast on a light background, and a dark or high-contrast system palette mixed with them
would leave dark text on dark fields. `palette()` sets every colour role for the whole
application (dialogs, menus, the file dialog and tooltips included) to the same light colours,
so nothing is left to the system. Text is at least 4.5:1 against its background; the focus
ring is at least 3:1 against what is on both sides of it (tests/ui/test_contrast.py measures
the rendered pixels under light, dark and high-contrast system palettes).

Focus looks the same everywhere (the GOV.UK pattern, known to many of the people this is for):
a focused button or tab turns yellow with near-black text and a thick near-black border; a
focused field, list or scrolling region gets the thick near-black border.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from ..core.demo import resources_dir

BASE_POINT_SIZE = 11
MIN_SCALE, MAX_SCALE, SCALE_STEP = 0.8, 2.0, 0.1


def clamp_scale(scale: float) -> float:
    return round(min(MAX_SCALE, max(MIN_SCALE, scale)), 2)


DEFAULT_ACCENT = "#1f5fa8"
INK = "#1b1f24"          # body text
MUTED = "#4a5563"        # secondary text
PAPER = "#ffffff"        # page background
SIDEBAR = "#f1f4f8"
CARD = "#fbfcfd"
LINE = "#767f8a"         # borders of fields and buttons
FOCUS_FILL = "#ffdd00"   # a focused button or tab
FOCUS_INK = "#0b0c0c"    # the focus ring, and text on the focus fill
CHOSEN = "#1d4d2b"       # a chosen answer (white text on it)
DISABLED_INK = "#5f6874"
PLACEHOLDER = "#5f6b7a"


def palette(accent: str = DEFAULT_ACCENT) -> QPalette:
    """Every colour role, active and inactive alike, so no system theme shows through."""
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: PAPER, QPalette.ColorRole.WindowText: INK,
        QPalette.ColorRole.Base: PAPER, QPalette.ColorRole.AlternateBase: SIDEBAR,
        QPalette.ColorRole.Text: INK, QPalette.ColorRole.Button: PAPER, QPalette.ColorRole.ButtonText: INK,
        QPalette.ColorRole.BrightText: PAPER, QPalette.ColorRole.Highlight: accent,
        QPalette.ColorRole.HighlightedText: PAPER, QPalette.ColorRole.ToolTipBase: "#fffbe6",
        QPalette.ColorRole.ToolTipText: INK, QPalette.ColorRole.PlaceholderText: PLACEHOLDER,
        QPalette.ColorRole.Link: accent, QPalette.ColorRole.LinkVisited: "#5b2d8e",
        QPalette.ColorRole.Light: PAPER, QPalette.ColorRole.Midlight: SIDEBAR,
        QPalette.ColorRole.Mid: LINE, QPalette.ColorRole.Dark: "#5c6773", QPalette.ColorRole.Shadow: "#2d3540",
    }
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for role, colour in roles.items():
            p.setColor(group, role, QColor(colour))
    for role, colour in roles.items():
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(DISABLED_INK))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Button, QColor("#f3f4f6"))
    return p


def stylesheet(scale: float, accent: str = DEFAULT_ACCENT) -> str:
    def px(value: float) -> int:
        return max(1, round(value * scale))

    def chrome(value: float) -> int:
        # The window's own frame (the list of steps, the demo banner) grows to 160% only: at 200%
        # on a projector the titles would not fit a quarter of the screen, and the banner
        # would take the height the page needs.
        return max(1, round(value * min(scale, 1.6)))

    def heading(extra: float) -> int:
        # Headings grow with the text but keep less of their lead: at the largest size a title
        # would otherwise take a quarter of a projector's height.
        return round(15 * scale + extra * min(scale, 1.25))

    ring = max(3, px(3))
    arrow = resources_dir() / "icons" / "down-arrow.svg"
    # A styled combo box loses its drawn arrow; without the picture it would look like a text box.
    arrow_rule = (f"QComboBox::down-arrow, QDateEdit::down-arrow {{ image: url({arrow.as_posix()}); "
                  f"width: {px(12)}px; height: {px(12)}px; }}" if arrow.is_file() else "")
    focus = f"background: {FOCUS_FILL}; color: {FOCUS_INK}; border: {ring}px solid {FOCUS_INK};"
    return f"""
    QWidget {{ font-size: {px(15)}px; color: {INK}; }}
    QLabel {{ padding-right: {max(2, px(2))}px; qproperty-indent: 0; }}
    QPushButton, QCheckBox, QRadioButton, QTabBar, QListWidget {{ outline: 0; }}
    QMainWindow, QDialog, QWidget#page {{ background: {PAPER}; }}
    QFrame#sidebar {{ background: {SIDEBAR}; border-right: 1px solid #d5dbe3; }}
    QLabel[role="brand"] {{ font-size: {chrome(20)}px; font-weight: 700; color: {accent}; }}
    QLabel[role="tagline"] {{ font-size: {chrome(15)}px; color: {MUTED}; }}
    QLabel[role="h1"] {{ font-size: {heading(11)}px; font-weight: 700; }}
    QLabel[role="h2"] {{ font-size: {heading(4)}px; font-weight: 700; margin-top: {px(6)}px; }}
    QLabel[role="h3"] {{ font-size: {heading(1)}px; font-weight: 700; }}
    QLabel[role="h4"] {{ font-weight: 700; color: #2d3540; }}
    QLabel[role="recommended"] {{ font-weight: 600; color: {CHOSEN}; }}
    QLabel[role="lead"] {{ font-size: {heading(2)}px; color: #2d3540; }}
    QLabel[role="muted"] {{ color: {MUTED}; }}
    QLabel[role="error"] {{ color: #a4000f; font-weight: 600; }}
    QLabel[role="warning"] {{ color: #6b4300; background: #fff4d6; border: 1px solid #e7c56b;
                             border-radius: 4px; padding: {px(6)}px; }}
    QLabel[role="banner"] {{ color: #ffffff; background: #8a3b00; font-weight: 700; font-size: {chrome(15)}px;
                            padding: {px(6)}px {px(10)}px; border-radius: 4px; }}
    QLabel[role="notice"] {{ background: #e8f1fb; border: 1px solid #9dbfe6; border-radius: 4px;
                            padding: {px(8)}px; }}
    QFrame[role="card"] {{ border: 1px solid #d5dbe3; border-radius: 6px; background: {CARD}; }}
    QListWidget {{ outline: 0; }}
    QListWidget#stepList {{ background: transparent; border: {ring}px solid transparent; font-size: {chrome(16)}px; }}
    QListWidget#stepList::item {{ padding: {chrome(7)}px {chrome(6)}px; border-radius: 4px; color: {INK};
                                 border: {ring}px solid transparent; }}
    QListWidget#stepList::item:selected {{ background: {accent}; color: #ffffff; }}
    QListWidget#stepList::item:selected:focus {{ {focus} }}
    QListWidget#stepList::item:disabled {{ color: {DISABLED_INK}; }}
    QListWidget#packList {{ background: #f6f8fa; border: 1px solid #d5dbe3; border-radius: 6px; }}
    QListWidget#packList::item {{ padding: {px(8)}px {px(8)}px; border: {ring}px solid transparent; color: {INK}; }}
    QListWidget#packList::item:selected {{ background: {accent}; color: #ffffff; }}
    QListWidget#packList::item:selected:focus, QListWidget#packList::item:focus {{ {focus} }}
    QListWidget#platformList::item {{ padding: {px(6)}px; border: {ring}px solid transparent; }}
    QListWidget#platformList::item:focus {{ border: {ring}px solid {FOCUS_INK}; }}
    QListWidget#platformList::item:selected {{ background: #e8f1fb; color: {INK}; }}
    QAbstractItemView:focus {{ border: {ring}px solid {FOCUS_INK}; }}
    QListWidget#stepList:focus {{ border: {ring}px solid transparent; }}
    QFrame[role="card"][status="done"] {{ border: 2px solid #2e7d32; background: #f3faf3; }}
    QFrame[role="card"][status="not_for_me"] {{ border: 2px solid #7a8593; background: #f6f7f8; }}
    QFrame[role="card"][status="later"] {{ border: 2px solid #b26a00; background: #fffaf0; }}
    QPushButton {{ padding: {px(6)}px {px(14)}px; border: {ring}px solid transparent; border-radius: 4px;
                  background: #ffffff; min-height: {px(22)}px; }}
    QPushButton {{ border-color: {LINE}; border-width: 1px; margin: {ring - 1}px; }}
    QPushButton:hover {{ background: #eef3f9; }}
    QPushButton[role="primary"] {{ background: {accent}; color: #ffffff; border-color: {accent};
                                  font-weight: 700; }}
    QPushButton[role="choice"] {{ font-weight: 600; }}
    QPushButton[role="choice"]:checked {{ background: {CHOSEN}; color: #ffffff; border-color: {CHOSEN}; }}
    QPushButton:disabled {{ color: {DISABLED_INK}; background: #f3f4f6; border-color: #d0d5db; }}
    QPushButton:focus, QPushButton:default:focus, QPushButton[role="primary"]:focus,
    QPushButton[role="choice"]:focus, QPushButton[role="choice"]:checked:focus {{
        {focus} border-width: {ring}px; margin: 0px; }}
    QLineEdit, QPlainTextEdit {{ placeholder-text-color: {PLACEHOLDER}; }}
    QLineEdit, QComboBox, QDateEdit, QPlainTextEdit, QSpinBox {{ padding: {px(4)}px; border: 1px solid {LINE};
                  border-radius: 4px; background: #ffffff; min-height: {px(22)}px; margin: {ring - 1}px; }}
    QLineEdit:focus, QComboBox:focus, QDateEdit:focus, QPlainTextEdit:focus, QSpinBox:focus {{
        border: {ring}px solid {FOCUS_INK}; margin: 0px; }}
    QComboBox {{ combobox-popup: 0; padding-right: {px(26)}px; }}
    QDateEdit {{ padding-right: {px(26)}px; }}
    QComboBox::drop-down, QDateEdit::drop-down {{ subcontrol-origin: padding; subcontrol-position: center right;
                           width: {px(24)}px; border: none; }}
    {arrow_rule}
    QComboBox QAbstractItemView {{ background: #ffffff; color: {INK}; selection-background-color: {accent};
                                   selection-color: #ffffff; border: 1px solid {LINE}; }}
    QCheckBox, QRadioButton {{ spacing: {px(8)}px; padding: {px(2)}px {px(4)}px; border: {ring}px solid transparent;
                              border-radius: 4px; }}
    QCheckBox:focus, QRadioButton:focus {{ {focus} }}
    QCheckBox::indicator, QRadioButton::indicator, QAbstractItemView::indicator {{
        width: {px(16)}px; height: {px(16)}px; }}
    QProgressBar {{ border: 1px solid {LINE}; border-radius: 4px; text-align: center;
                   min-height: {px(20)}px; background: #ffffff; }}
    QProgressBar::chunk {{ background: #2e7d32; }}
    QScrollArea {{ border: none; background: #ffffff; }}
    QScrollArea[role="region"] {{ border: {ring}px solid transparent; }}
    QScrollArea[role="region"]:focus {{ border: {ring}px solid {FOCUS_INK}; }}
    QFrame[role="searchrow"] {{ border: none; border-bottom: 1px solid #d5dbe3; background: #ffffff; }}
    QLabel[role="searchtext"] {{ font-size: {heading(1)}px; font-weight: 600; }}
    QLabel[role="searchtext"][off="true"] {{ color: {DISABLED_INK}; font-weight: 400; text-decoration: line-through; }}
    QLabel[role="tag"] {{ background: #e8f1fb; color: #0b3d75; border: 1px solid #9dbfe6; border-radius: 4px;
                         padding: {px(2)}px {px(8)}px; font-weight: 600; }}
    QLabel[role="url"] {{ color: #1d5a2e; }}
    QFrame[role="card"][decision="not_me"] {{ border: 2px solid #7a8593; background: #f6f7f8; }}
    QFrame[role="card"][decision="me_fine"] {{ border: 2px solid #2e7d32; background: #f3faf3; }}
    QFrame[role="card"][decision="me_action"] {{ border: 2px solid #b26a00; background: #fffaf0; }}
    QTabWidget::pane {{ border: none; border-top: 1px solid #d5dbe3; }}
    QTabBar {{ font-size: {heading(1)}px; font-weight: 600; }}
    QTabBar::tab {{ padding: {px(6)}px {px(14)}px; border: {ring}px solid transparent; border-bottom: none; border-top-left-radius: 4px;
                   border-top-right-radius: 4px; background: {SIDEBAR}; margin-right: {px(4)}px; }}
    /* Size and weight on the bar, not on its tabs, and the same for the chosen one: Qt sizes
       tabs by the bar's font, so a tab drawn bigger or bolder would be cut at its ends. */
    QTabBar::tab:selected {{ background: #ffffff; color: {accent}; border-color: #d5dbe3;
                            border-top: {ring}px solid {accent}; }}
    QTabBar::tab:selected:focus {{ {focus} border-bottom: none; }}
    QToolTip {{ color: {INK}; background: #fffbe6; border: 1px solid {LINE}; }}
    """
