"""The person's language, as servers want to hear it (the Accept-Language header).

Browsers send one with every request, and search servers use it both to choose results and,
when it is missing, to spot programs that are not browsers. The locale comes from the same
places gettext looks (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), then from Python's locale module
(which reads the system's setting on Windows and macOS).
"""

from __future__ import annotations

import locale as _locale
import os
import re

_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[_-]([A-Za-z]{2}|\d{3}))?")


def system_locale() -> str | None:
    """The person's locale name, e.g. "en_GB.UTF-8"; None when nothing says."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").split(":")[0].strip()
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return value
    try:
        value = _locale.getlocale()[0]
    except (ValueError, TypeError):
        value = None
    return value or None


def language_and_region(locale: str | None) -> tuple[str, str]:
    """("en", "GB") from "en_GB.UTF-8", "en-gb" or "English_United Kingdom"; ("", "") when unknown."""
    match = _TAG.match((locale or "").strip())
    if not match:
        return "", ""
    language = match.group(1).lower()
    region = (match.group(2) or "").upper()
    # Windows names ("English_United Kingdom") start with letters too: a real code is 2-3 letters
    # followed by nothing, "_", "-" or ".".
    rest = (locale or "").strip()[match.end():]
    if rest and rest[0] not in "._@":
        return "", ""
    return language, region


def accept_language(locale: str | None = None) -> str:
    """An Accept-Language value for `locale` (default: this computer's), ending in English as a
    fallback, e.g. "cy-GB,cy;q=0.9,en;q=0.8". Plain "en" when the locale says nothing useful."""
    if locale is None:
        locale = system_locale()
    language, region = language_and_region(locale)
    if not language:
        return "en"
    parts = [f"{language}-{region}", f"{language};q=0.9"] if region else [language]
    if language != "en":
        parts.append("en;q=0.8")
    return ",".join(parts)
