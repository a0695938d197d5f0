"""Alt+letter shortcuts, in English and in Welsh: on every step, tab and dialog, no two controls
a person can see share a letter (Qt would then only move between them, never press). In
Welsh, every view fits at 1366x768 as the English does, and every string the window asks
gettext for is in the Welsh catalogue (the pseudo-language marks whatever goes through _(),
so it cannot see a string that was never extracted, such as a constant not marked N_()).

Translators move the "&" to a letter of their own word, one string at a time, so a clash only
shows when the strings meet on one screen: this walks the screens.
"""

from __future__ import annotations

import re

import pytest
from i18n_check import MissesRecorded
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabBar, QWidget
from window_walk import PROJECTOR, cut_off, open_demo, settle, views

from socialsafe_desktop.core import i18n
from socialsafe_desktop.ui.app import speaking

MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def mnemonic(text: str) -> str | None:
    found = MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def shortcuts(root: QWidget) -> dict[str, list[str]]:
    """letter -> the texts that use it, for what is shown and enabled in root's window."""
    used: dict[str, list[str]] = {}

    def add(text: str) -> None:
        letter = mnemonic(text)
        if letter:
            used.setdefault(letter, []).append(text)

    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) or not widget.isEnabled():
            continue
        if isinstance(widget, QAbstractButton):
            add(widget.text())
        elif isinstance(widget, QLabel) and widget.buddy() is not None and widget.buddy().isVisibleTo(root):
            add(widget.text())
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            add(widget.title())
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.isTabVisible(index) and widget.isTabEnabled(index):
                    add(widget.tabText(index))
    return used


def clashes(name: str, root: QWidget) -> list[str]:
    return [f"{name}: Alt+{letter.upper()} on {texts}" for letter, texts in shortcuts(root).items()
            if len(texts) > 1]


def dialogs(window) -> list[tuple[str, QWidget]]:
    from keyring.backends import fail

    from socialsafe_desktop.app.glossary import app_glossary
    from socialsafe_desktop.secrets import KeyStore
    from socialsafe_desktop.ui.add_findings import AddFindingsDialog
    from socialsafe_desktop.ui.backup_dialog import BackupCard, NewPassphraseDialog
    from socialsafe_desktop.ui.evidence_dialog import EvidenceDialog
    from socialsafe_desktop.ui.glossary_dialog import GlossaryDialog
    from socialsafe_desktop.ui.letter_dialog import LetterDialog
    from socialsafe_desktop.ui.settings_dialog import SettingsDialog

    session = window.ctx.session
    finding = session.findings.all()[0]
    session.evidence.keep(finding.normalised_url, "impersonation", "")
    return [
        ("Add what you found", AddFindingsDialog(session, None, "", window)),
        ("Keep as evidence", EvidenceDialog(session, window.ctx.open_url, finding.normalised_url, window)),
        ("Evidence log", EvidenceDialog(session, window.ctx.open_url, None, window)),
        ("Removal request", LetterDialog(session, finding.normalised_url, window)),
        ("Words explained", GlossaryDialog(app_glossary(), window)),
        ("Settings", SettingsDialog(session.settings, KeyStore(fail.Keyring()), lambda key, value: None, window,
                                    extra_cards=(lambda d: BackupCard(session, lambda contents: None, d),))),
        ("Protect the backup?", NewPassphraseDialog(window)),
    ]


@pytest.fixture(params=[i18n.ENGLISH, "cy"])
def language(request, qapp, monkeypatch):
    with speaking(request.param):
        recorder = None
        if request.param != i18n.ENGLISH:
            recorder = MissesRecorded(i18n._translations)
            monkeypatch.setattr(i18n, "_translations", recorder)
        yield request.param, recorder


def test_no_two_shortcuts_share_a_letter_and_welsh_fits(qtbot, tmp_path, language):
    language, recorder = language
    window = open_demo(qtbot, tmp_path, PROJECTOR)
    problems: list[str] = []
    for view in views(window, qtbot):
        if window.flow.current.id == "accounts":
            qtbot.waitUntil(lambda: window.current_page().accounts is not None, timeout=15000)
            settle()
        problems += clashes(view, window)
        if language != i18n.ENGLISH:  # the English is held to this by the projector tests
            problems += [f"{view}: {p}" for p in cut_off(window.centralWidget())]
    for name, dialog in dialogs(window):
        dialog.show()
        qtbot.waitExposed(dialog)
        settle()
        problems += clashes(f"dialog {name}", dialog)
        dialog.close()
    if recorder is not None:
        problems += [f"not in the Welsh catalogue: {text!r}" for text in sorted(recorder.missing)]
    assert not problems, "\n".join(problems)
