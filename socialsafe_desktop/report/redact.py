"""Making text safe to print, and hiding who the person is in the redacted report.

Two separate jobs:
- `clean` makes any text harmless to display: control characters and bidi overrides are
  replaced with U+FFFD so that a hostile result title cannot reorder or hide what is
  around it (HTML escaping is Jinja's job, not this one's).
- `Redactor` replaces every private string (names, name parts, handles, emails, phone),
  case-insensitively, with "[hidden]".
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from markupsafe import escape

from socialsafe_desktop.core.text import strip_unsafe

HIDDEN = "[hidden]"
REPLACEMENT = "\ufffd"

_PHONE_LIKE = re.compile(r"\+?[0-9][0-9 ()\-.]{4,}[0-9]")
_TAG = re.compile(r"(<[^>]*>)")


def clean(text: object) -> str:
    return strip_unsafe(text, REPLACEMENT)


def _phone_pattern(value: str) -> str | None:
    """A phone number matches however it is spaced: "+44 7700 900123" also hides
    "07700900123" and "7700-900-123"."""
    if not _PHONE_LIKE.fullmatch(value):
        return None
    digits = re.sub(r"\D", "", value)
    if len(digits) < 6:
        return None
    variants = {digits}
    if value.startswith("+44") or digits.startswith("44"):
        variants.add("0" + digits[2:])  # the same UK number written nationally
    sep = r"[\s().\-]*"
    alternatives = [r"\+?\(?" + sep.join(v) for v in sorted(variants, key=len, reverse=True)]
    return "(?:" + "|".join(alternatives) + ")"


class Redactor:
    """Replaces the person's private strings wherever they appear. Matching is by substring,
    not by word: "Alex" is hidden inside "Alexander" too, because a redacted report that still
    shows most of a name has failed at its one job."""

    def __init__(self, private_strings: Iterable[str]) -> None:
        values = {clean(s).strip() for s in private_strings if isinstance(s, str)}
        values = {v for v in values if len(v) >= 2}
        parts = []
        for value in sorted(values, key=len, reverse=True):  # longest first: whole before parts
            parts.append(re.escape(value))
            phone = _phone_pattern(value)
            if phone:
                parts.append(phone)
        self._pattern = re.compile("|".join(parts), re.IGNORECASE) if parts else None

    def __call__(self, text: str) -> str:
        if self._pattern is None or not text:
            return text
        return self._pattern.sub(HIDDEN, text)

    def hits(self, text: str) -> bool:
        return self._pattern is not None and self._pattern.search(text) is not None

    def redact_html_text(self, document: str, start: int = 0) -> str:
        """Second line of defence for the words we wrote ourselves: a person called "Check"
        would otherwise still appear in "Check your privacy". Runs over the text between
        tags from `start` (the caller passes the end of the <style> block, so CSS is never
        touched) and leaves tags and attributes alone; attribute values are redacted before
        rendering."""
        if self._pattern is None:
            return document
        head, body = document[:start], document[start:]
        pieces = _TAG.split(body)
        search = self._pattern.search
        for n in range(0, len(pieces), 2):  # even indexes are text between tags
            piece = pieces[n]
            if not piece or piece.isspace():
                continue
            # Only pieces with an entity need decoding; most have none.
            text = html.unescape(piece) if "&" in piece else piece
            if search(text):
                pieces[n] = str(escape(self(text)))
        return head + "".join(pieces)
