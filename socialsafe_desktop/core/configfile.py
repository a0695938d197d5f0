"""Reading the files people write by hand (the managed policy, checklist packs, the glossary):
only regular files, only so many bytes, UTF-8 with or without a byte-order mark, TOML nested
no deeper than any real file needs. Every fault is one sentence, never an exception
the caller has to guess at, and nothing here can hang: a FIFO, a device or a socket given
where a file is expected is refused before a byte is read.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

from .i18n import _

MAX_CONFIG_BYTES = 1024 * 1024  # a policy is a few kB; the largest checklist pack is ~20 kB
MAX_DEPTH = 32                  # tables and arrays inside each other; real files use 3 or 4

_AT_LINE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_AT_END = re.compile(r"\s*\(at end of document\)$")


class ConfigFileError(Exception):
    """The file cannot be used; str() is the reason, written to follow "FILE: "."""


class FileNotThere(ConfigFileError):
    """No file at that path (callers decide whether that is a problem)."""


class FileTooLarge(ConfigFileError):
    """Over the size cap; `size` is the size seen (at least max_bytes + 1)."""

    def __init__(self, message: str, size: int) -> None:
        super().__init__(message)
        self.size = size


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or exc.__class__.__name__


def read_config_bytes(path: Path, max_bytes: int = MAX_CONFIG_BYTES) -> bytes:
    """The bytes of a regular file, at most max_bytes of them."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)  # O_NONBLOCK: opening a FIFO with no writer must not wait
    except FileNotFoundError:
        # TRANSLATORS: reasons a configuration file (a policy, a checklist) cannot be used; they
        # finish a sentence such as "policy.toml: ...".
        raise FileNotThere(_("no such file")) from None
    except IsADirectoryError:
        raise ConfigFileError(_("this is a folder, not a file")) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        raise ConfigFileError(_("the file cannot be read ({reason})").format(
            reason=_reason(exc) if isinstance(exc, OSError) else exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ConfigFileError(_("this is a folder, not a file"))
        if not stat.S_ISREG(info.st_mode):
            raise ConfigFileError(_("this is not a regular file (it is a pipe, a device or a socket), so it was not "
                                    "read"))
        if info.st_size > max_bytes:
            raise FileTooLarge(_("the file is {size} bytes; the most is {most}").format(
                size=f"{info.st_size:,}", most=f"{max_bytes:,}"), info.st_size)
        chunks, total = [], 0
        while True:  # a file that grows while we read is still capped
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            total += len(chunk)
            if total > max_bytes:
                raise FileTooLarge(_("the file is larger than {most} bytes").format(most=f"{max_bytes:,}"), total)
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise ConfigFileError(_("the file cannot be read ({reason})").format(reason=_reason(exc))) from None
    finally:
        os.close(fd)


def decode_text(raw: bytes) -> str:
    """UTF-8 text; a byte-order mark (Windows editors add one) is dropped."""
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigFileError(_("the file is not UTF-8 text (first bad byte on line {line})").format(line=line)) from None


def toml_error_message(message: str, text: str) -> str:
    """tomllib's message, said with the line and column first."""
    at = _AT_LINE.search(message)
    # TRANSLATORS: {message} is the TOML reader's own description of the mistake, in English.
    if at:
        return _("TOML syntax error on line {line}, column {column}: {message}").format(
            line=at.group(1), column=at.group(2), message=message[: at.start()])
    at = _AT_END.search(message)
    if at:
        last = max(1, len(text.splitlines()))
        return _("TOML syntax error at the end of the file (line {line}): {message}").format(
            line=last, message=message[: at.start()])
    return _("TOML syntax error: {message}").format(message=message)


def depth(value: Any) -> int:
    """How deeply tables and arrays nest in parsed data (iterative: deep data cannot crash it)."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        level += 1
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((child, level) for child in children)
    return deepest


def parse_toml(text: str) -> dict[str, Any]:
    import tomllib  # most starts read no TOML at all (no policy file, checklists later)

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigFileError(toml_error_message(str(exc), text)) from None
    except RecursionError:  # tomllib recurses on deeply nested arrays and inline tables
        raise ConfigFileError(_too_deep()) from None
    if depth(data) > MAX_DEPTH:
        raise ConfigFileError(_too_deep())
    return data


def _too_deep() -> str:
    return _("TOML syntax error: values are nested more than {most} deep").format(most=MAX_DEPTH)


def read_toml_file(path: Path, max_bytes: int = MAX_CONFIG_BYTES) -> dict[str, Any]:
    """Parsed TOML from a regular file; ConfigFileError (FileNotThere when missing) otherwise."""
    text = decode_text(read_config_bytes(Path(path), max_bytes))
    return parse_toml(text)
