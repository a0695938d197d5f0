"""The look of the app, scaled for the larger-text mode trainers use on a projector."""

from __future__ import annotations

BASE_POINT_SIZE = 11
MIN_SCALE, MAX_SCALE, SCALE_STEP = 0.8, 2.0, 0.1


def clamp_scale(scale: float) -> float:
    return round(min(MAX_SCALE, max(MIN_SCALE, scale)), 2)


DEFAULT_ACCENT = "#1f5fa8"


def stylesheet(scale: float, accent: str = DEFAULT_ACCENT) -> str:
    def px(value: float) -> int:
        return max(1, round(value * scale))

    return f"""
    QWidget {{ font-size: {px(15)}px; color: #1b1f24; }}
    QMainWindow, QWidget#page {{ background: #ffffff; }}
    QFrame#sidebar {{ background: #f1f4f8; border-right: 1px solid #d5dbe3; }}
    QLabel[role="brand"] {{ font-size: {px(20)}px; font-weight: 700; color: {accent}; }}
    QLabel[role="h1"] {{ font-size: {px(26)}px; font-weight: 700; }}
    QLabel[role="h2"] {{ font-size: {px(19)}px; font-weight: 700; margin-top: {px(6)}px; }}
    QLabel[role="h3"] {{ font-size: {px(16)}px; font-weight: 700; }}
    QLabel[role="h4"] {{ font-weight: 700; color: #2d3540; }}
    QLabel[role="recommended"] {{ font-weight: 600; color: #1d4d2b; }}
    QLabel[role="lead"] {{ font-size: {px(17)}px; color: #2d3540; }}
    QLabel[role="muted"] {{ color: #4a5563; }}
    QLabel[role="error"] {{ color: #a4000f; font-weight: 600; }}
    QLabel[role="warning"] {{ color: #6b4300; background: #fff4d6; border: 1px solid #e7c56b;
                             border-radius: 4px; padding: {px(6)}px; }}
    QLabel[role="banner"] {{ color: #ffffff; background: #8a3b00; font-weight: 700;
                            padding: {px(6)}px {px(10)}px; border-radius: 4px; }}
    QLabel[role="notice"] {{ background: #e8f1fb; border: 1px solid #9dbfe6; border-radius: 4px;
                            padding: {px(8)}px; }}
    QFrame[role="card"] {{ border: 1px solid #d5dbe3; border-radius: 6px; background: #fbfcfd; }}
    QListWidget#stepList {{ background: transparent; border: none; font-size: {px(16)}px; }}
    QListWidget#stepList::item {{ padding: {px(9)}px {px(8)}px; border-radius: 4px; }}
    QListWidget#stepList::item:selected {{ background: {accent}; color: #ffffff; }}
    QListWidget#stepList::item:disabled {{ color: #7a8593; }}
    QListWidget#packList {{ background: #f6f8fa; border: 1px solid #d5dbe3; border-radius: 6px; }}
    QListWidget#packList::item {{ padding: {px(8)}px {px(8)}px; }}
    QListWidget#packList::item:selected {{ background: {accent}; color: #ffffff; }}
    QListWidget#platformList::item {{ padding: {px(6)}px; }}
    QFrame[role="card"][status="done"] {{ border: 2px solid #2e7d32; background: #f3faf3; }}
    QFrame[role="card"][status="not_for_me"] {{ border: 2px solid #9aa5b1; background: #f6f7f8; }}
    QFrame[role="card"][status="later"] {{ border: 2px solid #b26a00; background: #fffaf0; }}
    QPushButton {{ padding: {px(7)}px {px(16)}px; border: 1px solid #9aa5b1; border-radius: 4px;
                  background: #ffffff; min-height: {px(22)}px; }}
    QPushButton:hover {{ background: #eef3f9; }}
    QPushButton:focus {{ border: 2px solid {accent}; }}
    QPushButton[role="primary"] {{ background: {accent}; color: #ffffff; border-color: {accent};
                                  font-weight: 700; }}
    QPushButton[role="primary"]:focus {{ border: 2px solid #0b2a4d; }}
    QPushButton:disabled {{ color: #8a949f; background: #f3f4f6; border-color: #d0d5db; }}
    QLineEdit, QComboBox, QDateEdit, QPlainTextEdit, QSpinBox {{ padding: {px(5)}px; border: 1px solid #9aa5b1;
                  border-radius: 4px; background: #ffffff; min-height: {px(22)}px; }}
    QLineEdit:focus, QComboBox:focus, QDateEdit:focus, QPlainTextEdit:focus {{ border: 2px solid {accent}; }}
    QCheckBox, QRadioButton {{ spacing: {px(8)}px; }}
    QProgressBar {{ border: 1px solid #9aa5b1; border-radius: 4px; text-align: center;
                   min-height: {px(20)}px; background: #ffffff; }}
    QProgressBar::chunk {{ background: #2e7d32; }}
    QScrollArea {{ border: none; background: #ffffff; }}
    QFrame[role="searchrow"] {{ border: none; border-bottom: 1px solid #d5dbe3; background: #ffffff; }}
    QLabel[role="searchtext"] {{ font-size: {px(16)}px; font-weight: 600; }}
    QLabel[role="searchtext"][off="true"] {{ color: #6b7480; font-weight: 400; text-decoration: line-through; }}
    QLabel[role="tag"] {{ background: #e8f1fb; color: #0b3d75; border: 1px solid #9dbfe6; border-radius: 4px;
                         padding: {px(2)}px {px(8)}px; font-weight: 600; }}
    QLabel[role="url"] {{ color: #1d5a2e; }}
    QFrame[role="card"][decision="not_me"] {{ border: 2px solid #9aa5b1; background: #f6f7f8; }}
    QFrame[role="card"][decision="me_fine"] {{ border: 2px solid #2e7d32; background: #f3faf3; }}
    QFrame[role="card"][decision="me_action"] {{ border: 2px solid #b26a00; background: #fffaf0; }}
    QPushButton[role="choice"] {{ font-weight: 600; }}
    QPushButton[role="choice"]:checked {{ background: #1d4d2b; color: #ffffff; border-color: #1d4d2b; }}
    QTabWidget::pane {{ border: none; border-top: 1px solid #d5dbe3; }}
    QTabBar::tab {{ padding: {px(8)}px {px(18)}px; font-size: {px(16)}px; border: 1px solid #d5dbe3;
                   border-bottom: none; border-top-left-radius: 4px; border-top-right-radius: 4px;
                   background: #f1f4f8; margin-right: {px(4)}px; }}
    QTabBar::tab:selected {{ background: #ffffff; font-weight: 700; color: {accent}; }}
    QTabBar::tab:focus {{ border: 2px solid {accent}; border-bottom: none; }}
    """
