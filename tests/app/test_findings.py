"""Pages the person adds by hand from their own browser: what counts as an address, and how they
are recorded next to what in-app searches found."""

from socialsafe_desktop.app.findings import MAX_PASTED_LINES, parse_pasted_addresses
from socialsafe_desktop.core.audit import FROM_PERSON, FROM_SEARCH, ME_ACTION, ME_FINE, Finding
from socialsafe_desktop.core.profile import PersonName, Profile
from socialsafe_desktop.search.results import SearchResult


def test_one_address_a_line_with_junk_and_unsafe_lines_named():
    pasted = parse_pasted_addresses(
        "https://www.facebook.com/jo.sample\n"
        "\n"
        "   https://forum.example.net/t/bike-for-sale?utm_source=x   \n"
        "Jo Sample | LinkedIn - https://www.linkedin.com/in/jo-sample/ (copied with its title)\n"
        "instagram.com/jo_sample\n"
        "javascript:alert(1)\n"
        "data:text/html,<b>hi</b>\n"
        "file:///etc/passwd\n"
        "just some words\n"
        "https://bank.example@evil.example/\n"
        "https://www.facebook.com/jo.sample\n"
    )
    assert pasted.addresses == [
        "https://www.facebook.com/jo.sample",
        "https://forum.example.net/t/bike-for-sale?utm_source=x",
        "https://www.linkedin.com/in/jo-sample/",
        "https://instagram.com/jo_sample",
    ]
    assert pasted.repeated == ["https://www.facebook.com/jo.sample"]
    assert pasted.rejected == [
        ("javascript:alert(1)", "only web addresses starting with http:// or https:// can be recorded"),
        ("data:text/html,<b>hi</b>", "only web addresses starting with http:// or https:// can be recorded"),
        ("file:///etc/passwd", "only web addresses starting with http:// or https:// can be recorded"),
        ("just some words", "this is not a web address"),
        ("https://bank.example@evil.example/", "this is not a web address that can be opened safely"),
    ]


def test_control_characters_cannot_hide_in_a_pasted_line_and_a_huge_paste_is_capped():
    pasted = parse_pasted_addresses("https://exa\u202emple.org/a\nhttps://example.org/b\x07c")
    assert pasted.addresses == ["https://example.org/a", "https://example.org/b"]
    many = "\n".join(f"https://example.org/{n}" for n in range(MAX_PASTED_LINES + 5))
    result = parse_pasted_addresses(many)
    assert len(result.addresses) == MAX_PASTED_LINES and len(result.rejected) == 5


def test_added_pages_are_recorded_like_search_results_and_decided_the_same_way(session):
    session.save_profile(Profile([PersonName("Jo Sample")]))
    entries = session.plan.sync()
    name = next(e.search for e in entries if e.search.kind == "name")
    added = session.findings.add_pasted("https://www.facebook.com/jo.sample\nhttps://forum.example.net/x",
                                        search_id=name.id, title="My old profile", note="from 2015")
    assert [f.url for f in added.added] == ["https://www.facebook.com/jo.sample", "https://forum.example.net/x"]
    stored = {f.url: f for f in session.findings.all()}
    facebook = stored["https://www.facebook.com/jo.sample"]
    assert (facebook.origin, facebook.platform, facebook.found_by) == (FROM_PERSON, "facebook", [name.id])
    assert (facebook.title, facebook.note) == ("My old profile", "from 2015")
    assert stored["https://forum.example.net/x"].platform is None

    # The same page found again (by hand, with tracking added, or by a search) is not a second page.
    again = session.findings.add_pasted("https://facebook.com/jo.sample/?fbclid=abc")
    assert again.added == [] and [f.url for f in again.already] == ["https://www.facebook.com/jo.sample"]
    session.findings.record_results(name.id, [SearchResult("https://www.facebook.com/jo.sample", "Jo", "", "x")])
    assert len(session.findings.all()) == 2

    # Judged like any other: a page about the person on Facebook ticks Facebook for the next step.
    assert session.store.chosen_platforms() == set()
    session.findings.decide(facebook.normalised_url, ME_FINE)
    assert session.store.chosen_platforms() == {"facebook"}


def test_a_search_that_finds_nothing_in_the_app_is_recorded_as_nothing_found(session):
    session.save_profile(Profile([PersonName("Jo Sample")]))
    search = session.plan.sync()[0].search
    assert session.findings.record_results(search.id, []) == []
    assert session.plan.search(search.id).outcome == "nothing"
    found = session.findings.record_results(search.id, [SearchResult("https://example.org/jo", "Jo", "", "x")])
    assert [f.url for f in found] == ["https://example.org/jo"] and found[0].found_by == [search.id]
    assert session.findings.all()[0].origin == FROM_SEARCH


def test_only_real_decisions_and_actions_are_accepted(session):
    session.store.record_findings([Finding("https://example.org/a", "example.org/a")])
    import pytest

    with pytest.raises(ValueError):
        session.findings.decide("example.org/a", "maybe")
    with pytest.raises(ValueError):
        session.findings.set_action("example.org/a", "burn_it")
    assert session.findings.decide("example.org/a", ME_ACTION)
    assert session.findings.all()[0].decision == ME_ACTION
