"""Translations in checklist packs: the shape, the fingerprints, the validator's exact messages,
stale translations (warnings, not problems), fallback item by item, overlays and overrides."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from socialsafe_desktop.core import checklists as cl
from socialsafe_desktop.core.checklists import (
    ChecklistPack,
    fingerprint,
    item_fingerprint,
    load_catalogue,
    name_fingerprint,
    translation_status,
    validate_file,
    validate_paths,
)

# Fingerprints worked out by hand from the rule in checklists/README.md (SHA-256 of the English
# fields as compact JSON, keys sorted, non-ASCII as it is; the first 12 hex digits), not by the
# code under test.
PAST_POSTS_JSON = ('{"recommended":"Friends","steps":["Open Settings and privacy","Choose Limit past posts"],'
                   '"title":"Limit who can see your past posts",'
                   '"why":"Old public posts are the first thing a search finds."}')
PAST_POSTS_FP = hashlib.sha256(PAST_POSTS_JSON.encode("utf-8")).hexdigest()[:12]
OTHER_JSON = ('{"app_steps":["Menu, Settings, Privacy"],"own_advice":"Check again in a year.",'
              '"recommended":"Off","steps":["Open Settings","Turn it off"],"title":"Stop search engines",'
              '"why":"Anyone can see a search result."}')
OTHER_FP = hashlib.sha256(OTHER_JSON.encode("utf-8")).hexdigest()[:12]
NAME_FP = hashlib.sha256(b'{"name":"Facebook"}').hexdigest()[:12]

PACK = """\
id = "facebook"
name = "Facebook"
kind = "platform"
domains = ["facebook.com"]
last_reviewed = 2026-06-01
sources = ["https://www.facebook.com/help/"]

[[items]]
id = "past-posts"
title = "Limit who can see your past posts"
why = "Old public posts are the first thing a search finds."
steps = ["Open Settings and privacy", "Choose Limit past posts"]
settings_url = "https://www.facebook.com/settings/?tab=privacy"
recommended = "Friends"
priority = "essential"
minutes = 2
evidence = "unconfirmed"
checked = 2026-06-01

[[items]]
id = "profile-search"
title = "Stop search engines"
why = "Anyone can see a search result."
steps = ["Open Settings", "Turn it off"]
app_steps = ["Menu, Settings, Privacy"]
settings_url = "https://www.facebook.com/settings/?tab=privacy"
recommended = "Off"
priority = "recommended"
minutes = 3
evidence = "unconfirmed"
checked = 2026-06-01
own_advice = "Check again in a year."
"""

WELSH_NAME = f"""
[translations.cy]
name = "Facebook (Cymraeg)"
fingerprint = "{NAME_FP}"
"""

WELSH_PAST_POSTS = f"""
[translations.cy.items.past-posts]
fingerprint = "{PAST_POSTS_FP}"
title = "Cyfyngu ar bwy sy'n gallu gweld eich hen bostiadau"
why = "Hen bostiadau cyhoeddus yw'r peth cyntaf y mae chwiliad yn ei ddarganfod."
steps = ["Agorwch ‘Settings and privacy’.", "Dewiswch ‘Limit past posts’."]
recommended = "Ffrindiau"
"""

WELSH = PACK + WELSH_NAME + WELSH_PAST_POSTS


def write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


# --- fingerprints -----------------------------------------------------------------------------


def test_fingerprints_follow_the_documented_rule(tmp_path: Path) -> None:
    pack, problems = validate_file(write(tmp_path, "facebook.toml", PACK))
    assert problems == []
    first, second = pack.items
    assert item_fingerprint(first) == PAST_POSTS_FP
    assert item_fingerprint(second) == OTHER_FP  # app_steps and own_advice count when present
    assert name_fingerprint("Facebook") == NAME_FP
    # Non-ASCII is hashed as UTF-8 text, not as \\u escapes.
    assert fingerprint({"name": "Ŵyl"}) == hashlib.sha256('{"name":"Ŵyl"}'.encode()).hexdigest()[:12]


# --- a good translation, and falling back item by item -----------------------------------------


def test_translation_loads_beside_the_english(tmp_path: Path) -> None:
    pack, problems = validate_file(write(tmp_path, "facebook.toml", WELSH))
    assert problems == []
    assert isinstance(pack, ChecklistPack)
    assert pack.name == "Facebook" and pack.items[0].title == "Limit who can see your past posts"
    (name,) = pack.name_translations
    assert (name.language, name.name, name.fingerprint, name.stale) == ("cy", "Facebook (Cymraeg)", NAME_FP, False)
    welsh = pack.items[0].translation("cy")
    assert welsh.steps == ("Agorwch ‘Settings and privacy’.", "Dewiswch ‘Limit past posts’.")
    assert (welsh.recommended, welsh.app_steps, welsh.own_advice, welsh.stale) == ("Ffrindiau", (), None, False)
    assert pack.items[1].translation("cy") is None


def test_localised_falls_back_to_english_item_by_item(tmp_path: Path) -> None:
    pack, _ = validate_file(write(tmp_path, "facebook.toml", WELSH))
    welsh = pack.localised("cy")
    assert (welsh.name, welsh.language, welsh.translated, welsh.translation_stale) == (
        "Facebook (Cymraeg)", "cy", True, False)
    done, not_yet = welsh.items
    assert done.title == "Cyfyngu ar bwy sy'n gallu gweld eich hen bostiadau"
    assert (done.language, done.translated, done.translation_stale) == ("cy", True, False)
    assert done.recommended == "Ffrindiau" and done.key == "facebook:past-posts"
    # Not translated: the whole item in English, marked so the app can say "not yet in Welsh".
    assert not_yet.title == "Stop search engines" and not_yet.own_advice == "Check again in a year."
    assert (not_yet.language, not_yet.translated, not_yet.translation_stale) == ("en", False, False)
    # Everything that is not text is the same in every language.
    assert (done.settings_url, done.priority, done.minutes) == (
        pack.items[0].settings_url, pack.items[0].priority, pack.items[0].minutes)


def test_localised_can_go_back_to_english_and_accepts_locale_codes(tmp_path: Path) -> None:
    pack, _ = validate_file(write(tmp_path, "facebook.toml", WELSH))
    back = pack.localised("cy_GB").localised("en")
    assert back.name == "Facebook" and back.language == "en" and back.translated
    assert [i.title for i in back.items] == ["Limit who can see your past posts", "Stop search engines"]
    assert all(i.translated and i.language == "en" for i in back.items)
    again = back.localised("cy")
    assert again.items[0].recommended == "Ffrindiau"


def test_catalogue_localised_in_one_call(tmp_path: Path) -> None:
    write(tmp_path, "facebook.toml", WELSH)
    catalogue = load_catalogue(tmp_path).localised("cy")
    assert catalogue.problems == [] and catalogue.warnings == []
    assert catalogue.item("facebook:past-posts").recommended == "Ffrindiau"
    assert catalogue.item("facebook:profile-search").translated is False


def test_pseudo_language_marks_every_text_field(tmp_path: Path) -> None:
    pack, _ = validate_file(write(tmp_path, "facebook.toml", PACK))
    pseudo = pack.localised("x-pseudo")
    assert pseudo.name.startswith("⟦") and pseudo.translated
    item = pseudo.items[1]
    for text in (item.title, item.why, item.recommended, item.own_advice, *item.steps, *item.app_steps):
        assert text.startswith("⟦") and text.endswith("⟧"), text
    assert item.settings_url == "https://www.facebook.com/settings/?tab=privacy"


# --- stale translations: a warning, not a problem ----------------------------------------------


def test_english_changed_since_translation_is_a_warning_and_the_pack_loads(tmp_path: Path) -> None:
    changed = WELSH.replace('recommended = "Friends"', 'recommended = "Friends only"')
    path = write(tmp_path, "facebook.toml", changed)
    pack, problems = validate_file(path)
    assert problems == [] and pack is not None
    new_fp = hashlib.sha256(PAST_POSTS_JSON.replace('"Friends"', '"Friends only"').encode()).hexdigest()[:12]
    expected = [f"{path}:past-posts:translations.cy: warning: the English has changed since this was "
                f"translated: bring the translation up to date, then set fingerprint = \"{new_fp}\""]
    assert messages(validate_paths([path])) == expected
    catalogue = load_catalogue(tmp_path)
    assert catalogue.problems == [] and messages(catalogue.warnings) == expected
    item = catalogue.localised("cy").item("facebook:past-posts")
    assert item.translated and item.translation_stale and item.recommended == "Ffrindiau"
    assert translation_status(pack, "cy")[1] == cl.TextStatus("past-posts", "stale", new_fp, PAST_POSTS_FP)


def test_stale_name_is_a_warning_on_the_name(tmp_path: Path) -> None:
    path = write(tmp_path, "facebook.toml", WELSH.replace('name = "Facebook"\n', 'name = "Meta Facebook"\n', 1))
    now = hashlib.sha256(b'{"name":"Meta Facebook"}').hexdigest()[:12]
    assert messages(validate_paths([path])) == [
        f"{path}:-:translations.cy.name: warning: the English has changed since this was translated: "
        f"bring the translation up to date, then set fingerprint = \"{now}\""]
    pack = validate_file(path)[0].localised("cy")
    assert pack.name == "Facebook (Cymraeg)" and pack.translation_stale


def test_stale_translation_falls_back_field_by_field_for_what_the_english_gained(tmp_path: Path) -> None:
    gained = PACK.replace('checked = 2026-06-01\n\n[[items]]', 'checked = 2026-06-01\n'
                          'own_advice = "New advice."\napp_steps = ["Tap Menu"]\n\n[[items]]', 1)
    path = write(tmp_path, "facebook.toml", gained + WELSH_NAME + WELSH_PAST_POSTS)
    pack, problems = validate_file(path)
    assert problems == []  # a stale translation may lack what the English gained
    item = pack.localised("cy").items[0]
    assert item.translation_stale and item.title.startswith("Cyfyngu")
    assert (item.own_advice, item.app_steps) == ("New advice.", ("Tap Menu",))


# --- the validator's exact messages -------------------------------------------------------------


def _sub(old: str, new: str):
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)
    return edit


def _add(extra: str):
    return lambda text: text + extra


TRANSLATABLE = "title, why, steps, app_steps, recommended, own_advice, fingerprint"
MALFORMED = [
    ("unknown-language", _add('\n[translations.fr]\nname = "Facebook"\n'),
     ["-:translations.fr: unknown language 'fr' (translations may be in: cy)"]),
    ("english-is-not-a-translation", _add('\n[translations.en]\nname = "Facebook"\n'),
     ["-:translations.en: English is the pack's own text, not a translation (translations may be in: cy)"]),
    ("unknown-item", _add(f'\n[translations.cy.items.no-such]\nfingerprint = "{PAST_POSTS_FP}"\ntitle = "x"\n'),
     ["no-such:translations.cy: no item 'no-such' in this file to translate"]),
    ("field-not-translated", _sub('recommended = "Ffrindiau"', 'recommended = "Ffrindiau"\nminutes = 3'),
     [f"past-posts:translations.cy.minutes: 'minutes' is not translated: it is the same in every language "
      f"(a translation may have: {TRANSLATABLE})"]),
    ("unknown-field-typo", _sub("title = \"Cyfyngu", "titel = \"Cyfyngu"),
     ["past-posts:translations.cy.titel: unknown field 'titel' (did you mean 'title'?)",
      "past-posts:translations.cy.title: missing required field 'title'"]),
    ("missing-why", _sub("why = \"Hen bostiadau cyhoeddus yw'r peth cyntaf y mae chwiliad yn ei ddarganfod.\"\n", ""),
     ["past-posts:translations.cy.why: missing required field 'why'"]),
    ("missing-fingerprint", _sub(f'fingerprint = "{PAST_POSTS_FP}"\n', ""),
     [f"past-posts:translations.cy.fingerprint: missing required field 'fingerprint': write "
      f"fingerprint = \"{PAST_POSTS_FP}\", the fingerprint of the English this translates"]),
    ("bad-fingerprint", _sub(f'fingerprint = "{PAST_POSTS_FP}"', 'fingerprint = "ABC"'),
     [f"past-posts:translations.cy.fingerprint: 'fingerprint' must be 12 lowercase hexadecimal digits, "
      f"like \"{PAST_POSTS_FP}\" (the fingerprint of the English now)"]),
    ("name-missing", _sub('name = "Facebook (Cymraeg)"\n', ""),
     ["-:translations.cy.name: missing required field 'name' (the pack's name in this language)"]),
    ("name-fingerprint-missing", _sub(f'fingerprint = "{NAME_FP}"\n', ""),
     [f"-:translations.cy.fingerprint: missing required field 'fingerprint': write fingerprint = "
      f"\"{NAME_FP}\", the fingerprint of the English this translates"]),
    ("language-unknown-key", _sub('name = "Facebook (Cymraeg)"', 'name = "Facebook (Cymraeg)"\nkind = "x"'),
     ["-:translations.cy.kind: unknown field 'kind' (a pack's translation has: name, fingerprint and "
      "[translations.cy.items.<item-id>])"]),
    ("english-has-no-own-advice", _sub('recommended = "Ffrindiau"', 'recommended = "Ffrindiau"\nown_advice = "x"'),
     ["past-posts:translations.cy.own_advice: the English item has no 'own_advice' to translate"]),
    ("too-few-steps", _sub('steps = ["Agorwch ‘Settings and privacy’.", "Dewiswch ‘Limit past posts’."]',
                           'steps = ["Agorwch ‘Settings and privacy’ a dewiswch ‘Limit past posts’."]'),
     ["past-posts:translations.cy.steps: 1 step, but the English has 2: translate each step as one step"]),
    ("empty-title", _sub("title = \"Cyfyngu ar bwy sy'n gallu gweld eich hen bostiadau\"", 'title = " "'),
     ["past-posts:translations.cy.title: 'title' must not be empty"]),
    ("steps-not-a-list", _sub('steps = ["Agorwch ‘Settings and privacy’.", "Dewiswch ‘Limit past posts’."]',
                              'steps = "Agorwch"'),
     ["past-posts:translations.cy.steps: wrong type for 'steps': expected an array of strings, got a string"]),
    ("english-banned-phrase", _sub('recommended = "Ffrindiau"', 'recommended = "Ffrindiau a 2FA"'),
     ["past-posts:translations.cy.recommended: '2FA' is not our wording: write 'dilysu dau gam'"]),
    ("welsh-banned-phrase", _sub("title = \"Cyfyngu", "title = \"Dilysu dau ffactor: cyfyngu"),
     ["past-posts:translations.cy.title: 'dau ffactor' is not our wording: write 'dilysu dau gam'"]),
    ("welsh-banned-in-steps", _sub("\"Dewiswch ‘Limit past posts’.\"", "\"Trowch ddilysu aml-ffactor ymlaen.\""),
     ["past-posts:translations.cy.steps: 'aml-ffactor' is not our wording: write 'dilysu dau gam' "
      "(a menu name may keep the platform's own words in quotes)"]),
    ("translations-not-a-table", lambda t: PACK.replace("[[items]]", 'translations = "cy"\n\n[[items]]', 1),
     ["-:translations: wrong type for 'translations': expected a table for each language "
      "([translations.cy]), got a string"]),
    ("items-not-tables", lambda t: PACK + WELSH_NAME.replace("[translations.cy]\n", "[translations.cy]\nitems = 3\n"),
     ["-:translations.cy.items: wrong type for 'items': expected a table for each item "
      "([translations.cy.items.<item-id>])"]),
]


@pytest.mark.parametrize(("edit", "expected"), [pytest.param(e, x, id=case) for case, e, x in MALFORMED])
def test_malformed_translation_gives_exact_problems_and_skips_the_file(tmp_path: Path, edit, expected) -> None:
    path = write(tmp_path, "facebook.toml", edit(WELSH))
    pack, problems = validate_file(path)
    assert pack is None
    assert messages(problems) == [f"{path}:{e}" for e in expected]


def test_quoted_menu_names_keep_the_platforms_words_in_a_translation(tmp_path: Path) -> None:
    text = WELSH.replace("\"Dewiswch ‘Limit past posts’.\"", "\"Dewiswch ‘Two-factor authentication’.\"")
    pack, problems = validate_file(write(tmp_path, "facebook.toml", text))
    assert problems == [] and pack.items[0].translation("cy").steps[1] == "Dewiswch ‘Two-factor authentication’."


def test_a_translation_of_an_item_with_problems_adds_no_second_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "facebook.toml", WELSH.replace("minutes = 2", "minutes = 0", 1))
    assert messages(validate_file(path)[1]) == [
        f"{path}:past-posts:minutes: minutes must be between 1 and 120, got 0"]


def test_missing_app_steps_when_the_english_has_them(tmp_path: Path) -> None:
    text = WELSH + f"""
[translations.cy.items.profile-search]
fingerprint = "{OTHER_FP}"
title = "Atal peiriannau chwilio"
why = "Gall unrhyw un weld canlyniad chwilio."
steps = ["Agorwch y gosodiadau", "Trowch ef i ffwrdd"]
recommended = "I ffwrdd"
own_advice = "Gwiriwch eto ymhen blwyddyn."
"""
    path = write(tmp_path, "facebook.toml", text)
    assert messages(validate_file(path)[1]) == [
        f"{path}:profile-search:translations.cy.app_steps: missing required field 'app_steps' "
        f"(the English item has it)"]
    pack, problems = validate_file(write(tmp_path, "facebook.toml", text.replace(
        'recommended = "I ffwrdd"', 'recommended = "I ffwrdd"\napp_steps = ["Dewislen, Gosodiadau"]')))
    assert problems == []
    assert [i.translated for i in pack.localised("cy").items] == [True, True]


# --- organisation overlays and overrides ---------------------------------------------------------

ACME_ITEM = """\
organisation = "Acme College"
extends = "facebook"

[[items]]
id = "acme-photo"
title = "Use the college photo rules"
why = "Policy section 3."
steps = ["Read section 3"]
settings_url = "https://www.facebook.com/me"
recommended = "Followed"
priority = "recommended"
minutes = 5
"""
ACME_FP = hashlib.sha256(b'{"recommended":"Followed","steps":["Read section 3"],'
                         b'"title":"Use the college photo rules","why":"Policy section 3."}').hexdigest()[:12]


def test_overlay_items_carry_their_own_translations(tmp_path: Path) -> None:
    app, org = tmp_path / "app", tmp_path / "org"
    write(app, "facebook.toml", WELSH)
    write(org, "acme.toml", ACME_ITEM + f"""
[translations.cy.items.acme-photo]
fingerprint = "{ACME_FP}"
title = "Dilynwch reolau lluniau'r coleg"
why = "Adran 3 o'r polisi."
steps = ["Darllenwch adran 3"]
recommended = "Wedi'u dilyn"
""")
    catalogue = load_catalogue(app, [org])
    assert catalogue.problems == [] and catalogue.warnings == []
    item = catalogue.localised("cy").item("facebook:acme-photo")
    assert (item.title, item.origin, item.translated) == ("Dilynwch reolau lluniau'r coleg", "organisation", True)


def test_overlay_cannot_translate_a_name_or_items_it_does_not_add(tmp_path: Path) -> None:
    path = write(tmp_path, "acme.toml", ACME_ITEM + f"""
[translations.cy]
name = "Acme"
[translations.cy.items.past-posts]
fingerprint = "{PAST_POSTS_FP}"
title = "x"
""")
    assert messages(validate_file(path, "organisation")[1]) == [
        f"{path}:-:translations.cy.name: unknown field 'name' (an overlay translates only the items it adds, "
        f"in [translations.cy.items.<item-id>])",
        f"{path}:past-posts:translations.cy: no item 'past-posts' in this file to translate"]


OVERRIDE_WHY = 'College policy: staff profiles are not public.'
OVERRIDE_FP = hashlib.sha256(b'{"why":"College policy: staff profiles are not public."}').hexdigest()[:12]


def _override(extra: str = "") -> str:
    return f'[[override]]\nitem = "facebook:past-posts"\nwhy = "{OVERRIDE_WHY}"\npriority = "essential"\n' + extra


def test_override_with_its_translation_replaces_that_field_in_welsh(tmp_path: Path) -> None:
    app, org = tmp_path / "app", tmp_path / "org"
    write(app, "facebook.toml", WELSH)
    write(org, "acme.toml", _override(f"""
[override.translations.cy]
fingerprint = "{OVERRIDE_FP}"
why = "Polisi'r coleg: nid yw proffiliau staff yn gyhoeddus."
"""))
    catalogue = load_catalogue(app, [org])
    assert catalogue.problems == []
    item = catalogue.localised("cy").item("facebook:past-posts")
    assert item.translated and item.why == "Polisi'r coleg: nid yw proffiliau staff yn gyhoeddus."
    assert item.title == "Cyfyngu ar bwy sy'n gallu gweld eich hen bostiadau"
    assert catalogue.item("facebook:past-posts").why == OVERRIDE_WHY


def test_override_of_text_without_a_translation_shows_the_organisations_english(tmp_path: Path) -> None:
    app, org = tmp_path / "app", tmp_path / "org"
    write(app, "facebook.toml", WELSH)
    write(org, "acme.toml", _override())
    item = load_catalogue(app, [org]).localised("cy").item("facebook:past-posts")
    assert (item.why, item.translated, item.title) == (OVERRIDE_WHY, False, "Limit who can see your past posts")


def test_override_that_changes_no_text_keeps_the_translation(tmp_path: Path) -> None:
    app, org = tmp_path / "app", tmp_path / "org"
    write(app, "facebook.toml", WELSH)
    write(org, "acme.toml", '[[override]]\nitem = "facebook:past-posts"\nminutes = 9\n')
    item = load_catalogue(app, [org]).localised("cy").item("facebook:past-posts")
    assert (item.translated, item.minutes, item.recommended) == (True, 9, "Ffrindiau")


@pytest.mark.parametrize(("extra", "expected"), [
    (f'[override.translations.cy]\nfingerprint = "{OVERRIDE_FP}"\nwhy = "x"\ntitle = "y"\n',
     ["facebook:past-posts:translations.cy.title: this override does not change 'title', so there is nothing "
      "to translate"]),
    (f'[override.translations.cy]\nfingerprint = "{OVERRIDE_FP}"\n',
     ["facebook:past-posts:translations.cy.why: missing required field 'why' (this override changes it)"]),
    ('[override.translations.cy]\nwhy = "x"\n',
     [f"facebook:past-posts:translations.cy.fingerprint: missing required field 'fingerprint': write "
      f"fingerprint = \"{OVERRIDE_FP}\", the fingerprint of the English this translates"]),
    (f'[override.translations.de]\nfingerprint = "{OVERRIDE_FP}"\nwhy = "x"\n',
     ["facebook:past-posts:translations.de: unknown language 'de' (translations may be in: cy)"]),
])
def test_override_translation_problems(tmp_path: Path, extra: str, expected: list[str]) -> None:
    path = write(tmp_path, "acme.toml", _override(extra))
    overlay, problems = validate_file(path, "organisation")
    assert overlay is None
    assert messages(problems) == [f"{path}:{e}" for e in expected]


def test_override_changing_no_text_has_nothing_to_translate(tmp_path: Path) -> None:
    path = write(tmp_path, "acme.toml", '[[override]]\nitem = "facebook:past-posts"\nminutes = 9\n'
                                        '[override.translations.cy]\nfingerprint = "000000000000"\n')
    assert messages(validate_file(path, "organisation")[1]) == [
        f"{path}:facebook:past-posts:translations.cy: this override changes no text, so there is nothing to translate"]


def test_stale_override_translation_is_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "acme.toml", _override('[override.translations.cy]\nfingerprint = "000000000000"\n'
                                                  'why = "Hen gyfieithiad."\n'))
    assert messages(validate_paths([path])) == [
        f"{path}:facebook:past-posts:translations.cy: warning: the English has changed since this was translated: "
        f"bring the translation up to date, then set fingerprint = \"{OVERRIDE_FP}\""]


# --- the status a translator works from ---------------------------------------------------------


def test_translation_status_lists_name_then_items(tmp_path: Path) -> None:
    pack, _ = validate_file(write(tmp_path, "facebook.toml", WELSH))
    assert translation_status(pack, "cy") == (
        cl.TextStatus("", "translated", NAME_FP),
        cl.TextStatus("past-posts", "translated", PAST_POSTS_FP),
        cl.TextStatus("profile-search", "missing", OTHER_FP),
    )
