"""Making text safe to print, and hiding who the person is in the redacted report.

Two separate jobs:
- `clean` makes any text harmless to display: control characters and bidi overrides are
  replaced with U+FFFD so that a hostile result title cannot reorder or hide what is
  around it (HTML escaping is Jinja's job, not this one's).
- `Redactor` replaces every private string (names and their parts, handles, emails, phone,
  employer, town, and the addresses it is given) with "[hidden]". It is the one place that
  decides what counts as a match; the log filter (logging_setup) uses it too.

Matching is on folded text, so a name is hidden however it is written: case, accents and
other marks ("Siân" hides "Sian", "ＳＩＡＮ" too), apostrophes and invisible characters
("O’Brien" hides "O'Brien", "OBrien" and "O Brien"), and the dashes, spaces, dots and
underscores between words ("Smith-Jones" hides "Smith Jones", "smith_jones", "SmithJones").
Folding maps each character to exactly one character, so a match in the folded text is the
same span of the original.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

from markupsafe import escape

from socialsafe_desktop.core.text import strip_unsafe

HIDDEN = "[hidden]"
REPLACEMENT = "\ufffd"

_PHONE_LIKE = re.compile(r"\+?[0-9][0-9 ()\-.]{4,}[0-9]")
_TAG = re.compile(r"(<[^>]*>)")

# What folding turns characters into: an apostrophe or an invisible character becomes "'"
# (skipped inside words), a dash "-", any space " "; letters lose their marks.
_IGNORABLE = "'\u2019\u2018\u02bc\u02bb`\u00b4\u2032\u00ad\u200b\u200c\u200d\u2060"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_NO_DECOMPOSITION = {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ı": "i"}
# Between the words of a value: any run of these (or none) in the text.
_SEPARATORS = " -_.'"
_SEPARATOR_RUN = r"[\s'`\-_.]*+"  # possessive: never backtracks, whatever the text holds
_IGNORABLE_RUN = r"['`]*+"  # "`" too: ASCII text is matched without folding (it needs none)
SHORT = 3  # values this short (after folding) match only as whole words: "Li" must not eat "Like"
# Checked just after a value's first character (a literal first lets the engine give up at
# once at most places): the match started a word, or at a capital inside one ("SamDoe").
_STARTED_WORD = r"(?:(?<![^\W\d_].)|(?-i:(?<=[a-z][A-Z])))"
# At the end of a short value: the word ends, or a capital starts the next one.
_ENDS_WORD = r"(?:(?![^\W\d_])|(?-i:(?<=[a-z])(?=[A-Z])))"


class _Fold(dict):
    """str.translate table, filled as characters are met (most text is a few dozen)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch in _IGNORABLE:
            out = "'"
        elif ch in _DASHES:
            out = "-"
        elif ch.isspace():
            out = " "
        elif ch in _NO_DECOMPOSITION:
            out = _NO_DECOMPOSITION[ch]
        else:
            base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            out = base if len(base) == 1 else ch  # one character for one: spans stay the same
        self[code] = out
        return out


_FOLD = _Fold()


def fold(text: str) -> str:
    """`text` with marks, apostrophes, dashes and spaces folded, one character for one.
    ASCII text is returned as it is: the patterns allow for its only variants ("`", tabs)."""
    return text if text.isascii() else text.translate(_FOLD)


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


def _value_pattern(value: str) -> tuple[str, int] | None:
    """The pattern for one private value on folded text, and its length in letters and digits
    (longest first wins). None for a value with fewer than two letters or digits."""
    folded = fold(value)
    pieces: list[str] = []
    gap = ""  # what may come between this character and the next
    letters = 0
    for ch in folded:
        if ch in _SEPARATORS:
            if pieces:
                gap = _SEPARATOR_RUN
            continue
        if pieces:
            pieces.append(gap or _IGNORABLE_RUN)
        pieces.append(re.escape(ch))
        gap = ""
        letters += ch.isalnum()
    if letters < 2:
        return None
    core = [ch for ch in folded if ch not in _SEPARATORS]
    if core[0].isalpha():
        pieces.insert(1, _STARTED_WORD)
    if len(core) <= SHORT and core[-1].isalpha():
        pieces.append(_ENDS_WORD)
    return "".join(pieces), len(core)


def _address_values(address: str) -> list[str]:
    """An address as it may be written: in full, without the scheme, without "www."."""
    text = address.strip()
    values = [text]
    rest = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.\-]*://", "", text)
    values.append(rest)
    values.append(re.sub(r"^www\.", "", rest, flags=re.IGNORECASE))
    values.append(values[-1].rstrip("/"))
    return values


def host_of(address: str) -> str:
    """The address's host without "www.", or "" when it has none."""
    try:
        host = urlsplit(address.strip()).hostname or ""
    except ValueError:
        return ""
    return re.sub(r"^www\.", "", host)


def private_addresses(findings: Iterable) -> dict[str, list[str]]:
    """What a redacted report passes to Redactor(..., **private_addresses(findings)): every
    finding's address, and the host of those that are not on a known platform (a personal
    site's domain is often the name; "facebook.com" is not private, and hiding it would
    break the checklists' own settings links)."""
    addresses, hosts = [], []
    for finding in findings:
        url = getattr(finding, "url", "") or ""
        if not url:
            continue
        addresses.append(url)
        normalised = getattr(finding, "normalised_url", "") or ""
        if normalised:
            addresses.append(normalised)
        if not getattr(finding, "platform", None) and host_of(url):
            hosts.append(host_of(url))
    return {"addresses": addresses, "hosts": hosts}


class Redactor:
    """Replaces the person's private strings wherever they appear, on folded text (see the
    module's notes). A match must start a word, so "Ware" (a town) leaves "software" alone;
    it may run on past the end, so "Alex" is hidden inside "Alexander" too, because a
    redacted report that still shows most of a name has failed at its one job. Values of
    three letters or fewer must also end a word: "Li" hides "Li" and "li_wei", not "Like".

    `addresses` (finding addresses) are hidden in full, with or without their scheme and
    "www."; `hosts` are hidden wherever they appear. private_addresses() builds both.
    """

    def __init__(self, private_strings: Iterable[str], *, addresses: Iterable[str] = (),
                 hosts: Iterable[str] = (), hidden: str = HIDDEN) -> None:
        self.hidden = hidden
        values = {clean(s).strip() for s in private_strings if isinstance(s, str)}
        values |= {v for a in addresses if isinstance(a, str) for v in _address_values(clean(a))}
        values |= {clean(h).strip() for h in hosts if isinstance(h, str)}
        patterns: dict[str, int] = {}
        for value in values:
            made = _value_pattern(value) if len(value) >= 2 else None
            if made:
                patterns[made[0]] = max(made[1], patterns.get(made[0], 0))
            phone = _phone_pattern(value)
            if phone:
                patterns[phone] = len(re.sub(r"\D", "", value))
        # Longest first: at any one place the whole name wins over its parts.
        ordered = sorted(patterns, key=lambda p: (-patterns[p], p))
        self._pattern = re.compile("|".join(ordered), re.IGNORECASE) if ordered else None

    def __call__(self, text: str) -> str:
        if self._pattern is None or not text:
            return text
        spans = [m.span() for m in self._pattern.finditer(fold(text)) if m.end() > m.start()]
        if not spans:
            return text
        out, last = [], 0
        for start, end in spans:
            out.append(text[last:start])
            out.append(self.hidden)
            last = end
        out.append(text[last:])
        return "".join(out)

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
        for n in range(0, len(pieces), 2):  # even indexes are text between tags
            piece = pieces[n]
            if not piece or piece.isspace():
                continue
            # Only pieces with an entity need decoding; most have none.
            text = html.unescape(piece) if "&" in piece else piece
            hidden = self(text)
            if hidden is not text:
                pieces[n] = str(escape(hidden))
        return head + "".join(pieces)
