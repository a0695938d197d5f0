"""The action plan the session gives the plan step and the report: ranked actions with places to
act, and one time estimate that Welcome, the steps, the report and the calendar file all share."""

from datetime import date

from socialsafe_desktop.app.report import build_report_input
from socialsafe_desktop.core.actions import FINDING, SEARCH, SETTING
from socialsafe_desktop.core.audit import DONE, LATER, ME_ACTION
from socialsafe_desktop.core.profile import PersonName, Profile
from socialsafe_desktop.report.ics import render_ics
from socialsafe_desktop.report.render import render_report


def test_findings_searches_and_later_items_come_ranked_with_places_to_act(session):
    session.save_profile(Profile([PersonName("Jo Sample")], town="Leeds"))
    session.set_platform("facebook", True)
    entries = session.plan.sync()
    town = next(e.search for e in entries if e.search.kind == "name_town")
    session.plan.set_outcome(town.id, "found_action")
    session.plan.set_note(town.id, "club page with my street")
    added = session.findings.add_pasted("https://blog.example.net/jo", note="old blog").added[0]
    session.findings.decide(added.normalised_url, ME_ACTION)
    session.findings.set_action(added.normalised_url, "ask_site")
    later = session.items_in_scope()[0]
    session.set_item_status(later.key, LATER)
    session.set_item_note(later.key, "after the holiday")

    plan = session.actions.plan()
    kinds = [a.kind for a in plan.actions]
    assert kinds[:2] == [SEARCH, FINDING]  # 10 minutes for the search, 15 for asking a site
    search, finding = plan.actions[:2]
    assert search.title == f"Deal with what you found searching {town.text}"
    assert search.note == "club page with my street"
    assert search.places[0].label == "Open the search again" and "duckduckgo.com" in search.places[0].url
    assert finding.note == "old blog"
    assert [p.label for p in finding.places] == ["Open the page", "How to ask the site to remove it"]
    assert finding.places[0].url == "https://blog.example.net/jo"
    assert finding.places[1].url == session.catalogue.item("search-engines:ask-site-owner").settings_url
    later_action = next(a for a in plan.actions if a.key == later.key)
    assert later_action.kind == SETTING and later_action.later and later_action.note == "after the holiday"
    assert later_action.places and later_action.places[0].url == later.settings_url


def test_one_estimate_for_welcome_the_plan_the_report_and_the_calendar(session):
    typical, is_typical = session.actions.welcome_estimate()
    assert is_typical and typical.essentials > 0
    session.save_profile(Profile([PersonName("Jo Sample")]))
    session.set_platform("facebook", True)
    session.plan.sync()
    own, is_typical = session.actions.welcome_estimate()
    plan = session.actions.plan()
    assert not is_typical and own == plan.estimate
    # Every essential item done: only the searches (two minutes each) are left.
    for pack in session.audit_packs():
        for item in pack.items:
            if item.priority == "essential":
                session.set_item_status(item.key, DONE)
    after = session.actions.plan().estimate
    assert after.settings_essential == 0 and after.essentials == after.searching + after.deciding
    data = build_report_input(session)
    assert data.estimate == after
    html = render_report(data)
    from socialsafe_desktop.core.estimate import in_words, summary

    assert summary(after).replace("’", "'") in html.replace("&#39;", "'")
    fresh = session.actions.fresh_estimate()
    assert fresh.essentials > after.essentials  # the next check starts from the beginning again
    data.next_check = date(2027, 3, 1)
    assert f"It takes {in_words(fresh.essentials)} for the essentials." in render_ics(data).replace("\r\n ", "")
