"""The Welsh that ships: complete for its packs, never stale, the other packs honestly English,
the glossary's Welsh terms used, and menu names quoted as the platform shows them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from socialsafe_desktop.core.checklists import TEXT_FIELDS, load_catalogue, translation_status, validate_paths
from socialsafe_desktop.core.glossary import check_glossary, glossary_translation_status, load_glossary

REPO_CHECKLISTS = Path(__file__).resolve().parents[2] / "checklists"
WELSH_PACKS = {"habits", "search-engines", "uk-records", "facebook", "instagram", "whatsapp", "google",
               "linkedin", "microsoft", "pinterest", "x", "threads", "bluesky", "tiktok", "snapchat",
               "reddit", "discord", "mastodon", "telegram", "dating-apps", "nextdoor", "strava"}
# Platforms with no Welsh interface we could check: their menu names stay English, in quotes.
ENGLISH_MENUS = ("facebook", "instagram", "whatsapp", "google", "linkedin", "microsoft", "pinterest", "x",
                 "threads", "bluesky", "tiktok", "snapchat", "reddit", "discord", "mastodon", "telegram",
                 "dating-apps", "nextdoor", "strava")
# The glossary's key terms (docs/TRANSLATING.md): where the English says the first, the Welsh
# says one of the others (mutated forms included).
TERMS = {
    "2-step verification": ("dilysu dau gam",),
    "privacy settings": ("gosodiadau preifatrwydd",),
    "friend request": ("cais ffrind", "gais ffrind", "ceisiadau ffrind", "geisiadau ffrind"),
    "safeguarding lead": ("arweinydd diogelu",),
    "electoral register": ("cofrestr etholiadol", "gofrestr etholiadol"),
    "open register": ("cofrestr agored", "gofrestr agored"),
    "data protection": ("diogelu data",),
    "service user": ("defnyddiwr gwasanaeth", "defnyddwyr gwasanaeth", "ddefnyddiwr gwasanaeth",
                     "ddefnyddwyr gwasanaeth"),
    "followers": ("dilynwyr", "ddilynwyr"),
    "whistleblowing": ("chwythu'r chwiban",),
}


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(REPO_CHECKLISTS)


def _texts(item_like) -> list[str]:
    out = []
    for fld in TEXT_FIELDS:
        value = getattr(item_like, fld)
        if isinstance(value, tuple):
            out += value
        elif value:
            out.append(value)
    return out


def test_shipped_translations_load_with_no_problem_or_warning(catalogue) -> None:
    assert catalogue.problems == [] and catalogue.warnings == []
    assert [str(p) for p in validate_paths([REPO_CHECKLISTS])] == []  # includes warnings (stale)


def test_each_welsh_pack_is_complete_and_the_others_say_they_are_not_yet_in_welsh(catalogue) -> None:
    complete, untouched = set(), set()
    for pack in catalogue.packs.values():
        states = {s.state for s in translation_status(pack, "cy")}
        assert "stale" not in states, pack.id
        if states == {"translated"}:
            complete.add(pack.id)
        elif states == {"missing"}:
            untouched.add(pack.id)
    assert complete == WELSH_PACKS
    assert untouched == set(catalogue.packs) - WELSH_PACKS
    welsh = catalogue.localised("cy")
    for pack in welsh.packs.values():
        expected = pack.id in WELSH_PACKS
        assert pack.translated is expected, pack.id
        assert all(i.translated is expected and not i.translation_stale for i in pack.items), pack.id
        assert all(i.language == ("cy" if expected else "en") for i in pack.items), pack.id
    assert welsh.pack("habits").name == "Arferion a pholisi"
    assert welsh.pack("linkedin").name == "LinkedIn"  # a platform keeps its own name in Welsh


def test_the_shipped_glossary_is_all_in_welsh(tmp_path: Path) -> None:
    path = REPO_CHECKLISTS / "glossary.toml"
    glossary, problems = load_glossary(path)
    assert problems == [] and check_glossary(path) == []
    assert {s.state for s in glossary_translation_status(glossary, "cy")} == {"translated"}
    welsh = glossary.localised("cy")
    assert welsh.lookup("two-factor authentication").term == "dilysu dau gam"
    assert welsh.lookup("open electoral register").term == "cofrestr agored"
    assert welsh.lookup("ICO").term == "Swyddfa'r Comisiynydd Gwybodaeth"
    assert welsh.lookup("tag").also == ("tagio",)  # the English name is not repeated when it is the same


@pytest.mark.parametrize("pack_id", sorted(WELSH_PACKS))
def test_the_welsh_uses_the_glossarys_terms(catalogue, pack_id: str) -> None:
    for item in catalogue.pack(pack_id).items:
        english = " ".join(_texts(item)).casefold()
        welsh = " ".join(_texts(item.translation("cy"))).casefold()
        for term, welsh_forms in TERMS.items():
            if term in english:
                assert any(form in welsh for form in welsh_forms), f"{item.key}: {term}"


@pytest.mark.parametrize("pack_id", ENGLISH_MENUS)
def test_quoted_menu_names_are_the_platforms_own_english_words(catalogue, pack_id: str) -> None:
    """In a pack whose platform has no Welsh interface (or none we could check), every name in
    ‘quotes’ is a name the English item uses: what the person sees on screen, not invented."""
    for item in catalogue.pack(pack_id).items:
        english = " ".join(_texts(item))
        for text in _texts(item.translation("cy")):
            for name in re.findall(r"‘([^’]+)’", text):
                assert name in english, f"{item.key}: ‘{name}’"


def test_every_welsh_block_says_it_awaits_review_and_how_menu_names_are_written() -> None:
    for pack_id in sorted(WELSH_PACKS):
        text = (REPO_CHECKLISTS / f"{pack_id}.toml").read_text(encoding="utf-8")
        head = text.split("[translations.cy]")[0].rsplit("# ---- Cymraeg", 1)[-1]
        assert "awaiting review by a fluent Welsh speaker" in head, pack_id
        assert "Menu names:" in head, pack_id
