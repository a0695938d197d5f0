"""Exporting the report from the action-plan step."""

from PySide6.QtCore import Qt

from socialsafe_desktop.core.profile import PersonName, Profile


def to_plan(window):
    while window.next_button.isVisible():
        window.go_next()
    return window.current_page()


def test_save_report_then_offer_to_open_it(app_window, qtbot, tmp_path):
    app_window.ctx.store.save_profile(Profile([PersonName("Robin Exampleson")], emails=["robin@example.org"]))
    app_window.ctx.store.set_platform("facebook", True)
    plan = to_plan(app_window.window)
    target = tmp_path / "out" / "my-plan"
    target.parent.mkdir()
    asked = []
    plan.ask_save_path = lambda suggested: asked.append(suggested) or target
    plan.ask_open_now = lambda html: True
    opened = []
    app_window.ctx.file_opener = lambda path: opened.append(path) or True
    qtbot.mouseClick(plan.export_button, Qt.MouseButton.LeftButton)
    html = tmp_path / "out" / "my-plan.html"
    assert html.exists() and (tmp_path / "out" / "my-plan.ics").exists()
    assert asked[0].name.startswith("socialsafe-report-") and asked[0].suffix == ".html"
    assert "Robin Exampleson" in html.read_text()
    assert opened == [str(html)]
    assert "my-plan.html" in plan.export_status.text()


def test_redacted_export_has_no_name(app_window, qtbot, tmp_path):
    app_window.ctx.store.save_profile(Profile([PersonName("Robin Exampleson")], emails=["robin@example.org"]))
    plan = to_plan(app_window.window)
    plan.redact.setChecked(True)
    plan.ask_save_path = lambda suggested: tmp_path / "r.html"
    plan.ask_open_now = lambda html: False
    qtbot.mouseClick(plan.export_button, Qt.MouseButton.LeftButton)
    text = (tmp_path / "r.html").read_text().lower()
    assert "exampleson" not in text and "robin@example.org" not in text


def test_a_failed_save_is_explained_and_nothing_opens(app_window, qtbot, tmp_path):
    plan = to_plan(app_window.window)
    plan.ask_save_path = lambda suggested: tmp_path / "missing-folder" / "r.html"
    plan.ask_open_now = lambda html: (_ for _ in ()).throw(AssertionError("must not ask"))
    qtbot.mouseClick(plan.export_button, Qt.MouseButton.LeftButton)
    assert "does not exist" in plan.export_status.text()


def test_cancelling_the_save_dialog_does_nothing(app_window, qtbot, tmp_path):
    plan = to_plan(app_window.window)
    plan.ask_save_path = lambda suggested: None
    qtbot.mouseClick(plan.export_button, Qt.MouseButton.LeftButton)
    assert plan.export_status.text() == ""


def test_existing_files_that_the_dialog_did_not_ask_about_are_not_replaced_silently(app_window, qtbot, tmp_path):
    plan = to_plan(app_window.window)
    (tmp_path / "plan.ics").write_text("my own calendar file")
    plan.ask_save_path = lambda suggested: tmp_path / "plan.html"
    plan.ask_open_now = lambda html: False
    asked = []
    plan.ask_replace = lambda files: asked.append(files) or False
    qtbot.mouseClick(plan.export_button, Qt.MouseButton.LeftButton)
    assert asked == [[tmp_path / "plan.ics"]]
    assert (tmp_path / "plan.ics").read_text() == "my own calendar file" and not (tmp_path / "plan.html").exists()
    plan.ask_replace = lambda files: True
    qtbot.mouseClick(plan.export_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "plan.html").exists() and "BEGIN:VCALENDAR" in (tmp_path / "plan.ics").read_text()


def test_an_overdue_next_check_is_shown_as_it_is(app_window, qtbot):
    from datetime import date

    app_window.ctx.store.set_next_check(date(2025, 1, 10))
    plan = to_plan(app_window.window)
    shown = plan.next_check.date()
    assert (shown.year(), shown.month(), shown.day()) == (2025, 1, 10)
    assert app_window.ctx.store.next_check() == date(2025, 1, 10)
