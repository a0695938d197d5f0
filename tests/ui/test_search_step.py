"""Search yourself, driven as a person would: check the plan, change it, run it (in the app
against a local DuckDuckGo stand-in, or in the browser), judge what was found, come back later."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
from pytest_httpserver import HTTPServer
from werkzeug import Response

from socialsafe_desktop.core.audit import ME_ACTION, ME_FINE, NOT_ME, Finding
from socialsafe_desktop.core.profile import Handle, PersonName, Profile
from socialsafe_desktop.core.queries import PlannedSearch
from socialsafe_desktop.search import SearchSettings, browser_search_url, make_provider
from socialsafe_desktop.store import StoreWriteError
from socialsafe_desktop.ui.search_worker import SearchBridge

FIXTURES = Path(__file__).parent.parent / "search" / "fixtures"
LEFT = Qt.MouseButton.LeftButton


def page_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


# The hostile fixture with a title that spells out a script tag as text (&lt;script&gt;).
HOSTILE = page_bytes("ddg_hostile.html").replace(
    b"&lt;img src=x onerror=alert(1)&gt;", b"&lt;script&gt;alert(1)&lt;/script&gt;")


class Server:
    """A threaded 127.0.0.1 server shaped like html.duckduckgo.com, plus a gate for slow answers."""

    def __init__(self) -> None:
        self.http = HTTPServer(host="127.0.0.1", port=0, threaded=True)
        self.http.start()
        self.release = threading.Event()   # set at teardown, so a held request always ends
        self.entered = threading.Event()   # set when a slow handler starts waiting

    def queries(self) -> list[str]:
        return [request.form.get("q", "") for request, _ in self.http.log]  # DuckDuckGo's form is POSTed

    def settings(self) -> SearchSettings:
        return SearchSettings(duckduckgo_url=self.http.url_for("/html/"), host_delay=0, timeout=2, retries=0)

    def answer(self, pages: dict[str, bytes], default: bytes = b"") -> None:
        def handler(request):
            body = pages.get(request.form.get("q", ""), default or page_bytes("ddg_results.html"))
            return Response(body, content_type="text/html; charset=utf-8")

        self.http.expect_request("/html/").respond_with_handler(handler)

    def answer_slowly(self) -> None:
        def handler(request):
            self.entered.set()
            self.release.wait(10)
            return Response(page_bytes("ddg_results.html"), content_type="text/html")

        self.http.expect_request("/html/").respond_with_handler(handler)


@pytest.fixture
def ddg(app_window):
    # Asks for app_window first, so it is torn down first: held requests end before the window goes.
    server = Server()
    app_window.ctx.session.search_settings = server.settings()
    yield server
    server.release.set()
    server.http.clear()
    server.http.stop()


SAM = Profile(names=[PersonName("Sam Doe", "current")], employer="Northfield Academy", town="Exampleton",
              role="teacher", handles=[Handle("sam_teaches", "")], emails=["sam@example.org"])


def go(window, step_id):
    for _ in range(10):
        if window.flow.current.id == step_id:
            return window.page(step_id)
        window.go_next()
    raise AssertionError(f"could not reach {step_id}")


def open_search_step(app_window, profile=SAM):
    app_window.ctx.store.save_profile(profile)
    return go(app_window.window, "search")


def row_by_text(page, text):
    for row in page.rows.values():
        if row.search.text == text:
            return row
    raise AssertionError(f"no search {text!r} in {[r.search.text for r in page.rows.values()]}")


def card_by_host(page, host):
    for card in page.results.cards.values():
        if urlsplit(card.finding.url).hostname.endswith(host):
            return card
    raise AssertionError(host)


def run_and_wait(qtbot, page):
    with qtbot.waitSignal(page.bridge.finished, timeout=10000):
        qtbot.mouseClick(page.plan_tab.run_panel.run_button, LEFT)
    settle(qtbot, page)


def settle(qtbot, page):
    """Result cards are built a few per turn of the event loop; wait for the last one."""
    qtbot.waitUntil(page.results.settled, timeout=5000)


def workers_gone() -> bool:
    return not any(t.name.startswith("socialsafe-search-") and t.is_alive() for t in threading.enumerate())


# --- the whole step ---------------------------------------------------------------------------


def test_plan_edit_run_in_app_triage_and_reopen(app_window, ddg, qtbot):
    window = app_window.window
    about = go(window, "about")
    qtbot.keyClicks(about.names.rows[0][0], "Sam Doe")
    qtbot.keyClicks(about.employer, "Northfield Academy")
    qtbot.keyClicks(about.town, "Exampleton")
    qtbot.mouseClick(window.next_button, LEFT)
    page = window.current_page()
    assert window.flow.current.id == "search"

    # The plan is on screen before anything is sent.
    texts = [row.search.text for row in page.rows.values()]
    assert texts[:3] == ['"Sam Doe"', '"Sam Doe" "Northfield Academy"', '"Sam Doe" "Exampleton"']
    assert any(row.search.kind == "image" for row in page.rows.values())
    assert ddg.http.log == []

    # Untick the town search, change the employer one, add one of my own (Enter adds it).
    town = row_by_text(page, '"Sam Doe" "Exampleton"')
    qtbot.mouseClick(town.check, LEFT)
    assert not town.check.isChecked()
    employer = row_by_text(page, '"Sam Doe" "Northfield Academy"')
    qtbot.mouseClick(employer.change_button, LEFT)
    assert employer.editor.hasFocus()
    employer.editor.selectAll()
    qtbot.keyClicks(employer.editor, '"Sam Doe" Northfield teacher')
    qtbot.keyClick(employer.editor, Qt.Key.Key_Return)
    assert employer.search.text == '"Sam Doe" Northfield teacher' and "changed by you" in employer.kind.text()
    page.plan_tab.add_edit.setFocus()
    qtbot.keyClicks(page.plan_tab.add_edit, "Sam Doe Exampleton swimming club")
    qtbot.keyClick(page.plan_tab.add_edit, Qt.Key.Key_Return)
    assert page.plan_tab.add_edit.text() == ""
    custom = row_by_text(page, "Sam Doe Exampleton swimming club")
    stored = {r.id: r for r in app_window.ctx.store.planned_searches()}
    assert stored[town.search.id].enabled is False
    assert stored[employer.search.id].text == '"Sam Doe" Northfield teacher'
    assert stored[custom.search.id].kind == "custom"

    # Inside the app: the button says how many searches go where.
    ddg.answer({"Sam Doe Exampleton swimming club": HOSTILE})
    qtbot.mouseClick(page.plan_tab.app_radio, LEFT)
    host = f"127.0.0.1:{ddg.http.port}"
    to_send = page.searches_to_send()
    assert len(to_send) == 3  # name, changed employer, own search; not the town, not the image
    assert page.plan_tab.run_panel.run_button.text().replace("\n", " ") == f"&Run 3 searches through DuckDuckGo ({host})"
    run_and_wait(qtbot, page)
    # No card or row ever pops up as a window of its own.
    assert QApplication.activeWindow() is window
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]

    # Only the ticked, non-image searches were sent.
    assert sorted(ddg.queries()) == sorted(s.text for s in to_send)
    assert '"Sam Doe" "Exampleton"' not in ddg.queries()
    image = next(row for row in page.rows.values() if row.search.kind == "image")
    assert "only work in your browser" in image.status.text() and image.fallback_button.isVisible()
    assert "pages found" in row_by_text(page, '"Sam Doe"').status.text()
    assert page.plan_tab.run_panel.run_button.isEnabled() and not page.plan_tab.run_panel.cancel_button.isEnabled()

    # Merged: the three pages of the ordinary answer once each, plus the two safe hostile ones.
    cards = page.results.cards
    assert len(cards) == 5 and len(app_window.ctx.store.findings()) == 5
    facebook = card_by_host(page, "facebook.com")
    assert facebook.platform_tag is not None and facebook.platform_tag.text() == "On Facebook"
    assert '"Sam Doe"' in facebook.found_by.text() and '"Sam Doe" Northfield teacher' in facebook.found_by.text()
    assert "evil.example.org" in {urlsplit(c.finding.url).hostname for c in cards.values()}
    assert all(c.finding.url.startswith("https://") for c in cards.values())  # no javascript:/data: got in

    # Hostile titles stay text.
    evil = card_by_host(page, "evil.example.org")
    assert evil.title.textFormat() == Qt.TextFormat.PlainText
    assert "<script>" in evil.title.text()
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in evil.findChildren(QLabel)
               if label.buddy() is None)
    long_card = card_by_host(page, "long.example.net")
    assert len(long_card.title.text()) <= 200 and long_card.title.text().endswith("…")

    # Judge the results.
    page.tabs.setCurrentWidget(page.results)
    assert "(5, 5 to decide)" in page.tabs.tabText(1)
    qtbot.mouseClick(facebook.decision_buttons[ME_FINE], LEFT)
    assert facebook.platform_hint.isVisible()
    staff = card_by_host(page, "northfield-academy.example.org")
    qtbot.mouseClick(staff.decision_buttons[ME_ACTION], LEFT)
    assert staff.action.isVisible()
    qtbot.keyClicks(staff.note, "old photo on staff page")
    staff.action.setCurrentIndex(staff.action.findData("ask_site"))
    qtbot.mouseClick(evil.decision_buttons[NOT_ME], LEFT)
    qtbot.mouseClick(evil.decision_buttons[ME_FINE], LEFT)  # change of mind
    qtbot.mouseClick(evil.decision_buttons[ME_FINE], LEFT)  # and taken back
    assert "(5, 3 to decide)" in page.tabs.tabText(1)
    saved = {f.normalised_url: f for f in app_window.ctx.store.findings()}
    assert saved[facebook.finding.normalised_url].decision == ME_FINE
    assert (saved[staff.finding.normalised_url].decision, saved[staff.finding.normalised_url].note,
            saved[staff.finding.normalised_url].action) == (ME_ACTION, "old photo on staff page", "ask_site")
    assert saved[evil.finding.normalised_url].decision == ""
    # A platform result marked as me ticks the platform for the next step.
    assert "facebook" in app_window.ctx.store.chosen_platforms()
    assert app_window.ctx.store.platform_choices()["facebook"] == (True, "search")

    qtbot.mouseClick(page.results.undecided_only, LEFT)
    assert not facebook.isVisible() and evil.isVisible()

    # Close and come back: everything is where it was.
    window = app_window.reopen()
    assert window.flow.current.id == "search"
    page = window.current_page()
    settle(qtbot, page)
    assert not row_by_text(page, '"Sam Doe" "Exampleton"').check.isChecked()
    assert row_by_text(page, '"Sam Doe" Northfield teacher').search.id == employer.search.id
    assert row_by_text(page, "Sam Doe Exampleton swimming club").remove_button.isVisibleTo(page)
    assert len(page.results.cards) == 5
    assert card_by_host(page, "facebook.com").decision() == ME_FINE
    staff = card_by_host(page, "northfield-academy.example.org")
    assert (staff.decision(), staff.note.text(), staff.action.currentData()) == (ME_ACTION, "old photo on staff page",
                                                                                 "ask_site")
    assert page.mode() == "app"


def test_a_changed_profile_rebuilds_the_plan_keeping_my_changes(app_window, qtbot):
    page = open_search_step(app_window)
    qtbot.mouseClick(row_by_text(page, '"Sam Doe"').check, LEFT)
    employer = row_by_text(page, '"Sam Doe" "Northfield Academy"')
    employer.begin_edit()
    employer.editor.setText("Sam Doe Northfield")
    employer.finish_edit()
    page.plan_tab.add_edit.setText("my own words")
    qtbot.mouseClick(page.plan_tab.add_button, LEFT)
    town_id = row_by_text(page, '"Sam Doe" "Exampleton"').search.id
    app_window.ctx.store.update_search(town_id, outcome="nothing", note="checked")

    # Back to About you: a new town, and Instagram chosen meanwhile.
    window = app_window.window
    window.go_back()
    about = window.current_page()
    about.town.clear()
    qtbot.keyClicks(about.town, "Otherton")
    app_window.ctx.store.set_platform("instagram", True)
    window.go_next()
    page = window.current_page()
    texts = [row.search.text for row in page.rows.values()]
    assert '"Sam Doe" "Otherton"' in texts
    assert '"Sam Doe" site:instagram.com' in texts
    assert not row_by_text(page, '"Sam Doe"').check.isChecked()   # still unticked
    assert row_by_text(page, "Sam Doe Northfield").search.id == employer.search.id  # still changed
    assert texts[-2:] == ["my own words", '"Sam Doe" "Exampleton"']  # own searches kept, at the end
    # The old town search had an outcome and a note: it is kept (as the person's own search)
    # rather than silently dropped with what they wrote.
    kept = row_by_text(page, '"Sam Doe" "Exampleton"')
    assert kept.search.kind == "custom"
    stored = {r.id: r for r in app_window.ctx.store.planned_searches()}
    assert (stored[town_id].outcome, stored[town_id].note) == ("nothing", "checked")
    # Changing the town back makes it a built search again, still with its outcome and note.
    window.flow.go_to("about")
    about = window.current_page()
    about.town.clear()
    qtbot.keyClicks(about.town, "Exampleton")
    window.go_next()
    page = window.current_page()
    again = {r.id: r for r in app_window.ctx.store.planned_searches()}
    assert again[town_id].kind == "name_town" and again[town_id].note == "checked"
    assert [r.search.text for r in page.rows.values()].count('"Sam Doe" "Exampleton"') == 1
    window.flow.go_to("about")
    about = window.current_page()
    about.town.clear()
    qtbot.keyClicks(about.town, "Otherton")
    window.go_next()
    # An outcome stays with its search while that search is in the plan.
    name_id = row_by_text(page, '"Sam Doe"').search.id
    app_window.ctx.store.update_search(name_id, outcome="found_fine")
    app_window.ctx.store.set_platform("linkedin", True)
    window.go_back()
    window.go_next()
    assert {r.id: r.outcome for r in app_window.ctx.store.planned_searches()}[name_id] == "found_fine"


def test_adding_an_empty_or_repeated_search_says_why(app_window, qtbot):
    page = open_search_step(app_window)
    count = len(page.rows)
    qtbot.mouseClick(page.plan_tab.add_button, LEFT)
    assert page.plan_tab.add_error.isVisible() and "Type" in page.plan_tab.add_error.text()
    page.plan_tab.add_edit.setText('"sam doe"')
    qtbot.mouseClick(page.plan_tab.add_button, LEFT)
    assert "already" in page.plan_tab.add_error.text() and len(page.rows) == count
    page.plan_tab.add_edit.setText("Sam Doe!")
    qtbot.mouseClick(page.plan_tab.add_button, LEFT)
    page.plan_tab.add_edit.setText("Sam Doe?")  # slugs the same as the one before: still a search of its own
    qtbot.mouseClick(page.plan_tab.add_button, LEFT)
    assert len(page.rows) == count + 2 and len({r.id for r in app_window.ctx.store.planned_searches()}) == count + 2
    qtbot.mouseClick(row_by_text(page, "Sam Doe?").remove_button, LEFT)
    assert len(page.rows) == count + 1
    # Double-clicking the words edits them too; an empty edit is refused with a reason.
    row = row_by_text(page, "Sam Doe!")
    qtbot.mouseDClick(row.text, LEFT)
    assert row.editor.isVisible() and row.editor.hasFocus()
    row.editor.clear()
    qtbot.keyClick(row.editor, Qt.Key.Key_Return)
    assert row.edit_error.isVisible() and row.editor.isVisible()
    qtbot.keyClicks(row.editor, "Sam Doe swimming")
    qtbot.keyClick(row.editor, Qt.Key.Key_Return)
    assert not row.edit_error.isVisible() and row.text.text() == "Sam Doe swimming"
    assert {r.id: r.text for r in app_window.ctx.store.planned_searches()}[row.search.id] == \
        "Sam Doe swimming"


# --- in the app: problems, cancel, threads ------------------------------------------------------


def test_a_human_check_page_gives_the_message_and_a_browser_fallback(app_window, ddg, qtbot):
    ddg.answer({}, default=page_bytes("ddg_anomaly.html"))
    page = open_search_step(app_window, Profile(names=[PersonName("Sam Doe")]))
    qtbot.mouseClick(page.plan_tab.app_radio, LEFT)
    run_and_wait(qtbot, page)
    row = row_by_text(page, '"Sam Doe"')
    panel = page.plan_tab.run_panel
    # One banner says why; the row says it was not sent, and keeps its own way to the browser.
    assert panel.offline.isVisible() and panel.open_rest_button.hasFocus()  # the one thing to do next
    assert panel.offline_text.text() == \
        "DuckDuckGo asked for a human check: open the remaining searches in your browser instead."
    assert row.status.text() == "Not sent: see the message above."
    assert row.fallback_button.isVisible() and row.outcome.isVisible()
    assert page.results.cards == {}
    qtbot.mouseClick(row.fallback_button, LEFT)
    assert app_window.opened_urls == [browser_search_url(page.plan_tab.engine_id(), '"Sam Doe"')]
    assert app_window.opened_urls[0].startswith("https://duckduckgo.com/?q=")
    assert "not sent" in panel.status.text()
    # The banner's one button opens every search that was not answered, in plan order.
    app_window.opened_urls.clear()
    page.confirm_many_tabs = lambda n: True
    panel.open_rest_button.setFocus()
    qtbot.keyClick(panel.open_rest_button, Qt.Key.Key_Space)
    sent = [r.search for r in page.rows.values() if r.search.enabled and not r.search.browser_only]
    assert app_window.opened_urls == [browser_search_url(page.plan_tab.engine_id(), s.text) for s in sent]


def test_a_run_started_from_the_keyboard_keeps_the_page_still_and_gives_back_the_focus(app_window, ddg, qtbot):
    """While a run goes, nothing on the page jumps: each search's status line has its room
    before the run, and saying how many pages it found takes no second line. The focus goes
    Run -> Cancel -> Run, never down the page (a disabled button's focus would go there)."""
    ddg.answer({})
    page = open_search_step(app_window)
    page.window().resize(1366, 768)  # the screen of a managed laptop: the run's message fits a line
    page.window().activateWindow()
    panel = page.plan_tab.run_panel
    qtbot.mouseClick(page.plan_tab.app_radio, LEFT)
    panel.run_button.setFocus()
    qtbot.waitUntil(panel.run_button.hasFocus)
    qtbot.wait(50)  # laid out, as a person sees it before pressing Run
    sent = [row for row in page.rows.values() if row.search.enabled and not row.search.browser_only]
    before = {row.search.id: row.geometry() for row in sent}
    assert len(sent) >= 5

    with qtbot.waitSignal(page.bridge.finished, timeout=10000):
        qtbot.keyClick(panel.run_button, Qt.Key.Key_Space)
        assert panel.cancel_button.hasFocus()
        QApplication.processEvents()
        assert {row.search.id: row.geometry() for row in sent} == before
    settle(qtbot, page)
    QApplication.processEvents()

    assert all(row.state == "done" for row in sent), [(row.search.id, row.state, row.message) for row in sent]
    assert all(row.status.text().endswith("see 2. What was found.") and not row.found_count.isVisible()
               for row in sent if row.pages)
    assert {row.search.id: row.geometry() for row in sent} == before
    assert panel.run_button.hasFocus()


def test_cancel_makes_the_step_idle_at_once_and_nothing_more_arrives(app_window, ddg, qtbot):
    ddg.answer_slowly()
    page = open_search_step(app_window)
    qtbot.mouseClick(page.plan_tab.app_radio, LEFT)
    qtbot.mouseClick(page.plan_tab.run_panel.run_button, LEFT)
    assert page.plan_tab.run_panel.cancel_button.isEnabled() and not page.plan_tab.run_panel.run_button.isEnabled()
    qtbot.waitUntil(ddg.entered.is_set, timeout=5000)   # a request is in flight
    qtbot.waitUntil(lambda: any(r.state == "running" for r in page.rows.values()), timeout=5000)
    # Every search sent says where it is: the first few searching, the rest waiting their turn.
    sent = [row for row in page.rows.values() if row.search.enabled and not row.search.browser_only]
    qtbot.waitUntil(lambda: all(row.status.text() in ("Searching…", "Waiting to run…") for row in sent))
    assert {row.status.text() for row in sent} == {"Searching…", "Waiting to run…"}

    qtbot.mouseClick(page.plan_tab.run_panel.cancel_button, LEFT)
    # Idle now, without waiting for the server.
    assert not page.bridge.is_running
    assert page.plan_tab.run_panel.run_button.isEnabled() and not page.plan_tab.run_panel.cancel_button.isEnabled()
    assert page.plan_tab.run_panel.status.text().startswith("Cancelled")
    assert all(row.state in ("cancelled", "skipped", "") for row in page.rows.values())

    # Let the held answers through; whatever they carry is thrown away.
    ddg.release.set()
    qtbot.waitUntil(workers_gone, timeout=10000)
    QApplication.processEvents()
    assert page.results.cards == {} and app_window.ctx.store.findings() == []
    assert all(row.state in ("cancelled", "skipped", "") for row in page.rows.values())


def test_the_bridge_reports_on_the_gui_thread(ddg, qtbot):
    ddg.answer({})
    bridge = SearchBridge(ddg.settings())
    seen = []
    bridge.search_done.connect(lambda sid, results: seen.append((sid, len(results),
                                                                 QThread.currentThread() is bridge.thread())))
    provider = make_provider("duckduckgo", ddg.settings())
    switch = sys.getswitchinterval()
    with qtbot.waitSignal(bridge.finished, timeout=10000) as finished:
        bridge.start([(provider, [PlannedSearch("a", "custom", "one")]),
                      (provider, [PlannedSearch("b", "custom", "two"), PlannedSearch("b", "custom", "two")])])
    assert finished.args == [False]
    assert sorted(seen) == [("a", 3, True), ("b", 3, True)]
    assert not bridge.is_running
    assert sys.getswitchinterval() == switch  # shorter thread turns only while a run goes


def test_unavailable_providers_are_shown_disabled_with_the_reason(app_window, qtbot):
    app_window.ctx.session.backend.key_provider = lambda name: None
    page = open_search_step(app_window)
    qtbot.mouseClick(page.plan_tab.app_radio, LEFT)
    combo = page.plan_tab.run_panel.provider
    states = {combo.itemData(i): (combo.model().item(i).isEnabled(), combo.itemText(i)) for i in range(combo.count())}
    assert states["duckduckgo"] == (True, "DuckDuckGo")
    assert states["searxng"][0] is False and "no server address" in states["searxng"][1]
    assert states["brave"][0] is False and "no API key" in states["brave"][1]
    assert "API key" in page.plan_tab.run_panel.note.text() and "server address" in page.plan_tab.run_panel.note.text()
    assert combo.currentData() == "duckduckgo"


def test_with_a_key_and_only_brave_allowed_brave_is_offered(app_window, qtbot):
    app_window.ctx.session.backend.key_provider = lambda name: "BSA-test-key" if name == "brave" else None
    app_window.ctx.session.allowed_providers = ("brave",)
    page = open_search_step(app_window)
    qtbot.mouseClick(page.plan_tab.app_radio, LEFT)
    assert page.plan_tab.run_panel.provider.count() == 1 and page.plan_tab.run_panel.provider.currentData() == "brave"
    assert "through Brave Search (api.search.brave.com)" in page.plan_tab.run_panel.run_button.text().replace("\n", " ")


def test_app_searching_is_hidden_when_the_policy_allows_only_the_browser(app_window, qtbot):
    app_window.ctx.session.allowed_search_modes = ("browser",)
    app_window.ctx.store.set_setting("search.mode", "app")  # an old choice the policy now rules out
    page = open_search_step(app_window)
    assert page.mode() == "browser"
    assert not page.plan_tab.app_radio.isVisibleTo(page) and not page.plan_tab.run_panel.isVisibleTo(page)
    assert page.plan_tab.browser_panel.isVisibleTo(page)


# --- in the browser ---------------------------------------------------------------------------------


def test_browser_mode_opens_the_exact_engine_address_and_records_outcomes(app_window, qtbot, monkeypatch):
    page = open_search_step(app_window)
    assert page.mode() == "browser"
    page.plan_tab.engine.setCurrentIndex(page.plan_tab.engine.findData("google"))
    name = row_by_text(page, '"Sam Doe"')
    qtbot.mouseClick(name.open_button, LEFT)
    assert app_window.opened_urls == ["https://www.google.com/search?q=%22Sam+Doe%22"]
    image = next(row for row in page.rows.values() if row.search.kind == "image")
    qtbot.mouseClick(image.open_button, LEFT)
    assert app_window.opened_urls[-1] == browser_search_url("google", image.search.text, images=True)
    assert "tbm=isch" in app_window.opened_urls[-1]

    # Record what was found, by hand.
    name.outcome.setCurrentIndex(name.outcome.findData("found_action"))
    assert name.note_row.isVisible()
    qtbot.keyClicks(name.note, "old staff photo")
    stored = {r.id: r for r in app_window.ctx.store.planned_searches()}
    assert (stored[name.search.id].outcome, stored[name.search.id].note) == ("found_action", "old staff photo")

    # Open all asks first when it would be more than five tabs.
    ticked = [r.search for r in page.rows.values() if r.search.enabled]
    assert len(ticked) > 5
    asked = []
    monkeypatch.setattr(page, "confirm_many_tabs", lambda n: asked.append(n) or False)
    app_window.opened_urls.clear()
    qtbot.mouseClick(page.plan_tab.open_all, LEFT)
    assert asked == [len(ticked)] and app_window.opened_urls == []
    monkeypatch.setattr(page, "confirm_many_tabs", lambda n: True)
    qtbot.mouseClick(page.plan_tab.open_all, LEFT)
    assert app_window.opened_urls == [browser_search_url("google", s.text, images=s.kind == "image") for s in ticked]

    window = app_window.reopen()
    page = window.current_page()
    name = row_by_text(page, '"Sam Doe"')
    assert name.outcome.currentData() == "found_action" and name.note.text() == "old staff photo"
    assert page.plan_tab.engine.currentData() == "google"


def test_open_all_with_few_searches_does_not_ask(app_window, qtbot, monkeypatch):
    page = open_search_step(app_window, Profile(names=[PersonName("Sam Doe")]))
    monkeypatch.setattr(page, "confirm_many_tabs", lambda n: pytest.fail("asked for two tabs"))
    qtbot.mouseClick(page.plan_tab.open_all, LEFT)
    assert len(app_window.opened_urls) == 2  # the name, and the image search for it


def test_demo_mode_opens_nothing_and_shows_the_address(qtbot, tmp_path):
    from socialsafe_desktop.paths import resolve_paths
    from socialsafe_desktop.ui.app import build_context
    from socialsafe_desktop.ui.main_window import MainWindow

    ctx = build_context(resolve_paths(tmp_path / "demo-data"), demo=True)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.flow.go_to("about")
    window.flow.go_to("search")
    page = window.current_page()
    first = next(iter(page.rows.values()))
    qtbot.mouseClick(first.open_button, LEFT)
    qtbot.mouseClick(page.plan_tab.open_all, LEFT)  # no "open many tabs?" question in a demo
    settle(qtbot, page)
    card = next(iter(page.results.cards.values()))
    qtbot.mouseClick(card.open_button, LEFT)
    shown = ctx.session.backend.shown_urls
    assert len(shown) == 2 + len([r for r in page.rows.values() if r.search.enabled])
    assert shown[-1] == card.finding.url
    assert window.link_label.isVisible() and card.finding.url in window.link_label.text()
    window.close()
    ctx.session.close()


def test_a_javascript_result_is_never_opened(app_window, qtbot):
    app_window.ctx.store.record_findings([
        Finding("javascript:alert(1)", "javascript:alert(1)", "<b>Click</b>"),
        Finding("https://example.org/ok", "https://example.org/ok", "Fine"),
    ])
    page = open_search_step(app_window)
    settle(qtbot, page)
    bad = page.results.cards["javascript:alert(1)"]
    assert not bad.open_button.isEnabled() and bad.title.text() == "<b>Click</b>"
    bad.open_button.click()
    bad.open_requested.emit(bad.finding.url)  # even if something asked
    assert app_window.opened_urls == []
    qtbot.mouseClick(page.results.cards["https://example.org/ok"].open_button, LEFT)
    assert app_window.opened_urls == ["https://example.org/ok"]


# --- keyboard --------------------------------------------------------------------------------------


def mnemonic(text: str) -> str | None:
    i = text.replace("&&", "").find("&")
    return text.replace("&&", "")[i + 1].lower() if i >= 0 else None


def test_mnemonics_are_unique_and_leave_back_and_next_alone(app_window, qtbot):
    page = open_search_step(app_window)
    texts = [w.text() for w in page.findChildren(QAbstractButton)] + \
            [w.text() for w in page.findChildren(QLabel) if w.buddy() is not None] + \
            [page.tabs.tabText(i) for i in range(page.tabs.count())]
    keys = [k for k in map(mnemonic, texts) if k]
    assert len(keys) == len(set(keys)), keys
    assert not {"b", "n"} & set(keys)


def test_keyboard_add_and_tab_order(app_window, qtbot):
    page = open_search_step(app_window)
    app_window.press(Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # "&Add a search"
    assert QApplication.focusWidget() is page.plan_tab.add_edit
    qtbot.keyClicks(page.plan_tab.add_edit, "typed with keys")
    qtbot.keyClick(page.plan_tab.add_edit, Qt.Key.Key_Return)
    row = row_by_text(page, "typed with keys")
    row.check.setFocus()
    qtbot.keyClick(row.check, Qt.Key.Key_Space)
    assert not row.check.isChecked()
    qtbot.keyClick(row.check, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is row.change_button  # open and outcome are off for an unticked search
    qtbot.keyClick(row.change_button, Qt.Key.Key_Return)
    assert row.editor.hasFocus()
    qtbot.keyClick(row.editor, Qt.Key.Key_Escape)  # Escape keeps the words
    assert not row.editor.isVisible() and row.search.text == "typed with keys"
    app_window.press(Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentWidget() is page.results


def test_answers_are_saved_off_the_gui_thread_and_a_failed_save_is_said_once(app_window, ddg, qtbot, monkeypatch):
    ddg.answer({})
    page = open_search_step(app_window)
    qtbot.mouseClick(page.plan_tab.app_radio, LEFT)
    store = app_window.ctx.store
    saved_on = []
    real_record = store.record_findings

    def record(findings):
        saved_on.append(threading.current_thread() is threading.main_thread())
        return real_record(findings)

    monkeypatch.setattr(store, "record_findings", record)
    run_and_wait(qtbot, page)
    assert saved_on and not any(saved_on)  # every answer saved on a worker thread
    assert {f.normalised_url for f in store.findings()} == set(page.results.cards)

    # The disk fills up: the window says so once, no crash, and no page shows that is not saved.
    shown, crashed = [], []
    monkeypatch.setattr("socialsafe_desktop.ui.main_window.plain_message",
                        lambda parent, icon, title, text: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", lambda *exc: crashed.append(exc))

    def full_disk(_findings):
        raise StoreWriteError("SocialSafe could not save your last change because the disk is full.")

    monkeypatch.setattr(store, "record_findings", full_disk)
    ddg.http.clear()
    ddg.answer({}, default=page_bytes("ddg_2024_highlighted.html"))  # pages not seen before
    cards_before = set(page.results.cards)
    run_and_wait(qtbot, page)
    assert shown == ["SocialSafe could not save your last change because the disk is full."] and crashed == []
    assert set(page.results.cards) == cards_before
    sent = [row for row in page.rows.values() if row.state != "skipped"]
    assert sent and all(row.state == "failed" and row.status.text() == "What this search found could not be saved."
                        for row in sent)
