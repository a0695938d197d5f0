"""Choosing the language, and the pseudo-language that shows what was never translated."""

import pytest

from socialsafe_desktop.core import i18n


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language(i18n.ENGLISH)


@pytest.mark.parametrize("code,expected", [
    ("cy", "cy"), ("cy_GB.UTF-8", "cy"), ("CY-gb", "cy"), ("en_GB", "en"), ("en", "en"),
    ("x-pseudo", "x-pseudo"), ("fr_FR", None), ("", None), (None, None), (3, None),
])
def test_codes_are_normalised(code, expected):
    assert i18n.normalise(code) == expected


def test_the_system_locale_gives_welsh():
    assert i18n.system_language({"LANG": "cy_GB.UTF-8"}) == "cy"
    assert i18n.system_language({"LANGUAGE": "fr:cy", "LANG": "fr_FR.UTF-8"}) == "cy"
    assert i18n.system_language({"LC_ALL": "fr_FR.UTF-8", "LANG": "cy_GB.UTF-8"}) is None  # LC_ALL wins


def test_a_locked_policy_wins_then_the_command_line_then_the_setting_then_the_system():
    env = {"LANG": "cy_GB.UTF-8"}
    assert i18n.choose_language(environ=env) == ("cy", "system")
    assert i18n.choose_language(setting="en", environ=env) == ("en", "setting")
    assert i18n.choose_language(command_line="cy", setting="en", environ={}) == ("cy", "command line")
    assert i18n.choose_language(policy="cy", environ={"LANG": "en_GB"}) == ("cy", "policy")  # the organisation's default
    assert i18n.choose_language(policy="cy", environ={}) == ("cy", "policy")
    assert i18n.choose_language(command_line="en", setting="en", policy="cy", policy_locked=True,
                                environ={}) == ("cy", "policy")
    assert i18n.choose_language(command_line="fr", environ={}) == ("en", "default")


def test_pseudo_accents_lengthens_and_brackets_but_keeps_placeholders_and_mnemonics():
    i18n.set_language(i18n.PSEUDO)
    text = i18n._("&Save {count} pages to %(folder)s at https://example.org/x")
    assert text.startswith(i18n.PSEUDO_OPEN) and text.endswith(i18n.PSEUDO_CLOSE)
    assert "{count}" in text and "%(folder)s" in text and "https://example.org/x" in text
    assert text[1] == "&" and "Save" not in text and "Šàṽé" in text
    assert len(text) >= len("&Save {count} pages to %(folder)s at https://example.org/x") * 1.3
    assert i18n.ngettext("one page", "{n} pages", 2).count("{n}") == 1


def test_a_language_without_its_catalogue_falls_back_to_english(tmp_path):
    assert i18n.set_language("cy", locale_dir=tmp_path) == "cy"
    assert i18n._("Done") == "Done"
    assert not i18n.catalogue_installed("cy", tmp_path)


def test_a_compiled_catalogue_translates(tmp_path):
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    catalog = Catalog(locale="cy", domain=i18n.DOMAIN)
    catalog.add("Done", "Wedi'i wneud")
    catalog.add(("{n} page", "{n} pages"), ("{n} dudalen", "{n} tudalen", "{n} dudalen", "{n} tudalen",
                                            "{n} thudalen", "{n} tudalen"))
    folder = tmp_path / "cy" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / f"{i18n.DOMAIN}.mo", "wb") as out:
        write_mo(out, catalog)
    i18n.set_language("cy", locale_dir=tmp_path)
    assert i18n._("Done") == "Wedi'i wneud"
    assert i18n._("Not in the catalogue") == "Not in the catalogue"
    assert i18n.ngettext("{n} page", "{n} pages", 2) == "{n} dudalen"  # Welsh "dual" form
    assert i18n.current_language() == "cy"
