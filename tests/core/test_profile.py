import pytest

from socialsafe_desktop.core.profile import (
    Handle,
    PersonName,
    Profile,
    email_problem,
    handle_problem,
    phone_problem,
    profile_problems,
)


@pytest.mark.parametrize("value,ok", [
    ("sam@example.org", True), ("sam.doe+x@mail.example.co.uk", True), ("", True),
    ("sam", False), ("sam@", False), ("sam@example", False), ("sam doe@example.org", False),
    ("@example.org", False),
])
def test_email_validation(value, ok):
    assert (email_problem(value) is None) is ok


def test_email_message_says_what_is_wrong():
    assert "no @" in email_problem("sam.example.org")


@pytest.mark.parametrize("value,ok", [("@sam_doe", True), ("sam.doe-1", True), ("sam doe", False),
                                      ("sam<b>", False), ("", True)])
def test_handle_validation(value, ok):
    assert (handle_problem(value) is None) is ok


def test_phone_validation():
    assert phone_problem("+44 7700 900123") is None
    assert phone_problem("call me") is not None


def test_round_trip_and_tolerant_loading():
    p = Profile([PersonName("Sam Doe"), PersonName("Sam Roe", "previous")], [Handle("@sam", "x")],
                ["sam@example.org"], "Example School", "teacher", "Exampletown", "")
    assert Profile.from_dict(p.to_dict()) == p
    odd = Profile.from_dict({"names": [{"text": 3, "kind": "weird"}, "junk"], "role": "astronaut",
                             "emails": ["a@b.cd", 5]})
    assert odd.names == [PersonName("", "current")]
    assert odd.role == "" and odd.emails == ["a@b.cd"]


def test_the_language_of_searches_is_kept_and_loads_tolerantly():
    from socialsafe_desktop.core.profile import search_language_choices

    welsh = Profile([PersonName("Sam Doe")], role="teacher", search_languages="cy")
    assert Profile.from_dict(welsh.to_dict()).search_languages == "cy"
    assert Profile.from_dict({"names": []}).search_languages == "en"  # saved before the choice existed
    assert Profile.from_dict({"search_languages": "klingon"}).search_languages == "en"
    assert Profile.from_dict({"search_languages": ["cy"]}).search_languages == "en"
    assert [key for key, _label in search_language_choices()] == ["en", "cy", "both"]


def test_private_strings_cover_names_parts_handles_and_emails():
    p = Profile([PersonName("Sam Doe")], [Handle("@sam_d")], ["sam@example.org"])
    values = p.private_strings()
    for expected in ("Sam Doe", "Sam", "Doe", "@sam_d", "sam_d", "sam@example.org"):
        assert expected in values
    assert values == sorted(values, key=len, reverse=True)


def test_profile_problems_lists_each_bad_field():
    p = Profile(emails=["nope"], handles=[Handle("a b")], phone="x")
    problems = profile_problems(p)
    assert len(problems) == 3
    assert problems[0].startswith("Username 'a b'")
