"""Search for yourself and clean up, in browser mode (the default, and the only mode that works
without an organisation's server or an API key): what the person records reaches the action plan
and the report, and the redacted report holds none of it. Also: a run with no network at all."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from socialsafe_desktop.core.audit import LATER, ME_ACTION
from socialsafe_desktop.core.profile import PersonName, Profile
from socialsafe_desktop.search import SearchSettings
from socialsafe_desktop.ui.add_findings import AddFindingsDialog

LEFT = Qt.MouseButton.LeftButton
PROFILE = Profile([PersonName("Jo Sample")], employer="Northfield Example School", town="Exampleton")


def go(window, step_id):
    window.flow.go_to("about")
    while window.flow.current.id != step_id:
        window.go_next()
    return window.current_page()


def type_into_dialog(page, qtbot, *, addresses, title="", note=""):
    """Answer the Add what you found dialog as a person does: paste, Tab, type, Enter."""

    def answer(dialog: AddFindingsDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        assert QApplication.focusWidget() is dialog.addresses  # it opens ready for the paste
        QApplication.clipboard().setText(addresses)
        QTest.keyClick(dialog.addresses, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(dialog.addresses, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is dialog.title
        QTest.keyClicks(dialog.title, title)
        QTest.keyClick(dialog.title, Qt.Key.Key_Tab)
        QTest.keyClicks(dialog.note, note)
        QTest.keyClick(dialog.note, Qt.Key.Key_Return)  # Enter presses Add
        return dialog.result()

    page.ask = answer


def test_browser_findings_search_notes_and_later_items_reach_the_plan_and_the_report(app_window, qtbot, tmp_path):
    session = app_window.ctx.session
    session.save_profile(PROFILE)
    session.set_platform("facebook", True)
    window = app_window.window
    page = go(window, "search")
    assert page.mode() == "browser"

    # Two findings from the browser: one pasted as a list of two lines, one on its own.
    name_row = next(r for r in page.rows.values() if r.search.text == '"Jo Sample"')
    type_into_dialog(page, qtbot, addresses="https://www.facebook.com/jo.sample.teach\n  \nnot an address\n",
                     title="Jo's old Facebook", note="photos from the staff party")
    qtbot.mouseClick(name_row.add_found_button, LEFT)
    said = name_row.found_count.text()
    assert said.startswith("1 page added") and "\u201cnot an address\u201d: this is not a web address" in said
    type_into_dialog(page, qtbot, addresses="https://forum.example.net/members/jsample",
                     note="my home street in a post")
    qtbot.mouseClick(page.results.add_button, LEFT)
    assert name_row.found_count.text() == "1 page recorded: see 2. What was found."
    cards = page.results.cards
    qtbot.waitUntil(page.results.settled)
    assert len(cards) == 2
    forum = next(c for c in cards.values() if "forum.example.net" in c.finding.url)
    facebook = next(c for c in cards.values() if "facebook.com" in c.finding.url)
    qtbot.mouseClick(forum.decision_buttons[ME_ACTION], LEFT)
    forum.action.setCurrentIndex(forum.action.findData("ask_site"))
    qtbot.mouseClick(facebook.decision_buttons[ME_ACTION], LEFT)
    facebook.action.setCurrentIndex(facebook.action.findData("change_privacy"))

    # A search marked "found, needs action" with no address, and its note.
    town_row = next(r for r in page.rows.values() if r.search.kind == "name_town")
    town_row.outcome.setCurrentIndex(town_row.outcome.findData("found_action"))
    town_row.note.setFocus()
    QTest.keyClicks(town_row.note, "a club page with my street")

    # A checklist item put off, with a note.
    settings = go(window, "settings")
    card = settings.views["facebook"].cards[0]
    qtbot.mouseClick(card.status_buttons[LATER], LEFT)
    card.note.setFocus()
    QTest.keyClicks(card.note, "ask IT first")

    # The plan: the three things found come first (quickest first), each with a place to act.
    plan = go(window, "plan")
    shown = [plan.next_list.itemAt(i).widget() for i in range(plan.next_list.count())]
    texts = [" ".join(label.text() for label in w.findChildren(type(plan.overall))) for w in shown]
    assert "Jo's old Facebook" in texts[0] and "photos from the staff party" in texts[0]  # 5 min
    assert "Deal with what you found searching" in texts[1] and "a club page with my street" in texts[1]  # 10
    assert "forum.example.net" in texts[2] and "my home street in a post" in texts[2]  # 15
    labels = [b.text() for b in plan.action_buttons]
    assert labels == ["Open the page", "Open the search again", "Open the page", "How to ask the site to remove it",
                      "Draft a removal request…"]
    opened = app_window.opened_urls
    forum_button = next(b for b in plan.action_buttons if b.accessibleName().endswith(forum.finding.url)
                        and b.text() == "Open the page")
    qtbot.mouseClick(forum_button, LEFT)
    assert opened[-1] == "https://forum.example.net/members/jsample"

    # The full report holds all of it; the redacted one none of the addresses or notes.
    plan.ask_open_now = lambda html: False
    plan.ask_save_path = lambda suggested: tmp_path / "full.html"
    qtbot.mouseClick(plan.export_button, LEFT)
    full = (tmp_path / "full.html").read_text("utf-8").replace("&#39;", "'")
    secrets = ["https://www.facebook.com/jo.sample.teach", "https://forum.example.net/members/jsample",
               "photos from the staff party", "my home street in a post", "a club page with my street",
               "ask IT first", "Jo's old Facebook"]
    for text in secrets:
        assert text in full, text
    plan.redact.setChecked(True)
    plan.ask_save_path = lambda suggested: tmp_path / "redacted.html"
    qtbot.mouseClick(plan.export_button, LEFT)
    redacted = (tmp_path / "redacted.html").read_text("utf-8").replace("&#39;", "'")
    for text in secrets + ["forum.example.net", "jo.sample"]:
        assert text not in redacted, text


def test_with_no_network_a_15_search_run_ends_at_once_with_one_banner(app_window, qtbot, closed_port):
    session = app_window.ctx.session
    session.search_settings = SearchSettings(duckduckgo_url=closed_port + "/html/", host_delay=0, timeout=2)
    page = go(app_window.window, "search")
    for n in range(15 - len(page.searches_to_send())):
        page.add_search(f"Jo Sample club {n}")
    assert len(page.searches_to_send()) == 15
    qtbot.mouseClick(page.plan_tab.app_radio, LEFT)
    panel = page.plan_tab.run_panel
    with qtbot.waitSignal(page.bridge.finished, timeout=2000):  # the bound: one banner within 2 s
        qtbot.mouseClick(panel.run_button, LEFT)
    assert panel.offline.isVisible()
    assert panel.offline_text.text().startswith("You seem to be offline")
    assert panel.status.text() == "Stopped after 0 searches of 15: 15 not sent."
    assert panel.open_rest_button.text() == "Open the 15 searches not run in your browser"
    sent = [r for r in page.rows.values() if r.search.enabled and not r.search.browser_only]
    assert all(r.status.text() == "Not sent: see the message above." for r in sent)
    banners = [w for w in page.findChildren(type(panel.offline_text)) if w.isVisible() and w.property("role") in
               ("warning", "error") and "offline" in w.text()]
    assert banners == [panel.offline_text]  # one banner, not fifteen red messages
