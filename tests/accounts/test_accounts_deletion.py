"""The deletion directory: the longest matching domain wins, subdomains match, look-alikes do not."""

from __future__ import annotations

import pytest

from socialsafe_desktop.accounts.deletion import (
    DIFFICULTIES,
    AccountDataError,
    deletion_for,
    load_deletion_directory,
    parse_deletion_directory,
)

SERVICES = [
    {"name": "Example Social", "url": "https://example.org/settings/delete", "difficulty": "easy",
     "domains": ["example.org", "example.net"]},
    {"name": "Example Gists", "url": "https://gist.example.org/delete", "difficulty": "hard",
     "domains": ["gist.example.org"], "email": "privacy@example.org"},
    {"name": "Old Forum", "difficulty": "impossible", "domains": ["forum.example.com"]},
]


@pytest.fixture
def directory():
    result = parse_deletion_directory({"services": SERVICES})
    assert result.problems == ()
    return result


@pytest.mark.parametrize("asked, service", [
    ("example.org", "Example Social"),
    ("www.example.org", "Example Social"),
    ("EXAMPLE.NET.", "Example Social"),
    ("https://m.example.org:8443/jsample?x=1", "Example Social"),
    ("gist.example.org", "Example Gists"),               # the longer domain wins
    ("a.b.gist.example.org", "Example Gists"),
    ("https://gist.example.org/jsample", "Example Gists"),
    ("forum.example.com", "Old Forum"),
])
def test_lookup_finds_the_longest_matching_domain(directory, asked, service):
    assert directory.lookup(asked).name == service


@pytest.mark.parametrize("asked", ["notexample.org", "example.org.evil.example", "example.com", "org", "",
                                   "https://", "http://[::1", "mailto:x@example.org"])
def test_lookup_finds_nothing_for_look_alikes_and_nonsense(directory, asked):
    assert directory.lookup(asked) is None


def test_what_a_lookup_gives(directory):
    gists = directory.lookup("gist.example.org")
    assert (gists.url, gists.difficulty, gists.email) == ("https://gist.example.org/delete", "hard",
                                                          "privacy@example.org")
    forum = directory.lookup("forum.example.com")
    assert (forum.url, forum.email, forum.difficulty) == (None, None, "impossible")
    assert forum.difficulty_label.startswith("Impossible")


@pytest.mark.parametrize("bad, why", [
    ("nope", "it is not a table of fields"),
    ({"name": "", "difficulty": "easy", "domains": ["a.example"]}, "'name' is missing, too long or has control characters"),
    ({"name": "X", "difficulty": "trivial", "domains": ["a.example"]},
     "'difficulty' is not one of easy, medium, hard, limited, impossible"),
    ({"name": "X", "difficulty": "easy", "domains": []}, "it lists no domains"),
    ({"name": "X", "difficulty": "easy", "domains": ["A.Example/path"]}, "a domain is not a lower-case host name"),
    ({"name": "X", "difficulty": "easy", "domains": ["a.example"], "url": "javascript:alert(1)"},
     "'url' is not a web address that can be opened"),
    ({"name": "X", "difficulty": "easy", "domains": ["a.example"], "email": "not an address"},
     "'email' is not an email address"),
])
def test_a_bad_service_is_skipped_with_one_sentence(bad, why):
    result = parse_deletion_directory({"services": [bad, SERVICES[0]]}, origin="d.json")
    assert [s.name for s in result.services] == ["Example Social"]
    assert len(result.problems) == 1
    assert result.problems[0].startswith("d.json: service 1") and result.problems[0].endswith(f"because {why}.")


def test_a_file_that_cannot_be_used_is_one_sentence(tmp_path):
    path = tmp_path / "deletion.json"
    path.write_text('{"services": "none"}')
    with pytest.raises(AccountDataError, match=r"cannot be used: it has no list of services\.$"):
        load_deletion_directory(path)


def test_the_difficulties_are_the_five_the_directory_uses():
    assert DIFFICULTIES == ("easy", "medium", "hard", "limited", "impossible")


def test_a_found_account_gets_its_services_deletion_page_except_on_archives(directory):
    assert deletion_for(directory, "social", "https://gist.example.org/jsample").name == "Example Gists"
    assert deletion_for(directory, "archived", "https://example.org/wayback?url=x") is None
    assert deletion_for(directory, "social", None) is None
