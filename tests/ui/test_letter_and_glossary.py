"""The removal request letter (from a finding's card and from the plan) and Words explained
(from the checklist steps), driven by keyboard and mouse as a person would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from socialsafe_desktop.app.report import build_report_input
from socialsafe_desktop.core.audit import ME_ACTION
from socialsafe_desktop.core.profile import PersonName, Profile
from socialsafe_desktop.report import render_report
from socialsafe_desktop.ui.glossary_dialog import GlossaryDialog
from socialsafe_desktop.ui.letter_dialog import LetterDialog

LEFT = Qt.MouseButton.LeftButton
PAGE = "https://people-finder.example.net/uk/robin-quill/exampleton"
PROFILE = Profile([PersonName("Robin Quill")], emails=["robin.quill@example.org"], town="Exampleton")
# Words only the letter has: none of them may reach a report.
LETTER_ONLY = ("Dear Sir or Madam", "Article 17", "Request to erase my personal data", "Wycliffe House",
               "Yours faithfully")


def go(window, step_id):
    window.flow.go_to("about")
    while window.flow.current.id != step_id:
        window.go_next()
    return window.current_page()


def bring_up(qtbot, dialog: QDialog) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


def test_letter_from_the_card_and_the_plan_holds_the_person_and_the_page(app_window, qtbot, tmp_path):
    session = app_window.ctx.session
    session.save_profile(PROFILE)
    session.findings.add_pasted(PAGE, title="Robin Quill, Exampleton: address and phone")
    window = app_window.window
    page = go(window, "search")
    app_window.press(Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # "&2. What was found"
    qtbot.waitUntil(page.results.settled)
    (card,) = page.results.cards.values()
    qtbot.mouseClick(card.decision_buttons[ME_ACTION], LEFT)
    assert card.letter_button is not None and card.letter_button.isHidden()  # no action chosen yet
    card.action.setFocus()
    QTest.keyClicks(card.action, "Ask the site")  # a closed list box selects by typing
    assert card.action.currentData() == "ask_site"
    qtbot.waitUntil(lambda: not card.letter_button.isHidden())
    assert session.findings.all()[0].action == "ask_site"
    assert card.letter_button.accessibleName().startswith("Draft a removal request: Robin Quill")

    seen = {}

    def answer(dialog: LetterDialog) -> int:
        bring_up(qtbot, dialog)
        assert QApplication.focusWidget() is dialog.text  # the letter itself first
        letter = dialog.text.toPlainText()
        seen["letter"] = letter
        assert dialog.text.isReadOnly()
        assert "From: Robin Quill\n" in letter and f"  Address: {PAGE}\n" in letter
        assert "Reply to: robin.quill@example.org" in letter
        # Nothing is sent by the app, and the ICO is the route if the site does not answer.
        assert "SocialSafe has not sent this letter anywhere" in letter
        assert "does not send this letter" in " ".join(w.text() for w in dialog.findChildren(type(dialog.ico_note)))
        assert "ico.org.uk/make-a-complaint" in dialog.ico_note.text()
        # Tab leaves the letter for the buttons; Copy puts the whole letter on the clipboard.
        QTest.keyClick(dialog.text, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() in (dialog.copy_button, dialog.save_button, dialog.close_button)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: dialog.status.text().startswith("Copied."))  # a mnemonic clicks a moment later
        assert QApplication.clipboard().text() == letter
        # Save: the suggested name has the site and date, not the person; .txt is added.
        asked = []
        dialog.ask_save_path = lambda suggested: asked.append(suggested) or tmp_path / "for-the-site"
        QTest.keyClick(dialog.text, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: dialog.status.text().startswith("Saved"))
        assert asked[0].name.startswith("removal-request-people-finder.example.net-")
        assert "robin" not in asked[0].name.lower()
        saved = tmp_path / "for-the-site.txt"
        assert saved.read_text("utf-8") == letter
        assert dialog.status.text() == f"Saved as {saved}."
        QTest.keyClick(dialog.text, Qt.Key.Key_Escape)
        return dialog.result()

    page.results.show_dialog = answer
    qtbot.mouseClick(card.letter_button, LEFT)
    assert "letter" in seen

    # The plan step offers the same letter beside the page's other places to act.
    plan = go(window, "plan")
    (button,) = [b for b in plan.action_buttons if b.text() == "Draft a removal request…"]
    assert button.accessibleName() == "Draft a removal request: Robin Quill, Exampleton: address and phone"
    labels = [b.text() for b in plan.action_buttons]
    assert labels.index("Open the page") < labels.index("Draft a removal request…")
    again = {}

    def answer_in_plan(dialog: LetterDialog) -> int:
        bring_up(qtbot, dialog)
        again["letter"] = dialog.text.toPlainText()
        dialog.reject()
        return dialog.result()

    plan.show_dialog = answer_in_plan
    qtbot.mouseClick(button, LEFT)
    assert again["letter"] == seen["letter"]

    # No report carries the letter: it is never stored, so neither copy can have it.
    data = build_report_input(session)
    full, redacted = render_report(data), render_report(data, redact=True)
    assert "people-finder.example.net" in full  # the finding itself is in the full report
    for document in (full, redacted):
        for words in LETTER_ONLY:
            assert words not in document
    assert "Robin" not in redacted and "robin.quill@example.org" not in redacted


def test_a_page_with_another_action_offers_no_letter(app_window, qtbot):
    session = app_window.ctx.session
    session.save_profile(PROFILE)
    added = session.findings.add_pasted(PAGE)
    url = added.added[0].normalised_url
    session.findings.decide(url, ME_ACTION)
    session.findings.set_action(url, "delete_post")
    plan = go(app_window.window, "plan")
    assert all(b.text() != "Draft a removal request…" for b in plan.action_buttons)
    page = go(app_window.window, "search")
    qtbot.waitUntil(page.results.settled)
    (card,) = page.results.cards.values()
    assert card.letter_button is not None and card.letter_button.isHidden()


def test_words_explained_from_the_settings_and_habits_steps(app_window, qtbot):
    window = app_window.window
    for step in ("settings", "habits"):
        page = go(window, step)
        assert page.words_button.accessibleName().startswith("Words explained")
        opened: list[GlossaryDialog] = []
        # The page shows the dialog; the person then uses it (checked below, outside the click).
        page.show_dialog = lambda dialog, opened=opened: opened.append(dialog) or dialog.show() or 0
        window.activateWindow()  # back from the dialog, as a person's desktop would do
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        app_window.press(Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # "&Words explained…"
        qtbot.waitUntil(lambda opened=opened: bool(opened))  # a mnemonic clicks a moment later
        (dialog,) = opened
        bring_up(qtbot, dialog)
        assert dialog.windowTitle() == "Words explained"
        assert QApplication.focusWidget() is dialog.find  # the first field
        everything = dialog.text.toPlainText()
        assert "2-step verification\nA second check when you sign in" in everything
        assert "Also called: two-factor authentication" in everything
        QTest.keyClicks(dialog.find, "authenticator")
        shown = dialog.text.toPlainText()
        assert shown.startswith("authenticator app\nA free app on your phone")
        assert "passkey" not in shown and "2-step verification\n" not in shown
        assert dialog.count.text() == f"1 of {len(dialog.glossary.terms)} words shown."
        dialog.find.clear()
        QTest.keyClicks(dialog.find, "2FA")  # a platform's own name finds SocialSafe's word
        assert dialog.text.toPlainText().startswith("2-step verification\n")
        QTest.keyClicks(dialog.find, "zzz")
        assert dialog.text.toPlainText() == "" and dialog.count.text().startswith("No word matches")
        QTest.keyClick(dialog.find, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is dialog.text
        QTest.keyClick(dialog.text, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is dialog.close_button
        QTest.keyClick(dialog.close_button, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda dialog=dialog: not dialog.isVisible())
