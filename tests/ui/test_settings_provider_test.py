"""Settings' "Test" beside each provider: it names where it sends, sends nothing until pressed,
runs off the GUI thread and says in one plain sentence what happened."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication
from pytest_httpserver import HTTPServer
from socket_servers import closed_port_url

from socialsafe_desktop.core.policy import EffectiveSettings, Policy
from socialsafe_desktop.ui.settings_dialog import SettingsDialog

FIXTURES = Path(__file__).parent.parent / "search" / "fixtures"
LEFT = Qt.MouseButton.LeftButton


class NoKeys:
    persistent = True

    def get(self, name):
        return None

    def where(self, name):
        return "No key is set."

    def backend_description(self):
        return ""


@pytest.fixture
def searx():
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


def open_dialog(qtbot, settings=None):
    dialog = SettingsDialog(settings or EffectiveSettings(None, {}, environ={}), NoKeys(), lambda key, value: None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def type_address(qtbot, dialog, provider, address):
    field = dialog.fields[f"search.{provider}_url"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, address)
    qtbot.keyClick(field, Qt.Key.Key_Tab)  # leaving the field saves it


def test_the_button_names_the_host_and_sends_only_when_pressed(qtbot, searx):
    searx.expect_request("/search").respond_with_data((FIXTURES / "searxng_results.json").read_bytes(),
                                                      content_type="application/json")
    dialog = open_dialog(qtbot)
    button = dialog.test_buttons["searxng"]
    assert button.text() == "Test" and not button.isEnabled()  # no address yet: nothing to test

    type_address(qtbot, dialog, "searxng", searx.url_for("/"))

    assert button.text() == "Test (127.0.0.1)" and button.isEnabled()
    assert "privacy" in button.accessibleDescription() and "127.0.0.1" in button.accessibleDescription()
    assert searx.log == []  # typing an address sends nothing

    seen_on = []
    dialog.tester.tested.connect(lambda *args: seen_on.append(QThread.currentThread() is dialog.thread()))
    qtbot.mouseClick(button, LEFT)
    result = dialog.test_results["searxng"]
    qtbot.waitUntil(lambda: result.text() != "Testing…", timeout=5000)

    assert result.text() == "SearXNG at 127.0.0.1 works: a test search for \u201cprivacy\u201d found 3 results."
    assert result.textFormat() == Qt.TextFormat.PlainText and result.isVisible()
    assert seen_on == [True]  # the result came back on the GUI thread
    [(request, _)] = searx.log
    assert request.args["q"] == "privacy"
    assert button.isEnabled()


def test_a_failed_test_says_what_happened_in_one_sentence(qtbot):
    dialog = open_dialog(qtbot)
    type_address(qtbot, dialog, "searxng", closed_port_url() + "/")
    qtbot.mouseClick(dialog.test_buttons["searxng"], LEFT)
    result = dialog.test_results["searxng"]
    qtbot.waitUntil(lambda: result.text() != "Testing…", timeout=5000)
    assert result.text().startswith("Could not connect to SearXNG: this computer seems to be offline")
    assert result.property("role") == "error"


def test_an_answer_with_markup_is_shown_as_text(qtbot, searx):
    searx.expect_request("/search").respond_with_data(
        b'{"results": [{"url": "https://a.example.org/", "title": "<b>x</b>"}]}', content_type="application/json")
    dialog = open_dialog(qtbot)
    type_address(qtbot, dialog, "searxng", searx.url_for("/"))
    qtbot.mouseClick(dialog.test_buttons["searxng"], LEFT)
    result = dialog.test_results["searxng"]
    qtbot.waitUntil(lambda: result.text() != "Testing…", timeout=5000)
    assert "found 1 result." in result.text()


def test_a_provider_turned_off_by_policy_cannot_be_tested(qtbot, tmp_path):
    policy = Policy(values={"search.providers": ["duckduckgo"]}, problems=[], source_path=tmp_path / "p.toml")
    dialog = open_dialog(qtbot, EffectiveSettings(policy, {}, environ={}))
    brave = dialog.test_buttons["brave"]
    assert brave.text() == "Test (api.search.brave.com)" and not brave.isEnabled()
    assert "turned off" in brave.accessibleDescription()
    assert dialog.test_buttons["duckduckgo"].isEnabled()
