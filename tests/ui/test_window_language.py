"""The window in a language other than English: dates in the language's month names, checklist
items in the language where they have a translation (and saying so plainly where they have
none, or where the English changed after the translation), questions whose buttons carry the
app's own words, and the language picker in Settings."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton

from socialsafe_desktop.core import i18n
from socialsafe_desktop.core.audit import ItemState
from socialsafe_desktop.core.checklists import validate_file
from socialsafe_desktop.core.policy import EffectiveSettings, parse_policy_text
from socialsafe_desktop.ui.checklist_view import ItemCard, PackView
from socialsafe_desktop.ui.locale import day, qt_locale, time_of_day
from socialsafe_desktop.ui.settings_dialog import SettingsDialog
from socialsafe_desktop.ui.widgets import plain_message

# The English of "past-posts", as checklists/README.md fingerprints it (worked out here, not by
# the code under test): a translation carrying it is up to date; one carrying another is stale.
PAST_POSTS_FP = hashlib.sha256(
    b'{"recommended":"Friends","steps":["Open Settings and privacy"],"title":"Limit who can see your past posts",'
     b'"why":"Old public posts are the first thing a search finds."}').hexdigest()[:12]
NAME_FP = hashlib.sha256(b'{"name":"Facebook"}').hexdigest()[:12]
PACK = f"""\
id = "facebook"
name = "Facebook"
kind = "platform"
domains = ["facebook.com"]
last_reviewed = 2026-06-01
sources = ["https://www.facebook.com/help/"]

[[items]]
id = "past-posts"
title = "Limit who can see your past posts"
why = "Old public posts are the first thing a search finds."
steps = ["Open Settings and privacy"]
settings_url = "https://www.facebook.com/settings/?tab=privacy"
recommended = "Friends"
priority = "essential"
minutes = 2
evidence = "platform"
source = "https://www.facebook.com/help/1"
checked = 2026-06-01

[[items]]
id = "tags"
title = "Review tags before they appear"
why = "Friends can tag you in photos anyone can see."
steps = ["Open Settings and privacy", "Turn on Review tags"]
settings_url = "https://www.facebook.com/settings/?tab=timeline"
recommended = "On"
priority = "essential"
minutes = 2
evidence = "platform"
source = "https://www.facebook.com/help/2"
checked = 2026-06-01

[[items]]
id = "old-posts"
title = "Limit old posts"
why = "Old posts resurface."
steps = ["Open Settings"]
settings_url = "https://www.facebook.com/settings/?tab=privacy"
recommended = "Friends"
priority = "recommended"
minutes = 1
evidence = "platform"
source = "https://www.facebook.com/help/3"
checked = 2026-06-01

[translations.cy]
name = "Facebook"
fingerprint = "{NAME_FP}"

[translations.cy.items.past-posts]
fingerprint = "{PAST_POSTS_FP}"
title = "Cyfyngu ar bwy sy'n gallu gweld eich hen bostiadau"
why = "Hen bostiadau cyhoeddus yw'r peth cyntaf y mae chwiliad yn ei ddarganfod."
steps = ["Agorwch ‘Settings and privacy’."]
recommended = "Ffrindiau"

[translations.cy.items.tags]
fingerprint = "0123456789ab"
title = "Adolygu tagiau cyn iddyn nhw ymddangos"
why = "Gall ffrindiau eich tagio mewn lluniau."
steps = ["Agorwch ‘Settings and privacy’.", "Trowch ‘Review tags’ ymlaen"]
recommended = "Ymlaen"
"""


@pytest.fixture
def welsh():
    i18n.set_language(i18n.WELSH)
    yield
    i18n.set_language(i18n.ENGLISH)


def labels(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]


def load_pack(tmp_path: Path):
    path = tmp_path / "facebook.toml"
    path.write_text(PACK, encoding="utf-8")
    pack, problems = validate_file(path)
    assert not problems, problems
    return pack


def test_dates_are_written_in_the_language_the_window_speaks(welsh):
    assert day(date(2026, 11, 23)) == "23 Tachwedd 2026"
    assert day(datetime(2027, 2, 1, 9, 5)) == "1 Chwefror 2027"
    assert time_of_day(datetime(2027, 2, 1, 9, 5, 7)) == "09:05:07"
    assert qt_locale().name() == "cy_GB"
    i18n.set_language(i18n.ENGLISH)
    assert day(date(2026, 11, 23)) == "23 November 2026" and qt_locale().name() == "en_GB"


def test_checklist_items_in_welsh_say_plainly_when_they_are_english_or_out_of_date(qtbot, tmp_path, welsh):
    pack = load_pack(tmp_path).localised(i18n.current_language())
    cards = {}
    for item in pack.items:
        card = ItemCard(item, ItemState(), open_url=lambda url: True)
        qtbot.addWidget(card)
        cards[item.id] = labels(card)
    assert "Cyfyngu ar bwy sy'n gallu gweld eich hen bostiadau" in cards["past-posts"]
    assert not any("Ddim yn Gymraeg eto" in t or "wedi newid" in t for t in cards["past-posts"])
    assert "Adolygu tagiau cyn iddyn nhw ymddangos" in cards["tags"]
    assert "Mae'r Saesneg wedi newid ers i hyn gael ei gyfieithu." in cards["tags"]
    assert "Limit old posts" in cards["old-posts"]
    assert "Ddim yn Gymraeg eto: yn cael ei ddangos yn Saesneg." in cards["old-posts"]
    # The checklist's own date, in Welsh month names.
    view = PackView(pack, list(pack.items), {}, SimpleNamespace(open_url=lambda url: True, session=None))
    qtbot.addWidget(view)
    assert any("1 Mehefin 2026" in t for t in labels(view)), labels(view)  # June, in Welsh


def test_in_english_no_item_carries_a_language_note(qtbot, tmp_path):
    pack = load_pack(tmp_path).localised(i18n.ENGLISH)
    for item in pack.items:
        card = ItemCard(item, ItemState(), open_url=lambda url: True)
        qtbot.addWidget(card)
        assert card.language_notes == [] and item.title in labels(card)


def answer_when_shown(qtbot, press) -> None:
    """Answer the message box as a person would, once it is on screen."""
    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            QTimer.singleShot(10, answer)
            return
        press(box)
    QTimer.singleShot(0, answer)


def test_a_question_has_the_apps_own_buttons_and_answers_as_qt_would(qtbot):
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    seen = []

    def click_yes(box):
        seen.append(sorted(b.text() for b in box.findChildren(QPushButton)))
        next(b for b in box.buttons() if b.text() == "&Yes").click()

    answer_when_shown(qtbot, click_yes)
    assert plain_message(None, QMessageBox.Icon.Question, "Replace?", "It exists.", buttons) == \
        QMessageBox.StandardButton.Yes
    assert seen == [["&No", "&Yes"]]

    answer_when_shown(qtbot, lambda box: qtbot.keyClick(box, Qt.Key.Key_Escape))
    assert plain_message(None, QMessageBox.Icon.Question, "Replace?", "It exists.", buttons) == \
        QMessageBox.StandardButton.No  # Escape answers No, as with Qt's own buttons
    three = QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
    answer_when_shown(qtbot, lambda box: qtbot.keyClick(box, Qt.Key.Key_Escape))
    assert plain_message(None, QMessageBox.Icon.Question, "Save?", "Changed.", three) == \
        QMessageBox.StandardButton.Cancel
    answer_when_shown(qtbot, lambda box: qtbot.keyClick(box, Qt.Key.Key_Escape))
    assert plain_message(None, QMessageBox.Icon.Information, "Saved", "Done.") == QMessageBox.StandardButton.Ok

    answer_when_shown(qtbot, lambda box: qtbot.keyClick(box, Qt.Key.Key_Return))
    assert plain_message(None, QMessageBox.Icon.Question, "Open many?", "Nine tabs.", buttons,
                         default=QMessageBox.StandardButton.No) == QMessageBox.StandardButton.No


class Saved:
    def __init__(self):
        self.calls = []

    def __call__(self, key, value):
        self.calls.append((key, value))


def test_settings_offers_the_languages_in_their_own_names_and_saves_the_choice(qtbot):
    saved = Saved()
    dialog = SettingsDialog(EffectiveSettings(None, {}, environ={}), SimpleNamespace(
        where=lambda name: "Not set.", get=lambda name: None, persistent=True), saved)
    qtbot.addWidget(dialog)
    picker = dialog.language
    assert [picker.itemText(i) for i in range(picker.count())] == ["English", "Cymraeg"]
    assert picker.isEnabled() and picker.currentData() == "en"  # the language the window speaks now
    assert "next time you open SocialSafe" in dialog.language_note.text()
    picker.setCurrentIndex(picker.findData("cy"))
    assert saved.calls == [("ui.language", "cy")]
    assert dialog.language_note.text() == "Saved: SocialSafe will be in Cymraeg the next time you open it."


def test_a_language_the_policy_locks_is_shown_set_by_the_organisation(qtbot):
    policy = parse_policy_text('[organisation]\nname = "Cyngor Enghraifft"\n[language]\ndefault = "cy"\nlocked = true\n')
    saved = Saved()
    dialog = SettingsDialog(EffectiveSettings(policy, {}, environ={}), SimpleNamespace(
        where=lambda name: "Not set.", get=lambda name: None, persistent=True), saved)
    qtbot.addWidget(dialog)
    assert not dialog.language.isEnabled()
    assert dialog.language.currentData() == "cy"
    assert dialog.language_note.text() == "Set by Cyngor Enghraifft"
    assert saved.calls == []
