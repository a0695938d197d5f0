"""The removal letter use case: only for "ask the site", drafted from About you and the page,
never stored, saved by the one rule for files."""

from __future__ import annotations

from datetime import date

import pytest

from socialsafe_desktop.app.glossary import app_glossary
from socialsafe_desktop.core.audit import ME_ACTION, ME_FINE
from socialsafe_desktop.core.profile import PersonName, Profile
from socialsafe_desktop.core.savefile import SaveError

PAGE = "https://www.people-finder.example/uk/robin-quill-exampleton"


@pytest.fixture
def page(session) -> str:
    session.save_profile(Profile(names=[PersonName("Robin Quill")], emails=["robin.q@example.org"],
                                 town="Exampleton"))
    added = session.findings.add_pasted(PAGE, title="Robin Quill, Exampleton: address, phone")
    return added.added[0].normalised_url


def test_a_letter_only_for_a_page_marked_ask_the_site(session, page) -> None:
    assert not session.letters.can_draft(page)              # not decided yet
    session.findings.decide(page, ME_ACTION)
    session.findings.set_action(page, "delete_post")
    assert not session.letters.can_draft(page)              # another action
    session.findings.set_action(page, "ask_site")
    assert session.letters.can_draft(page)
    session.findings.decide(page, ME_FINE)
    assert not session.letters.can_draft(page)              # no longer needs action
    assert not session.letters.can_draft("https://unknown.example/")


def test_the_letter_holds_the_person_and_the_page_and_is_not_stored(session, page, tmp_path) -> None:
    session.findings.decide(page, ME_ACTION)
    session.findings.set_action(page, "ask_site")
    findings_before = session.findings.all()
    files_before = {p.name: p.read_bytes() for p in tmp_path.glob("socialsafe.db*")}
    letter = session.letters.draft(page, today=date(2026, 11, 27))
    assert "From: Robin Quill\n" in letter and f"  Address: {PAGE}\n" in letter
    assert "Reply to: robin.q@example.org\n" in letter and "27 December 2026" in letter
    # Drafting writes nothing: the audit and its files are as they were.
    assert session.findings.all() == findings_before
    assert {p.name: p.read_bytes() for p in tmp_path.glob("socialsafe.db*")} == files_before
    assert session.letters.draft("https://unknown.example/") is None


def test_suggested_file_name_names_the_site_and_date_but_not_the_person(session, page) -> None:
    name = session.letters.file_name(page, today=date(2026, 11, 27))
    assert name == "removal-request-people-finder.example-2026-11-27.txt"
    assert "robin" not in name.lower()


def test_saving_writes_the_text_and_refuses_a_folder(session, page, tmp_path) -> None:
    out = tmp_path / "letter.txt"
    assert session.letters.save(out, "Dear Sir or Madam,\n") == out
    assert out.read_text("utf-8") == "Dear Sir or Madam,\n"
    with pytest.raises(SaveError, match="^Could not save the letter because .* is a folder\\.$"):
        session.letters.save(tmp_path, "x")


def test_the_app_glossary_loads_and_a_broken_one_gives_no_terms(tmp_path) -> None:
    terms = [t.term for t in app_glossary().terms]
    assert "2-step verification" in terms and "authenticator app" in terms
    assert terms == sorted(terms, key=str.casefold)
    broken = tmp_path / "glossary.toml"
    broken.write_text('[[terms]]\nterm = "x"\n')  # no explanation
    assert app_glossary(broken).terms == ()
