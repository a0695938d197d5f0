"""The trainer demo's forgotten accounts: answered from stored pages through the real runner and
the real checker, with every socket refused; never an adult site. And the categories the
policy knows are exactly the site list's own."""

from __future__ import annotations

import queue
import socket
from dataclasses import replace

import pytest

from socialsafe_desktop.accounts.canned import CannedAccountClient, canned_account_client_factory
from socialsafe_desktop.accounts.checker import COULD_NOT_CHECK, FOUND, NOT_FOUND, check_one, check_settings
from socialsafe_desktop.accounts.estimate import plan_check
from socialsafe_desktop.accounts.runner import AccountCheckRunner
from socialsafe_desktop.accounts.sites import load_sites, prepare
from socialsafe_desktop.core.demo import DemoDataError, load_persona, resources_dir
from socialsafe_desktop.core.forgotten_accounts import SITE_CATEGORIES


@pytest.fixture
def no_sockets(monkeypatch):
    """Every way out refused: a demo that tried to reach anything, even this machine, fails."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args[:2])
        raise AssertionError(f"the demo tried to use the network: {args[:2]!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_the_policys_categories_are_the_site_lists_own():
    assert set(load_sites().categories) == set(SITE_CATEGORIES)


def test_each_stored_answer_means_what_the_persona_says_by_the_real_checker(no_sockets):
    persona, sites = load_persona(), load_sites()
    client = CannedAccountClient(persona, sites, delay=0)
    by_name = {s.name: s for s in sites.sites}
    outcomes = {}
    for account in persona.accounts:
        check = prepare(by_name[account.site], account.username)
        assert check is not None, account
        outcomes[(account.username, account.site)] = check_one(client, check).outcome
    assert outcomes == {
        ("jsample_example", "X"): FOUND, ("jsample_example", "Flickr"): FOUND,
        ("jsample_example", "Last.fm"): FOUND, ("jsample_example", "MySpace"): FOUND,
        ("jsample_example", "Quora"): COULD_NOT_CHECK,  # a human-check page: never "not found"
        ("jojo.sample.example", "Instagram"): FOUND,
    }
    # A site the persona has no account on answers its own "no such account".
    check = prepare(by_name["Flickr"], "jojo.sample.example")
    assert check_one(client, check).outcome == NOT_FOUND
    assert no_sockets == []


def test_a_whole_demo_check_runs_with_every_socket_refused_and_no_adult_site(no_sockets):
    persona, sites = load_persona(), load_sites()
    plan = plan_check(sites, "jsample_example", [c for c in sites.categories if c != "adult"])
    events: queue.SimpleQueue = queue.SimpleQueue()
    runner = AccountCheckRunner(replace(check_settings(), host_delay=0.0), events.put,
                                client_factory=canned_account_client_factory(persona, sites, delay=0))
    runner.start(plan.checks)
    results = []
    while (event := events.get(timeout=30)).kind != "finished":
        if event.kind == "result":
            results.append(event.result)
    assert len(results) == len(plan.checks) > 500
    found = sorted(r.site for r in results if r.outcome == FOUND)
    assert found == ["Flickr", "Last.fm", "MySpace", "X"]
    # Nothing went out: a refused socket would have shown up as "could not be reached".
    assert not [r for r in results if r.reason.startswith("The site could not be reached")]
    assert no_sockets == []


def test_the_canned_client_refuses_an_adult_site_whatever_it_is_asked():
    persona, sites = load_persona(), load_sites()
    adult = next(s for s in sites.sites if s.is_adult)
    check = prepare(adult, "jsample_example")
    result = check_one(CannedAccountClient(persona, sites, delay=0), check)
    assert result.outcome == COULD_NOT_CHECK


def test_a_demo_account_under_a_username_the_persona_does_not_have_is_refused(tmp_path):
    source = resources_dir() / "demo"
    target = tmp_path / "demo"
    for folder in ("pages", "accounts"):
        (target / folder).mkdir(parents=True)
        for page in (source / folder).iterdir():
            (target / folder / page.name).write_bytes(page.read_bytes())
    text = (source / "persona.toml").read_text("utf-8")
    (target / "persona.toml").write_text(text + '\n[[accounts]]\nusername = "somebody_else"\nsite = "X"\n'
                                                'page = "account-x.json"\n', "utf-8")
    with pytest.raises(DemoDataError, match="not one of the person's usernames"):
        load_persona(tmp_path)
