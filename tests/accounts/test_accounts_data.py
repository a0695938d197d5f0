"""The data the app ships: it loads whole, it holds only the facts the upstream licences and
our rules allow, it names its sources, and the script rebuilds it byte for byte."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

from socialsafe_desktop.accounts.deletion import load_deletion_directory
from socialsafe_desktop.accounts.sites import ADULT, load_sites

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "resources" / "accounts"
# The upstream copies the data was built from; present on the project's build machines only.
# Read here, at import, because the test set-up clears SOCIALSAFE_* variables.
UPSTREAM = Path(os.environ.get("SOCIALSAFE_UPSTREAM_DATA", "/work/shared/data"))
REBUILT = ("sites.json", "deletion.json", "NOTICE.md", "LICENSE-JustDeleteMe.txt")


def raw(name: str):
    return json.loads((DATA / name).read_text("utf-8"))


def test_the_site_list_loads_whole_and_https_only():
    sites = load_sites(DATA / "sites.json")
    assert sites.problems == ()
    assert len(sites.sites) > 700
    assert all(s.uri_check.startswith("https://") for s in sites.sites)
    assert all(s.uri_pretty is None or s.uri_pretty.startswith("https://") for s in sites.sites)
    assert ADULT in sites.categories and "social" in sites.categories
    assert sum(1 for s in sites.sites if s.is_adult) > 0


def test_the_site_list_holds_no_usernames_and_no_notes():
    data = raw("sites.json")
    allowed = {"name", "uri_check", "uri_pretty", "e_code", "e_string", "m_code", "m_string", "post_body",
               "headers", "strip_bad_char", "cat", "protection"}
    assert {key for site in data["sites"] for key in site} <= allowed
    assert data["license"] == "CC-BY-SA-4.0"
    assert len(data["upstream"]["commit"]) == 40


def test_the_deletion_directory_loads_whole_and_holds_no_free_text():
    directory = load_deletion_directory(DATA / "deletion.json")
    assert directory.problems == ()
    assert len(directory) > 2500
    data = raw("deletion.json")
    assert {key for service in data["services"] for key in service} <= {"name", "url", "difficulty", "domains", "email"}
    assert data["license"] == "MIT"


def test_the_notice_names_both_sources_their_licences_and_commits():
    notice = (DATA / "NOTICE.md").read_text("utf-8")
    for name in ("sites.json", "deletion.json"):
        upstream = raw(name)["upstream"]
        assert upstream["repository"] in notice and upstream["commit"] in notice
    assert "CC BY-SA 4.0" in notice and "MIT" in notice
    assert (DATA / "LICENSE-CC-BY-SA-4.0.txt").read_text("utf-8").startswith("Attribution-ShareAlike 4.0 International")
    assert "Permission is hereby granted" in (DATA / "LICENSE-JustDeleteMe.txt").read_text("utf-8")


@pytest.mark.skipif(not (UPSTREAM / "whatsmyname" / "wmn-data.json").is_file()
                    or not (UPSTREAM / "justdeleteme" / "sites.json").is_file(),
                    reason=f"the upstream copies are not on this machine ({UPSTREAM}; set SOCIALSAFE_UPSTREAM_DATA)")
def test_rebuilding_from_the_upstream_copies_gives_exactly_the_committed_files(tmp_path):
    spec = importlib.util.spec_from_file_location("build_account_data", ROOT / "tools" / "build_account_data.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)

    assert tool.main([str(UPSTREAM), "--out", str(tmp_path)]) == 0

    for name in REBUILT:
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), f"{name} differs from a fresh rebuild"
