"""The language SocialSafe speaks: one gettext catalogue for all Python-side text (core, report,
command line and window alike), chosen once at start-up.

  _("text")                    translated now
  N_("text")                   marked for translation, translated later with _() (for constants
                               made at import, before the language is known)
  ngettext(one, many, n)       plural forms (Welsh has six; the catalogue's Plural-Forms decides)
  pgettext(context, text)      the same English with different meanings ("Later" the choice,
                               "Later" the heading)

Catalogues are socialsafe_desktop/locale/<lang>/LC_MESSAGES/socialsafe.mo, compiled from the .po
files when the app is built (`make translations`). A language whose catalogue is missing falls
back to English, string by string, as gettext does.

"x-pseudo" is a made-up language for finding what is not translated and layouts that break:
every translated string comes back accented, about 40% longer and in brackets, so an English
string on screen is one that never went through _().
"""

from __future__ import annotations

import gettext as _gettext
import locale as _locale
import os
import re
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "socialsafe"
ENGLISH, WELSH, PSEUDO = "en", "cy", "x-pseudo"
LANGUAGES = {ENGLISH: "English", WELSH: "Cymraeg"}  # each in its own language, as pickers show them
SELECTABLE = (ENGLISH, WELSH)
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_current = ENGLISH


# --- choosing the language ---------------------------------------------------------------


def normalise(code: object) -> str | None:
    """"cy", "cy_GB.UTF-8", "CY-gb" -> "cy"; "en_GB" -> "en"; "x-pseudo" as it is; else None."""
    if not isinstance(code, str):
        return None
    code = code.strip().lower().replace("_", "-")
    if code == PSEUDO:
        return PSEUDO
    base = code.split(".", 1)[0].split("@", 1)[0].split("-", 1)[0]
    return base if base in LANGUAGES else None


def system_language(environ: Mapping[str, str] | None = None) -> str | None:
    """The language the computer asks for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, then the OS), if
    it is one SocialSafe speaks. LANGUAGE may list several, in order of preference. Given an
    `environ` of its own, only that is asked (the process's locale is Qt's once a window exists)."""
    ask_the_os = environ is None
    environ = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        for part in value.split(":"):
            found = normalise(part)
            if found:
                return found
        if value and name != "LANGUAGE":
            return None  # the first one set is the one that counts, even when we do not speak it
    if not ask_the_os:
        return None
    try:
        return normalise(_locale.getlocale(_locale.LC_MESSAGES)[0] or "")
    except (AttributeError, ValueError):  # no LC_MESSAGES on Windows
        return normalise(_locale.getlocale()[0] or "")


def choose_language(*, command_line: str | None = None, policy: str | None = None, policy_locked: bool = False,
                    setting: str | None = None, environ: Mapping[str, str] | None = None) -> tuple[str, str]:
    """The language to use and why: ("cy", "policy") etc. A policy that locks the language wins
    over everything; then --lang; then the person's setting; then a policy's default; then the
    system; then English."""
    for code, source in ((policy if policy_locked else None, "policy"), (command_line, "command line"),
                         (setting, "setting"), (policy, "policy"), (system_language(environ), "system")):
        found = normalise(code)
        if found:
            return found, source
    return ENGLISH, "default"


# --- translating ---------------------------------------------------------------------------


def set_language(code: str, locale_dir: Path | None = None) -> str:
    """Switch every later _() to `code` (normalised; unknown codes give English). Returns it."""
    global _translations, _current
    code = normalise(code) or ENGLISH
    if code == PSEUDO:
        _translations = PseudoTranslations()
    elif code == ENGLISH:
        _translations = _gettext.NullTranslations()
    else:
        _translations = _gettext.translation(DOMAIN, str(locale_dir or LOCALE_DIR), languages=[code], fallback=True)
    _current = code
    return code


def current_language() -> str:
    return _current


def html_lang(code: str | None = None) -> str:
    """The language as an HTML `lang` attribute: "cy", "en-GB", and for the pseudo-language an
    English tag with a private-use part (its text is English, disguised)."""
    code = normalise(code) if code is not None else _current
    if code == ENGLISH or code is None:
        return "en-GB"
    if code == PSEUDO:
        return "en-GB-x-pseudo"
    return code


def catalogue_installed(code: str, locale_dir: Path | None = None) -> bool:
    return (Path(locale_dir or LOCALE_DIR) / code / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()


def _(message: str) -> str:
    return _translations.gettext(message)


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _translations.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _translations.npgettext(context, singular, plural, n)


# --- the pseudo-language -----------------------------------------------------------------

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķĺɱñöþǫŕšţüṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÜṼŴẊÝŽ",
)
# Left alone: placeholders ({name}, {0}, %s, %(name)s, %(value)r), mnemonic ampersands,
# entities, URLs, and HTML tags (the report's sentences may hold <strong>).
_KEEP = re.compile(r"\{[^{}]*\}|%\([^)]*\)[sdr]|%[sdr%]|&[a-z]+;|&#?\w+;|&(?=\w)|https?://\S+|</?[a-z][a-z0-9]*>")
PSEUDO_OPEN, PSEUDO_CLOSE = "⟦", "⟧"


def pseudo(message: str) -> str:
    """⟦Àççéñţéđ ţéẋţ ~~~⟧: accented, about 40% longer, bracketed; placeholders intact."""
    if not message:
        return message
    out, last = [], 0
    for match in _KEEP.finditer(message):
        out.append(message[last:match.start()].translate(_ACCENTED))
        out.append(match.group(0))
        last = match.end()
    out.append(message[last:].translate(_ACCENTED))
    text = "".join(out)
    # The padding comes in words of five, as a real translation's extra length does: one long
    # run would make every label as wide as its whole sentence.
    extra = max(1, round(len(message) * 0.4))
    padding = " ".join("~" * min(5, extra - i) for i in range(0, extra, 5))
    return f"{PSEUDO_OPEN}{text} {padding}{PSEUDO_CLOSE}"


class PseudoTranslations(_gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return pseudo(singular if n == 1 else plural)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo(message)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return pseudo(singular if n == 1 else plural)
