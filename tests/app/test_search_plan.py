"""The plan of searches: rebuilt when About you changes, never losing what the person did."""

from socialsafe_desktop.core.profile import PersonName, Profile


def ids(entries):
    return [e.search.id for e in entries]


def test_a_new_plan_comes_from_about_you(session):
    assert session.plan.sync() == []
    session.save_profile(Profile([PersonName("Sam Doe")], employer="Northfield School", town="Leeds"))
    entries = session.plan.sync()
    assert [e.search.text for e in entries] == [
        '"Sam Doe"', '"Sam Doe" "Northfield School"', '"Sam Doe" "Leeds"', '"Sam Doe"']
    assert [e.search.kind for e in entries][-1] == "image" and entries[-1].search.browser_only
    assert not any(e.changed for e in entries)


def test_rebuilding_keeps_unticked_reworded_added_and_recorded_searches(session):
    session.save_profile(Profile([PersonName("Sam Doe")], employer="Northfield School", town="Leeds"))
    name, employer, town, _image = (e.search for e in session.plan.sync())
    session.plan.set_enabled(town.id, False)
    assert session.plan.reword(employer.id, '"Sam Doe" Northfield teacher') == '"Sam Doe" Northfield teacher'
    session.plan.set_outcome(name.id, "found_action")
    session.plan.set_note(name.id, "old staff photo")
    mine = session.plan.add('"Sam Doe" swimming club').search

    # About you changes: a new town, a new email. The employer search stays as reworded.
    session.save_profile(Profile([PersonName("Sam Doe")], emails=["sam@example.org"], employer="Northfield School",
                                 town="York"))
    entries = {e.search.id: e for e in session.plan.sync()}
    assert entries[employer.id].search.text == '"Sam Doe" Northfield teacher' and entries[employer.id].changed
    assert (entries[name.id].search.outcome, entries[name.id].search.note) == ("found_action", "old staff photo")
    assert mine.id in entries and entries[mine.id].search.kind == "custom"
    assert any(e.search.kind == "email" for e in entries.values())
    assert any(e.search.text == '"Sam Doe" "York"' for e in entries.values())
    # Leeds is gone from About you and nothing but "unticked" was recorded against it: it stays, as
    # the person's own, so their choice is not lost silently.
    assert entries[town.id].search.kind == "custom" and not entries[town.id].search.enabled


def test_a_search_about_you_no_longer_produces_goes_when_nothing_was_recorded(session):
    session.save_profile(Profile([PersonName("Sam Doe")], town="Leeds"))
    town = next(e.search for e in session.plan.sync() if e.search.kind == "name_town")
    session.save_profile(Profile([PersonName("Sam Doe")]))
    assert town.id not in ids(session.plan.sync())


def test_adding_says_why_when_nothing_is_added(session):
    session.save_profile(Profile([PersonName("Sam Doe")]))
    session.plan.sync()
    assert session.plan.add("   ").problem == "Type the words to search for first."
    assert session.plan.add('"sam doe"').problem == "That search is already in your list."
    assert session.plan.add("x" * 501).problem == "A search can be at most 500 characters long."
    first, second = session.plan.add("Sam Doe!").search, session.plan.add("Sam Doe?").search
    assert first.id != second.id  # the same slug, kept apart
    assert session.plan.remove(first.id)
    assert first.id not in ids(session.plan.sync())


def test_control_characters_never_reach_a_search(session):
    session.save_profile(Profile([PersonName("Sam Doe")]))
    search = session.plan.sync()[0].search
    assert session.plan.reword(search.id, "Sam\u202e Doe\x07 \n teacher") == "Sam Doe teacher"
    assert session.plan.reword(search.id, "\x00\x07  ") is None
    assert session.plan.search(search.id).text == "Sam Doe teacher"
