"""Settings: language, API keys, search provider addresses and modes, proxy, re-check interval.

A setting the organisation's policy sets is shown, disabled, with "Set by <organisation>"
next to it: the person can see what applies without being able to change it. Each change is
saved as soon as it is made (on leaving a field, ticking a box, or closing the dialog), the way
every other step of the app saves. The API key field is never filled in with a stored key.

Beside each provider's address, "Test (host)" sends one harmless search there, off the GUI
thread, and shows in one plain sentence what happened. Nothing is sent until it is pressed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..configuration import search_settings
from ..core import i18n
from ..core.i18n import N_, _, ngettext
from ..core.policy import (
    KEYS,
    LANGUAGE_SETTING,
    MAX_MONTHS,
    MIN_MONTHS,
    MODE_LABELS,
    EffectiveSettings,
)
from ..core.providers import PROVIDER_LABELS, PROVIDERS
from ..search.probe import PROBE_QUERY
from ..secrets import KNOWN_KEYS, KeyStore, KeyStoreError
from .flow_layout import FlowLayout
from .search_worker import ProviderTester
from .widgets import (
    AppDialog,
    Card,
    PlainLabel,
    ScrollArea,
    error_label,
    heading,
    plain_message,
    plain_tooltip,
    show_error,
    standard_button,
)

SaveSetting = Callable[[str, "str | None"], None]

# Short: a check box's text cannot wrap, and a translation is often longer than the English.
MODE_TEXT = {
    # TRANSLATORS: answers to "How your searches may run:" in Settings.
    "browser": N_("In my own web browser"),
    # TRANSLATORS: the second answer to "How your searches may run:".
    "in_app": N_("Sent by SocialSafe to a search provider"),
}
URL_KEYS = tuple(f"search.{p}_url" for p in PROVIDERS)


class SettingsDialog(AppDialog):
    def __init__(self, settings: EffectiveSettings, keys: KeyStore, save_setting: SaveSetting,
                 parent: QWidget | None = None, extra_cards: tuple[Callable[[QDialog], QWidget], ...] = ()):
        # TRANSLATORS: the title of the Settings window.
        super().__init__(parent, _("Settings"))
        self.settings = settings
        self.keys = keys
        self._save = save_setting
        self.setModal(True)
        self.resize(720, 640)
        self.fields: dict[str, QWidget] = {}
        self.notes: dict[str, PlainLabel] = {}
        self.errors: dict[str, PlainLabel] = {}
        self._shown: dict[str, str] = {}  # what each text field showed after its last save
        self.test_buttons: dict[str, QPushButton] = {}
        self.test_results: dict[str, PlainLabel] = {}
        self.tester = ProviderTester(self)
        self.tester.tested.connect(self._tested)

        # A locked field must look locked, whatever the app's stylesheet does to fields.
        self.setStyleSheet("QLineEdit:disabled, QSpinBox:disabled { background: #eef0f3; color: #3d4754; }")
        outer = QVBoxLayout(self)
        scroll = ScrollArea(_("Settings"))
        body = QWidget()
        body.setObjectName("page")
        self.layout_ = QVBoxLayout(body)
        self.layout_.setSpacing(12)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        if settings.managed:
            org = settings.policy.organisation_label
            self.managed_note = PlainLabel(
                # TRANSLATORS: {organisation} is the organisation's name, or "your organisation".
                _("Some settings are managed by {organisation}. You can see them here, but only {organisation}'s "
                  "IT team can change them.").format(organisation=org), role="notice")
            self.layout_.addWidget(self.managed_note)

        self._build_language()
        self._build_keys()
        self.set_first_field(self.language if self.language.isEnabled() else self.brave_key_edit)
        self._build_search()
        self._build_network()
        self.extra_cards = [make(self) for make in extra_cards]  # e.g. Backup and move, from the window
        for card in self.extra_cards:
            self.layout_.addWidget(card)
        self.layout_.addStretch(1)

        buttons = QDialogButtonBox()
        self.close_button = standard_button(buttons, QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        # Enter in a field finishes that field; it must not press some other button.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)

    # --- language -------------------------------------------------------------------------

    def _build_language(self) -> None:
        """English or Cymraeg, each named in its own language. The window is built in one language,
        so a new choice is used from the next start, and the card says so."""
        card = Card()
        # TRANSLATORS: a heading in Settings.
        card.layout_.addWidget(heading(_("Language"), 2))
        row = QHBoxLayout()
        # TRANSLATORS: the label of the choice of language in Settings. Keep the & (shortcut).
        label = PlainLabel(_("&Language:"), wrap=False)
        self.language = QComboBox()
        for code in i18n.SELECTABLE:
            self.language.addItem(i18n.LANGUAGES[code], code)  # each in its own language: never translated
        # TRANSLATORS: what a screen reader calls the list of languages.
        self.language.setAccessibleName(_("Language"))
        label.setBuddy(self.language)
        row.addWidget(label)
        row.addWidget(self.language)
        row.addStretch(1)
        card.layout_.addLayout(row)
        choice = self.settings.language_choice()
        current = i18n.current_language()
        if choice.locked and choice.policy_default:
            shown = choice.policy_default  # what the organisation set, whatever else was asked for
        else:
            shown = choice.setting or (current if current in i18n.SELECTABLE else i18n.ENGLISH)
        self.language.setCurrentIndex(max(0, self.language.findData(shown)))
        self.language_shown = shown
        if choice.locked:
            # Locked like every other field the policy sets: shown, not changeable, and who set it.
            text = choice.locked_by  # "Set by <organisation>", as on every locked field
            self._lock(self.language, text)
        else:
            text = _("A new language is used the next time you open SocialSafe.")
        self.language_note = PlainLabel(text, role="muted")
        self.notes[LANGUAGE_SETTING] = self.language_note
        card.layout_.addWidget(self.language_note)
        self.errors[LANGUAGE_SETTING] = error_label()
        card.layout_.addWidget(self.errors[LANGUAGE_SETTING])
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.layout_.addWidget(card)

    def _language_chosen(self, _index: int) -> None:
        code = self.language.currentData()
        if not code or code == self.language_shown:
            return
        try:
            text = self.settings.set_language_setting(code)
        except ValueError as exc:
            show_error(self.errors[LANGUAGE_SETTING], str(exc))
            return
        show_error(self.errors[LANGUAGE_SETTING], None)
        self._save(LANGUAGE_SETTING, text)
        self.language_shown = code
        if code == i18n.current_language():
            self.language_note.setText(_("A new language is used the next time you open SocialSafe."))
        else:
            # TRANSLATORS: after a new language was chosen; {language} is its name in its own language
            # ("English", "Cymraeg").
            self.language_note.setText(_("Saved: SocialSafe will be in {language} the next time you open it.").format(
                language=i18n.LANGUAGES[code]))

    # --- API keys -------------------------------------------------------------------------

    def _build_keys(self) -> None:
        card = Card()
        # TRANSLATORS: a heading in Settings.
        card.layout_.addWidget(heading(_("API keys"), 2))
        card.layout_.addWidget(PlainLabel(
            _("Only Brave Search needs a key. SocialSafe keeps it in your system's keyring, never in its "
              "own files, and sends it only to Brave Search with your searches.")))
        name = "brave"
        label = PlainLabel(_(KNOWN_KEYS[name]), role="h3")
        card.layout_.addWidget(label)
        row_holder = QWidget()
        row = FlowLayout(row_holder)  # the buttons go under the box when the words are long
        self.brave_key_edit = QLineEdit()
        self.brave_key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        # TRANSLATORS: placeholder in the API key box.
        self.brave_key_edit.setPlaceholderText(_("Paste your key here"))
        self.brave_key_edit.setAccessibleName(_(KNOWN_KEYS[name]))
        self.brave_key_edit.returnPressed.connect(self.save_key)
        label.setBuddy(self.brave_key_edit)
        # TRANSLATORS: buttons beside the API key box. Keep the & (shortcut) on a letter of each.
        self.save_key_button = QPushButton(_("&Save key"))
        self.save_key_button.clicked.connect(self.save_key)
        # TRANSLATORS: button beside the API key box. Keep the & (shortcut).
        self.remove_key_button = QPushButton(_("&Remove key"))
        self.remove_key_button.clicked.connect(self.remove_key)
        self.brave_key_edit.setMinimumWidth(self.brave_key_edit.fontMetrics().averageCharWidth() * 24)
        row.addWidget(self.brave_key_edit)  # a text box grows to fill what is left of its line
        row.addWidget(self.save_key_button)
        row.addWidget(self.remove_key_button)
        card.layout_.addWidget(row_holder)
        self.key_status = PlainLabel("", role="muted")
        self.key_error = error_label()
        card.layout_.addWidget(self.key_status)
        card.layout_.addWidget(self.key_error)
        off = self._provider_off_reason(name)
        if off:
            self.key_off_note = PlainLabel(off, role="muted")
            card.layout_.addWidget(self.key_off_note)
            self.brave_key_edit.setEnabled(False)
        self.layout_.addWidget(card)
        self._refresh_key(self.keys.where(name))

    def _refresh_key(self, sentence: str) -> None:
        has_key = self.keys.get("brave") is not None
        # TRANSLATORS: the Save key button once a key is saved. Keep the & (shortcut).
        self.save_key_button.setText(_("Re&place key") if has_key else _("&Save key"))
        self.save_key_button.setEnabled(self.brave_key_edit.isEnabled())
        self.remove_key_button.setEnabled(has_key)
        text = sentence
        # TRANSLATORS: the words the keyring's sentences use for "kept only for now": they must be the
        # same words as in those sentences ("...so the key is kept only until SocialSafe closes.").
        for_now = (_("until SocialSafe closes"), "until SocialSafe closes")
        if not self.keys.persistent and not any(words in text for words in for_now):
            text += " " + self.keys.backend_description()
        self.key_status.setText(text)
        self.key_status.setAccessibleName(text)

    def save_key(self) -> None:
        if not self.brave_key_edit.isEnabled():
            return
        try:
            sentence = self.keys.set("brave", self.brave_key_edit.text())
        except KeyStoreError as exc:
            show_error(self.key_error, str(exc))
            return
        self.brave_key_edit.clear()  # the key does not stay on screen or in the widget
        show_error(self.key_error, None)
        self._refresh_key(sentence)

    def remove_key(self) -> None:
        try:
            removed = self.keys.delete("brave")
        except KeyStoreError as exc:
            show_error(self.key_error, str(exc))
            return
        show_error(self.key_error, None)
        where = self.keys.where("brave")
        # TRANSLATORS: before a sentence saying whether a key is set and where, after Remove key.
        self._refresh_key(_("Removed.") + " " + where if removed else where)

    # --- searching --------------------------------------------------------------------------

    def _provider_off_reason(self, provider: str) -> str | None:
        """Why a provider cannot be used at all, when the policy says so."""
        s = self.settings
        org = s.policy.organisation_label
        if s.locked("search.modes") and "in_app" not in s.allowed_search_modes():
            return _("Searching from inside SocialSafe is turned off by {organisation}.").format(organisation=org)
        if s.locked("search.providers") and provider not in s.get("search.providers"):
            # TRANSLATORS: {service} is a search service's name, such as Brave Search.
            return _("{service} is turned off by {organisation}.").format(service=PROVIDER_LABELS[provider],
                                                                          organisation=org)
        return None

    def _note(self, key: str, form: QFormLayout | None = None, extra: str | None = None) -> PlainLabel | None:
        text = self.settings.locked_by(key) or extra
        if not text:
            return None
        note = PlainLabel(text, role="muted")
        self.notes[key] = note
        self._lock(self.fields[key], text)
        return note

    @staticmethod
    def _lock(widget, text: str) -> None:
        """Shown, not changeable, and saying why (as a tooltip and to screen readers)."""
        widget.setEnabled(False)
        widget.setToolTip(plain_tooltip(text))
        widget.setAccessibleDescription(text)

    def _build_search(self) -> None:
        card = Card()
        # TRANSLATORS: a heading in Settings.
        card.layout_.addWidget(heading(_("Searching"), 2))
        # TRANSLATORS: the question before the ways to search, in Settings.
        card.layout_.addWidget(PlainLabel(_("How your searches may run:")))
        modes = self.settings.allowed_search_modes()
        self.mode_checks: dict[str, QCheckBox] = {}
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        for mode, text in MODE_TEXT.items():
            check = QCheckBox(_(text))
            check.setChecked(mode in modes)
            # TRANSLATORS: tooltip of a way of searching; {how} is "in your own web browser" or "inside
            # SocialSafe, through a search provider".
            check.setToolTip(_("Searches {how}.").format(how=_(MODE_LABELS[mode])))
            check.toggled.connect(self._modes_changed)
            self.mode_checks[mode] = check
            column.addWidget(check)
        card.layout_.addWidget(box)
        self.fields["search.modes"] = box
        note = self._note("search.modes")
        if note:
            card.layout_.addWidget(note)
        self.errors["search.modes"] = error_label()
        card.layout_.addWidget(self.errors["search.modes"])

        # TRANSLATORS: a heading in Settings.
        card.layout_.addWidget(heading(_("Search provider addresses"), 3))
        form = QFormLayout()
        for key in URL_KEYS:
            provider = key.split(".")[1].removesuffix("_url")
            # TRANSLATORS: the label of a search service's address; {service} is its name.
            self._add_text_field(form, key, _("{service} address").format(service=PROVIDER_LABELS[provider]),
                                 extra=self._provider_off_reason(provider))
            self._add_test_row(form, provider)
        card.layout_.addLayout(form)
        self.layout_.addWidget(card)

    # --- testing a provider -------------------------------------------------------------------

    def _add_test_row(self, form: QFormLayout, provider: str) -> None:
        # TRANSLATORS: button that sends one test search to a search service.
        button = QPushButton(_("Test"))
        button.clicked.connect(lambda _checked=False, p=provider: self.test_provider(p))
        result = PlainLabel("", role="muted")
        result.setVisible(False)
        row = QWidget()
        column = QVBoxLayout(row)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(result)
        self.test_buttons[provider] = button
        self.test_results[provider] = result
        form.addRow("", row)
        self._refresh_test_button(provider)

    def _refresh_test_button(self, provider: str) -> None:
        """The button names where its search goes, and is off when nothing can be sent."""
        button = self.test_buttons[provider]
        host = search_settings(self.settings).host(provider)
        label = PROVIDER_LABELS[provider]
        off = self._provider_off_reason(provider)
        if host:
            # TRANSLATORS: the Test button names where the test search goes: {host} is a server's name.
            button.setText(_("Test ({host})").format(host=host))
            # TRANSLATORS: {word} is the word searched for in the test (kept in English), {host} a server.
            about = _("Sends one search for the word \u201c{word}\u201d to {host} and says what happened.").format(
                word=PROBE_QUERY, host=host)
        else:
            button.setText(_("Test"))
            # TRANSLATORS: {service} is a search service's name.
            about = _("There is no {service} address to test.").format(service=label)
        # TRANSLATORS: what a screen reader calls the Test button; {service} is a search service's name.
        button.setAccessibleName(_("Test {service}").format(service=label))
        button.setAccessibleDescription(off or about)
        button.setToolTip(plain_tooltip(off or about))
        button.setEnabled(bool(host) and off is None and not self.tester.is_testing(provider))

    def test_provider(self, provider: str) -> None:
        """Send the test search (only ever from the person pressing the button)."""
        key = f"search.{provider}_url"
        if not self.commit_text(key):  # test what is typed, once it is saved; a bad address says why
            return
        self._refresh_test_button(provider)
        if not self.test_buttons[provider].isEnabled():
            return
        result = self.test_results[provider]
        # TRANSLATORS: while a test search is on its way.
        result.setText(_("Testing…"))
        result.setProperty("role", "muted")
        result.setVisible(True)
        self.tester.start(provider, search_settings(self.settings), self.keys.get)
        self._refresh_test_button(provider)

    def _tested(self, provider: str, ok: bool, sentence: str) -> None:
        result = self.test_results.get(provider)
        if result is None:
            return
        result.setText(sentence)  # a PlainLabel: shown as plain text, whatever a server said
        result.setAccessibleName(sentence)
        result.setProperty("role", "muted" if ok else "error")
        result.style().unpolish(result)
        result.style().polish(result)
        self._refresh_test_button(provider)

    def _add_text_field(self, form: QFormLayout, key: str, label_text: str, extra: str | None = None,
                        placeholder: str = "") -> None:
        edit = QLineEdit()
        value = str(self.settings.get(key) or "")
        edit.setText(value)
        # TRANSLATORS: placeholder in an empty address box in Settings.
        edit.setPlaceholderText(placeholder or str(KEYS[key].default or _("Not set")))
        edit.setAccessibleName(label_text)
        edit.editingFinished.connect(lambda k=key: self.commit_text(k))
        self._shown[key] = value
        self.fields[key] = edit
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(edit)
        note = self._note(key, extra=extra)
        if note:
            column.addWidget(note)
        self.errors[key] = error_label()
        column.addWidget(self.errors[key])
        label = PlainLabel(label_text, wrap=False)
        label.setBuddy(edit)
        form.addRow(label, cell)

    def _modes_changed(self) -> None:
        chosen = [m for m, check in self.mode_checks.items() if check.isChecked()]
        if not chosen:
            sender = self.sender()
            if isinstance(sender, QCheckBox):
                sender.blockSignals(True)
                sender.setChecked(True)
                sender.blockSignals(False)
            show_error(self.errors["search.modes"], _("Keep at least one way of searching ticked."))
            return
        default = KEYS["search.modes"].default
        self._store("search.modes", None if chosen == default else chosen)

    # --- network and re-checks --------------------------------------------------------------

    def _build_network(self) -> None:
        card = Card()
        # TRANSLATORS: a heading in Settings.
        card.layout_.addWidget(heading(_("Network"), 2))
        form = QFormLayout()
        # TRANSLATORS: the label of the proxy's address in Settings.
        self._add_text_field(form, "network.proxy", _("Proxy"),
                             placeholder=_("None: use this computer's proxy settings"))
        card.layout_.addLayout(form)
        self.layout_.addWidget(card)

        card = Card()
        # TRANSLATORS: a heading in Settings.
        card.layout_.addWidget(heading(_("Re-checks"), 2))
        row = QFormLayout()
        spin = QSpinBox()
        spin.setRange(MIN_MONTHS, MAX_MONTHS)
        spin.setValue(self.settings.recheck_months())
        self._set_months_suffix(spin)
        spin.setAccessibleName(_("Suggest the next check after this many months"))
        spin.valueChanged.connect(self._months_changed)
        self.fields["audit.recheck_months"] = spin
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(spin)
        note = self._note("audit.recheck_months")
        if note:
            column.addWidget(note)
        self.errors["audit.recheck_months"] = error_label()
        column.addWidget(self.errors["audit.recheck_months"])
        # TRANSLATORS: the label before a number of months ("3 months").
        label = PlainLabel(_("Suggest the next check after"), wrap=False)
        label.setBuddy(spin)
        row.addRow(label, cell)
        card.layout_.addLayout(row)
        self.layout_.addWidget(card)

    @staticmethod
    def _set_months_suffix(spin: QSpinBox) -> None:
        # TRANSLATORS: after the number in the box of months (the number itself is not part of it).
        spin.setSuffix(" " + ngettext("month", "months", spin.value()))

    def _months_changed(self, value: int) -> None:
        self._set_months_suffix(self.fields["audit.recheck_months"])
        self._store("audit.recheck_months", None if value == KEYS["audit.recheck_months"].default else value)

    # --- saving -----------------------------------------------------------------------------

    def _store(self, key: str, value) -> bool:
        try:
            text = self.settings.set_user_value(key, value)
        except ValueError as exc:
            show_error(self.errors[key], str(exc))
            return False
        self._save(key, text)
        show_error(self.errors[key], None)
        return True

    def commit_text(self, key: str) -> bool:
        """Save a typed value; False (with the reason beside the field) when it cannot be."""
        edit = self.fields[key]
        if not isinstance(edit, QLineEdit) or not edit.isEnabled():
            return True
        text = edit.text().strip()
        if text == self._shown.get(key):
            return True
        default = str(KEYS[key].default or "")
        if not self._store(key, None if text == default else text):
            return False
        shown = str(self.settings.get(key) or "")
        edit.setText(shown)
        self._shown[key] = shown
        provider = key.split(".")[1].removesuffix("_url") if key in URL_KEYS else None
        if provider in self.test_buttons:
            self._refresh_test_button(provider)
        return True

    def ask_about_unsaved_key(self) -> QMessageBox.StandardButton:
        # TRANSLATORS: the title of the question when Settings closes with a key typed but not saved.
        return plain_message(self, QMessageBox.Icon.Question, _("Save the API key?"),
                             _("You typed a Brave Search API key but did not save it. Save it now?"),
                             QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                             | QMessageBox.StandardButton.Cancel)

    def done(self, result: int) -> None:  # Close, Escape and the window's close button all end here
        # Nothing typed is thrown away unseen: a value that cannot be saved, or a key typed but
        # not saved, keeps the dialog open with the field in front of the person.
        for key in (*URL_KEYS, "network.proxy"):
            if not self.commit_text(key):
                self.fields[key].setFocus()
                return
        if self.brave_key_edit.text().strip():
            answer = self.ask_about_unsaved_key()
            if answer == QMessageBox.StandardButton.Cancel:
                self.brave_key_edit.setFocus()
                return
            if answer == QMessageBox.StandardButton.Save:
                self.save_key()
        self.brave_key_edit.clear()
        super().done(result)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        # Enter inside a field must not close the dialog; Escape still does.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)
