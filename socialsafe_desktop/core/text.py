"""Characters that must never reach a screen or a file as they are.

One definition for the whole app. Unsafe: control characters (C0 except tab and newline, DEL,
C1), bidi embeddings, overrides, isolates and marks, line and paragraph separators, the
byte-order mark and lone surrogates. Any of them can hide or reorder what is around it, so a
hostile search result, checklist file or policy could make text say something else.
Invisible (zero-width spaces and joiners) are harmless on screen, and the app itself uses the
zero-width space to let long addresses wrap, but they go from text that is matched or
compared (search results), where they would make two equal words differ.
"""

from __future__ import annotations

import re

_UNSAFE_CLASS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"                # controls, except tab (09) and newline (0a)
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides, isolates
    "\u2028\u2029\ufeff"                         # line and paragraph separators, byte-order mark
    "\ud800-\udfff"                               # lone surrogates (cannot even be encoded)
)
_INVISIBLE_CLASS = "\u200b-\u200d\u2060"         # zero-width space, joiners, word joiner
_UNSAFE = re.compile(f"[{_UNSAFE_CLASS}]")
_UNSAFE_OR_BREAK = re.compile(f"[{_UNSAFE_CLASS}\t\n\r]")
_INVISIBLE = re.compile(f"[{_INVISIBLE_CLASS}]")
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")  # and line/paragraph separators
_SPACES = re.compile(r"\s+")


def has_unsafe_chars(text: str, *, allow_newlines: bool = True) -> bool:
    """True when `text` holds a character that could disguise it (tab and newline are allowed
    unless allow_newlines is False)."""
    return bool((_UNSAFE if allow_newlines else _UNSAFE_OR_BREAK).search(text))


def strip_unsafe(text: object, replacement: str = "") -> str:
    """`text` with every unsafe character replaced (default: removed). Tab and newline stay."""
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    return _UNSAFE.sub(replacement, text)


def one_line(text: object) -> str:
    """Unsafe and invisible characters out, every run of whitespace (newlines too) folded to one
    space: for text that is matched or shown on one line (search words, result titles, a letter's
    lines). Controls and line or paragraph separators become a space, since they separated words."""
    text = _CONTROLS.sub(" ", text if isinstance(text, str) else strip_unsafe(text))  # they separated words
    return _SPACES.sub(" ", _INVISIBLE.sub("", strip_unsafe(text))).strip()
