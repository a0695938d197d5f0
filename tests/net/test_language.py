"""Accept-Language from the person's locale, as browsers send it."""

from __future__ import annotations

import pytest

from socialsafe_desktop.net.language import accept_language, language_and_region, system_locale


@pytest.mark.parametrize("locale, header", [
    ("en_GB.UTF-8", "en-GB,en;q=0.9"),
    ("cy_GB.UTF-8", "cy-GB,cy;q=0.9,en;q=0.8"),
    ("de-AT", "de-AT,de;q=0.9,en;q=0.8"),
    ("fr", "fr,en;q=0.8"),
    ("en", "en"),
    ("English_United Kingdom", "en"),  # a Windows name: nothing to go on, so plain English
    ("", "en"),
    ("C", "en"),
])
def test_accept_language_for_a_locale(locale, header):
    assert accept_language(locale) == header


def test_the_computers_locale_is_read_like_gettext_reads_it(monkeypatch):
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.setenv("LANGUAGE", "cy_GB:en_GB")
    assert system_locale() == "cy_GB"
    assert accept_language() == "cy-GB,cy;q=0.9,en;q=0.8"
    monkeypatch.setenv("LANGUAGE", "")
    monkeypatch.setenv("LC_ALL", "C")  # says nothing: the next one is asked
    assert system_locale() == "en_GB.UTF-8"


def test_language_and_region():
    assert language_and_region("pt_BR.utf8@latin") == ("pt", "BR")
    assert language_and_region(None) == ("", "")
