"""The check against one local server playing many sites at once: every kind of answer a real
site gives, each classified by the site's own rule, and nothing from a page taken as a result."""

from __future__ import annotations

import json
import re
import threading
from dataclasses import replace
from urllib.parse import parse_qs

import pytest
from accounts_helpers import FAST, Recorder, entry, site_list
from werkzeug import Response

from socialsafe_desktop.accounts import checker
from socialsafe_desktop.accounts.checker import COULD_NOT_CHECK, FOUND, NOT_FOUND
from socialsafe_desktop.accounts.estimate import plan_check
from socialsafe_desktop.accounts.runner import AccountCheckRunner

USERNAME = "jsample"
PROFILE = '<html><body><div class="profile-card">Jo Sample</div></body></html>'
HOSTILE = ('<html><head><title>\u202eevil</title></head><body><script>alert(1)</script>'
           '<a href="javascript:alert(2)">found</a> profile-card-ish \x1b[31m</body></html>')
CHALLENGE = ('<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>'
             '<script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script></body></html>')
CAPTCHA = '<html><body><form><div class="g-recaptcha" data-sitekey="x"></div></form></body></html>'


def html(body: str, status: int = 200, **headers) -> Response:
    return Response(body, status, headers=headers, content_type="text/html; charset=utf-8")


class ManySites:
    """One handler for every site: the first path segment says which site is asked. Records
    what each site was sent (raw address, method, body, headers) and how many requests."""

    def __init__(self) -> None:
        self.answers = {}
        self.seen: dict[str, list[dict]] = {}
        self.lock = threading.Lock()

    def add(self, key: str, answer) -> None:
        self.answers[key] = answer

    def __call__(self, request):
        raw = request.environ.get("REQUEST_URI") or request.environ.get("RAW_URI") or request.full_path
        key = raw.lstrip("/").split("/", 1)[0].split("?", 1)[0]
        with self.lock:
            self.seen.setdefault(key, []).append({"raw": raw, "method": request.method, "body": request.get_data(),
                                                  "headers": dict(request.headers)})
        answer = self.answers.get(key)
        return answer(request) if answer else html("no such site here", 500)


@pytest.fixture
def many(server):
    sites = ManySites()
    server.expect_request(re.compile(r"/.*")).respond_with_handler(sites)
    return sites


def run(sites, username=USERNAME, settings=FAST, **plan_options):
    plan = plan_check(sites, username, allow_loopback_http=True, **plan_options)
    recorder = Recorder()
    runner = AccountCheckRunner(settings, recorder)
    runner.start(plan.checks)
    assert recorder.finished.wait(30), "the check did not finish"
    return recorder.results(), plan


def test_every_kind_of_answer_is_classified_by_the_sites_rule(server, many, silent_server, closed_port):
    base = server.url_for("").rstrip("/")
    card = 'class="profile-card"'
    big = "x" * (FAST.max_bytes + 1024) + card
    table = [
        # name, rule, answer, outcome, reason
        ("exists-by-status", dict(e_string="", m_code=404), lambda r: html("<p>hello</p>"), FOUND, checker.EXISTS),
        ("exists-by-string", dict(e_string=card, m_code=200, m_string="No such user"), lambda r: html(PROFILE),
         FOUND, checker.EXISTS),
        ("missing-by-status", dict(e_string=card, m_code=404), lambda r: html("gone", 404), NOT_FOUND,
         checker.MISSING),
        ("missing-by-string", dict(e_string=card, m_code=200, m_string="No such user"),
         lambda r: html("<h1>No such user</h1>"), NOT_FOUND, checker.MISSING),
        ("redirect-to-login", dict(e_string=card, m_code=404),
         lambda r: html("", 302, Location="/users/sign_in?next=%2Fprofile"), NOT_FOUND, checker.TO_SIGN_IN),
        ("redirect-home", dict(e_string=card, m_code=404), lambda r: html("", 301, Location="/"), NOT_FOUND,
         checker.TO_HOME),
        ("redirect-elsewhere", dict(e_string=card, m_code=404),
         lambda r: html("", 302, Location="https://elsewhere.example/welcome"), COULD_NOT_CHECK, checker.ELSEWHERE),
        ("soft-404", dict(e_string=card, m_code=404), lambda r: html("<h1>Welcome to our community</h1>"),
         NOT_FOUND, checker.SOFT_404),
        ("cloudflare-403", dict(e_string=card, m_code=404),
         lambda r: html(CHALLENGE, 403, **{"cf-mitigated": "challenge", "Server": "cloudflare"}),
         COULD_NOT_CHECK, checker.BOT_WALL),
        # A challenge answering 200 on a site whose "missing" is any 200 without the profile text.
        ("cloudflare-200", dict(e_string=card, m_code=200, m_string=""), lambda r: html(CHALLENGE),
         COULD_NOT_CHECK, checker.BOT_WALL),
        ("captcha", dict(e_string=card, m_code=404), lambda r: html(CAPTCHA), COULD_NOT_CHECK, checker.BOT_WALL),
        ("rate-limited", dict(e_string=card, m_code=404), lambda r: html("slow down", 429, **{"Retry-After": "1"}),
         COULD_NOT_CHECK, checker.SLOW_DOWN),
        ("server-error", dict(e_string=card, m_code=404), lambda r: html("oops", 503), COULD_NOT_CHECK,
         "The site had a problem of its own (HTTP 503)."),
        # A rule that names 500 as "missing" without text cannot tell a crash from a missing account ...
        ("missing-500-bare", dict(e_string=card, m_code=500), lambda r: html("oops", 500), COULD_NOT_CHECK,
         "The site had a problem of its own (HTTP 500)."),
        # ... but with its own "missing" text it can.
        ("missing-500-text", dict(e_string=card, m_code=500, m_string='"message":"User Not found"'),
         lambda r: Response('{"message":"User Not found"}', 500, content_type="application/json"),
         NOT_FOUND, checker.MISSING),
        ("unexpected-status", dict(e_string=card, m_code=404), lambda r: html("teapot", 418), COULD_NOT_CHECK,
         "The site's answer (HTTP 418) is not one its rule explains."),
        ("huge-page", dict(e_string=card, m_code=404), lambda r: html(big), COULD_NOT_CHECK, checker.TOO_LARGE),
        ("hostile", dict(e_string=card, m_code=404), lambda r: html(HOSTILE, 404, Location="javascript:alert(3)"),
         NOT_FOUND, checker.MISSING),
    ]
    entries = []
    for name, rule, answer, _, _ in table:
        many.add(name, answer)
        entries.append(entry(name, f"{base}/{name}/{{account}}", **rule))
    entries.append(entry("silent", f"{silent_server.url}/u/{{account}}", e_string=card))
    entries.append(entry("closed", f"{closed_port}/u/{{account}}", e_string=card))

    results, plan = run(site_list(entries))

    expected = {name: (outcome, reason) for name, _, _, outcome, reason in table}
    expected["silent"] = (COULD_NOT_CHECK, checker.TIMEOUT)
    expected["closed"] = (COULD_NOT_CHECK, checker.NO_CONNECTION)
    assert {name: (r.outcome, r.reason) for name, r in results.items()} == expected
    # One request per site, never a retry (the person is told each site sees one request).
    assert {name: len(seen) for name, seen in many.seen.items()} == {name: 1 for name, *_ in table}
    # What a result holds is ours: the address we built, never text or a link from the page.
    hostile = results["hostile"]
    assert hostile.profile_url == f"{base}/hostile/{USERNAME}"
    for result in results.values():
        text = repr(result)
        assert "alert" not in text and "\u202e" not in text and "evil" not in text and "javascript" not in text
    assert results["exists-by-string"].status == 200 and results["silent"].status is None


def test_the_username_is_stripped_and_encoded_never_pasted_raw(server, many):
    base = server.url_for("").rstrip("/")
    many.add("enc", lambda r: html("<p>hi</p>"))
    many.add("strip", lambda r: html("<p>hi</p>"))
    sites = site_list([
        entry("enc", f"{base}/enc/{{account}}?tab=about"),
        entry("strip", f"{base}/strip/{{account}}", strip_bad_char="."),
    ])

    results, _ = run(sites, username="j.sam ple/../?#&%ü")

    assert results["enc"].outcome == FOUND and results["strip"].outcome == FOUND
    assert [s["raw"] for s in many.seen["enc"]] == ["/enc/j.sam%20ple%2F..%2F%3F%23%26%25%C3%BC?tab=about"]
    assert [s["raw"] for s in many.seen["strip"]] == ["/strip/jsam%20ple%2F%2F%3F%23%26%25%C3%BC"]
    assert results["enc"].profile_url == f"{base}/enc/j.sam%20ple%2F..%2F%3F%23%26%25%C3%BC?tab=about"


def test_post_checks_send_the_sites_body_and_headers_with_the_username_escaped(server, many):
    base = server.url_for("").rstrip("/")

    def json_api(request):
        taken = json.loads(request.get_data())["user"] == "jö q"
        return Response(json.dumps({"taken": taken}), 200, content_type="application/json")

    def form_api(request):
        name = parse_qs(request.get_data().decode())["name"][0]
        return Response("exists" if name == "jö q" else "free", 200, content_type="text/plain")

    many.add("json", json_api)
    many.add("form", form_api)
    sites = site_list([
        entry("json", f"{base}/json/check", post_body='{"user":"{account}"}', e_string='"taken": true',
              m_code=200, m_string='"taken": false', uri_pretty=f"{base}/people/{{account}}",
              headers={"Content-Type": "application/json", "X-Check": "yes", "Host": "other.example"}),
        entry("form", f"{base}/form/check", post_body="name={account}&x=1", e_string="exists", m_code=200,
              m_string="free", headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"}),
    ])

    results, _ = run(sites, username="jö q")

    assert (results["json"].outcome, results["form"].outcome) == (FOUND, FOUND)
    sent = many.seen["json"][0]
    assert sent["method"] == "POST" and sent["body"] == b'{"user":"j\\u00f6 q"}'
    assert sent["headers"]["X-Check"] == "yes"
    assert sent["headers"]["Host"].startswith("127.0.0.1:")  # a data file never picks the host
    assert many.seen["form"][0]["body"] == b"name=j%C3%B6%20q&x=1"
    assert results["json"].profile_url == f"{base}/people/j%C3%B6%20q"
    assert results["form"].profile_url is None  # a POST check with no profile address shows none


def test_a_username_that_cannot_be_placed_in_a_json_body_is_not_asked(server, many):
    base = server.url_for("").rstrip("/")
    sites = site_list([entry("json", f"{base}/json/check", post_body='{"q":"user(\\"{account}\\")"}',
                             e_string="yes", headers={"Content-Type": "application/json"})])

    plan = plan_check(sites, 'jo"sample', allow_loopback_http=True)

    assert plan.checks == () and plan.not_applicable == ("json",)


def test_adult_sites_are_asked_only_when_asked_for(server, many):
    base = server.url_for("").rstrip("/")
    for key in ("plain", "adult"):
        many.add(key, lambda r: html("<p>hi</p>"))
    sites = site_list([entry("plain", f"{base}/plain/{{account}}"),
                       entry("adult", f"{base}/adult/{{account}}", cat="xx NSFW xx")])

    results, _ = run(sites)
    assert set(results) == {"plain"} and "adult" not in many.seen

    results, _ = run(sites, include_adult=True)
    assert set(results) == {"plain", "adult"}


def test_a_page_in_its_own_charset_is_read_as_text(server, many):
    base = server.url_for("").rstrip("/")
    page = '<html><head><meta charset="windows-1251"></head><body>Профиль пользователя</body></html>'
    many.add("cyrillic", lambda r: Response(page.encode("cp1251"), 200, content_type="text/html"))
    sites = site_list([entry("cyrillic", f"{base}/cyrillic/{{account}}", e_string="Профиль пользователя",
                             m_code=404)])

    results, _ = run(sites)

    assert results["cyrillic"].outcome == FOUND


def test_no_cookie_a_site_hands_out_goes_back_to_it(server, many):
    base = server.url_for("").rstrip("/")
    many.add("cookie", lambda r: html("<p>hi</p>", **{"Set-Cookie": "visitor=tracked; Path=/"}))
    sites = site_list([entry(f"cookie{n}", f"{base}/cookie/{n}/{{account}}") for n in range(3)])

    results, _ = run(sites, settings=replace(FAST, max_workers=1))

    assert len(results) == 3 and len(many.seen["cookie"]) == 3
    assert all("Cookie" not in seen["headers"] for seen in many.seen["cookie"])
