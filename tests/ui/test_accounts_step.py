"""Forgotten accounts in the window, driven as a person would, against one local server playing
many sites: the question first, the check, Cancel, carrying on, "could not check" said plainly,
Mine / Not mine, the deletion page opened, everything kept when the app is reopened, and the
accounts to close in the plan and the report. Usernames and sites are invented."""

from __future__ import annotations

import re
import socket
import sys
import threading
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QCheckBox, QComboBox, QLabel, QLineEdit
from pytest_httpserver import HTTPServer
from werkzeug import Response

from socialsafe_desktop.accounts.checker import check_settings
from socialsafe_desktop.accounts.deletion import parse_deletion_directory
from socialsafe_desktop.accounts.sites import parse_sites
from socialsafe_desktop.app.accounts import KeptResults
from socialsafe_desktop.core.audit import ME_FINE, Finding
from socialsafe_desktop.core.forgotten_accounts import CLOSE, KEEP, MINE, NOT_MINE
from socialsafe_desktop.core.profile import Handle, PersonName, Profile
from socialsafe_desktop.paths import resolve_paths
from socialsafe_desktop.store import StoreWriteError
from socialsafe_desktop.ui.app import build_context
from socialsafe_desktop.ui.main_window import MainWindow
from socialsafe_desktop.ui.widgets import PlainLabel

USER = "sam_example"
PROFILE = b'<html><body><div class="profile">Sam</div></body></html>'
WALL = b"<html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>"
# One request at a time to this one host (as the check does), with no pause between them and a
# long wait for the site that is held back, so Cancel always finds the check still going.
SETTINGS = replace(check_settings(), timeout=10.0, host_delay=0.0, max_workers=8, max_bytes=64 * 1024)
DIRECTORY = parse_deletion_directory({"services": [
    {"name": "Old Forum", "difficulty": "hard", "domains": ["old-forum.example"],
     "url": "https://old-forum.example/account/delete", "email": "privacy@old-forum.example"},
    {"name": "Facebook", "difficulty": "medium", "domains": ["facebook.com"],
     "url": "https://www.facebook.com/help/delete_account"},
]})


class Sites:
    """One threaded server playing many sites; "slow" answers only once released."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.seen: list[str] = []
        self.slow_asked = threading.Event()
        self.release = threading.Event()
        server.expect_request(re.compile(r"/.*")).respond_with_handler(self.answer)
        base = f"http://127.0.0.1:{server.port}"

        def entry(name, kind, cat="social", pretty=None):
            site = {"name": name, "uri_check": f"{base}/{kind}/{name.replace(' ', '-')}/{{account}}",
                    "e_code": 200, "e_string": 'class="profile"', "m_code": 404, "m_string": "", "cat": cat}
            if pretty:
                site["uri_pretty"] = pretty
            return site

        entries = [entry("Old Forum", "here", pretty="https://old-forum.example/u/{account}"),
                   entry("Walled", "wall"), entry("<b>Bold</b> Club", "here", "hobby")]
        entries += [entry(f"Missing {n}", "gone", "coding" if n % 2 else "social") for n in range(10)]
        entries += [entry("Slow", "slow"), entry("Photo Place", "here", pretty="https://www.instagram.com/{account}/"),
                    entry("Someone", "here", "music")]
        entries += [entry(f"Missing {n}", "gone") for n in range(10, 20)]
        entries += [entry("Adult One", "here", "xx NSFW xx")]
        self.list = parse_sites({"categories": ["social", "coding", "hobby", "music", "xx NSFW xx"],
                                 "sites": entries}, allow_loopback_http=True)
        assert not self.list.problems, self.list.problems

    def answer(self, request):
        kind = request.path.split("/")[1]
        self.seen.append(request.path)
        if kind == "slow":
            self.slow_asked.set()
            self.release.wait(20)
            return Response("no such user", 404)
        if kind == "here":
            return Response(PROFILE, 200, content_type="text/html")
        if kind == "wall":
            return Response(WALL, 403, content_type="text/html")
        return Response("no such user", 404)


@pytest.fixture
def sites():
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    playing = Sites(server)
    yield playing
    playing.release.set()
    server.clear()
    server.stop()


class App:
    """Opens the window as the app does, using the local site list, and can reopen it."""

    def __init__(self, qtbot, data_dir, sites: Sites | None) -> None:
        self.qtbot, self.sites = qtbot, sites
        self.paths = resolve_paths(data_dir)
        self.paths.ensure()
        self.opened: list[str] = []
        self.window = self.ctx = None

    def open(self, demo: bool = False) -> MainWindow:
        self.ctx = build_context(self.paths, demo=demo)
        if not demo:
            self.ctx.session.backend.url_opener = lambda url: self.opened.append(url) or True
        if self.sites is not None:
            self.ctx.session.accounts.use_data(self.sites.list, DIRECTORY, allow_loopback_http=True,
                                               settings=SETTINGS)
        self.window = MainWindow(self.ctx)
        self.qtbot.addWidget(self.window)
        self.window.show()
        self.qtbot.waitExposed(self.window)
        return self.window

    def close(self) -> None:
        self.window.close()
        self.ctx.session.close()

    def page(self, step_id="accounts"):
        window = self.window
        for _ in range(10):
            if window.flow.current.id == step_id:
                break
            window.go_next()
        page = window.page(step_id)
        if step_id == "accounts":
            self.qtbot.waitUntil(lambda: page.accounts is not None)
        return page


@pytest.fixture
def app(qtbot, tmp_path):
    opened = []

    def make(sites=None, demo=False):
        made = App(qtbot, tmp_path / "data", sites)
        made.open(demo=demo)
        opened.append(made)
        return made

    yield make
    for made in opened:
        try:
            made.ctx.session.close()
        except Exception:
            pass


def click(qtbot, widget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.accessibleName() or widget.text()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def card(page, site, qtbot, username=USER):
    """Click the account in the list, as a person would, and return the card it shows."""
    key = f"{username}:{site}"
    qtbot.waitUntil(lambda: key in page.hit_list.hits)
    listing = page.hit_list
    row = next(r for r in range(listing.count()) if listing.item(r).data(Qt.ItemDataRole.UserRole) == key)
    listing.scrollToItem(listing.item(row))
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton,
                     pos=listing.visualItemRect(listing.item(row)).center())
    shown = page.account_card
    qtbot.waitUntil(lambda: shown.isVisible() and shown.hit is not None and shown.hit.key == key)
    return shown


def test_consent_check_cancel_carry_on_decide_and_everything_kept(app, sites, qtbot, tmp_path):
    opened = app(sites)
    opened.ctx.session.save_profile(Profile([PersonName("Sam Example")], [Handle("@sam_example", "x")]))
    page = opened.page()

    # Asked first, naming the count and the time; adult sites off and not counted; nothing sent.
    assert page.username_box.currentText() == USER
    assert page.question.text() == ("Check 26 sites for the username sam_example? Each site will see one request "
                                    "from this computer. Under a minute.")
    assert page.adult_box.isVisible() and not page.adult_box.isChecked()
    assert page.run_button.text() == "&Check 26 sites"
    assert sites.seen == []

    # Checked, with a live count; Cancel while the held-back site is still out.
    click(qtbot, page.run_button)
    assert page.bridge.is_running and page.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: sites.slow_asked.is_set() and page.progress_bar.value() == 13, timeout=10000)
    assert page.live_text() == "Checked 13 of 26 sites \u00b7 found on 2 so far \u00b7 could not check 1"
    click(qtbot, page.cancel_button)
    assert not page.bridge.is_running and not page.cancel_button.isEnabled()  # idle at once
    assert page.status.text().startswith("Stopped: 13 of 26 sites checked. What was found is kept")
    assert page.run_button.text() == "&Check the other 13 sites"
    assert page.question.text().startswith("Check the other 13 sites for the username sam_example?")
    sites.release.set()

    # "Could not check" is said as such, with the site's reason.
    click(qtbot, page.failed_button)
    assert page.failed_list.isVisible()
    assert page.failed_list.text() == ("Walled: The site asked for a human check (a CAPTCHA or a challenge page), "
                                       "so it could not be checked automatically.")

    # Mine, close it, and the deletion page is opened at exactly the directory's address.
    forum = card(page, "Old Forum", qtbot)
    assert forum.address.text() == "https://old-forum.example/u/sam_example"
    click(qtbot, forum.choices.buttons[MINE])
    click(qtbot, forum.plans.buttons[CLOSE])
    assert forum.difficulty.text() == "How hard: Hard: only by writing to the service or its support."
    assert forum.email.text() == "Deletion email: privacy@old-forum.example"
    click(qtbot, forum.deletion_button)
    assert opened.opened == ["https://old-forum.example/account/delete"]
    qtbot.keyClicks(forum.note, "from my first job")
    listed = [page.hit_list.item(r).text() for r in range(page.hit_list.count())]
    assert listed == ["Old Forum (sam_example): yours, to close", "<b>Bold</b> Club (sam_example): is this yours?"]
    bold = card(page, "<b>Bold</b> Club", qtbot)
    assert isinstance(bold.title, PlainLabel) and bold.title.text() == "<b>Bold</b> Club"
    assert bold.title.textFormat() == Qt.TextFormat.PlainText

    # Carry on: only the sites left are asked, and the check finishes.
    asked_before = len(sites.seen)
    click(qtbot, page.run_button)
    qtbot.waitUntil(lambda: not page.bridge.is_running, timeout=15000)
    assert len(sites.seen) == asked_before + 13
    assert page.status.text().startswith("Done: 26 of 26 sites checked for sam_example. Found on 4.")
    assert "1 site could not be checked" in page.status.text()
    assert not page.run_button.isVisible() and page.retry_button.isVisible()
    # The focus went Check -> Cancel -> the next thing to press, not down the page.
    assert QApplication.focusWidget() is page.retry_button
    assert not any("/Adult-One/" in path for path in sites.seen)  # never switched on

    someone = card(page, "Someone", qtbot)
    click(qtbot, someone.choices.buttons[NOT_MINE])
    photos = card(page, "Photo Place", qtbot)
    click(qtbot, photos.choices.buttons[MINE])
    click(qtbot, photos.plans.buttons[KEEP])
    assert "Instagram" in photos.keep_text.text()
    assert "instagram" in opened.ctx.session.store.chosen_platforms()
    assert page.hits_summary.text() == "4 accounts found \u00b7 1 still to decide \u00b7 1 to close"

    # Reopened: the check, the answers and the decisions are all where they were.
    opened.close()
    opened.open()
    page = opened.page()
    assert page.username_status.text() == ("sam_example: all 26 sites checked. Found on 4; 1 could not be "
                                           "checked.")
    assert page.question.text() == "Every site you chose has been checked for sam_example."
    forum = card(page, "Old Forum", qtbot)
    assert forum.choices.value() == MINE and forum.plans.value() == CLOSE and forum.note.text() == "from my first job"
    assert card(page, "Someone", qtbot).choices.value() == NOT_MINE
    assert card(page, "<b>Bold</b> Club", qtbot).choices.value() == ""

    # The plan ranks the account to close with what was found, with its deletion page.
    plan = opened.page("plan")
    titles = [label.text() for label in plan.next_card.findChildren(QLabel)]
    assert "1. Close your account on Old Forum" in titles
    button = next(b for b in plan.action_buttons if b.text() == "Open the deletion page")
    click(qtbot, button)
    assert opened.opened[-1] == "https://old-forum.example/account/delete"

    # The report lists it; the redacted one counts it and names nothing.
    plan.ask_save_path = lambda suggested: tmp_path / "report.html"
    plan.ask_open_now = lambda html: False
    click(qtbot, plan.export_button)
    report = (tmp_path / "report.html").read_text("utf-8")
    assert "Your account on <bdi>Old Forum</bdi>" in report and "https://old-forum.example/account/delete" in report
    plan.redact.setChecked(True)
    plan.ask_save_path = lambda suggested: tmp_path / "redacted.html"
    click(qtbot, plan.export_button)
    redacted = (tmp_path / "redacted.html").read_text("utf-8")
    assert "<li>To close: 1</li>" in redacted and "Old Forum" not in redacted and USER not in redacted

    # Closed, with the date: no longer an action.
    opened.window.flow.go_to("accounts")
    page = opened.window.page("accounts")
    forum = card(page, "Old Forum", qtbot)
    click(qtbot, forum.closed_button)
    assert forum.closed_text.text() == f"Closed on {date.today().day} {date.today():%B} {date.today().year}."
    assert opened.ctx.session.accounts.hit(USER, "Old Forum").closed_on == date.today()
    assert "Close your account on Old Forum" not in [a.title for a in opened.ctx.session.actions.plan().actions]


FULL = "SocialSafe could not save your last change because the disk is full."


def checked_until_the_end(opened, sites, qtbot):
    opened.ctx.session.save_profile(Profile([PersonName("Sam Example")], [Handle("@sam_example", "x")]))
    page = opened.page()
    sites.release.set()  # nothing held back
    click(qtbot, page.run_button)
    qtbot.waitUntil(lambda: not page.bridge.is_running, timeout=15000)
    return page


def test_answers_are_saved_off_the_gui_thread_and_a_full_disk_is_said_once(app, sites, qtbot, monkeypatch):
    opened = app(sites)
    store = opened.ctx.session.store
    saved_on = []

    def full_disk(_results):
        saved_on.append(threading.current_thread() is threading.main_thread())
        raise StoreWriteError(FULL)

    monkeypatch.setattr(store, "record_account_results", full_disk)
    shown, crashed = [], []
    monkeypatch.setattr("socialsafe_desktop.ui.main_window.plain_message",
                        lambda parent, icon, title, text: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", lambda *exc: crashed.append(exc))

    page = checked_until_the_end(opened, sites, qtbot)

    assert saved_on and not any(saved_on)  # every batch saved on the saving thread
    assert shown == [FULL] and crashed == []
    assert page.hit_list.count() == 0 and store.account_hits() == []  # nothing shown that is not saved


def test_a_bug_in_saving_a_batch_never_stops_the_check(app, sites, qtbot, monkeypatch):
    opened = app(sites)

    def broken(_username, _results):
        raise ValueError("a bug")

    monkeypatch.setattr(opened.ctx.session.accounts, "keep_results", broken)
    crashed = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: crashed.append(exc))

    page = checked_until_the_end(opened, sites, qtbot)

    assert crashed == [] and page.run_button.isEnabled() and not page.cancel_button.isEnabled()


def test_a_batch_read_before_an_answer_only_adds_accounts_and_keeps_the_answer(app, sites, qtbot):
    opened = app(sites)
    page = checked_until_the_end(opened, sites, qtbot)
    read_before = opened.ctx.session.accounts.hits()  # as the saving thread read it for a batch
    forum = card(page, "Old Forum", qtbot)
    click(qtbot, forum.choices.buttons[MINE])  # answered after that read

    newer = replace(read_before[0], site="Later Site", decision="")
    page.bridge.results.emit(KeptResults((), None, [*read_before, newer]))

    listed = [page.hit_list.item(r).text() for r in range(page.hit_list.count())]
    assert "Old Forum (sam_example): yours" in listed[0] and listed[-1].startswith("Later Site (sam_example)")
    assert len(listed) == len(read_before) + 1


def test_every_control_has_a_name_and_tab_goes_down_the_page(app, sites, qtbot):
    opened = app(sites)
    opened.ctx.session.save_profile(Profile(handles=[Handle("sam_example")]))
    page = opened.page()
    click(qtbot, page.run_button)
    qtbot.waitUntil(lambda: sites.slow_asked.is_set(), timeout=10000)
    click(qtbot, page.cancel_button)
    sites.release.set()
    forum = card(page, "Old Forum", qtbot)
    click(qtbot, forum.choices.buttons[MINE])
    click(qtbot, forum.plans.buttons[CLOSE])
    for widget in page.findChildren(QAbstractButton) + page.findChildren(QComboBox) + page.findChildren(QLineEdit):
        assert widget.accessibleName() or (isinstance(widget, QCheckBox) and widget.text()), widget
    assert forum.deletion_button.accessibleName() == "Open the deletion page for Old Forum, username sam_example"
    for label in (lab for lab in forum.findChildren(QLabel) if lab.buddy() is None):  # not "Note:" captions
        assert isinstance(label, PlainLabel) and label.textFormat() == Qt.TextFormat.PlainText, label.text()
    # Walking the focus chain from the username: the list, then the card, then the email buttons.
    order, widget = [], page.username_box
    for _ in range(400):
        order.append(widget)
        widget = widget.nextInFocusChain()
        if widget is page.username_box:
            break
    at = {id(w): n for n, w in enumerate(order)}
    assert at[id(page.run_button)] < at[id(page.hit_list)] < at[id(forum.open_button)] \
        < at[id(forum.choices.buttons[MINE])] < at[id(forum.plans.buttons[CLOSE])] \
        < at[id(forum.deletion_button)] < at[id(forum.note)] < at[id(page.find_buttons[0])]
    # With the keyboard alone: into the list, down to the next account, Tab to its answers.
    page.hit_list.setFocus()
    qtbot.keyClick(page.hit_list, Qt.Key.Key_Home)
    qtbot.keyClick(page.hit_list, Qt.Key.Key_Down)
    chosen = page.account_card.hit
    assert chosen.site == "<b>Bold</b> Club"
    qtbot.keyClick(page.hit_list, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.account_card.open_button
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.account_card.choices.buttons[MINE]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # every choice is reached with Tab
    assert QApplication.focusWidget() is page.account_card.choices.buttons[NOT_MINE]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert opened.ctx.session.accounts.hit(USER, "<b>Bold</b> Club").decision == NOT_MINE


def test_the_organisations_policy_switches_the_check_off_in_the_window(app, qtbot, tmp_path, monkeypatch):
    policy = tmp_path / "policy.toml"
    policy.write_text('[organisation]\nname = "Example Trust"\n[accounts]\ncategories = []\n')
    monkeypatch.setenv("SOCIALSAFE_POLICY", str(policy))
    opened = app()
    opened.ctx.session.save_profile(Profile(handles=[Handle("sam_example")]))
    page = opened.page()
    assert page.off_note.isVisible()
    assert page.off_note.text() == "The forgotten-accounts check is switched off by Example Trust's policy."
    assert not page.check_card.isVisible() and not page.run_button.isVisible()
    assert page.email_card.isVisible() and all(b.isEnabled() for b in page.find_buttons)


def test_a_page_found_on_a_known_service_says_how_to_delete_the_account(app, qtbot):
    opened = app(None)
    opened.ctx.session.accounts.use_data(directory=DIRECTORY)
    opened.ctx.session.store.record_findings([Finding("https://www.facebook.com/sam.example", "facebook.com/sam.example",
                                                      "Sam Example | Facebook", found_by=[]),
                                              Finding("https://blog.example.net/sam", "blog.example.net/sam", "Blog")])
    search = opened.page("search")
    results = search.results
    search.tabs.setCurrentWidget(results)
    qtbot.waitUntil(lambda: results.deletion_lookup is not None and results.settled())
    facebook = results.cards["facebook.com/sam.example"]
    qtbot.waitUntil(lambda: facebook.deletion_row.isVisible())
    assert facebook.deletion_text.text() == "If this is your account on Facebook: Medium: a few more steps, or a wait."
    click(qtbot, facebook.deletion_button)
    assert opened.opened == ["https://www.facebook.com/help/delete_account"]
    assert results.cards["blog.example.net/sam"].deletion_row is None  # the directory does not know it
    click(qtbot, facebook.decision_buttons["not_me"])
    assert not facebook.deletion_row.isVisible()
    click(qtbot, facebook.decision_buttons[ME_FINE])
    assert facebook.deletion_row.isVisible()


def test_the_demo_checks_from_stored_pages_with_every_socket_refused(app, qtbot, monkeypatch):
    attempts = []
    real_connect = socket.socket.connect

    def refuse(sock, address, *args):
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(address)
            raise AssertionError(f"the demo tried to connect to {address!r}")
        return real_connect(sock, address, *args)

    def refuse_lookup(*args, **kwargs):
        attempts.append(args[:1])
        raise AssertionError("the demo tried to look up a name")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse_lookup)
    opened = app(demo=True)
    page = opened.page()
    assert not page.adult_box.isVisible() and not page.adult_box.isChecked()
    assert page.adult_note.text() == "Adult sites are never checked in the demo."
    page.username_box.setCurrentIndex(page.username_box.findData("jsample_example"))
    assert "Demo: the sites' answers come from pages stored in SocialSafe, and nothing is sent." in \
        page.question.text()
    click(qtbot, page.run_button)
    qtbot.waitUntil(lambda: not page.bridge.is_running, timeout=30000)
    assert page.status.text().startswith("Done:") and "Found on 4." in page.status.text()
    assert not [s for s in opened.ctx.session.accounts.state("jsample_example").left if s.site.is_adult]
    flickr = card(page, "Flickr", qtbot, username="jsample_example")
    click(qtbot, flickr.choices.buttons[MINE])
    click(qtbot, flickr.plans.buttons[CLOSE])
    click(qtbot, flickr.deletion_button)
    assert opened.ctx.session.backend.shown_urls == ["https://www.flickr.com/profile_delete.gne"]
    assert attempts == []
