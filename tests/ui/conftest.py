import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from socialsafe_desktop.paths import resolve_paths
from socialsafe_desktop.ui.app import build_context
from socialsafe_desktop.ui.main_window import MainWindow


class Opened:
    """Opens the window the way the app does, and can close and reopen it on the same data."""

    def __init__(self, qtbot, data_dir):
        self.qtbot = qtbot
        self.paths = resolve_paths(data_dir)
        self.paths.ensure()
        self.opened_urls: list[str] = []
        self.window = None
        self.ctx = None

    def open(self) -> MainWindow:
        self.ctx = build_context(self.paths)
        self.ctx.session.backend.url_opener = lambda url: self.opened_urls.append(url) or True
        self.window = MainWindow(self.ctx)
        self.qtbot.addWidget(self.window)
        self.window.show()
        self.qtbot.waitExposed(self.window)
        # Mnemonics and shortcuts only reach an active window, as on a real desktop.
        self.window.activateWindow()
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is self.window)
        return self.window

    def press(self, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        """A key press where a person's keyboard would send it: to the focused widget."""
        target = QApplication.focusWidget() or self.window
        QTest.keyClick(target, key, modifier)

    def close(self) -> None:
        self.window.close()
        self.ctx.session.close()

    def reopen(self) -> MainWindow:
        self.close()
        return self.open()


@pytest.fixture
def app_window(qtbot, tmp_path):
    opened = Opened(qtbot, tmp_path / "data")
    opened.open()
    yield opened
    try:
        opened.ctx.session.close()
    except Exception:
        pass


@pytest.fixture
def open_app(qtbot, tmp_path):
    """For tests that set up the environment first: call it to open the window."""
    opened = []

    def factory(data_dir=None):
        o = Opened(qtbot, data_dir or tmp_path / "data")
        o.open()
        opened.append(o)
        return o

    yield factory
    for o in opened:
        try:
            o.ctx.session.close()
        except Exception:
            pass
