"""API keys for search providers, kept in the operating system's keyring. The only module that
imports `keyring`.

A key is never written to disk by SocialSafe: not to the database, the settings, the logs or a
crash dialog. When there is no usable keyring (none installed, a locked one, one that stores
keys in a plain file), the key lives in this process's memory until SocialSafe closes, and every
answer here says so in a sentence the person can read.
"""

from __future__ import annotations

import getpass
import logging
import sys
import threading
from collections.abc import Callable
from typing import IO, Any

from .core.i18n import N_, _

SERVICE = "SocialSafe"
KNOWN_KEYS = {"brave": N_("Brave Search API key")}  # shown with _()
MAX_KEY_LENGTH = 512

log = logging.getLogger("socialsafe.secrets")

_FRIENDLY_BACKENDS = {
    "keyring.backends.SecretService": "Secret Service",
    "keyring.backends.libsecret": "Secret Service",
    "keyring.backends.kwallet": "KWallet",
    "keyring.backends.Windows": "Windows Credential Manager",
    "keyring.backends.macOS": "macOS Keychain",
}

SESSION_ONLY_NO_BACKEND = N_("No system keyring is available, so the key is kept only until SocialSafe closes.")
SESSION_ONLY_REFUSED = N_("Your system keyring is locked or refused the key, so it is kept only until "
                          "SocialSafe closes.")


class KeyStoreError(ValueError):
    """A problem to show the person in one sentence (an unknown name, an unusable key)."""


def check_key_name(name: str) -> str:
    name = (name or "").strip().lower()
    if name not in KNOWN_KEYS:
        known = ", ".join(f"'{n}' ({_(label)})" for n, label in KNOWN_KEYS.items())
        raise KeyStoreError(_("There is no API key called '{name}': SocialSafe knows {known}.").format(
            name=name, known=known))
    return name


def check_key_text(value: str) -> str:
    """A pasted key, trimmed; raises KeyStoreError when it cannot be an API key."""
    value = (value or "").strip()
    if not value:
        raise KeyStoreError(_("The key is empty: paste the whole key."))
    if len(value) > MAX_KEY_LENGTH:
        raise KeyStoreError(_("That is too long for an API key (more than {most} characters).").format(
            most=MAX_KEY_LENGTH))
    if any(ord(c) < 0x21 or ord(c) == 0x7F for c in value):
        raise KeyStoreError(_("An API key has no spaces, line breaks or control characters: paste only the key."))
    return value


def _backend_module(backend: Any) -> str:
    return type(backend).__module__


def _is_unusable(backend: Any) -> bool:
    """Backends that would lose the key, fail every call, or keep it in a plain file."""
    from keyring.backends import chainer, fail, null

    if backend is None or isinstance(backend, fail.Keyring | null.Keyring):
        return True
    if isinstance(backend, chainer.ChainerBackend):
        return not _safe_members(backend)
    module = _backend_module(backend)
    # keyrings.alt stores keys in files (some in plain text), which this app promises not to do.
    return module.startswith("keyrings.alt") or "plaintext" in type(backend).__name__.lower()


def _safe_members(backend: Any) -> list:
    return [b for b in getattr(backend, "backends", []) if not _is_unusable(b)]


def describe_backend(backend: Any) -> str:
    module = _backend_module(backend)
    for prefix, label in _FRIENDLY_BACKENDS.items():
        if module.startswith(prefix):
            return label
    return str(getattr(backend, "name", "") or type(backend).__name__)


class KeyStore:
    """Where API keys live. `backend` is a keyring backend (tests pass one); by default the one
    keyring chooses for this computer, looked up on first use so that start-up stays quiet."""

    def __init__(self, backend: Any = None, service: str = SERVICE) -> None:
        self._service = service
        self._given = backend
        self._backend: Any = None
        self._resolved = False
        self._memory: dict[str, str] = {}
        self._refused = False  # the keyring failed once: stay in memory for the session
        self._lock = threading.Lock()

    # -- the backend
    def _resolve(self) -> Any:
        if not self._resolved:
            backend = self._given
            if backend is None:
                try:
                    import keyring

                    backend = keyring.get_keyring()
                except Exception as exc:  # a broken keyring config must not stop the app
                    log.warning("no keyring backend could be loaded (%s)", type(exc).__name__)
                    backend = None
            try:
                from keyring.backends import chainer

                if isinstance(backend, chainer.ChainerBackend):
                    members = _safe_members(backend)
                    backend = max(members, key=lambda b: b.priority) if members else None
            except Exception:
                backend = None
            self._backend = None if _is_unusable(backend) else backend
            self._resolved = True
            log.info("key store: %s", describe_backend(self._backend) if self._backend else "session memory only")
        return self._backend

    @property
    def persistent(self) -> bool:
        """True when keys set now will still be there after SocialSafe closes."""
        return self._resolve() is not None and not self._refused

    def backend_description(self) -> str:
        backend = self._resolve()
        if backend is None:
            return _("No system keyring is available: API keys are kept only until SocialSafe closes.")
        if self._refused:
            # TRANSLATORS: {keyring} is its name, e.g. "Secret Service", "Windows Credential Manager".
            return _("Your system keyring ({keyring}) is locked or refused to store keys: API keys are kept only until "
                     "SocialSafe closes.").format(keyring=describe_backend(backend))
        return _("API keys are kept in your system keyring ({keyring}).").format(keyring=describe_backend(backend))

    def _saved_sentence(self) -> str:
        return _("Saved in your system keyring ({keyring}).").format(keyring=describe_backend(self._backend))

    def _failed(self, action: str, exc: Exception) -> None:
        # The exception's text is not logged: some backends echo what they were given.
        log.warning("keyring %s failed (%s); keys stay in memory for this session", action, type(exc).__name__)
        self._refused = True

    # -- the operations
    def set(self, name: str, value: str) -> str:
        """Keep the key; returns one sentence saying where it went."""
        name = check_key_name(name)
        value = check_key_text(value)
        with self._lock:
            backend = self._resolve()
            if backend is not None and not self._refused:
                try:
                    backend.set_password(self._service, name, value)
                except Exception as exc:
                    self._failed("set", exc)
                else:
                    self._memory.pop(name, None)
                    log.info("API key '%s' saved in the system keyring", name)
                    return self._saved_sentence()
            self._memory[name] = value
            log.info("API key '%s' kept in memory for this session", name)
            return _(SESSION_ONLY_NO_BACKEND if backend is None else SESSION_ONLY_REFUSED)

    def get(self, name: str) -> str | None:
        name = check_key_name(name)
        with self._lock:
            if name in self._memory:
                return self._memory[name]
            backend = self._resolve()
            if backend is None:
                return None
            try:
                return backend.get_password(self._service, name) or None
            except Exception as exc:
                log.warning("keyring get failed (%s)", type(exc).__name__)
                return None

    def delete(self, name: str) -> bool:
        """Remove the key wherever it is kept. True when there was one to remove."""
        name = check_key_name(name)
        with self._lock:
            removed = self._memory.pop(name, None) is not None
            backend = self._resolve()
            if backend is not None:
                try:
                    if backend.get_password(self._service, name) is not None:
                        backend.delete_password(self._service, name)
                        removed = True
                except Exception as exc:
                    log.warning("keyring delete failed (%s)", type(exc).__name__)
                    from keyring.errors import PasswordDeleteError

                    if not isinstance(exc, PasswordDeleteError) and not removed:
                        raise KeyStoreError(_("The key could not be removed from your system keyring: it may be "
                                              "locked. Unlock it and try again.")) from None
            if removed:
                log.info("API key '%s' removed", name)
            return removed

    def discard_session_copy(self, name: str) -> None:
        """Forget a key held in memory, leaving any keyring alone."""
        with self._lock:
            self._memory.pop(check_key_name(name), None)

    def where(self, name: str) -> str:
        """One sentence: is this key set, and where is it kept."""
        name = check_key_name(name)
        with self._lock:
            in_memory = name in self._memory
        if in_memory:
            return _("Set, kept only until SocialSafe closes (not in a system keyring).")
        backend = self._resolve()
        if backend is None:
            return _("Not set. No system keyring is available, so a key would be kept only until SocialSafe closes.")
        try:
            found = backend.get_password(self._service, name) is not None
        except Exception as exc:
            log.warning("keyring get failed (%s)", type(exc).__name__)
            return _("Unknown: your system keyring ({keyring}) could not be read; it may be locked.").format(
                keyring=describe_backend(backend))
        if found:
            return _("Set, saved in your system keyring ({keyring}).").format(keyring=describe_backend(backend))
        return _("Not set.")

    def status(self) -> list[tuple[str, str]]:
        return [(name, self.where(name)) for name in KNOWN_KEYS]

    def __repr__(self) -> str:  # never show the keys, even in a traceback's locals
        return f"KeyStore(persistent={self.persistent}, keys=<hidden>)"


# --- command-line helpers (argparse lives in cli.py) -------------------------------------------


def read_key_from_stdin(stream: IO[str] | None = None, prompt: Callable[[str], str] | None = None) -> str:
    """The key for `keys set NAME`: typed without echo at a terminal, else the first line of a pipe.
    Raises KeyStoreError with a sentence when nothing usable was given."""
    stream = sys.stdin if stream is None else stream
    if stream is None:
        raise KeyStoreError(_("No key was given: pipe it in, e.g. 'socialsafe keys set brave < key.txt'."))
    if stream.isatty():
        ask = prompt or getpass.getpass
        text = ask(_("Paste the key (it is not shown) and press Enter: "))
    else:
        text = stream.read(MAX_KEY_LENGTH * 4)
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if len(lines) > 1:
            raise KeyStoreError(_("The input has more than one line: give only the key."))
        text = lines[0] if lines else ""
    return check_key_text(text)


def cmd_keys_set(name: str, keys: KeyStore | None = None, stream: IO[str] | None = None,
                 out: IO[str] | None = None, err: IO[str] | None = None) -> int:
    """`socialsafe keys set NAME`: 0 when saved in the keyring; 1 otherwise (a key held in this
    short-lived process's memory would be gone when the command ends, so it is an error here)."""
    out, err = out or sys.stdout, err or sys.stderr
    keys = keys or KeyStore()
    try:
        name = check_key_name(name)
        value = read_key_from_stdin(stream)
        if not keys.persistent:
            print("socialsafe: " + _not_saved(keys), file=err)
            return 1
        where = keys.set(name, value)
    except KeyStoreError as exc:
        print(f"socialsafe: {exc}", file=err)
        return 1
    if not keys.persistent:
        keys.discard_session_copy(name)  # this process ends now: a memory copy would be a false promise
        print("socialsafe: " + _not_saved(keys), file=err)
        return 1
    print(f"{_(KNOWN_KEYS[name])}: {where}", file=out)
    return 0


def cmd_keys_delete(name: str, keys: KeyStore | None = None,
                    out: IO[str] | None = None, err: IO[str] | None = None) -> int:
    """`socialsafe keys delete NAME`: 0 when removed or already absent, 1 on an error."""
    out, err = out or sys.stdout, err or sys.stderr
    keys = keys or KeyStore()
    try:
        name = check_key_name(name)
        removed = keys.delete(name)
    except KeyStoreError as exc:
        print(f"socialsafe: {exc}", file=err)
        return 1
    if removed:
        # TRANSLATORS: after the key's name, e.g. "Brave Search API key: removed."
        print(_("{key}: removed.").format(key=_(KNOWN_KEYS[name])), file=out)
    else:
        print(_("{key}: there was no key to remove.").format(key=_(KNOWN_KEYS[name])), file=out)
    return 0


def cmd_keys_status(keys: KeyStore | None = None, out: IO[str] | None = None) -> int:
    """`socialsafe keys status`: where keys are kept, then one line per known key. Always 0."""
    out = out or sys.stdout
    keys = keys or KeyStore()
    print(keys.backend_description(), file=out)
    for name, where in keys.status():
        print(f"{name} ({_(KNOWN_KEYS[name])}): {where}", file=out)
    return 0


def _not_saved(keys: KeyStore) -> str:
    # TRANSLATORS: {reason} is a sentence about the keyring, with its first letter made small.
    description = keys.backend_description()
    return _("the key was not saved: {reason}").format(reason=description[:1].lower() + description[1:])
