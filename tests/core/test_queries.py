"""The self-search plan built from a profile."""

from __future__ import annotations

from collections import Counter

import pytest

from socialsafe_desktop.core.profile import Handle, PersonName, Profile
from socialsafe_desktop.core.queries import KINDS, PlannedSearch, build_plan, custom_search, search_id


def typical() -> Profile:
    return Profile(
        names=[PersonName("Sam Doe"), PersonName("Sam Smith", "previous")],
        handles=[Handle("@sam_doe", "instagram"), Handle("samdoe_runs")],
        emails=["sam.doe@example.org", "samdoe@example.net"],
        employer="Northfield Academy",
        role="teacher",
        town="Hebden Bridge",
    )


def texts(plan, kind=None):
    return [s.text for s in plan if kind is None or s.kind == kind]


def test_typical_person_gets_a_manageable_plan():
    plan = build_plan(typical())

    assert 10 <= len(plan) <= 20
    assert texts(plan, "name") == ['"Sam Doe"', '"Sam Smith"']
    assert texts(plan, "name_employer") == ['"Sam Doe" "Northfield Academy"']
    assert texts(plan, "name_town") == ['"Sam Doe" "Hebden Bridge"']
    assert texts(plan, "name_role") == ['"Sam Doe" teacher']
    assert texts(plan, "handle") == ['"sam_doe"', '"samdoe_runs"']  # no @
    assert texts(plan, "email") == ['"sam.doe@example.org"', '"samdoe@example.net"']
    assert texts(plan, "site") == []  # no platforms chosen
    [image] = [s for s in plan if s.kind == "image"]
    assert image.text == '"Sam Doe"' and image.browser_only and image.id == "image:sam-doe"
    assert all(not s.browser_only for s in plan if s.kind != "image")
    assert all(s.enabled for s in plan) and {s.kind for s in plan} <= set(KINDS)


def test_no_duplicates():
    profile = typical()
    profile.names.append(PersonName("sam  doe", "nickname"))  # same name, other case and spacing
    profile.handles.append(Handle("sam_doe"))  # same handle without @
    profile.emails.append(" sam.doe@example.org ")
    plan = build_plan(profile)
    assert len({s.id for s in plan}) == len(plan)
    assert len({(s.browser_only, s.text.casefold()) for s in plan}) == len(plan)
    assert texts(plan, "name") == ['"Sam Doe"', '"Sam Smith"']


def test_ids_are_stable_and_readable():
    first, second = build_plan(typical()), build_plan(typical())
    assert [s.id for s in first] == [s.id for s in second]
    ids = {}
    for s in first:
        ids.setdefault(s.kind, s.id)
    assert ids["name"] == "name:sam-doe"
    assert ids["name_employer"] == "name_employer:sam-doe-northfield-academy"
    assert search_id("name", '"Sam Doe"') == "name:sam-doe"


def test_handles_that_slug_alike_still_get_distinct_ids():
    plan = build_plan(Profile(handles=[Handle("sam_doe"), Handle("sam.doe"), Handle("sam-doe")]))
    assert len(plan) == 3 and len({s.id for s in plan}) == 3
    assert plan[0].id == "handle:sam-doe"


def test_name_in_another_script_gets_an_id():
    plan = build_plan(Profile(names=[PersonName("山田 花子")]))
    assert plan[0].text == '"山田 花子"' and plan[0].id.startswith("name:") and len(plan[0].id) > len("name:")


def test_combinations_use_current_names_only():
    profile = typical()
    profile.names = [PersonName("Sam Doe"), PersonName("Sam Smith", "previous"), PersonName("Sammy", "nickname"),
                     PersonName("Samantha Doe")]
    plan = build_plan(profile)
    combos = [s.text for s in plan if s.kind in ("name_employer", "name_town", "name_role", "image")]
    assert not any("Smith" in t or "Sammy" in t for t in combos)
    assert texts(plan, "name_employer") == ['"Sam Doe" "Northfield Academy"', '"Samantha Doe" "Northfield Academy"']
    assert len(plan) <= 20


def test_without_a_current_name_the_first_two_names_are_combined():
    plan = build_plan(Profile(names=[PersonName("Sam Smith", "previous"), PersonName("Sammy", "nickname"),
                                     PersonName("S. Smith", "nickname")], employer="Northfield Academy"))
    assert texts(plan, "name_employer") == ['"Sam Smith" "Northfield Academy"', '"Sammy" "Northfield Academy"']


def test_combinations_are_capped_at_two_names():
    names = [PersonName(f"Person Number{i}") for i in range(5)]
    plan = build_plan(Profile(names=names, employer="Acme", town="Leeds", role="teacher"))
    assert len(texts(plan, "name_employer")) == 2 and len(texts(plan, "name")) == 5


@pytest.mark.parametrize("role, expected", [
    ("teacher", '"Sam Doe" teacher'),
    ("support", '"Sam Doe" "teaching assistant"'),
    ("social_worker", '"Sam Doe" "social worker"'),
    ("other", None),
    ("", None),
])
def test_role_words(role, expected):
    plan = build_plan(Profile(names=[PersonName("Sam Doe")], role=role))
    assert texts(plan, "name_role") == ([expected] if expected else [])


@pytest.mark.parametrize("languages, expected", [
    ("en", ['"Sam Doe" teacher']),
    ("cy", ['"Sam Doe" athro']),
    ("both", ['"Sam Doe" teacher', '"Sam Doe" athro']),
])
def test_role_words_follow_the_language_chosen_for_searches(languages, expected):
    profile = Profile(names=[PersonName("Sam Doe")], role="teacher", search_languages=languages)
    assert texts(build_plan(profile), "name_role") == expected


def test_role_words_in_welsh_are_phrases_where_they_are_several_words_and_ignore_the_window():
    from socialsafe_desktop.core import i18n

    i18n.set_language(i18n.PSEUDO)  # the window's language changes nothing in a search
    try:
        plan = build_plan(Profile(names=[PersonName("Sam Doe")], role="social_worker", search_languages="both"))
    finally:
        i18n.set_language(i18n.ENGLISH)
    assert texts(plan, "name_role") == ['"Sam Doe" "social worker"', '"Sam Doe" "gweithiwr cymdeithasol"']
    ids = [s.id for s in plan if s.kind == "name_role"]
    assert len(set(ids)) == 2  # one search each, each with its own id


def test_platform_searches_use_the_first_domain_of_each_pack():
    plan = build_plan(typical(), {"facebook": ["facebook.com", "fb.com"], "linkedin": ["linkedin.com"], "empty": []})
    assert texts(plan, "site") == ['"Sam Doe" site:facebook.com', '"Sam Doe" site:linkedin.com']


def test_phone_is_searched_when_given():
    plan = build_plan(Profile(names=[PersonName("Sam Doe")], phone="+44 7700 900123"))
    assert texts(plan, "phone") == ['"+44 7700 900123"']


def test_quotes_and_control_characters_cannot_break_the_query():
    plan = build_plan(Profile(names=[PersonName('Sam "The Hammer" Doe\t')], employer='Acme\n"Ltd"'))
    assert texts(plan, "name") == ['"Sam The Hammer Doe"']
    assert texts(plan, "name_employer") == ['"Sam The Hammer Doe" "Acme Ltd"']


def test_empty_profile_gives_an_empty_plan():
    assert build_plan(Profile()) == []
    assert build_plan(Profile(names=[PersonName("  ")], handles=[Handle("@")])) == []


def test_handles_and_emails_alone_still_make_a_plan():
    plan = build_plan(Profile(handles=[Handle("@sam_doe")], emails=["sam@example.org"]))
    assert [s.kind for s in plan] == ["handle", "email"]


def test_round_trip_and_custom_searches():
    plan = build_plan(typical())
    assert [PlannedSearch.from_dict(s.to_dict()) for s in plan] == plan
    mine = custom_search('  "Sam Doe"   marathon ')
    assert mine == PlannedSearch("custom:sam-doe-marathon", "custom", '"Sam Doe" marathon')
    odd = PlannedSearch.from_dict({"kind": "weird", "text": "x\x00y"})
    assert odd.kind == "custom" and odd.text == "x y" and odd.id == "custom:x-y"


def test_kinds_in_a_full_plan():
    profile = typical()
    profile.phone = "01632 960001"
    plan = build_plan(profile, {"facebook": ["facebook.com"]})
    assert Counter(s.kind for s in plan) == Counter({
        "name": 2, "name_employer": 1, "name_town": 1, "name_role": 1, "handle": 2, "email": 2,
        "phone": 1, "site": 1, "image": 1,
    })
