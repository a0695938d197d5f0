"""The site list: bad entries skipped with a sentence, https only, usernames placed safely."""

from __future__ import annotations

import json

import pytest
from accounts_helpers import CATEGORIES, entry

from socialsafe_desktop.accounts.sites import (
    ADULT,
    AccountDataError,
    UsernameError,
    clean_username,
    load_sites,
    parse_sites,
    prepare,
)

GOOD = entry("Good", "https://good.example/u/{account}", e_string="profile")


def parse(entries, **options):
    return parse_sites({"categories": CATEGORIES, "sites": entries}, origin="test.json", **options)


@pytest.mark.parametrize("bad, why", [
    ("not a table", "it is not a table of fields"),
    ({**GOOD, "name": ""}, "'name' is empty or too long"),
    ({**GOOD, "name": 7}, "'name' is missing or is not text"),
    ({**GOOD, "uri_check": "https://good.example/u/"}, "'uri_check' has no {account} where the username goes"),
    ({**GOOD, "uri_check": "http://good.example/u/{account}"},
     "'uri_check' is not an https address, and a check is only ever sent over https"),
    ({**GOOD, "uri_check": "javascript:alert('{account}')"}, "'uri_check' is not a valid web address"),
    ({**GOOD, "uri_check": "https://x.{account}.example/"},
     "'uri_check' puts the username in its host name other than as the first label"),
    ({**GOOD, "uri_pretty": "ftp://good.example/{account}"}, "'uri_pretty' is not a valid web address"),
    ({**GOOD, "e_code": "200"}, "'e_code' is not an HTTP status code"),
    ({**GOOD, "m_code": True}, "'m_code' is not an HTTP status code"),
    ({**GOOD, "e_code": 99}, "'e_code' is not an HTTP status code"),
    ({**GOOD, "m_string": None}, "'m_string' is missing or is not text"),
    ({**GOOD, "e_string": "a\u202eb"}, "'e_string' contains control or direction characters"),
    ({**GOOD, "m_code": 200, "m_string": "profile"}, "its rule cannot tell an account that exists from one that does not"),
    ({**GOOD, "e_string": "", "m_code": 200}, "its rule cannot tell an account that exists from one that does not"),
    ({**GOOD, "cat": "gardening"}, "its category 'gardening' is not one of the list's categories"),
    ({**GOOD, "headers": {"X Bad": "1"}}, "'headers' has a name that is not a valid header name"),
    ({**GOOD, "headers": {"X-Ok": "a\r\nSet-Cookie: x"}}, "header 'X-Ok' has a value that is not one line of text"),
    ({**GOOD, "post_body": "user={account}"},
     "its POST body is not JSON or a form, so the username cannot be placed in it safely"),
    ({**GOOD, "post_body": "{account}", "headers": {"Content-Type": "text/plain"}},
     "its POST body is not JSON or a form, so the username cannot be placed in it safely"),
    ({**GOOD, "post_body": '{"u": {account}', "headers": {"Content-Type": "application/json"}},
     "'post_body' is not valid JSON"),
    ({**GOOD, "post_body": "user=x", "headers": {"Content-Type": "application/x-www-form-urlencoded"}},
     "'post_body' has no {account} where the username goes"),
    ({**GOOD, "protection": "cloudflare"}, "'protection' is not a list of words"),
    ({**GOOD, "valid": False}, "the list marks it as not working"),
])
def test_a_bad_entry_is_skipped_with_one_sentence(bad, why):
    sites = parse([bad, GOOD])

    assert [s.name for s in sites.sites] == ["Good"]
    assert len(sites.problems) == 1
    assert sites.problems[0].startswith("test.json: site 1") and sites.problems[0].endswith(f"skipped because {why}.")


def test_a_second_site_with_the_same_name_is_skipped():
    sites = parse([GOOD, {**GOOD, "name": "good"}])
    assert len(sites.sites) == 1
    assert sites.problems == ("test.json: site 2 (good) was skipped because another site has the same name.",)


def test_plain_http_only_to_this_machine_and_only_when_asked():
    local = entry("Local", "http://127.0.0.1:8000/u/{account}", e_string="profile")
    assert parse([local]).sites == ()
    assert [s.name for s in parse([local], allow_loopback_http=True).sites] == ["Local"]
    remote = entry("Remote", "http://remote.example/u/{account}", e_string="profile")
    assert parse([remote], allow_loopback_http=True).sites == ()


def test_connection_headers_from_the_data_are_not_sent():
    site = parse([{**GOOD, "headers": {"Host": "other.example", "TE": "trailers", "Accept": "text/html"}}]).sites[0]
    assert site.headers == (("Accept", "text/html"),)


def test_adult_sites_get_a_plain_category_and_are_left_out_unless_asked_for():
    sites = parse([GOOD, entry("Adult", "https://adult.example/{account}", e_string="x", cat="xx NSFW xx")])
    assert sites.categories == ("social", "coding", "hobby", ADULT)
    assert [s.name for s in sites.select()] == ["Good"]
    assert [s.name for s in sites.select([ADULT])] == []
    assert [s.name for s in sites.select([ADULT], include_adult=True)] == ["Adult"]
    assert [s.name for s in sites.select(["coding"])] == []


@pytest.mark.parametrize("data, why", [
    ("[1, 2]", "it has no list of sites"),
    ('{"sites": 3}', "it has no list of sites"),
    ("{not json", "it is not valid JSON"),
])
def test_a_file_that_cannot_be_used_is_one_sentence(tmp_path, data, why):
    path = tmp_path / "sites.json"
    path.write_text(data)
    with pytest.raises(AccountDataError) as caught:
        load_sites(path)
    assert str(caught.value).endswith(f"cannot be used: {why}.")


def test_a_missing_file_is_one_sentence(tmp_path):
    with pytest.raises(AccountDataError, match=r"^The site list \(.*\) cannot be used: no such file\.$"):
        load_sites(tmp_path / "nothing.json")


def test_a_malformed_entry_in_a_file_does_not_stop_the_rest(tmp_path):
    path = tmp_path / "sites.json"
    path.write_text(json.dumps({"categories": CATEGORIES, "sites": [{"name": "Half"}, GOOD]}))
    sites = load_sites(path)
    assert [s.name for s in sites.sites] == ["Good"]
    assert sites.problems == ("sites.json: site 1 (Half) was skipped because 'cat' is missing or is not text.",)


# --- the username ------------------------------------------------------------------------


@pytest.mark.parametrize("text, cleaned", [
    ("  jsample ", "jsample"),
    ("@jsample", "jsample"),
    ("jo sample", "jo sample"),
    ("jo   sample", "jo sample"),
])
def test_usernames_are_cleaned(text, cleaned):
    assert clean_username(text) == cleaned


@pytest.mark.parametrize("text, start", [
    ("", "Type a username"),
    ("@", "Type a username"),
    ("jo\nsample", "A username cannot contain"),
    ("jo\u202esample", "A username cannot contain"),
    ("jo\u200bsample", "A username cannot contain"),
    ("x" * 101, "That username is longer"),
    ("jo.sample@example.org", "That is an email address"),
])
def test_unusable_usernames_are_refused_with_a_sentence(text, start):
    with pytest.raises(UsernameError) as caught:
        clean_username(text)
    assert str(caught.value).startswith(start) and str(caught.value).endswith(".")


def site(**fields):
    return parse([{**GOOD, **fields}]).sites[0]


def test_the_username_is_percent_encoded_in_the_address():
    check = prepare(site(uri_check="https://good.example/u/{account}?tab=1"), "a b/c?d#e&f%ü")
    assert check.url == "https://good.example/u/a%20b%2Fc%3Fd%23e%26f%25%C3%BC?tab=1"
    assert check.host == "good.example" and check.method == "GET" and check.body is None


def test_bad_characters_are_stripped_first():
    check = prepare(site(strip_bad_char="._"), "j.o_sample")
    assert check.url == "https://good.example/u/josample"


def test_uri_pretty_is_the_address_shown():
    check = prepare(site(uri_check="https://api.good.example/v1/users?name={account}",
                         uri_pretty="https://good.example/@{account}"), "jo sample")
    assert check.url == "https://api.good.example/v1/users?name=jo%20sample"
    assert check.profile_url == "https://good.example/@jo%20sample"
    assert check.site_url == "https://api.good.example/"


def test_a_username_in_the_host_must_be_a_host_name_label():
    in_host = site(uri_check="https://{account}.blog.example/")
    assert prepare(in_host, "jsample").url == "https://jsample.blog.example/"
    assert prepare(in_host, "j.sample") is None          # would be another host
    assert prepare(in_host, "jo sample") is None
    assert prepare(in_host, "-jsample") is None
    stripped = site(uri_check="https://{account}.blog.example/", strip_bad_char=".")
    assert prepare(stripped, "j.sample").url == "https://jsample.blog.example/"


def test_a_profile_address_with_the_username_in_its_host_needs_a_host_name_label():
    pretty_in_host = site(uri_pretty="https://{account}.good.example/")
    assert prepare(pretty_in_host, "jsample").profile_url == "https://jsample.good.example/"
    assert prepare(pretty_in_host, "jo sample").profile_url is None
    assert prepare(pretty_in_host, "jo sample").url == "https://good.example/u/jo%20sample"


def test_usernames_that_leave_nothing_or_only_dots_are_not_asked():
    assert prepare(site(strip_bad_char="."), "...") is None
    assert prepare(site(), "..") is None


def test_json_and_form_bodies_escape_the_username():
    json_site = site(uri_check="https://good.example/api", post_body='{"u":"{account}"}',
                     headers={"Content-Type": "application/json"})
    check = prepare(json_site, "jö</script>")
    assert check.method == "POST" and json.loads(check.body) == {"u": "jö</script>"}
    assert check.body == b'{"u":"j\\u00f6</script>"}'
    assert check.profile_url is None
    assert prepare(json_site, 'a"b') is None and prepare(json_site, "a\\b") is None
    form_site = site(uri_check="https://good.example/api", post_body="u={account}&x=1",
                     headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"})
    assert prepare(form_site, "a&b=c d").body == b"u=a%26b%3Dc%20d&x=1"
