"""API keys: a real Secret Service (gnome-keyring-daemon on a private D-Bus session), no backend
at all, and a keyring that refuses. A key must never land in SocialSafe's files."""

from __future__ import annotations

import io
import logging
import os
import shutil
import subprocess
import time
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail, null

from socialsafe_desktop.logging_setup import close_logging, setup_logging
from socialsafe_desktop.paths import resolve_paths
from socialsafe_desktop.secrets import (
    SESSION_ONLY_NO_BACKEND,
    SESSION_ONLY_REFUSED,
    KeyStore,
    KeyStoreError,
    cmd_keys_delete,
    cmd_keys_set,
    cmd_keys_status,
    read_key_from_stdin,
)
from socialsafe_desktop.store import AuditStore

SECRET = "BSAtestKEY-7f3c9a1e5d2b48c6"  # a made-up key, distinctive enough to grep for
SERVICE_NAME = "org.freedesktop.secrets"


# --- a private Secret Service -----------------------------------------------------------------


def _name_has_owner(name: str) -> bool:
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    bus = DBusAddress("/org/freedesktop/DBus", bus_name="org.freedesktop.DBus", interface="org.freedesktop.DBus")
    with open_dbus_connection(bus="SESSION") as conn:
        reply = conn.send_and_get_reply(new_method_call(bus, "NameHasOwner", "s", (name,)), timeout=5)
    return bool(reply.body[0])


@pytest.fixture(scope="module")
def secret_service(tmp_path_factory):
    """gnome-keyring-daemon, unlocked with a password on stdin, on the session bus that
    tools/run-tests.sh made with dbus-run-session. Never touches a real desktop's keyring."""
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        pytest.skip("no D-Bus session bus: run the suite through tools/run-tests.sh (dbus-run-session)")
    daemon = shutil.which("gnome-keyring-daemon")
    if not daemon:
        pytest.skip("gnome-keyring-daemon is not installed (Debian package gnome-keyring)")
    try:
        if _name_has_owner(SERVICE_NAME):
            pytest.skip("a Secret Service already runs on this session bus; the tests will not touch "
                        "a real keyring: run them through tools/run-tests.sh")
    except Exception as exc:  # a bus address that leads nowhere
        pytest.skip(f"the D-Bus session bus cannot be reached ({type(exc).__name__})")
    home = tmp_path_factory.mktemp("keyring-home")
    runtime = home / "run"
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / ".local/share"),
           "XDG_CONFIG_HOME": str(home / ".config"), "XDG_RUNTIME_DIR": str(runtime)}
    proc = subprocess.Popen([daemon, "--unlock", "--components=secrets", "--foreground"], env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    proc.stdin.write(b"test-keyring-password")
    proc.stdin.close()
    deadline = time.monotonic() + 15
    # Waiting on another process to claim its bus name: poll, there is no signal to wait on here.
    while not _name_has_owner(SERVICE_NAME):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.skip(f"gnome-keyring-daemon did not start: {proc.stderr.read().decode(errors='replace')[-300:]}")
        time.sleep(0.05)
    yield home
    proc.terminate()
    proc.wait(10)


@pytest.fixture
def secret_service_keyring(secret_service):
    from keyring.backends import SecretService

    previous = keyring.get_keyring()
    backend = SecretService.Keyring()
    keyring.set_keyring(backend)  # the app's default KeyStore() now talks to the test daemon
    try:
        backend.delete_password("SocialSafe", "brave")
    except keyring.errors.PasswordDeleteError:
        pass
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def every_file_under(*roots: Path):
    for root in roots:
        for path in root.rglob("*"):
            if path.is_file():
                yield path


def assert_not_on_disk(secret: str, *roots: Path) -> int:
    """Read every file (the SQLite database, its WAL, logs, anything) as bytes and look for the
    key in the encodings a careless write could use. Returns how many files were searched."""
    needles = [secret.encode("utf-8"), secret.encode("utf-16-le"), secret[::-1].encode()]
    count = 0
    for path in every_file_under(*roots):
        data = path.read_bytes()
        count += 1
        for needle in needles:
            assert needle not in data, f"the key was written to {path}"
    return count


def use_the_app_as_a_person_would(keys: KeyStore, paths) -> str:
    """Open the store and the log like the app, set a key, use it, log about it."""
    paths.ensure()
    setup_logging(paths.log_dir, level=logging.DEBUG)
    store = AuditStore.open(paths.database)
    try:
        store.set_setting("search.brave_url", "https://api.search.brave.com/res/v1/web/search")
        where = keys.set("brave", SECRET)
        assert keys.get("brave") == SECRET
        logging.getLogger("socialsafe.test").info("status: %s", keys.status())
        logging.getLogger("socialsafe.test").info("store: %r", keys)
        store.set_setting("ui.text_scale", "1.10")
    finally:
        store.close()
        close_logging()
    return where


# --- a real Secret Service ----------------------------------------------------------------------


def test_secret_service_set_get_replace_delete(secret_service_keyring):
    keys = KeyStore()
    assert keys.persistent
    assert keys.backend_description() == "API keys are kept in your system keyring (Secret Service)."
    assert keys.set("brave", f"  {SECRET}\n") == "Saved in your system keyring (Secret Service)."
    # Another KeyStore (a later start of the app) finds it: it really is in the keyring.
    assert KeyStore().get("brave") == SECRET
    assert secret_service_keyring.get_password("SocialSafe", "brave") == SECRET
    assert keys.status() == [("brave", "Set, saved in your system keyring (Secret Service).")]
    keys.set("brave", SECRET + "-new")
    assert KeyStore().get("brave") == SECRET + "-new"
    assert keys.delete("brave") is True
    assert KeyStore().get("brave") is None
    assert keys.delete("brave") is False
    assert keys.status() == [("brave", "Not set.")]


def test_secret_service_key_is_in_no_file_of_ours(secret_service_keyring, tmp_path):
    paths = resolve_paths()
    where = use_the_app_as_a_person_would(KeyStore(), paths)
    assert where == "Saved in your system keyring (Secret Service)."
    searched = assert_not_on_disk(SECRET, paths.data_dir, paths.log_dir, tmp_path)
    assert searched >= 2  # at least the database and the log were there to search
    assert (paths.log_dir / "socialsafe.log").read_text().count("saved in the system keyring") == 1


def test_secret_service_keyring_file_is_encrypted(secret_service_keyring, secret_service):
    KeyStore().set("brave", SECRET)
    files = list(every_file_under(secret_service))
    assert any(p.suffix == ".keyring" for p in files)  # gnome-keyring did write its store...
    assert_not_on_disk(SECRET, secret_service)         # ...and the key is not readable in it


def test_cli_helpers_with_secret_service(secret_service_keyring):
    out, err = io.StringIO(), io.StringIO()
    assert cmd_keys_set("brave", stream=io.StringIO(SECRET + "\n"), out=out, err=err) == 0
    assert out.getvalue() == "Brave Search API key: Saved in your system keyring (Secret Service).\n"
    assert SECRET not in out.getvalue() + err.getvalue()
    out = io.StringIO()
    assert cmd_keys_status(out=out) == 0
    assert out.getvalue().splitlines() == [
        "API keys are kept in your system keyring (Secret Service).",
        "brave (Brave Search API key): Set, saved in your system keyring (Secret Service).",
    ]
    out = io.StringIO()
    assert cmd_keys_delete("brave", out=out) == 0
    assert out.getvalue() == "Brave Search API key: removed.\n"
    out = io.StringIO()
    assert cmd_keys_delete("brave", out=out) == 0
    assert out.getvalue() == "Brave Search API key: there was no key to remove.\n"


# --- no backend ------------------------------------------------------------------------------------


def test_no_backend_keeps_the_key_for_this_session_only(no_keyring, tmp_path):
    keys = KeyStore()
    assert not keys.persistent
    assert "only until SocialSafe closes" in keys.backend_description()
    paths = resolve_paths()
    assert use_the_app_as_a_person_would(keys, paths) == SESSION_ONLY_NO_BACKEND
    assert keys.get("brave") == SECRET
    assert keys.status() == [("brave", "Set, kept only until SocialSafe closes (not in a system keyring).")]
    assert KeyStore().get("brave") is None  # the next start of the app has no key: nothing was written
    assert_not_on_disk(SECRET, paths.data_dir, paths.log_dir, tmp_path)
    assert keys.delete("brave") is True and keys.get("brave") is None


@pytest.mark.parametrize("backend", [null.Keyring(), fail.Keyring()])
def test_useless_backends_are_detected(backend):
    assert not KeyStore(backend).persistent


def test_chainer_without_backends_and_plaintext_backends_are_refused():
    from keyring.backend import KeyringBackend
    from keyring.backends import chainer

    class PlaintextKeyring(KeyringBackend):  # shaped like keyrings.alt's file backend
        priority = 1

        def get_password(self, service, username):
            return None

        def set_password(self, service, username, password):
            raise AssertionError("a plain-text backend must never be given a key")

        def delete_password(self, service, username):
            pass

    class EmptyChain(chainer.ChainerBackend):  # what keyring builds when it finds nothing usable
        backends = []

    assert not KeyStore(EmptyChain()).persistent
    assert not KeyStore(EmptyChain.__new__(EmptyChain)).persistent
    keys = KeyStore(PlaintextKeyring())
    assert not keys.persistent
    assert keys.set("brave", SECRET) == SESSION_ONLY_NO_BACKEND


class LockedKeyring(keyring.backend.KeyringBackend):
    """A keyring that is there but locked: every call fails as a locked Secret Service would."""

    priority = 1

    def get_password(self, service, username):
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")

    def set_password(self, service, username, password):
        raise keyring.errors.KeyringLocked(f"Failed to unlock the item for {password}")  # echoes input

    def delete_password(self, service, username):
        raise keyring.errors.KeyringLocked("Failed to unlock the item!")


def test_locked_keyring_falls_back_to_memory_and_never_logs_the_error_text(tmp_path):
    paths = resolve_paths()
    keys = KeyStore(LockedKeyring())
    assert keys.persistent  # it looks usable until it is tried
    assert use_the_app_as_a_person_would(keys, paths) == SESSION_ONLY_REFUSED
    assert not keys.persistent
    assert "is locked or refused" in keys.backend_description()
    assert keys.get("brave") == SECRET
    assert_not_on_disk(SECRET, paths.data_dir, paths.log_dir, tmp_path)
    assert "KeyringLocked" in (paths.log_dir / "socialsafe.log").read_text()


def test_cli_set_without_a_keyring_fails_clearly(no_keyring):
    out, err = io.StringIO(), io.StringIO()
    assert cmd_keys_set("brave", stream=io.StringIO(SECRET), out=out, err=err) == 1
    assert err.getvalue() == ("socialsafe: the key was not saved: no system keyring is available: API keys are "
                              "kept only until SocialSafe closes.\n")
    assert out.getvalue() == ""
    out = io.StringIO()
    assert cmd_keys_status(out=out) == 0
    assert out.getvalue().splitlines()[1] == ("brave (Brave Search API key): Not set. No system keyring is "
                                              "available, so a key would be kept only until SocialSafe closes.")


def test_cli_set_with_a_locked_keyring_fails_clearly():
    err = io.StringIO()
    keys = KeyStore(LockedKeyring())
    assert cmd_keys_set("brave", keys=keys, stream=io.StringIO(SECRET), out=io.StringIO(), err=err) == 1
    assert "the key was not saved: your system keyring" in err.getvalue()
    assert keys.get("brave") is None  # not even kept in this short-lived process
    assert SECRET not in err.getvalue()


# --- names and input ------------------------------------------------------------------------------------


def test_unknown_names_are_rejected_with_the_known_ones():
    keys = KeyStore(fail.Keyring())
    with pytest.raises(KeyStoreError, match="There is no API key called 'google': SocialSafe knows 'brave'"):
        keys.set("google", SECRET)
    err = io.StringIO()
    assert cmd_keys_delete("google", keys=keys, out=io.StringIO(), err=err) == 1
    assert err.getvalue().startswith("socialsafe: There is no API key called 'google'")


@pytest.mark.parametrize(("given", "message"), [
    ("", "The key is empty"),
    ("\n\n", "The key is empty"),
    ("two\nlines", "more than one line"),
    ("has space", "no spaces"),
    ("x" * 600, "too long"),
])
def test_read_key_from_stdin_rejects_what_cannot_be_a_key(given, message):
    with pytest.raises(KeyStoreError, match=message):
        read_key_from_stdin(io.StringIO(given))


def test_read_key_from_stdin_pipe_and_terminal():
    assert read_key_from_stdin(io.StringIO(f"\n{SECRET}\r\n")) == SECRET

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    prompts = []
    assert read_key_from_stdin(Terminal(), prompt=lambda p: prompts.append(p) or SECRET) == SECRET
    assert prompts == ["Paste the key (it is not shown) and press Enter: "]


def test_repr_hides_keys():
    keys = KeyStore(fail.Keyring())
    keys.set("brave", SECRET)
    assert SECRET not in repr(keys)
