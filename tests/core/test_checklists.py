"""Tests for content packs: schema validation, loading, overlays and look-ups."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from socialsafe_desktop.core import checklists as cl
from socialsafe_desktop.core.checklists import (
    Catalogue,
    ChecklistOverlay,
    ChecklistPack,
    Problem,
    default_app_dir,
    extra_dirs_from_env,
    load_catalogue,
    validate_file,
    validate_paths,
)

REPO_CHECKLISTS = Path(__file__).resolve().parents[2] / "checklists"
SHIPPED_IDS = {
    "facebook", "instagram", "threads", "whatsapp", "linkedin", "x", "bluesky",
    "tiktok", "snapchat", "google", "reddit", "search-engines", "habits",
    "uk-records", "strava", "nextdoor", "dating-apps", "telegram", "discord", "microsoft",
    "pinterest", "mastodon",
}

FACEBOOK = """\
id = "facebook"
name = "Facebook"
kind = "platform"
domains = ["facebook.com", "fb.com"]
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
source = "https://www.facebook.com/help/past-posts"
evidence = "platform"
checked = 2026-06-01

[[items]]
id = "profile-search"
title = "Stop search engines linking to your profile"
why = "A search engine result is visible to anyone."
steps = ["Open Settings and privacy", "Turn off search engine linking"]
app_steps = ["Menu, Settings, Privacy"]
settings_url = "https://www.facebook.com/settings/?tab=privacy"
recommended = "Off"
priority = "recommended"
minutes = 3
evidence = "unconfirmed"
checked = 2026-06-02
"""

HABITS = """\
id = "habits"
name = "Habits and policy"
kind = "habits"
domains = []
last_reviewed = 2026-06-01
sources = []

[[items]]
id = "work-email"
title = "Keep your work email out of personal accounts"
why = "A work address ties a personal account to your employer."
steps = ["List the accounts that use your work email", "Change each to a personal address"]
recommended = "Personal email only"
priority = "essential"
minutes = 10
seed = "004_d1f8526f3ff9e0bf.txt"
"""


def pack_text(pack_id: str, kind: str = "platform", domains: str = "[]", items: int = 1) -> str:
    text = FACEBOOK.split("[[items]]")[0]
    text = text.replace('id = "facebook"', f'id = "{pack_id}"')
    text = text.replace('kind = "platform"', f'kind = "{kind}"')
    text = text.replace('["facebook.com", "fb.com"]', domains)
    for n in range(1, items + 1):
        text += f"""
[[items]]
id = "item-{n}"
title = "Item {n}"
why = "Because."
steps = ["Do it"]
settings_url = "https://example.org/{pack_id}/{n}"
recommended = "On"
priority = "essential"
minutes = 1
source = "https://example.org/{pack_id}/help/{n}"
evidence = "independent"
checked = 2026-06-01
"""
    return text


def write(directory: Path, name: str, text: str | bytes) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def messages(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems]


# --- a valid pack ------------------------------------------------------------------------


def test_valid_pack_loads_every_field(tmp_path: Path) -> None:
    pack, problems = validate_file(write(tmp_path, "facebook.toml", FACEBOOK))
    assert problems == []
    assert isinstance(pack, ChecklistPack)
    assert (pack.id, pack.name, pack.kind) == ("facebook", "Facebook", "platform")
    assert pack.origin == "app"
    assert pack.domains == ("facebook.com", "fb.com")
    assert pack.last_reviewed == date(2026, 6, 1)
    assert pack.sources == ("https://www.facebook.com/help/",)
    first, second = pack.items
    assert first.key == "facebook:past-posts"
    assert first.steps == ("Open Settings and privacy", "Choose Limit past posts")
    assert first.app_steps == ()
    assert first.seed is None
    assert (first.minutes, first.priority, first.origin) == (2, "essential", "app")
    assert (first.source, first.evidence, first.checked) == (
        "https://www.facebook.com/help/past-posts", "platform", date(2026, 6, 1))
    assert first.confirmed_by_platform and not second.confirmed_by_platform
    assert first.own_advice is None
    assert second.app_steps == ("Menu, Settings, Privacy",)
    # "unconfirmed" may leave the source out
    assert (second.source, second.evidence, second.checked) == (None, "unconfirmed", date(2026, 6, 2))
    assert pack.essentials == (first,)


def test_report_url_is_an_optional_https_address_in_platform_packs_only(tmp_path: Path) -> None:
    route = 'report_url = "https://www.facebook.com/help/report-impersonation"\n'
    with_route = FACEBOOK.replace("sources = [", route + "sources = [", 1)
    pack, problems = validate_file(write(tmp_path / "ok", "facebook.toml", with_route))
    assert problems == [] and pack.report_url == "https://www.facebook.com/help/report-impersonation"
    assert validate_file(write(tmp_path / "none", "facebook.toml", FACEBOOK))[0].report_url is None

    for bad, why in (('"http://www.facebook.com/help/x"', "not an https URL"),
                     ('"javascript:alert(1)"', "not an https URL"),
                     ('"https://www.facebook.com/help x"', "contains a space"),
                     ("42", "wrong type for 'report_url'")):
        text = FACEBOOK.replace("sources = [", f"report_url = {bad}\nsources = [", 1)
        pack, problems = validate_file(write(tmp_path / "bad", "facebook.toml", text))
        assert pack is None and any(p.field == "report_url" and why in p.message for p in problems), problems
    habits = HABITS.replace("sources = []", 'report_url = "https://example.org/report"\nsources = []')
    pack, problems = validate_file(write(tmp_path / "habits", "habits.toml", habits))
    assert pack is None
    assert messages(problems) == [f"{tmp_path / 'habits' / 'habits.toml'}:-:report_url: 'report_url' belongs in "
                                  "platform packs: a habits pack has no platform to report to"]


def test_shipped_report_routes_are_platform_help_pages() -> None:
    catalogue = load_catalogue(REPO_CHECKLISTS)
    routes = {p.id: p.report_url for p in catalogue.packs.values() if p.report_url}
    assert routes, "some platforms name their reporting route"
    for pack_id, url in routes.items():
        pack = catalogue.pack(pack_id)
        assert pack.kind == "platform" and url.startswith("https://")


def test_habits_pack_needs_no_settings_url(tmp_path: Path) -> None:
    pack, problems = validate_file(write(tmp_path, "habits.toml", HABITS))
    assert problems == []
    assert pack.items[0].settings_url is None
    assert pack.items[0].seed == "004_d1f8526f3ff9e0bf.txt"


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    pack, problems = validate_file(write(tmp_path, "facebook.toml", "\ufeff" + FACEBOOK))
    assert problems == [] and pack.id == "facebook"


# --- malformed packs: one case per kind of mistake, each with the exact message -----------


def _sub(old: str, new: str, count: int = 1):
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, count)
    return edit


SEVEN_ESSENTIALS = pack_text("facebook", items=7)
STEPS = 'steps = ["Open Settings and privacy", "Choose Limit past posts"]'

MALFORMED = [
    ("missing-field", "facebook.toml", _sub('name = "Facebook"\n', ""),
     ["-:name: missing required field 'name'"]),
    ("unknown-field-typo", "facebook.toml", _sub("name =", "nmae ="),
     ["-:nmae: unknown field 'nmae' (did you mean 'name'?)",
      "-:name: missing required field 'name'"]),
    ("unknown-item-field", "facebook.toml", _sub("minutes = 2\n", "minutes = 2\ncolour = 1\n"),
     ["past-posts:colour: unknown field 'colour'"]),
    ("overlay-field-in-pack", "facebook.toml", _sub("[[items]]", 'extends = "x"\n[[items]]'),
     ["-:extends: unknown field 'extends' (extends/disable/override belong in overlay "
      "files, which have no 'id')"]),
    ("minutes-string", "facebook.toml", _sub("minutes = 2", 'minutes = "2"'),
     ["past-posts:minutes: wrong type for 'minutes': expected an integer, got a string"]),
    ("minutes-bool", "facebook.toml", _sub("minutes = 2", "minutes = true"),
     ["past-posts:minutes: wrong type for 'minutes': expected an integer, got a boolean"]),
    ("minutes-float", "facebook.toml", _sub("minutes = 2", "minutes = 2.5"),
     ["past-posts:minutes: wrong type for 'minutes': expected an integer, got a float"]),
    ("minutes-zero", "facebook.toml", _sub("minutes = 2", "minutes = 0"),
     ["past-posts:minutes: minutes must be between 1 and 120, got 0"]),
    ("minutes-too-many", "facebook.toml", _sub("minutes = 2", "minutes = 121"),
     ["past-posts:minutes: minutes must be between 1 and 120, got 121"]),
    ("date-as-string", "facebook.toml", _sub("2026-06-01", '"2026-06-01"'),
     ["-:last_reviewed: wrong type for 'last_reviewed': expected a date like 2026-11-21 "
      "(no quotes), got a string"]),
    ("date-time", "facebook.toml", _sub("2026-06-01", "2026-06-01T10:00:00"),
     ["-:last_reviewed: wrong type for 'last_reviewed': expected a date like 2026-11-21 "
      "(no quotes), got a date-time"]),
    ("date-in-future", "facebook.toml", _sub("2026-06-01", "2999-01-01"),
     ["-:last_reviewed: last_reviewed 2999-01-01 is in the future"]),
    ("date-not-in-calendar", "facebook.toml", _sub("2026-06-01", "2026-02-30"),
     ["-:-: TOML syntax error on line 5, column 17: Invalid date or datetime"]),
    ("toml-syntax", "facebook.toml", _sub('name = "Facebook"', 'name = "Facebook'),
     ["-:-: TOML syntax error on line 2, column 17: Illegal character '\\n'"]),
    ("toml-duplicate-key", "facebook.toml",
     _sub('kind = "platform"', 'kind = "platform"\nkind = "x"'),
     ["-:-: TOML syntax error on line 4, column 11: Cannot overwrite a value"]),
    ("duplicate-item-id", "facebook.toml", _sub('id = "profile-search"', 'id = "past-posts"'),
     ["past-posts:id: duplicate item id 'past-posts' (already used by an earlier item "
      "in this file)"]),
    ("http-url", "facebook.toml", _sub("https://www.facebook.com/settings", "http://www.facebook.com/settings"),
     ["past-posts:settings_url: not an https URL: "
      "'http://www.facebook.com/settings/?tab=privacy'"]),
    ("url-with-space", "facebook.toml", _sub("settings/?tab", "settings /?tab"),
     ["past-posts:settings_url: malformed URL 'https://www.facebook.com/settings /?tab=privacy': "
      "contains a space or control character"]),
    ("url-without-host", "facebook.toml", _sub("https://www.facebook.com/help/", "https:///help"),
     ["-:sources: malformed URL 'https:///help': no host name"]),
    ("url-bad-port", "facebook.toml", _sub("https://www.facebook.com/help/", "https://a.org:99999/"),
     ["-:sources: malformed URL 'https://a.org:99999/'"]),
    ("unknown-priority", "facebook.toml", _sub('priority = "essential"', 'priority = "high"'),
     ["past-posts:priority: unknown priority 'high' (allowed: essential, recommended)"]),
    ("unknown-kind", "facebook.toml", _sub('kind = "platform"', 'kind = "platfrom"'),
     ["-:kind: unknown kind 'platfrom' (allowed: habits, platform)"]),
    ("id-not-file-name", "meta.toml", lambda t: t,
     ["-:id: id 'facebook' does not match the file name 'meta.toml' (they must be the same)"]),
    ("id-bad-characters", "facebook.toml", _sub('id = "facebook"', 'id = "Face Book"'),
     ["-:id: invalid id 'Face Book': use lowercase letters, digits and single hyphens"]),
    ("item-id-missing", "facebook.toml", _sub('id = "past-posts"\n', ""),
     ["#1:id: missing required field 'id'"]),
    ("too-many-essentials", "facebook.toml", lambda t: SEVEN_ESSENTIALS,
     ["-:items: too many essential items: 7 (at most 6; mark the rest 'recommended')"]),
    ("empty-steps", "facebook.toml", _sub(STEPS, "steps = []"),
     ["past-posts:steps: 'steps' must not be empty"]),
    ("blank-step", "facebook.toml", _sub('"Choose Limit past posts"', '"  "'),
     ["past-posts:steps: entry 2 of 'steps' is empty"]),
    ("steps-not-array", "facebook.toml", _sub(STEPS, 'steps = "Open settings"'),
     ["past-posts:steps: wrong type for 'steps': expected an array of strings, got a string"]),
    ("step-not-string", "facebook.toml", _sub('"Choose Limit past posts"', "7"),
     ["past-posts:steps: wrong type for entry 2 of 'steps': expected a string, got an integer"]),
    ("empty-title", "facebook.toml",
     _sub('title = "Limit who can see your past posts"', 'title = ""'),
     ["past-posts:title: 'title' must not be empty"]),
    ("platform-item-without-url", "facebook.toml",
     _sub('settings_url = "https://www.facebook.com/settings/?tab=privacy"\n', ""),
     ["past-posts:settings_url: missing required field 'settings_url' "
      "(required in platform packs)"]),
    ("domain-with-scheme", "facebook.toml", _sub('"fb.com"', '"https://fb.com"'),
     ["-:domains: 'https://fb.com' is not a bare lowercase domain (write it like "
      "'example.com', without https:// or a path)"]),
    ("platform-without-sources", "facebook.toml", _sub('["https://www.facebook.com/help/"]', "[]"),
     ["-:sources: 'sources' must not be empty"]),
    # where advice comes from
    ("evidence-missing", "facebook.toml", _sub('evidence = "platform"\n', ""),
     ["past-posts:evidence: missing required field 'evidence' (required in platform packs; "
      "see 'Where advice comes from')"]),
    ("checked-missing", "facebook.toml", _sub("checked = 2026-06-01\n", ""),
     ["past-posts:checked: missing required field 'checked' (required in platform packs; "
      "see 'Where advice comes from')"]),
    ("source-missing-for-platform-evidence", "facebook.toml",
     _sub('source = "https://www.facebook.com/help/past-posts"\n', ""),
     ["past-posts:source: missing required field 'source' (evidence 'platform' needs the "
      "address that confirms it)"]),
    ("source-missing-for-independent-evidence", "facebook.toml",
     lambda t: _sub('evidence = "platform"', 'evidence = "independent"')(
         _sub('source = "https://www.facebook.com/help/past-posts"\n', "")(t)),
     ["past-posts:source: missing required field 'source' (evidence 'independent' needs the "
      "address that confirms it)"]),
    ("unknown-evidence", "facebook.toml", _sub('evidence = "platform"', 'evidence = "official"'),
     ["past-posts:evidence: unknown evidence 'official' (allowed: platform, independent, "
      "unconfirmed)"]),
    ("source-http", "facebook.toml", _sub("https://www.facebook.com/help/past-posts",
                                          "http://www.facebook.com/help/past-posts"),
     ["past-posts:source: not an https URL: 'http://www.facebook.com/help/past-posts'"]),
    ("checked-as-string", "facebook.toml", _sub("checked = 2026-06-01", 'checked = "2026-06-01"'),
     ["past-posts:checked: wrong type for 'checked': expected a date like 2026-11-21 "
      "(no quotes), got a string"]),
    ("checked-in-future", "facebook.toml", _sub("checked = 2026-06-01", "checked = 2999-01-01"),
     ["past-posts:checked: checked 2999-01-01 is in the future"]),
    ("last-reviewed-not-oldest-checked", "facebook.toml",
     _sub("last_reviewed = 2026-06-01", "last_reviewed = 2026-05-01"),
     ["-:last_reviewed: last_reviewed 2026-05-01 must be the oldest 'checked' date of the "
      "items, 2026-06-01"]),
    ("last-reviewed-newer-than-oldest-checked", "facebook.toml",
     _sub("last_reviewed = 2026-06-01", "last_reviewed = 2026-06-02"),
     ["-:last_reviewed: last_reviewed 2026-06-02 must be the oldest 'checked' date of the "
      "items, 2026-06-01"]),
    # one vocabulary
    ("banned-in-title", "facebook.toml",
     _sub('title = "Limit who can see your past posts"', 'title = "Turn on two-factor login"'),
     ["past-posts:title: 'two-factor' is not our wording: write '2-step verification'"]),
    ("banned-in-why-2fa", "facebook.toml",
     _sub('why = "Old public posts', 'why = "Use 2FA. Old public posts'),
     ["past-posts:why: '2FA' is not our wording: write '2-step verification'"]),
    ("banned-two-words", "facebook.toml", _sub('recommended = "Friends"', 'recommended = "Two  Step"'),
     ["past-posts:recommended: 'Two  Step' is not our wording: write '2-step verification'"]),
    ("banned-each-phrase-once", "facebook.toml",
     _sub('why = "Old public posts', 'why = "Two-factor, two-factor and two factor. Old public posts'),
     ["past-posts:why: 'Two-factor' is not our wording: write '2-step verification'",
      "past-posts:why: 'two factor' is not our wording: write '2-step verification'"]),
    ("banned-in-steps", "facebook.toml",
     _sub('"Choose Limit past posts"', '"Choose Two-Factor Authentication"'),
     ["past-posts:steps: 'Two-Factor' is not our wording: write '2-step verification' "
      "(a menu name may keep the platform's own words in quotes)"]),
    ("apostrophes-do-not-hide-a-phrase", "facebook.toml",
     _sub('"Choose Limit past posts"', '"Don\'t skip two-step sign-in, it\'s quick"'),
     ["past-posts:steps: 'two-step' is not our wording: write '2-step verification' "
      "(a menu name may keep the platform's own words in quotes)"]),
    ("banned-in-app-steps", "facebook.toml",
     _sub('app_steps = ["Menu, Settings, Privacy"]', 'app_steps = ["Menu, then MFA"]'),
     ["profile-search:app_steps: 'MFA' is not our wording: write '2-step verification' "
      "(a menu name may keep the platform's own words in quotes)"]),
    ("items-not-tables", "facebook.toml", lambda t: t.split("[[items]]")[0] + 'items = ["a"]\n',
     ["-:items: wrong type for 'items': expected an array of tables ([[items]]), got an array"]),
    ("no-items", "facebook.toml", lambda t: t.split("[[items]]")[0] + "items = []\n",
     ["-:items: a pack needs at least one item"]),
]


@pytest.mark.parametrize(
    ("name", "edit", "expected"),
    [pytest.param(n, e, x, id=case) for case, n, e, x in MALFORMED],
)
def test_malformed_pack_gives_exact_problems(
    tmp_path: Path, name: str, edit, expected: list[str]
) -> None:
    path = write(tmp_path, name, edit(FACEBOOK))
    pack, problems = validate_file(path)
    assert pack is None
    assert messages(problems) == [f"{path}:{e}" for e in expected]


def test_habits_item_without_seed(tmp_path: Path) -> None:
    path = write(tmp_path, "habits.toml", HABITS.replace('seed = "004_d1f8526f3ff9e0bf.txt"\n', ""))
    assert messages(validate_file(path)[1]) == [
        f"{path}:work-email:seed: missing required field 'seed' (required in habits packs)"
    ]


def test_habits_seed_must_be_a_known_seed_file(tmp_path: Path) -> None:
    path = write(tmp_path, "habits.toml", HABITS.replace("004_d1f8526f3ff9e0bf.txt", "policy.txt"))
    assert messages(validate_file(path)[1]) == [
        f"{path}:work-email:seed: unknown seed 'policy.txt' (the seed files are: "
        "000_eb0acd88cd59338e.txt, 001_ad2ddcff13c2cbc3.txt, 002_1821d269caff86c7.txt, "
        "003_557f3cb52dede488.txt, 004_d1f8526f3ff9e0bf.txt)"
    ]


def test_own_advice_loads_and_follows_the_vocabulary(tmp_path: Path) -> None:
    text = HABITS.replace("seed =", 'own_advice = "Keep a note of what you changed."\nseed =')
    pack, problems = validate_file(write(tmp_path, "habits.toml", text))
    assert problems == []
    assert pack.items[0].own_advice == "Keep a note of what you changed."
    assert pack.items[0].evidence is None  # a habit's authority is its seed
    bad = write(tmp_path / "b", "habits.toml", text.replace("Keep a note", "Use 2-factor and keep a note"))
    assert messages(validate_file(bad)[1]) == [
        f"{bad}:work-email:own_advice: '2-factor' is not our wording: write '2-step verification'"
    ]


def test_quoted_menu_name_may_keep_the_platforms_words(tmp_path: Path) -> None:
    text = FACEBOOK.replace('"Choose Limit past posts"',
                            '"Click \'Two-factor authentication\', then \u2018Two-Step Verification\u2019"')
    pack, problems = validate_file(write(tmp_path, "facebook.toml", text))
    assert problems == []
    assert "'Two-factor authentication'" in pack.items[0].steps[1]


def test_preferred_term_is_not_banned(tmp_path: Path) -> None:
    text = FACEBOOK.replace('title = "Limit who can see your past posts"',
                            'title = "Turn on 2-step verification (2-Step Verification on Google)"')
    assert validate_file(write(tmp_path, "facebook.toml", text))[1] == []


def test_seed_list_matches_the_seed_folder() -> None:
    # The seeds live in the steering folder beside the repository, not in it; CI has a copy.
    repo = Path(__file__).resolve().parents[2]
    folders = [repo.parent / "shared" / "seeds", Path("/work/shared/seeds")]
    folder = next((f for f in folders if f.is_dir()), None)
    if folder is None:
        pytest.skip("the seed folder is not beside this checkout")
    assert set(cl.SEEDS) == {p.name for p in folder.glob("*.txt")}


def test_organisation_pack_needs_no_provenance_and_keeps_the_older_limit(tmp_path: Path) -> None:
    text = pack_text("acme-intranet", items=8)
    for line in ('source = "https://example.org/acme-intranet/help/{n}"\n',
                 'evidence = "independent"\n', "checked = 2026-06-01\n"):
        for n in range(1, 9):
            text = text.replace(line.replace("{n}", str(n)), "")
    assert "evidence" not in text
    # From an organisation directory: loads, and its items say they are the organisation's.
    pack, problems = validate_file(write(tmp_path / "org", "acme-intranet.toml", text), "organisation")
    assert problems == []
    assert {i.evidence for i in pack.items} == {"organisation"}
    assert {i.source for i in pack.items} == {None}
    # The same file checked as app content must meet the full standard.
    app = write(tmp_path / "app", "acme-intranet.toml", text)
    got = messages(validate_file(app)[1])
    assert f"{app}:item-1:evidence: missing required field 'evidence' (required in platform " \
           f"packs; see 'Where advice comes from')" in got
    assert len(got) == 16  # evidence and checked, for each of the 8 items
    # Saying `organisation` in the file is enough, so `checklists validate` agrees with loading.
    named = write(tmp_path / "named", "acme-intranet.toml", 'organisation = "Acme"\n' + text)
    assert validate_file(named)[1] == []
    eleven = write(tmp_path / "big", "acme-intranet.toml", 'organisation = "Acme"\n'
                   + pack_text("acme-intranet", items=11))
    assert messages(validate_file(eleven)[1]) == [
        f"{eleven}:-:items: too many essential items: 11 (at most 10; mark the rest 'recommended')"
    ]


def test_overlay_items_may_carry_provenance_and_otherwise_are_the_organisations(tmp_path: Path) -> None:
    path = write(tmp_path, "acme.toml", 'extends = "facebook"\n' + """
[[items]]
id = "work-page"
title = "Follow the school page from a work account"
why = "Policy."
steps = ["Do it"]
settings_url = "https://acme.example/x"
recommended = "Yes"
priority = "essential"
minutes = 5

[[items]]
id = "sourced"
title = "Sourced"
why = "Policy."
steps = ["Do it"]
settings_url = "https://acme.example/y"
recommended = "Yes"
priority = "recommended"
minutes = 5
source = "https://acme.example/help"
evidence = "independent"
checked = 2026-01-02
""")
    overlay, problems = validate_file(path, "organisation")
    assert problems == []
    plain, sourced = overlay.items
    assert (plain.evidence, plain.source, plain.checked) == ("organisation", None, None)
    assert (sourced.evidence, sourced.source, sourced.checked) == (
        "independent", "https://acme.example/help", date(2026, 1, 2))


def test_file_not_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, "facebook.toml", b'id = "facebook"\nname = "x"\nkind = "\xff"\n')
    assert messages(validate_file(path)[1]) == [
        f"{path}:-:-: the file is not UTF-8 text (first bad byte on line 3)"
    ]


def test_file_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "facebook.toml"
    path.mkdir()  # reading a directory fails on every platform we ship to
    pack, problems = validate_file(path)
    assert pack is None
    assert len(problems) == 1
    assert str(problems[0]) == f"{path}:-:-: this is a folder, not a file"


def test_absurd_nesting_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = write(tmp_path, "facebook.toml", "a = " + "[" * 50_000)
    assert messages(validate_file(path)[1]) == [
        f"{path}:-:-: TOML syntax error: values are nested more than 32 deep"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "items = 3",
        'id = 5\nitems = [[1]]',
        '[[items]]\nid = []\nsteps = [[]]\nminutes = -1\nsettings_url = 4',
        'domains = "facebook.com"\nsources = [1]\nlast_reviewed = 10:00:00',
        'extends = 1\ndisable = "x"\noverride = 3',
        '[[override]]\nitem = 1\n[[override]]\nitem = "a:b"\nsteps = {}',
    ],
)
def test_odd_documents_never_raise(tmp_path: Path, text: str) -> None:
    pack, problems = validate_file(write(tmp_path, "odd.toml", text))
    assert pack is None
    assert problems and all(isinstance(p, Problem) for p in problems)


# --- overlay files on their own ----------------------------------------------------------


OVERLAY_CASES = [
    ('organisation = "Acme"\ndisable = ["tiktok"]\nname = "x"\n',
     ["-:name: unknown field 'name' (not allowed in an overlay file)"]),
    ('disable = ["Facebook"]\n',
     ["-:disable: invalid target 'Facebook': write it as 'pack' or 'pack:item', "
      "e.g. 'facebook:past-posts'"]),
    ('disable = []\n[[items]]\nid = "a"\n',
     ["-:items: items in an overlay file need 'extends' to name their pack"]),
    ('[[override]]\nitem = "facebook:past-posts"\n',
     ["facebook:past-posts:-: override changes nothing: add at least one field to replace"]),
    ('[[override]]\nitem = "facebook"\nwhy = "x"\n',
     ["facebook:item: invalid target 'facebook': write it as 'pack:item', "
      "e.g. 'facebook:past-posts'"]),
    ('[[override]]\nwhy = "x"\n',
     ["override #1:item: missing required field 'item'"]),
    ('[[override]]\nitem = "facebook:past-posts"\npriority = "urgent"\n',
     ["facebook:past-posts:priority: unknown priority 'urgent' (allowed: essential, recommended)"]),
    ('[[override]]\nitem = "facebook:past-posts"\nid = "new"\n',
     ["facebook:past-posts:id: unknown field 'id' (an override may set: title, why, steps, "
      "app_steps, settings_url, recommended, priority, minutes, seed, source, evidence, "
      "checked, own_advice)",
      "facebook:past-posts:-: override changes nothing: add at least one field to replace"]),
]


@pytest.mark.parametrize(("text", "expected"), OVERLAY_CASES)
def test_malformed_overlay_gives_exact_problems(
    tmp_path: Path, text: str, expected: list[str]
) -> None:
    path = write(tmp_path, "acme.toml", text)
    overlay, problems = validate_file(path, "organisation")
    assert overlay is None
    assert messages(problems) == [f"{path}:{e}" for e in expected]


def test_valid_overlay_parses(tmp_path: Path) -> None:
    path = write(tmp_path, "acme.toml", """\
organisation = "Acme College"
extends = "habits"
disable = ["tiktok", "facebook:profile-search"]

[[items]]
id = "acme-disclaimer"
title = "Add the college disclaimer"
why = "Staff policy section 7."
steps = ["Copy the disclaimer into your bio"]
recommended = "Disclaimer in bio"
priority = "essential"
minutes = 5

[[override]]
item = "facebook:past-posts"
recommended = "Only me"
""")
    overlay, problems = validate_file(path, "organisation")
    assert problems == []
    assert isinstance(overlay, ChecklistOverlay)
    assert overlay.organisation == "Acme College"
    assert overlay.extends == "habits"
    assert [i.key for i in overlay.items] == ["habits:acme-disclaimer"]
    assert overlay.items[0].origin == "organisation"
    assert overlay.disable == ("tiktok", "facebook:profile-search")
    assert overlay.overrides[0].target == "facebook:past-posts"
    assert dict(overlay.overrides[0].changes) == {"recommended": "Only me"}


# --- loading a catalogue -------------------------------------------------------------------


@pytest.fixture
def app_dir(tmp_path: Path) -> Path:
    d = tmp_path / "app"
    write(d, "facebook.toml", FACEBOOK)
    write(d, "habits.toml", HABITS)
    write(d, "tiktok.toml", pack_text("tiktok", domains='["tiktok.com"]'))
    write(d, "google.toml", pack_text("google", domains='["google.com", "youtube.com"]'))
    write(d, "myaccount.toml", pack_text("myaccount", domains='["myaccount.google.com"]'))
    write(d, "instagram.toml", pack_text("instagram", domains='["instagram.com"]'))
    return d


def test_bad_pack_is_skipped_and_good_ones_load(app_dir: Path) -> None:
    text = pack_text("snapchat").replace("minutes = 1", "minutes = 0")
    bad = write(app_dir, "snapchat.toml", text)
    write(app_dir, ".#facebook.toml", "editor lock file, not content")
    write(app_dir, "README.md", "not a pack")
    cat = load_catalogue(app_dir)
    assert "snapchat" not in cat.packs
    assert messages(cat.problems) == [
        f"{bad}:item-1:minutes: minutes must be between 1 and 120, got 0"
    ]
    assert list(cat.packs) == ["facebook", "instagram", "tiktok", "google", "myaccount", "habits"]


def test_catalogue_lookups(app_dir: Path) -> None:
    cat = load_catalogue(app_dir)
    assert cat.problems == []
    assert cat.pack("facebook").name == "Facebook"
    assert cat.pack("nope") is None
    assert [p.id for p in cat.platform_packs()] == [
        "facebook", "instagram", "tiktok", "google", "myaccount"
    ]
    assert cat.habits_pack().id == "habits"
    assert cat.item("facebook:past-posts").title == "Limit who can see your past posts"
    assert cat.item("facebook:nope") is None
    assert cat.item("nope:past-posts") is None
    assert cat.item("facebook") is None


def test_display_order_puts_known_platforms_first_then_alphabetical_then_habits(
    tmp_path: Path,
) -> None:
    d = tmp_path / "app"
    for pack_id in ("zzz", "search-engines", "aaa", "x", "facebook", "bluesky"):
        write(d, f"{pack_id}.toml", pack_text(pack_id))
    write(d, "habits.toml", HABITS)
    write(d, "local-habits.toml", pack_text("local-habits", kind="habits").replace(
        "minutes = 1", 'minutes = 1\nseed = "000_eb0acd88cd59338e.txt"'))
    cat = load_catalogue(d)
    assert cat.problems == []
    assert list(cat.packs) == [
        "facebook", "x", "bluesky", "search-engines", "aaa", "zzz", "habits", "local-habits"
    ]


def test_duplicate_pack_id_across_directories(app_dir: Path, tmp_path: Path) -> None:
    org = write(tmp_path / "org", "facebook.toml", pack_text("facebook"))
    cat = load_catalogue(app_dir, [tmp_path / "org"])
    assert messages(cat.problems) == [
        f"{org}:-:id: duplicate pack id 'facebook' (already defined in "
        f"{app_dir / 'facebook.toml'}); to add items use extends = \"facebook\" and no id"
    ]
    assert cat.pack("facebook").origin == "app"
    assert len(cat.pack("facebook").items) == 2


def test_missing_directories_are_problems(tmp_path: Path) -> None:
    cat = load_catalogue(tmp_path / "none", [tmp_path / "org-missing"])
    assert cat.packs == {}
    assert messages(cat.problems) == [
        f"{tmp_path / 'none'}:-:-: directory not found",
        f"{tmp_path / 'org-missing'}:-:-: directory not found",
    ]


# --- organisation overlays -----------------------------------------------------------------


ORG_ITEM = """
[[items]]
id = "{id}"
title = "Acme rule"
why = "Acme staff policy."
steps = ["Follow the rule"]
{url}recommended = "Yes"
priority = "essential"
minutes = 5
"""


def org_item(item_id: str, url: bool = False) -> str:
    url_line = 'settings_url = "https://acme.example/x"\n' if url else ""
    return ORG_ITEM.format(id=item_id, url=url_line)


def test_overlay_adds_items_flagged_as_organisation(app_dir: Path, tmp_path: Path) -> None:
    org = tmp_path / "org"
    head = 'organisation = "Acme"\nextends = "habits"\n'
    write(org, "acme-habits.toml", head + org_item("acme-rule"))
    write(org, "acme-facebook.toml", 'extends = "facebook"\n' + org_item("work-page", url=True))
    cat = load_catalogue(app_dir, [org])
    assert cat.problems == []
    assert [i.key for i in cat.habits_pack().items] == ["habits:work-email", "habits:acme-rule"]
    added = cat.item("habits:acme-rule")
    assert (added.origin, added.pack_id, added.seed) == ("organisation", "habits", None)
    assert cat.item("habits:work-email").origin == "app"
    assert cat.item("facebook:work-page").origin == "organisation"
    assert cat.pack("habits").origin == "app"


def test_overlay_disables_items_and_packs(app_dir: Path, tmp_path: Path) -> None:
    org = write(tmp_path / "org", "acme.toml", 'disable = ["tiktok", "facebook:profile-search"]\n')
    cat = load_catalogue(app_dir, [org.parent])
    assert cat.problems == []
    assert cat.pack("tiktok") is None
    assert [i.id for i in cat.pack("facebook").items] == ["past-posts"]
    assert cat.platform_for_url("https://www.tiktok.com/@me") is None


def test_overlay_overrides_fields_and_records_them(app_dir: Path, tmp_path: Path) -> None:
    write(tmp_path / "org", "acme.toml", """\
[[override]]
item = "facebook:profile-search"
recommended = "Off, always"
priority = "essential"
steps = ["One", "Two"]
""")
    cat = load_catalogue(app_dir, [tmp_path / "org"])
    assert cat.problems == []
    item = cat.item("facebook:profile-search")
    assert (item.recommended, item.priority) == ("Off, always", "essential")
    assert item.steps == ("One", "Two")
    assert item.overridden == ("priority", "recommended", "steps")
    assert item.origin == "app"
    assert item.why == "A search engine result is visible to anyone."
    assert [i.id for i in cat.pack("facebook").essentials] == ["past-posts", "profile-search"]


def test_overlay_new_pack_from_organisation(app_dir: Path, tmp_path: Path) -> None:
    text = pack_text("acme-intranet", domains='["intranet.acme.example"]')
    write(tmp_path / "org", "acme-intranet.toml", 'organisation = "Acme"\n' + text)
    cat = load_catalogue(app_dir, [tmp_path / "org"])
    assert cat.problems == []
    pack = cat.pack("acme-intranet")
    assert (pack.origin, pack.organisation) == ("organisation", "Acme")
    assert pack.items[0].origin == "organisation"
    assert cat.platform_for_url("https://intranet.acme.example/me") is pack
    assert list(cat.packs)[-3:] == ["acme-intranet", "myaccount", "habits"]


def test_overlays_apply_in_directory_order(app_dir: Path, tmp_path: Path) -> None:
    first = tmp_path / "trust"
    second = tmp_path / "school"
    write(first, "a.toml", '[[override]]\nitem = "facebook:past-posts"\nrecommended = "Trust"\n')
    write(second, "a.toml", '[[override]]\nitem = "facebook:past-posts"\nrecommended = "School"\n')
    key = "facebook:past-posts"
    assert load_catalogue(app_dir, [first, second]).item(key).recommended == "School"
    assert load_catalogue(app_dir, [second, first]).item(key).recommended == "Trust"


def test_overlay_may_extend_a_pack_from_a_later_directory(app_dir: Path, tmp_path: Path) -> None:
    write(tmp_path / "one", "more.toml", 'extends = "acme"\n' + org_item("extra", url=True))
    write(tmp_path / "two", "acme.toml", pack_text("acme"))
    cat = load_catalogue(app_dir, [tmp_path / "one", tmp_path / "two"])
    assert cat.problems == []
    assert [i.id for i in cat.pack("acme").items] == ["item-1", "extra"]


def test_overlay_unknown_targets_are_problems_and_the_rest_applies(
    app_dir: Path, tmp_path: Path
) -> None:
    org = tmp_path / "org"
    a = write(org, "a.toml", 'disable = ["tiktok", "myspace", "facebook:nope"]\n'
                             '[[override]]\nitem = "snapchat:item-1"\nwhy = "x"\n'
                             '[[override]]\nitem = "facebook:nope"\nwhy = "x"\n'
                             '[[override]]\nitem = "facebook:past-posts"\nwhy = "Acme says so."\n')
    b = write(org, "b.toml", 'extends = "myspace"\n' + org_item("x"))
    c = write(org, "c.toml", 'extends = "tiktok"\n' + org_item("x", url=True))
    d = write(org, "d.toml", 'extends = "facebook"\n' + org_item("no-url")
              + org_item("past-posts", url=True))
    cat = load_catalogue(app_dir, [org])
    assert messages(cat.problems) == [
        f"{a}:snapchat:item-1:item: cannot override 'snapchat:item-1': no such pack",
        f"{a}:facebook:nope:item: cannot override 'facebook:nope': no such item",
        f"{a}:-:disable: cannot disable 'myspace': no such pack",
        f"{a}:-:disable: cannot disable 'facebook:nope': no such item",
        f"{b}:-:extends: cannot extend 'myspace': no such pack",
        f"{c}:-:extends: cannot extend 'tiktok': no such pack (it was disabled by {a})",
        f"{d}:no-url:settings_url: missing required field 'settings_url' "
        f"('facebook' is a platform pack)",
        f"{d}:past-posts:id: duplicate item id 'past-posts' (pack 'facebook' already has it)",
    ]
    assert cat.pack("tiktok") is None
    assert cat.item("facebook:past-posts").why == "Acme says so."
    assert [i.id for i in cat.pack("facebook").items] == ["past-posts", "profile-search"]


def test_bad_overlay_file_is_skipped_whole(app_dir: Path, tmp_path: Path) -> None:
    bad = write(tmp_path / "org", "acme.toml", 'disable = ["tiktok", 3]\n')
    cat = load_catalogue(app_dir, [tmp_path / "org"])
    assert messages(cat.problems) == [
        f"{bad}:-:disable: wrong type for entry 2 of 'disable': expected a string, got an integer"
    ]
    assert cat.pack("tiktok") is not None


# --- stale content and URL matching ----------------------------------------------------------


def test_is_stale_after_365_days(tmp_path: Path) -> None:
    pack, _ = validate_file(write(tmp_path, "facebook.toml", FACEBOOK))  # reviewed 2026-06-01
    assert not pack.is_stale(date(2026, 6, 1))
    assert not pack.is_stale(date(2027, 6, 1))  # exactly 365 days
    assert pack.is_stale(date(2027, 6, 2))
    assert not pack.is_stale(date(2020, 1, 1))


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://facebook.com/someone", "facebook"),
        ("https://www.facebook.com/someone", "facebook"),
        ("https://m.facebook.com/profile.php?id=1", "facebook"),
        ("HTTPS://WWW.FACEBOOK.COM:443/x", "facebook"),
        ("https://facebook.com./x", "facebook"),
        ("facebook.com/someone", "facebook"),
        ("https://fb.com/x", "facebook"),
        ("https://notfacebook.com/x", None),
        ("https://facebook.com.evil.example/x", None),
        ("https://example.org/?u=facebook.com", None),
        ("https://www.youtube.com/@me", "google"),
        ("https://myaccount.google.com/privacy", "myaccount"),
        ("https://www.google.com/search?q=me", "google"),
        ("http://[::1", None),
        ("", None),
        ("not a url", None),
    ],
)
def test_platform_for_url(app_dir: Path, url: str, expected: str | None) -> None:
    pack = load_catalogue(app_dir).platform_for_url(url)
    assert (pack.id if pack else None) == expected


# --- validate_paths (the `checklists validate` command) -------------------------------------


def test_validate_paths_files_dirs_and_missing(tmp_path: Path) -> None:
    good = write(tmp_path / "a", "facebook.toml", FACEBOOK)
    dup = write(tmp_path / "b", "facebook.toml", FACEBOOK)
    overlay = write(tmp_path / "b", "acme.toml", 'disable = ["nothing-checks-this-standalone"]\n')
    bad = write(tmp_path / "b", "tiktok.toml", pack_text("tiktok").replace('kind = "platform"', ""))
    empty = tmp_path / "empty"
    empty.mkdir()
    problems = validate_paths([good, tmp_path / "b", tmp_path / "missing.toml", empty])
    assert messages(problems) == [
        f"{dup}:-:id: duplicate pack id 'facebook' (already defined in {good}); "
        f"to add items use extends = \"facebook\" and no id",
        f"{bad}:-:kind: missing required field 'kind'",
        f"{tmp_path / 'missing.toml'}:-:-: no such file or directory",
        f"{empty}:-:-: no .toml files in this directory",
    ]
    assert validate_file(overlay)[1] == []
    assert validate_paths([good]) == []


# --- where packs come from -------------------------------------------------------------------


def test_default_app_dir_search_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Pretend the module lives in an installed tree so each candidate can be created.
    root = tmp_path / "site"
    monkeypatch.setattr(cl, "__file__", str(root / "socialsafe_desktop" / "core" / "checklists.py"))
    monkeypatch.delenv(cl.APP_DIR_ENV, raising=False)
    assert default_app_dir() == root / "checklists"  # nothing exists: the first choice
    packaged = root / "socialsafe_desktop" / "checklists"
    packaged.mkdir(parents=True)
    assert default_app_dir() == packaged
    (root / "checklists").mkdir()
    assert default_app_dir() == root / "checklists"
    monkeypatch.setenv(cl.APP_DIR_ENV, str(tmp_path / "missing"))
    assert default_app_dir() == root / "checklists"  # a missing env dir falls through
    monkeypatch.setenv(cl.APP_DIR_ENV, str(tmp_path))
    assert default_app_dir() == tmp_path


def test_default_app_dir_in_this_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cl.APP_DIR_ENV, raising=False)
    assert default_app_dir() == REPO_CHECKLISTS


def test_extra_dirs_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setenv(cl.EXTRA_DIRS_ENV, os.pathsep.join(["/etc/acme", "", "/opt/trust"]))
    assert extra_dirs_from_env() == [Path("/etc/acme"), Path("/opt/trust")]
    monkeypatch.delenv(cl.EXTRA_DIRS_ENV)
    assert extra_dirs_from_env() == []


# --- the content we ship ---------------------------------------------------------------------


def test_every_shipped_pack_is_valid_and_complete() -> None:
    files = sorted(REPO_CHECKLISTS.glob("*.toml"))
    assert messages(validate_paths(files)) == []
    cat: Catalogue = load_catalogue(REPO_CHECKLISTS)
    assert messages(cat.problems) == []
    missing = SHIPPED_IDS - set(cat.packs)
    assert not missing, f"shipped packs missing: {sorted(missing)}"
    assert len(files) >= 22
    # Every shipped platform is placed in the display order, and its id is a real pack.
    assert set(cl.PLATFORM_ORDER) == {p.id for p in cat.platform_packs()}
    from socialsafe_desktop.core.profile import HANDLE_PLATFORMS

    assert set(HANDLE_PLATFORMS) - {""} <= {p.id for p in cat.platform_packs()}
    assert cat.habits_pack() is not None and cat.habits_pack().id == "habits"
    assert all(p.origin == "app" for p in cat.packs.values())


def test_shipped_platform_packs_keep_the_content_rules() -> None:
    cat = load_catalogue(REPO_CHECKLISTS)
    for pack in cat.platform_packs():
        assert len(pack.essentials) <= cl.MAX_ESSENTIALS, pack.id
        assert pack.last_reviewed == min(i.checked for i in pack.items), pack.id
        for item in pack.items:
            assert item.evidence in cl.EVIDENCE, item.key
            assert item.evidence == "unconfirmed" or item.source, item.key
            for url in filter(None, (item.settings_url, item.source)):
                # WhatsApp Web asks to link the phone to the computer in front of the person.
                assert "web.whatsapp.com" not in url, item.key
    whatsapp = cat.pack("whatsapp")
    assert whatsapp is not None and all("whatsapp.com" in i.settings_url for i in whatsapp.items)


def test_every_shipped_habit_names_a_seed_file() -> None:
    habits = load_catalogue(REPO_CHECKLISTS).habits_pack()
    assert habits is not None and habits.items
    assert all(item.seed in cl.SEEDS for item in habits.items)
