"""Shared test set-up: offscreen Qt, an isolated data directory per test, and no internet."""

from __future__ import annotations

import ipaddress
import os
import socket

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo


class InternetAccessError(AssertionError):
    """Raised when a test tries to reach anything but this machine."""


def _is_local(host) -> bool:
    if isinstance(host, bytes):
        host = host.decode()
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _guarded_connect(sock, address, *args):
    if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
        raise InternetAccessError(f"test tried to connect to {address!r}")
    return _real_connect(sock, address, *args)


def _guarded_connect_ex(sock, address, *args):
    if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
        raise InternetAccessError(f"test tried to connect to {address!r}")
    return _real_connect_ex(sock, address, *args)


def _guarded_getaddrinfo(host, *args, **kwargs):
    if not _is_local(host):
        raise InternetAccessError(f"test tried to look up {host!r}")
    return _real_getaddrinfo(host, *args, **kwargs)


@pytest.fixture(autouse=True)
def no_internet(monkeypatch):
    """Every test runs with the internet fenced off; loopback stays open for local servers."""
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded_connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", _guarded_getaddrinfo)
    yield


@pytest.fixture(autouse=True)
def isolated_env(tmp_path, monkeypatch):
    """Each test gets its own data, config and log directories and no inherited overrides."""
    for name in list(os.environ):
        if name.startswith("SOCIALSAFE_"):
            monkeypatch.delenv(name, raising=False)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("SOCIALSAFE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SOCIALSAFE_POLICY", str(tmp_path / "no-policy.toml"))
    # Proxies from the developer's shell must not send loopback traffic elsewhere.
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    # English unless a test asks for another language: a developer's Welsh desktop (LANG=cy_GB)
    # must not change what the suite sees, here or in the commands it starts.
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    yield


@pytest.fixture(autouse=True)
def english_afterwards():
    """A test that switches the language (--lang cy, a Welsh report) leaves English behind it."""
    yield
    from socialsafe_desktop.core import i18n

    i18n.set_language(i18n.ENGLISH)


@pytest.fixture(autouse=True)
def no_real_keyring():
    """Tests never reach the developer's keyring; the keyring suites install their own backend."""
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def silent_server():
    """A server on this machine that accepts connections and never answers."""
    from socket_servers import SilentServer

    server = SilentServer()
    yield server
    server.close()


@pytest.fixture
def closed_port():
    """An address on this machine where nothing listens: every connection is refused at once."""
    from socket_servers import closed_port_url

    return closed_port_url()
