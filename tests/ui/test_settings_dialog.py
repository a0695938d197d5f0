"""The Settings dialog, driven by keyboard and mouse: locked fields, saving, and API keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QLineEdit

from socialsafe_desktop.core.policy import EffectiveSettings, load_policy
from socialsafe_desktop.secrets import KeyStore
from socialsafe_desktop.ui.settings_dialog import SettingsDialog

SECRET = "BSAdialogKEY-91c2e7"


class MemoryKeyring(KeyringBackend):
    """Stands in for a working system keyring (the real one is tested in tests/test_secrets.py)."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.items.get((service, username))

    def set_password(self, service, username, password):
        self.items[(service, username)] = password

    def delete_password(self, service, username):
        self.items.pop((service, username))


class Saved:
    def __init__(self):
        self.calls: list[tuple[str, str | None]] = []

    def __call__(self, key, value):
        self.calls.append((key, value))


def open_dialog(qtbot, settings=None, keys=None):
    saved = Saved()
    dialog = SettingsDialog(settings or EffectiveSettings(None, {}, environ={}),
                            keys or KeyStore(MemoryKeyring()), saved)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()  # focus (and so Tab and Space) only reaches an active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog, saved


def texts(dialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel) if label.isVisibleTo(dialog)]


def toggle(qtbot, check: QCheckBox) -> None:
    check.setFocus()
    qtbot.keyClick(check, Qt.Key.Key_Space)


def type_into(qtbot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # Enter finishes the field (and must not close the dialog)


def test_without_a_policy_everything_can_be_changed(qtbot):
    dialog, _ = open_dialog(qtbot)
    assert dialog.windowTitle() == "Settings"
    assert all(widget.isEnabled() for widget in dialog.fields.values())
    assert not any(t.startswith("Set by") for t in texts(dialog))
    assert dialog.fields["search.duckduckgo_url"].text() == "https://html.duckduckgo.com/html/"
    assert dialog.fields["audit.recheck_months"].value() == 3


def test_policy_locks_fields_and_says_who_set_them(qtbot, tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text('[organisation]\nname = "Example Trust"\n[search]\nsearxng_url = "https://searx.example.org/"\n'
                    'modes = ["browser", "in_app"]\nproviders = ["searxng", "brave"]\n'
                    '[audit]\nrecheck_months = 12\n')
    settings = EffectiveSettings(load_policy(path), {"network.proxy": "http://p.example:3128"}, environ={})
    dialog, saved = open_dialog(qtbot, settings)
    for key in ("search.searxng_url", "search.modes", "audit.recheck_months"):
        assert not dialog.fields[key].isEnabled(), key
        assert dialog.notes[key].text() == "Set by Example Trust"
        assert dialog.notes[key].isVisibleTo(dialog)
    assert dialog.fields["search.searxng_url"].text() == "https://searx.example.org/"
    assert dialog.fields["audit.recheck_months"].value() == 12
    # What the policy leaves alone stays the person's, showing their own value.
    assert dialog.fields["network.proxy"].isEnabled()
    assert dialog.fields["network.proxy"].text() == "http://p.example:3128"
    assert "Some settings are managed by Example Trust." in dialog.managed_note.text()
    # DuckDuckGo is not in the allowed providers: its address cannot matter, so it is locked too.
    assert not dialog.fields["search.duckduckgo_url"].isEnabled()
    assert dialog.notes["search.duckduckgo_url"].text() == "DuckDuckGo is turned off by Example Trust."
    dialog.close()
    assert saved.calls == []


def test_in_app_searching_turned_off_locks_providers_and_the_key(qtbot, tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text('[organisation]\nname = "Example"\n[search]\nmodes = ["browser"]\n')
    dialog, _ = open_dialog(qtbot, EffectiveSettings(load_policy(path), {}, environ={}))
    assert not dialog.mode_checks["in_app"].isChecked()
    assert not dialog.brave_key_edit.isEnabled() and not dialog.save_key_button.isEnabled()
    assert dialog.key_off_note.text() == "Searching from inside SocialSafe is turned off by Example."


def test_typing_an_address_saves_it_through_the_callback(qtbot):
    settings = EffectiveSettings(None, {}, environ={})
    dialog, saved = open_dialog(qtbot, settings)
    type_into(qtbot, dialog.fields["search.searxng_url"], "https://searx.example.net/")
    assert dialog.isVisible()  # Enter did not close the dialog
    assert saved.calls == [("search.searxng_url", "https://searx.example.net/")]
    assert settings.provider_url("searxng") == "https://searx.example.net/"
    assert settings.source("search.searxng_url") == "user"


def test_a_bad_address_is_explained_and_not_saved(qtbot):
    dialog, saved = open_dialog(qtbot)
    type_into(qtbot, dialog.fields["network.proxy"], "proxy.example.org")
    error = dialog.errors["network.proxy"]
    assert error.isVisibleTo(dialog)
    assert error.text() == "The proxy address: 'proxy.example.org' is not a web address starting with http:// or https://."
    assert saved.calls == []
    type_into(qtbot, dialog.fields["network.proxy"], "http://proxy.example.org:3128")
    assert not error.isVisibleTo(dialog)
    assert saved.calls == [("network.proxy", "http://proxy.example.org:3128")]


def test_clearing_a_field_returns_it_to_the_default(qtbot):
    settings = EffectiveSettings(None, {"search.duckduckgo_url": "https://ddg.example.net/"}, environ={})
    dialog, saved = open_dialog(qtbot, settings)
    edit = dialog.fields["search.duckduckgo_url"]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)  # leaving the field saves it too
    assert saved.calls == [("search.duckduckgo_url", None)]
    assert edit.text() == "https://html.duckduckgo.com/html/"


def test_closing_with_escape_keeps_what_was_typed(qtbot):
    dialog, saved = open_dialog(qtbot)
    edit = dialog.fields["search.brave_url"]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "https://brave.example.org/search")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert saved.calls == [("search.brave_url", "https://brave.example.org/search")]


def test_modes_and_months(qtbot):
    settings = EffectiveSettings(None, {}, environ={})
    dialog, saved = open_dialog(qtbot, settings)
    toggle(qtbot, dialog.mode_checks["in_app"])
    assert saved.calls[-1] == ("search.modes", "browser")
    assert settings.allowed_search_modes() == ["browser"]
    toggle(qtbot, dialog.mode_checks["browser"])  # would leave none
    assert dialog.mode_checks["browser"].isChecked()
    assert dialog.errors["search.modes"].text() == "Keep at least one way of searching ticked."
    assert len(saved.calls) == 1
    spin = dialog.fields["audit.recheck_months"]
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    assert saved.calls[-1] == ("audit.recheck_months", "4")
    qtbot.keyClick(spin, Qt.Key.Key_Down)
    assert saved.calls[-1] == ("audit.recheck_months", None)  # back at the default: nothing to keep
    assert settings.recheck_months() == 3


def test_api_key_save_replace_remove_with_a_keyring(qtbot):
    backend = MemoryKeyring()
    dialog, saved = open_dialog(qtbot, keys=KeyStore(backend))
    assert dialog.brave_key_edit.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.key_status.text() == "Not set."
    assert not dialog.remove_key_button.isEnabled()
    type_into(qtbot, dialog.brave_key_edit, SECRET)  # Enter in the key field saves it
    assert backend.items == {("SocialSafe", "brave"): SECRET}
    assert dialog.brave_key_edit.text() == ""  # the key does not stay in the widget
    assert dialog.key_status.text().startswith("Saved in your system keyring")
    assert dialog.save_key_button.text() == "Re&place key"
    assert dialog.remove_key_button.isEnabled()
    qtbot.keyClicks(dialog.brave_key_edit, SECRET + "2")
    qtbot.mouseClick(dialog.save_key_button, Qt.MouseButton.LeftButton)
    assert backend.items[("SocialSafe", "brave")] == SECRET + "2"
    qtbot.mouseClick(dialog.remove_key_button, Qt.MouseButton.LeftButton)
    assert backend.items == {}
    assert dialog.key_status.text() == "Removed. Not set."
    assert not dialog.remove_key_button.isEnabled()
    assert saved.calls == []  # a key never goes through the settings table
    assert not any(SECRET in t for t in texts(dialog))


def test_api_key_without_a_keyring_says_it_is_for_this_session(qtbot):
    keys = KeyStore(fail.Keyring())
    dialog, _ = open_dialog(qtbot, keys=keys)
    assert "No system keyring is available" in dialog.key_status.text()
    qtbot.keyClicks(dialog.brave_key_edit, SECRET)
    qtbot.mouseClick(dialog.save_key_button, Qt.MouseButton.LeftButton)
    assert dialog.key_status.text().startswith(
        "No system keyring is available, so the key is kept only until SocialSafe closes.")
    assert keys.get("brave") == SECRET


def test_a_bad_key_is_explained(qtbot):
    dialog, _ = open_dialog(qtbot)
    qtbot.mouseClick(dialog.save_key_button, Qt.MouseButton.LeftButton)
    assert dialog.key_error.text() == "The key is empty: paste the whole key."
    qtbot.keyClicks(dialog.brave_key_edit, "two words")
    qtbot.mouseClick(dialog.save_key_button, Qt.MouseButton.LeftButton)
    assert "no spaces" in dialog.key_error.text()
    dialog.brave_key_edit.clear()


def test_closing_with_a_bad_address_or_an_unsaved_key_keeps_the_dialog_open(qtbot):
    from PySide6.QtWidgets import QMessageBox

    dialog, saved = open_dialog(qtbot)
    dialog.show()
    edit = dialog.fields["search.searxng_url"]
    edit.setText("searx.myschool.example")  # no https://
    dialog.reject()
    assert dialog.isVisible() and dialog.errors["search.searxng_url"].text()
    edit.setText("https://searx.myschool.example")
    asked = []
    dialog.ask_about_unsaved_key = lambda: asked.append(1) or QMessageBox.StandardButton.Cancel
    dialog.brave_key_edit.setText("typed-but-not-saved")
    dialog.reject()
    assert asked and dialog.isVisible() and dialog.brave_key_edit.text() == "typed-but-not-saved"
    dialog.ask_about_unsaved_key = lambda: QMessageBox.StandardButton.Discard
    dialog.reject()
    assert not dialog.isVisible() and dialog.brave_key_edit.text() == ""
    assert ("search.searxng_url", "https://searx.myschool.example") in saved.calls


@pytest.mark.parametrize("hostile", ["<b>Evil</b> Org", "<img src=x>"])
def test_organisation_name_is_shown_as_plain_text(qtbot, tmp_path: Path, hostile):
    path = tmp_path / "policy.toml"
    path.write_text(f'[organisation]\nname = "{hostile}"\n[audit]\nrecheck_months = 3\n')
    dialog, _ = open_dialog(qtbot, EffectiveSettings(load_policy(path), {}, environ={}))
    note = dialog.notes["audit.recheck_months"]
    assert note.text() == f"Set by {hostile}"
    assert note.textFormat() == Qt.TextFormat.PlainText
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in dialog.findChildren(QLabel))
