"""Drive the wizard as a person would: type, click, Tab and Enter; close and reopen."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from socialsafe_desktop.core.profile import Handle, PersonName


def about_page(window):
    return window.page("about")


def go_to_about(qtbot, window):
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert window.flow.current.id == "about"
    return about_page(window)


def test_first_start_shows_welcome_with_where_data_is_kept(app_window):
    window = app_window.window
    assert window.flow.current.id == "welcome"
    assert window.title.text() == "Welcome"
    assert not window.back_button.isEnabled()
    texts = [label.text() for label in window.page("welcome").findChildren(QLabel)]
    assert any(str(app_window.paths.data_dir) in t for t in texts)
    assert any("About you" in t for t in texts)  # the journey list comes from the built steps


def test_fill_about_you_close_reopen_everything_restored(app_window, qtbot):
    window = app_window.window
    page = go_to_about(qtbot, window)
    qtbot.keyClicks(page.names.rows[0][0], "Sam Doe")
    qtbot.mouseClick(page.names.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.names.rows[1][0], "Sam Roe")
    page.names.rows[1][1].setCurrentIndex(page.names.rows[1][1].findData("previous"))
    qtbot.keyClicks(page.handles.rows[0][0], "@sam_teaches")
    page.handles.rows[0][1].setCurrentIndex(page.handles.rows[0][1].findData("instagram"))
    qtbot.keyClicks(page.emails.rows[0][0], "sam@example.org")
    qtbot.keyClicks(page.employer, "Example Primary School")
    page.role.setCurrentIndex(page.role.findData("teacher"))
    qtbot.keyClicks(page.town, "Exampleton")

    window = app_window.reopen()  # closing the window is enough: nothing waits for a "save"
    assert window.flow.current.id == "about"
    profile = app_window.ctx.store.profile()
    assert profile.names == [PersonName("Sam Doe", "current"), PersonName("Sam Roe", "previous")]
    assert profile.handles == [Handle("@sam_teaches", "instagram")]
    assert profile.emails == ["sam@example.org"]
    assert (profile.employer, profile.role, profile.town) == ("Example Primary School", "teacher", "Exampleton")
    page = about_page(window)
    assert [e.text() for e, *_ in page.names.rows] == ["Sam Doe", "Sam Roe"]
    assert page.names.rows[1][1].currentData() == "previous"
    assert page.employer.text() == "Example Primary School"
    assert page.role.currentData() == "teacher"


def test_invalid_email_shows_inline_message_and_is_kept(app_window, qtbot):
    page = go_to_about(qtbot, app_window.window)
    edit, _combo, _remove, error = page.emails.rows[0]
    qtbot.keyClicks(edit, "sam.example.org")
    assert error.isVisible() and "no @" in error.text()
    assert app_window.ctx.store.profile().emails == ["sam.example.org"]
    qtbot.keyClicks(edit, "@")
    edit.clear()
    qtbot.keyClicks(edit, "sam@example.org")
    assert not error.isVisible()


def test_remove_a_row(app_window, qtbot):
    page = go_to_about(qtbot, app_window.window)
    qtbot.keyClicks(page.names.rows[0][0], "Sam Doe")
    qtbot.mouseClick(page.names.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.names.rows[1][0], "Old Name")
    qtbot.mouseClick(page.names.rows[0][2], Qt.MouseButton.LeftButton)
    assert [n.text for n in app_window.ctx.store.profile().names] == ["Old Name"]


def test_visited_steps_can_be_revisited_from_the_step_list(app_window, qtbot):
    window = app_window.window
    assert not window.flow.can_go_to("plan")
    plan_item = window.step_list.item(window.step_list.count() - 1)
    assert not plan_item.flags() & Qt.ItemFlag.ItemIsEnabled
    while window.next_button.isVisible():
        qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert window.flow.current.id == "plan"
    assert not window.next_button.isVisible()
    window.step_list.itemClicked.emit(window.step_list.item(0))
    assert window.flow.current.id == "welcome"
    window = app_window.reopen()
    assert window.flow.current.id == "welcome"
    assert window.flow.can_go_to("plan")  # visited before the restart


def test_keyboard_only_through_every_step(app_window, qtbot):
    window = app_window.window
    visited = [window.flow.current.id]
    while window.next_button.isVisible():
        # Alt+N is the Next button's mnemonic; the button animates its click, so wait for the move.
        with qtbot.waitSignal(window.step_changed, timeout=2000):
            app_window.press(Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
        visited.append(window.flow.current.id)
        if window.flow.current.id == "about":
            page = about_page(window)
            page.names.rows[0][0].setFocus()
            qtbot.keyClicks(QApplication.focusWidget(), "Kim Lee")
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            assert QApplication.focusWidget() is page.names.rows[0][1]
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            assert QApplication.focusWidget() is page.names.rows[0][2]
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            assert QApplication.focusWidget() is page.names.add_button
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Enter presses the button
            assert len(page.names.rows) == 2 and QApplication.focusWidget() is page.names.rows[1][0]
            # Alt+E jumps to the Employer field through its label's mnemonic.
            app_window.press(Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
            assert QApplication.focusWidget() is page.employer
    assert visited == [s.id for s in window.flow.steps]
    with qtbot.waitSignal(window.step_changed, timeout=2000):
        app_window.press(Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert window.flow.current.id == visited[-2]
    window.back_button.setFocus()
    qtbot.keyClick(window.back_button, Qt.Key.Key_Return)
    assert window.flow.current.id == visited[-3]
    assert app_window.ctx.store.profile().names[0].text == "Kim Lee"


def test_step_list_is_reachable_and_usable_by_keyboard(app_window, qtbot):
    window = app_window.window
    app_window.press(Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    window.step_list.setFocus()
    qtbot.keyClick(window.step_list, Qt.Key.Key_Up)
    qtbot.keyClick(window.step_list, Qt.Key.Key_Return)
    assert window.flow.current.id == "welcome"


def test_next_check_date_is_saved(app_window, qtbot):
    window = app_window.window
    for _ in range(len(window.flow.steps) - 1):
        qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    page = window.page("plan")
    page.next_check.setDate(page.next_check.date().addDays(10))
    saved = app_window.ctx.store.next_check()
    assert saved is not None
    window = app_window.reopen()
    shown = window.page("plan").next_check.date()
    assert (shown.year(), shown.month(), shown.day()) == (saved.year, saved.month, saved.day)


def test_hostile_profile_text_is_shown_as_plain_text(app_window, qtbot):
    page = go_to_about(qtbot, app_window.window)
    qtbot.keyClicks(page.emails.rows[0][0], "<b>x</b>")
    error = page.emails.rows[0][3]
    assert error.textFormat() == Qt.TextFormat.PlainText


def test_a_corrupt_audit_is_moved_aside_and_the_person_is_told_where(open_app, tmp_path):
    from socialsafe_desktop.ui.widgets import PlainLabel

    data = tmp_path / "data"
    data.mkdir()
    (data / "socialsafe.db").write_bytes(b"this is not a database" * 50)
    opened = open_app(data)
    notices = [w.text() for w in opened.window.findChildren(PlainLabel) if w.property("role") == "notice"]
    assert len(notices) == 1 and "Nothing was deleted" in notices[0]
    moved = [p for p in data.iterdir() if p.name.startswith("socialsafe.db.unreadable-")]
    assert len(moved) == 1 and str(moved[0]) in notices[0]
    assert opened.window.flow.current.id == "welcome"  # a fresh start


def test_job_words_in_searches_follow_the_language_chosen_for_them_not_the_window(app_window, qtbot):
    window = app_window.window
    page = go_to_about(qtbot, window)
    qtbot.keyClicks(page.names.rows[0][0], "Sam Doe")
    page.role.setCurrentIndex(page.role.findData("teacher"))
    page.role.setFocus()
    app_window.press(Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)  # "&Job words in searches"
    assert QApplication.focusWidget() is page.search_languages
    assert page.search_languages.currentData() == "en"
    app_window.press(Qt.Key.Key_Down)  # English -> Welsh
    app_window.press(Qt.Key.Key_Down)  # Welsh -> English and Welsh
    assert app_window.ctx.store.profile().search_languages == "both"
    searches = [e.search.text for e in app_window.ctx.session.plan.sync()]
    assert '"Sam Doe" teacher' in searches and '"Sam Doe" athro' in searches  # the window is in English
    window = app_window.reopen()
    assert about_page(window).search_languages.currentData() == "both"
