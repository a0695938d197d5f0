"""The trainer demo's fictional person: it loads, it is consistent with the shipped checklists and
the plan builder, it is plainly fictional, and broken demo data is reported, not crashed on."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from socialsafe_desktop.core import demo
from socialsafe_desktop.core.audit import ME_ACTION, ME_FINE, NOT_ME, SUGGESTED_ACTIONS
from socialsafe_desktop.core.checklists import default_app_dir, load_catalogue
from socialsafe_desktop.core.demo import DemoDataError, load_persona, resources_dir
from socialsafe_desktop.core.profile import HANDLE_PLATFORMS, profile_problems
from socialsafe_desktop.core.queries import build_plan

REPO_RESOURCES = Path(__file__).resolve().parents[2] / "resources"
FICTIONAL_SUFFIXES = (".example", "example.com", "example.org", "example.net")


@pytest.fixture(scope="module")
def persona():
    return load_persona(REPO_RESOURCES)


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(default_app_dir())


def host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def test_persona_has_a_full_about_you(persona):
    p = persona.profile
    assert profile_problems(p) == []
    assert persona.display_name == "Jordan Sample"
    assert {n.kind for n in p.names} == {"current", "previous", "nickname"}
    assert len(p.handles) == 2 and all(h.platform in HANDLE_PLATFORMS and h.platform for h in p.handles)
    personal, work = p.emails
    assert personal.endswith("@example.com")
    assert work.split("@")[1].endswith(".example")
    assert p.employer == "Lowmoor Vale College" and p.role == "teacher" and p.town == "Fernbridge"
    assert persona.platforms == ["facebook", "instagram", "linkedin", "x"]
    assert persona.next_check_months == 3
    assert "made-up" in persona.summary
    assert len(persona.fingerprint) == 16


def test_every_referenced_checklist_id_exists(persona, catalogue):
    assert persona.item_statuses, "the action plan needs some decisions to show"
    for key in persona.item_statuses:
        assert catalogue.item(key) is not None, f"{key} is not in checklists/"
    for pack_id in persona.platforms:
        pack = catalogue.pack(pack_id)
        assert pack is not None and pack.kind == "platform"
    for handle in persona.profile.handles:
        assert handle.platform in persona.platforms
    for finding in persona.findings:
        assert finding.platform is None or catalogue.pack(finding.platform) is not None


def test_some_items_done_with_notes_and_one_later(persona, catalogue):
    statuses = [status for status, _ in persona.item_statuses.values()]
    assert statuses.count("done") >= 3 and statuses.count("later") == 1
    assert all(note for _, note in persona.item_statuses.values())
    # Essentials, so they count whether or not the trainer shows "essentials only".
    assert all(catalogue.item(key).priority == "essential" for key in persona.item_statuses)


def test_plan_is_what_build_plan_gives_for_this_person(persona, catalogue):
    domains = {p: catalogue.pack(p).domains for p in persona.platforms}
    assert persona.searches == build_plan(persona.profile, domains)
    assert set(persona.pages) == {s.id for s in persona.searches}
    for name in set(persona.pages.values()) | {persona.no_results_page}:
        assert (persona.pages_dir / name).is_file()
    assert persona.page_for("custom:not-planned") == persona.no_results_page


def test_names_and_addresses_are_fictional(persona, catalogue):
    for email in persona.profile.emails:
        assert email.split("@")[1].endswith(FICTIONAL_SUFFIXES)
    for handle in persona.profile.handles:
        assert "example" in handle.text
    platform_domains = {d for pack in catalogue.platform_packs() for d in pack.domains}
    for finding in persona.findings:
        h = host(finding.url)
        on_platform = any(h == d or h.endswith("." + d) for d in platform_domains)
        if on_platform:
            # Real platform, made-up page: the path says so.
            assert "example" in urlsplit(finding.url).path, finding.url
        else:
            assert h.endswith(FICTIONAL_SUFFIXES), finding.url


def test_findings_show_the_usual_problems(persona):
    by_host = {host(f.url) for f in persona.findings}
    assert {"www.facebook.com", "www.instagram.com", "x.com", "www.linkedin.com"} <= by_host
    text = " ".join(f"{f.url} {f.title} {f.snippet}" for f in persona.findings)
    for sign in ("/photos", "/friends", "night out", "Parents' evening", "Rate Your Lecturer",
                 "LinkedIn", "j.sample@lowmoor-vale-college.example", "Class of 2025"):
        assert sign in text, sign
    decisions = [f.decision for f in persona.findings]
    assert decisions.count(ME_ACTION) == 2 and decisions.count(ME_FINE) == 1 and decisions.count(NOT_ME) == 1
    assert decisions.count("") >= 4  # left for the trainer to decide live
    for f in persona.findings:
        if f.decision == ME_ACTION:
            assert f.action in SUGGESTED_ACTIONS and f.note
        if f.decision:
            assert f.note
        else:
            assert not f.action and not f.note
    assert len({f.normalised_url for f in persona.findings}) == len(persona.findings)


def test_resources_dir_prefers_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIALSAFE_RESOURCES", str(tmp_path))
    assert resources_dir() == tmp_path
    monkeypatch.setenv("SOCIALSAFE_RESOURCES", str(tmp_path / "missing"))
    assert resources_dir() == REPO_RESOURCES  # a stale override falls through to the checkout
    monkeypatch.delenv("SOCIALSAFE_RESOURCES")
    assert resources_dir() == REPO_RESOURCES
    assert load_persona().display_name == "Jordan Sample"


def test_frozen_bundle_is_a_candidate(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    candidates = demo._resource_candidates()
    assert candidates[-1] == tmp_path / "resources"
    assert candidates[:2] == [REPO_RESOURCES, REPO_RESOURCES.parent / "socialsafe_desktop" / "resources"]


@pytest.fixture
def copy_of_resources(tmp_path):
    target = tmp_path / "resources"
    shutil.copytree(REPO_RESOURCES / "demo", target / "demo")
    return target


@pytest.mark.parametrize("old, new, words", [
    ('status = "later"', 'status = "someday"', "unknown status"),
    ('page = "name.html"', 'page = "../../persona.toml"', ".html file"),
    ('page = "site-x.html"', 'page = "gone.html"', "gone.html"),
    ('decision = "not_me"', 'decision = "maybe"', "unknown decision"),
    ('found_by = ["name:jo-sample"]', 'found_by = ["name:nobody"]', "planned searches"),
    ("format = 1", "format = 9", "format 9"),
    ("[profile]", "[profile", "not valid TOML"),
    ('text = "@jsample_example"', 'text = "has spaces in it"', "username"),
])
def test_broken_demo_data_is_one_clear_error(copy_of_resources, old, new, words):
    path = copy_of_resources / "demo" / "persona.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DemoDataError) as caught:
        load_persona(copy_of_resources)
    assert words in str(caught.value) and str(path) in str(caught.value)


def test_missing_demo_data_is_reported(tmp_path):
    with pytest.raises(DemoDataError, match="could not be found"):
        load_persona(tmp_path)


def test_fingerprint_follows_the_file(copy_of_resources, persona):
    path = copy_of_resources / "demo" / "persona.toml"
    assert load_persona(copy_of_resources).fingerprint == persona.fingerprint
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert load_persona(copy_of_resources).fingerprint != persona.fingerprint
