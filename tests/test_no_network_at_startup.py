"""Starting SocialSafe sends nothing anywhere: no telemetry, no update check, no lookup.

The window is opened offscreen the way the app opens it, with a managed policy that names
provider addresses (so there is something that *could* be contacted), and every socket
connection and name lookup is recorded, loopback included. The only traffic allowed is the
local kind a desktop app needs (Unix sockets: D-Bus, the display).
"""

from __future__ import annotations

import socket

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from socialsafe_desktop.core.policy import EffectiveSettings, load_policy, read_user_settings
from socialsafe_desktop.paths import resolve_paths
from socialsafe_desktop.secrets import KeyStore
from socialsafe_desktop.ui.app import build_context
from socialsafe_desktop.ui.main_window import MainWindow
from socialsafe_desktop.ui.settings_dialog import SettingsDialog


@pytest.fixture
def recorded(monkeypatch):
    """Wrap the conftest guard (which already refuses the internet) and note every attempt."""
    attempts: list[str] = []
    guarded_connect = socket.socket.connect
    guarded_connect_ex = socket.socket.connect_ex
    guarded_lookup = socket.getaddrinfo

    def connect(sock, address, *args):
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(f"connect {address!r}")
        return guarded_connect(sock, address, *args)

    def connect_ex(sock, address, *args):
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(f"connect_ex {address!r}")
        return guarded_connect_ex(sock, address, *args)

    def lookup(host, *args, **kwargs):
        attempts.append(f"getaddrinfo {host!r}")
        return guarded_lookup(host, *args, **kwargs)

    def create_connection(address, *args, **kwargs):
        attempts.append(f"create_connection {address!r}")
        raise AssertionError(f"start-up tried to open a connection to {address!r}")

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    return attempts


@pytest.fixture
def managed(tmp_path, monkeypatch):
    policy = tmp_path / "policy.toml"
    policy.write_text('[organisation]\nname = "Example"\n[search]\nmodes = ["browser", "in_app"]\n'
                      'searxng_url = "https://searx.example.org/"\n'
                      'duckduckgo_url = "http://127.0.0.1:9/html/"\n')  # loopback: the guard would allow it
    monkeypatch.setenv("SOCIALSAFE_POLICY", str(policy))
    monkeypatch.setenv("SOCIALSAFE_BRAVE_URL", "http://127.0.0.1:9/brave")
    return policy


def test_opening_the_window_makes_no_connection(qtbot, recorded, managed, tmp_path):
    paths = resolve_paths(tmp_path / "data")
    paths.ensure()
    ctx = build_context(paths)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    # The work Welcome defers until the window is on screen (the time estimate) has run.
    welcome = window.current_page()
    qtbot.waitUntil(lambda: welcome.time_text.text() != "")
    # Every step, as a person would go through them, each shown and given its turn in the event loop.
    while window.next_button.isVisible():
        step = window.flow.current.id
        qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda step=step: window.flow.current.id != step and window.current_page().isVisible())
        QApplication.processEvents()
    assert window.flow.current.id == "plan"
    assert recorded == []
    window.close()
    ctx.session.close()


def test_loading_the_policy_and_opening_settings_makes_no_connection(qtbot, recorded, managed, tmp_path):
    paths = resolve_paths(tmp_path / "data")
    paths.ensure()
    ctx = build_context(paths)
    settings = EffectiveSettings(load_policy(), read_user_settings(ctx.store.setting))
    assert settings.policy.problems == [] and settings.managed
    from keyring.backends import fail

    dialog = SettingsDialog(settings, KeyStore(fail.Keyring()), ctx.session.set_setting)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.fields["network.proxy"].setText("http://127.0.0.1:3128")
    dialog.close()
    QApplication.processEvents()
    assert ctx.store.setting("network.proxy") == "http://127.0.0.1:3128"
    assert settings.provider_url("searxng") == "https://searx.example.org/"
    assert recorded == []  # an address is only a setting until a person presses Search
    ctx.session.close()


def test_the_recorder_does_see_connections(recorded):
    """Without this, an empty list above could mean the recorder was never called."""
    with pytest.raises(AssertionError):
        socket.create_connection(("example.org", 443))
    with pytest.raises(OSError):
        socket.socket().connect(("127.0.0.1", 9))  # nothing listens on the discard port
    assert recorded == ["create_connection ('example.org', 443)", "connect ('127.0.0.1', 9)"]
