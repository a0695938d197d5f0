"""The maintainers' link check, against a real HTTP server on 127.0.0.1 (never the internet).

Each case is an answer a help page can really give: fine, moved to a login page, moved to
another site, not found, gone, too slow, no answer at all, a broken secure connection.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from werkzeug import Response

from socialsafe_desktop.cli import main
from socialsafe_desktop.content.linkcheck import LinkUse, check_links, collect_links
from socialsafe_desktop.net.http import HttpClient
from socialsafe_desktop.net.settings import HttpSettings

FAST = HttpSettings(timeout=1.0, host_delay=0.0, retries=0, max_bytes=64 * 1024, max_workers=4)


def use(url: str, item: str = "item", field: str = "settings_url") -> LinkUse:
    return LinkUse(url, "pack.toml", item, field)


def kinds(problems) -> list[tuple[str, str]]:
    return [(p.use.url.rsplit("/", 1)[-1], p.kind) for p in problems]


def test_each_kind_of_answer(httpserver) -> None:
    # The same server under another name is another host as far as addresses go.
    other_name = "127.0.0.1" if httpserver.host == "localhost" else "localhost"
    other = f"http://{other_name}:{httpserver.port}/somewhere-else"
    httpserver.expect_request("/ok").respond_with_data("fine")
    httpserver.expect_request("/moved-to-login").respond_with_data(
        "", status=301, headers={"Location": "/accounts/login/?next=/settings"})
    httpserver.expect_request("/moved-away").respond_with_data("", status=302, headers={"Location": other})
    httpserver.expect_request("/moved-home").respond_with_data("", status=302, headers={"Location": "/"})
    httpserver.expect_request("/moved-inside").respond_with_data("", status=301, headers={"Location": "/ok"})
    httpserver.expect_request("/missing").respond_with_data("no", status=404)
    httpserver.expect_request("/removed").respond_with_data("no", status=410)
    httpserver.expect_request("/broken").respond_with_data("no", status=503)
    urls = [httpserver.url_for(p) for p in (
        "/ok", "/moved-to-login", "/moved-away", "/moved-home", "/moved-inside", "/missing",
        "/removed", "/broken")]
    problems = check_links([use(u) for u in urls], settings=FAST)
    assert kinds(problems) == [
        ("moved-to-login", "login_redirect"),
        ("moved-away", "other_host"),
        ("moved-home", "home_redirect"),
        ("missing", "not_found"),
        ("removed", "gone"),
        ("broken", "http_status"),
    ]
    by_kind = {p.kind: p for p in problems}
    assert by_kind["login_redirect"].target == httpserver.url_for("/accounts/login/?next=/settings")
    assert by_kind["other_host"].message == f"redirected to a different host: {other}"
    assert by_kind["not_found"].message == "not found (404)"
    assert by_kind["gone"].message == "gone (410): the page has been removed"
    assert by_kind["http_status"].message == "answered with HTTP 503"
    # The other host was reported, not visited; a redirect on the same site was followed.
    paths = [request.path for request, _ in httpserver.log]
    assert "/somewhere-else" not in paths
    assert paths.count("/ok") == 2  # once directly, once through /moved-inside


def test_one_line_per_place_but_one_request_per_address(httpserver) -> None:
    httpserver.expect_request("/missing").respond_with_data("no", status=404)
    url = httpserver.url_for("/missing")
    problems = check_links([use(url, "a"), use(url, "b", "source"), use(url, "", "sources")],
                           settings=FAST)
    assert [str(p) for p in problems] == [
        f"pack.toml:a:settings_url: {url}: not found (404)",
        f"pack.toml:b:source: {url}: not found (404)",
        f"pack.toml:-:sources: {url}: not found (404)",
    ]
    assert len(httpserver.log) == 1


def test_slow_answer(httpserver) -> None:
    def slow(_request):
        time.sleep(0.4)
        return Response("late but fine")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    (problem,) = check_links([use(httpserver.url_for("/slow"))], settings=FAST, slow_after=0.2)
    assert problem.kind == "slow" and problem.message.startswith("slow: answered in 0.")


def test_no_answer_is_a_timeout(silent_server) -> None:
    settings = HttpSettings(timeout=0.5, host_delay=0.0, retries=0, max_bytes=1024)
    started = time.monotonic()
    (problem,) = check_links([use(f"{silent_server.url}/help")], settings=settings)
    assert (problem.kind, problem.message) == ("timeout", "no answer within 0.5 seconds")
    assert time.monotonic() - started < 5


def test_tls_failure(httpserver) -> None:
    # https spoken to a server that only speaks plain http: the handshake fails.
    httpserver.expect_request("/ok").respond_with_data("fine")
    (problem,) = check_links([use(f"https://127.0.0.1:{httpserver.port}/ok")], settings=FAST)
    assert problem.kind == "tls"
    assert problem.message == "TLS failure: the secure connection could not be set up or verified"


def test_refused_connection(closed_port: str) -> None:
    (problem,) = check_links([use(f"{closed_port}/x")], settings=FAST)
    assert (problem.kind, problem.message) == ("connect", "could not connect")


def test_plain_http_elsewhere_is_never_visited() -> None:
    # The test guard would fail the test if this were requested.
    (problem,) = check_links([use("http://help.example.org/page")], settings=FAST)
    assert (problem.kind, problem.message) == ("not_https", "not an https address, so it was not visited")


def test_a_page_larger_than_the_cap_is_there(httpserver) -> None:
    httpserver.expect_request("/big").respond_with_data("x" * 200_000)
    assert check_links([use(httpserver.url_for("/big"))], settings=FAST) == []


def test_requests_to_one_host_are_spaced_by_the_delay(httpserver) -> None:
    for n in range(3):
        httpserver.expect_request(f"/p{n}").respond_with_data("fine")
    settings = HttpSettings(timeout=1.0, host_delay=0.3, retries=0, max_bytes=1024, max_workers=4)
    client = HttpClient(settings)
    started = time.monotonic()
    assert check_links([use(httpserver.url_for(f"/p{n}")) for n in range(3)], settings=settings,
                       client=client) == []
    assert time.monotonic() - started >= 0.55  # three requests, two gaps of 0.3 s
    client.close()


PACK = """\
id = "acme"
name = "Acme"
kind = "platform"
domains = []
last_reviewed = 2026-06-01
sources = ["{base}/help"]

[[items]]
id = "one"
title = "One"
why = "Because."
steps = ["Do it"]
settings_url = "{base}/settings"
recommended = "On"
priority = "essential"
minutes = 1
source = "{base}/help/one"
evidence = "platform"
checked = 2026-06-01
"""


def test_collect_links_from_packs_and_overlays(tmp_path: Path) -> None:
    base = "https://help.example.org"
    (tmp_path / "acme.toml").write_text(PACK.format(base=base), encoding="utf-8")
    (tmp_path / "org.toml").write_text(
        f'[[override]]\nitem = "acme:one"\nsettings_url = "{base}/new"\n', encoding="utf-8")
    (tmp_path / "broken.toml").write_text('id = "broken"\n', encoding="utf-8")
    (tmp_path / "glossary.toml").write_text('[[terms]]\nterm = "x"\nexplanation = "y"\n')
    uses, problems = collect_links([tmp_path, tmp_path / "missing"])
    assert [(u.file.rsplit("/", 1)[-1], u.item, u.field, u.url) for u in uses] == [
        ("acme.toml", "", "sources", f"{base}/help"),
        ("acme.toml", "one", "settings_url", f"{base}/settings"),
        ("acme.toml", "one", "source", f"{base}/help/one"),
        ("org.toml", "acme:one", "settings_url", f"{base}/new"),
    ]
    assert any(str(p).startswith(f"{tmp_path / 'broken.toml'}:-:name: missing") for p in problems)
    assert str(problems[-1]) == f"{tmp_path / 'missing'}:-:-: no such file or directory"


def test_command_prints_one_line_per_problem_and_json(tmp_path: Path, httpserver, capsys) -> None:
    # Pack addresses must be https, so this one points https at a plain-http local server.
    base = f"https://127.0.0.1:{httpserver.port}"
    pack = tmp_path / "acme.toml"
    pack.write_text(PACK.format(base=base), encoding="utf-8")
    assert main(["checklists", "check-links", str(pack), "--timeout", "1", "--delay", "0.01"]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines == [
        f"{pack}:-:sources: {base}/help: TLS failure: the secure connection could not be set up or verified",
        f"{pack}:one:settings_url: {base}/settings: TLS failure: the secure connection could not be "
        f"set up or verified",
        f"{pack}:one:source: {base}/help/one: TLS failure: the secure connection could not be set up "
        f"or verified",
    ]
    assert "Checking 3 addresses on 1 site…" in err and "Traceback" not in err

    assert main(["checklists", "check-links", str(pack), "--json", "--timeout", "1", "--delay", "0.01"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["checked"] == 3 and data["file_problems"] == []
    assert {p["kind"] for p in data["problems"]} == {"tls"}
    assert data["problems"][1] == {"file": str(pack), "item": "one", "field": "settings_url",
                                   "url": f"{base}/settings", "kind": "tls", "target": None,
                                   "problem": "TLS failure: the secure connection could not be set up "
                                              "or verified"}


def test_command_errors_are_one_sentence(tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["checklists", "check-links", str(empty)]) == 1
    err = capsys.readouterr().err
    assert err == "socialsafe: There are no addresses to check in those files.\n"
    with pytest.raises(SystemExit) as stop:
        main(["checklists", "check-links", "--timeout", "soon"])
    assert stop.value.code == 2
    assert "'soon' is not a number of seconds" in capsys.readouterr().err
