"""Finding text that never went through the translation system, in the pseudo-language.

Run the thing under test (a report, a window, a dialog) with core.i18n.set_language("x-pseudo"):
every translated string then comes back as ⟦Àççéñţéđ ţéẋţ ~~~⟧. Collect what a person sees
(text nodes and accessible names) and pass it to untranslated(): what remains once the marked
parts, the allowed data (the person's own words, names, addresses) and bare numbers and
punctuation are taken out is English that was never translated.

    from i18n_check import untranslated, visible_html_texts
    assert untranslated(visible_html_texts(html), allow=[person_name, *search_texts]) == []

For the window: collect each widget's text(), accessibleName(), toolTip() and window titles
and pass them the same way.

Also here: require_catalogue(), the one place a test asks for a compiled catalogue and fails
(rather than skips) when `make translations` has not been run; and MissesRecorded, which
wraps a real catalogue and records every string asked for that it does not hold (the
pseudo-language marks whatever goes through _(), so it cannot see a string never extracted).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from socialsafe_desktop.core import i18n

MARKED = re.compile(re.escape(i18n.PSEUDO_OPEN) + r"[^" + re.escape(i18n.PSEUDO_OPEN + i18n.PSEUDO_CLOSE) + r"]*"
                    + re.escape(i18n.PSEUDO_CLOSE))
URL = re.compile(r"\b(?:https?|file|mailto)://\S+|\bwww\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# What may stand outside the markers: digits, punctuation, symbols and spaces (no letters).
NO_WORDS = re.compile(r"[^\W\d_]")


def strip_marked(text: str) -> str:
    """The text with every ⟦...⟧ part removed, the innermost first (a translated sentence may
    hold another translated string, e.g. a date)."""
    while True:
        stripped = MARKED.sub(" ", text)
        if stripped == text:
            return stripped
        text = stripped


def untranslated(texts: Iterable[str], allow: Iterable[str | re.Pattern] = ()) -> list[str]:
    """The texts that still hold words once the pseudo-language's marked parts, the allowed
    strings and patterns (data, names), and addresses are removed. Empty when all is well."""
    plain = sorted((a for a in allow if isinstance(a, str) and a.strip()), key=len, reverse=True)
    patterns = [a for a in allow if isinstance(a, re.Pattern)]
    found = []
    for text in texts:
        rest = strip_marked(text)
        for value in plain:
            rest = rest.replace(value, " ")
        for pattern in patterns:
            rest = pattern.sub(" ", rest)
        rest = URL.sub(" ", rest)
        if NO_WORDS.search(rest):
            found.append(text)
    return found


# Elements whose text is read as one piece: a translated sentence may hold inline markup
# (<strong>, <bdi>, a link), so it is checked whole, not text node by text node.
BLOCKS = ("title", "h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "th", "td", "caption", "label",
          "button", "option", "figcaption", "summary", "legend")


def visible_html_texts(html: str) -> list[str]:
    """What a person (or a screen reader) is given of an HTML page: the text of each block
    (a paragraph, a list item, a cell, a heading, the title) with its inline markup, any text
    outside a block, and the alt, title and aria-label attributes. <style> and <script> are not
    text a person reads."""
    from bs4 import BeautifulSoup
    from bs4.element import NavigableString

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(("style", "script")):
        tag.decompose()
    texts = []
    for tag in soup.find_all(BLOCKS):
        if not tag.find(BLOCKS):  # the innermost block: its whole text, inline markup and all
            texts.append(tag.get_text(""))
    for node in soup.find_all(string=True):
        if type(node) is NavigableString and node.strip() and not node.find_parent(BLOCKS):
            texts.append(str(node))
    for tag in soup.find_all(True):
        for attribute in ("alt", "title", "aria-label"):
            if tag.get(attribute):
                texts.append(tag[attribute])
    return texts


def require_catalogue(language: str) -> Path:
    """The compiled catalogue of `language`, or a failure that says how to make it."""
    import pytest

    path = i18n.LOCALE_DIR / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
    if not i18n.catalogue_installed(language):
        pytest.fail(f"the {language} catalogue is not compiled ({path} is missing): run `make translations` "
                    "(make test does it first)")
    return path


class MissesRecorded:
    """Wraps the Welsh catalogue: what was asked for and not found in it."""

    def __init__(self, translations) -> None:
        self.inner = translations
        self.missing: set[str] = set()

    def _look(self, key, shown: str) -> None:
        if shown is None:  # argparse asks for gettext(None) when a group has no description
            return
        if key not in self.inner._catalog:
            self.missing.add(shown)

    def gettext(self, message):
        self._look(message, message)
        return self.inner.gettext(message)

    def ngettext(self, singular, plural, n):
        self._look((singular, 0), singular)
        return self.inner.ngettext(singular, plural, n)

    def pgettext(self, context, message):
        self._look(f"{context}\x04{message}", f"{context} | {message}")
        return self.inner.pgettext(context, message)

    def npgettext(self, context, singular, plural, n):
        self._look((f"{context}\x04{singular}", 0), f"{context} | {singular}")
        return self.inner.npgettext(context, singular, plural, n)
