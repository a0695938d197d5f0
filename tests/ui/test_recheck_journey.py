"""Three months later, in the window: finish an audit, come back after the next-check date
(the session's clock moved on, not the system's), start a re-check, confirm some settings, say
one changed back, search again against a local server that now finds one new page and no
longer finds an old one, and see What changed on screen and in the report."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytest_httpserver import HTTPServer
from werkzeug import Response

from socialsafe_desktop.core.actions import SLIPPED
from socialsafe_desktop.core.audit import CHANGED_BACK, DONE, LATER, ME_ACTION, ME_FINE, NOT_ME, STILL_SET
from socialsafe_desktop.paths import resolve_paths
from socialsafe_desktop.search import SearchSettings
from socialsafe_desktop.ui.app import build_context
from socialsafe_desktop.ui.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton
FACEBOOK = ("https://www.facebook.com/sam.doe.example?fbclid=first", "Sam Doe | Facebook", "Sam is on Facebook.")
STAFF = ("https://northfield-academy.example.org/about/staff/", "Our staff - Northfield Academy",
         "Geography: Ms Sam Doe.")
NEWS = ("https://news.example.net/2023/fun-run", "Teachers' fun run", "Staff including Sam Doe ran ten km.")
PHOTO = ("https://photos.example.com/sam-doe-party", "Party photos - Sam Doe", "Sam Doe tagged in 40 photos.")


def ddg_page(results) -> bytes:
    """A page shaped like DuckDuckGo's HTML results (what the in-app search reads)."""
    blocks = "".join(
        '<div class="result results_links results_links_deep web-result"><div class="links_main links_deep '
        f'result__body"><h2 class="result__title"><a rel="nofollow" class="result__a" href="{url}">{title}</a>'
        f'</h2><a class="result__snippet" href="{url}">{snippet}</a></div></div>' for url, title, snippet in results)
    return (f'<html><head><title>Sam Doe at DuckDuckGo</title></head><body><div class="serp__results">'
            f'<div id="links" class="results">{blocks}</div></div></body></html>').encode()


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now()

    def __call__(self) -> datetime:
        return self.now


class Search:
    """A local stand-in for the search service; what it answers can change between audits."""

    def __init__(self) -> None:
        self.http = HTTPServer(host="127.0.0.1", port=0, threaded=True)
        self.http.start()
        self.results = [FACEBOOK, STAFF, NEWS]
        self.http.expect_request("/html/").respond_with_handler(
            lambda request: Response(ddg_page(self.results), content_type="text/html; charset=utf-8"))

    def settings(self) -> SearchSettings:
        return SearchSettings(duckduckgo_url=self.http.url_for("/html/"), host_delay=0, timeout=5, retries=0)


@pytest.fixture
def search():
    server = Search()
    yield server
    server.http.clear()
    server.http.stop()


class App:
    def __init__(self, qtbot, data_dir, clock, search) -> None:
        self.qtbot, self.clock, self.search = qtbot, clock, search
        self.paths = resolve_paths(data_dir)
        self.paths.ensure()
        self.opened: list[str] = []
        self.window = self.ctx = None

    def open(self) -> MainWindow:
        self.ctx = build_context(self.paths, clock=self.clock)
        self.ctx.session.backend.url_opener = lambda url: self.opened.append(url) or True
        self.ctx.session.search_settings = self.search.settings()
        self.window = MainWindow(self.ctx)
        self.qtbot.addWidget(self.window)
        self.window.show()
        self.qtbot.waitExposed(self.window)
        self.window.activateWindow()
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is self.window)
        return self.window

    def close(self) -> None:
        self.window.close()
        self.ctx.session.close()

    def go(self, step_id: str):
        for _ in range(12):
            if self.window.flow.current.id == step_id:
                return self.window.current_page()
            self.qtbot.mouseClick(self.window.next_button, LEFT)
        raise AssertionError(f"could not reach {step_id}")


@pytest.fixture
def app(qtbot, tmp_path, search):
    opened = App(qtbot, tmp_path / "data", Clock(), search)
    yield opened
    try:
        opened.ctx.session.close()
    except Exception:
        pass


def run_searches(qtbot, page) -> None:
    qtbot.mouseClick(page.plan_tab.app_radio, LEFT)
    with qtbot.waitSignal(page.bridge.finished, timeout=15000):
        qtbot.mouseClick(page.plan_tab.run_panel.run_button, LEFT)
    qtbot.waitUntil(page.results.settled, timeout=5000)


def card(page, url_part: str):
    return next(c for c in page.results.cards.values() if url_part in c.finding.url)


def item_card(page, key: str):
    pack_id = key.split(":")[0]
    return next(c for c in page.views[pack_id].cards if c.item.key == key)


def test_a_re_check_three_months_later_shows_what_changed(app, qtbot, tmp_path):
    window = app.open()
    assert not window.current_page().due_card.isVisible()  # nothing to come back to yet

    # --- the first audit -------------------------------------------------------------------------
    about = app.go("about")
    qtbot.keyClicks(about.names.rows[0][0], "Sam Doe")
    qtbot.keyClicks(about.employer, "Northfield Academy")
    page = app.go("search")
    run_searches(qtbot, page)
    page.tabs.setCurrentWidget(page.results)
    assert len(page.results.cards) == 3 and all(not c.history.isVisible() for c in page.results.cards.values())
    qtbot.mouseClick(card(page, "facebook.com").decision_buttons[ME_FINE], LEFT)
    qtbot.mouseClick(card(page, "northfield-academy").decision_buttons[ME_ACTION], LEFT)
    qtbot.mouseClick(card(page, "news.example.net").decision_buttons[NOT_ME], LEFT)
    settings = app.go("settings")  # Facebook was ticked by the page about me on it
    for key, status in (("facebook:past-posts", DONE), ("facebook:profile-photos", DONE),
                        ("facebook:future-posts", DONE), ("facebook:search-engines", LATER)):
        qtbot.mouseClick(item_card(settings, key).status_buttons[status], LEFT)
    plan = app.go("plan")
    assert "changes" not in [s.id for s in window.flow.steps]
    first_report = tmp_path / "first.html"
    plan.ask_save_path = lambda suggested: first_report
    plan.ask_open_now = lambda html: False
    qtbot.mouseClick(plan.export_button, LEFT)
    assert first_report.exists()
    due = app.ctx.session.recheck.due_date()
    app.close()

    # --- three months and more later ----------------------------------------------------------------
    app.clock.now = datetime.combine(due, datetime.min.time()) + timedelta(days=5, hours=19)
    app.search.results = [FACEBOOK, NEWS, PHOTO]  # the staff page is no longer found; a new page is
    window = app.open()
    assert window.flow.current.id == "plan"  # back where the person left off
    step_list = window.step_list
    first_row = step_list.visualItemRect(step_list.item(0)).center()
    qtbot.mouseClick(step_list.viewport(), LEFT, pos=first_row)  # 1. Welcome, in the list of steps
    assert window.flow.current.id == "welcome"
    welcome = window.current_page()
    qtbot.waitUntil(welcome.due_card.isVisible)
    # Welcome says so first: the due card is the first thing on the page.
    assert welcome.layout_.indexOf(welcome.due_card) == 0
    assert "was due on" in welcome.due_text.text()
    window.confirm_recheck = lambda: True  # "Start the re-check now?" Yes
    qtbot.mouseClick(welcome.due_button, LEFT)

    session = app.ctx.session
    assert len(session.store.audits()) == 2 and session.recheck.has_previous()
    steps = [s.id for s in window.flow.steps]
    assert steps[steps.index("changes") + 1] == "plan"
    assert window.flow.current.id == "about" and window.recheck_notice.isVisible()
    assert window.current_page().names.rows[0][0].text() == "Sam Doe"  # About you came along

    page = app.go("search")
    run_searches(qtbot, page)  # the same plan, sent again
    page.tabs.setCurrentWidget(page.results)
    facebook = card(page, "facebook.com")
    assert facebook.decision() == ME_FINE  # last time's decision stands
    assert "you said \u201cMe, fine\u201d" in facebook.history.text() and facebook.history.isVisible()
    assert card(page, "photos.example.com").history.text() == "New since your last check."
    assert card(page, "photos.example.com").decision() == ""

    settings = app.go("settings")
    past, photos = item_card(settings, "facebook:past-posts"), item_card(settings, "facebook:profile-photos")
    assert past.still_set.isVisible() and past.status() == ""  # done last time: asked again
    qtbot.mouseClick(past.still_set.choices.buttons[STILL_SET], LEFT)
    qtbot.mouseClick(item_card(settings, "facebook:future-posts").still_set.choices.buttons[STILL_SET], LEFT)
    qtbot.mouseClick(photos.still_set.choices.buttons[CHANGED_BACK], LEFT)
    assert past.status() == DONE and photos.status() == "" and photos.still_set.hint.isVisible()
    search_engines = item_card(settings, "facebook:search-engines")
    assert search_engines.status() == LATER  # carried over as it was
    states = session.item_states()
    assert (states["facebook:profile-photos"].recheck, states["facebook:past-posts"].status) == (CHANGED_BACK, DONE)
    slipped = next(a for a in session.actions.plan().actions if a.key == "facebook:profile-photos")
    assert slipped.kind == SLIPPED

    changes = app.go("changes")
    counts = changes.counts.text()
    assert "1 new, 2 still there, 1 no longer found" in counts
    assert "1 changed back, 2 still set" in counts
    lists = "\n".join(label.text() for label in changes.findChildren(type(changes.counts)))
    assert "Party photos - Sam Doe" in lists and "Our staff - Northfield Academy" in lists
    assert "Last time: Me, fine. Now: Me, fine." in lists
    [open_setting] = changes.setting_buttons
    qtbot.mouseClick(open_setting, LEFT)
    assert app.opened[-1] == session.catalogue.item("facebook:profile-photos").settings_url
    assert len(changes.report_buttons) == 2  # the history: both checks

    # The first check's report, made again from the history.
    again = tmp_path / "first-again.html"
    changes.ask_save_path = lambda suggested: again
    qtbot.mouseClick(changes.report_buttons[1], LEFT)
    first_again = again.read_text()
    assert "Our staff - Northfield Academy" in first_again and "your check of" in first_again
    assert "What changed since your last check" not in first_again

    # The report of this check has the section.
    plan = app.go("plan")
    report = tmp_path / "second.html"
    plan.ask_save_path = lambda suggested: report
    plan.ask_open_now = lambda html: False
    qtbot.mouseClick(plan.export_button, LEFT)
    text = report.read_text()
    assert "What changed since your last check" in text
    section = text[text.index('id="changes"'):text.index('id="next"')]
    assert "Party photos - Sam Doe" in section and "Our staff - Northfield Academy" in section
    assert "still to put right" in section and "Settings changed back</th><td>1" in section.replace("\n", "")
