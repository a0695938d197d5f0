"""Your platforms, Privacy settings and Habits, driven as a person would."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from socialsafe_desktop.core.audit import DONE, LATER, NOT_FOR_ME, ItemState
from socialsafe_desktop.core.checklists import ChecklistItem
from socialsafe_desktop.ui.checklist_view import ItemCard


def go(window, step_id):
    for _ in range(10):
        if window.flow.current.id == step_id:
            return window.page(step_id)
        window.go_next()
    raise AssertionError(f"could not reach {step_id}")


def platform_row(page, pack_id):
    for row in range(page.list.count()):
        item = page.list.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == pack_id:
            return item
    raise AssertionError(pack_id)


def test_choose_platforms_mark_items_add_note_reopen_all_restored(app_window, qtbot):
    window = app_window.window
    page = go(window, "platforms")
    qtbot.keyClicks(page.filter, "insta")
    visible = [page.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(page.list.count())
               if not page.list.item(r).isHidden()]
    assert visible == ["instagram"]
    platform_row(page, "instagram").setCheckState(Qt.CheckState.Checked)
    page.filter.clear()
    platform_row(page, "facebook").setCheckState(Qt.CheckState.Checked)
    assert app_window.ctx.store.chosen_platforms() == {"instagram", "facebook"}
    assert "2 platforms chosen" in page.count.text()

    window.go_next()
    settings = window.current_page()
    assert [settings.pack_list.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(settings.pack_list.count())] == ["facebook", "instagram"]
    fb = settings.views["facebook"]
    first, second, third = fb.cards[:3]
    qtbot.mouseClick(first.status_buttons[DONE], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(second.status_buttons[LATER], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(third.status_buttons[NOT_FOR_ME], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(third.status_buttons[DONE], Qt.MouseButton.LeftButton)  # change of mind
    qtbot.keyClicks(second.note, "do on phone")
    assert settings.overall.text().startswith("2 of ") and "1 later" in settings.overall.text()
    assert settings.pack_list.item(0).text().startswith("Facebook  (2/")  # done + done; later is not sorted

    window = app_window.reopen()
    assert window.flow.current.id == "settings"
    settings = window.current_page()
    fb = settings.views["facebook"]
    assert fb.cards[0].status() == DONE and fb.cards[1].status() == LATER and fb.cards[2].status() == DONE
    assert fb.cards[1].note.text() == "do on phone"
    states = app_window.ctx.store.item_states()
    assert states[fb.cards[1].item.key] == ItemState(LATER, "do on phone", states[fb.cards[1].item.key].updated_at)


def test_clicking_the_chosen_status_again_takes_it_back(app_window, qtbot):
    app_window.ctx.store.set_platform("x", True)
    settings = go(app_window.window, "settings")
    card = settings.views["x"].cards[0]
    qtbot.mouseClick(card.status_buttons[DONE], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(card.status_buttons[DONE], Qt.MouseButton.LeftButton)
    assert card.status() == ""
    assert app_window.ctx.store.item_states()[card.item.key].status == ""


def test_open_this_setting_opens_the_exact_url(app_window, qtbot):
    app_window.ctx.store.set_platform("linkedin", True)
    settings = go(app_window.window, "settings")
    card = settings.views["linkedin"].cards[0]
    qtbot.mouseClick(card.open_button, Qt.MouseButton.LeftButton)
    assert app_window.opened_urls == [card.item.settings_url]
    assert card.item.settings_url.startswith("https://")


def test_a_javascript_link_is_never_opened(app_window, qtbot):
    item = ChecklistItem("evil", "x", "Title", "Why", ("step",), (), "javascript:alert(1)", "On",
                         "essential", 1, None, "organisation")
    card = ItemCard(item, ItemState(), app_window.ctx.open_url)
    qtbot.addWidget(card)
    assert not card.open_button.isEnabled()
    card.open_button.click()  # even if it were pressed
    assert app_window.ctx.open_url("javascript:alert(1)") is False
    assert app_window.opened_urls == []


def test_essentials_only_switch_changes_the_list_and_is_remembered(app_window, qtbot):
    app_window.ctx.store.set_platform("facebook", True)
    settings = go(app_window.window, "settings")
    essentials = len(settings.views["facebook"].cards)
    assert settings.essentials.isChecked()
    assert all(c.item.priority == "essential" for c in settings.views["facebook"].cards)
    qtbot.mouseClick(settings.essentials, Qt.MouseButton.LeftButton)
    assert len(settings.views["facebook"].cards) > essentials
    window = app_window.reopen()
    assert not window.current_page().essentials.isChecked()


def test_habits_step_lists_the_habits_pack_and_saves(app_window, qtbot):
    habits = go(app_window.window, "habits")
    cards = habits.views["habits"].cards
    assert cards and not habits.pack_list.isVisible()
    qtbot.mouseClick(cards[0].status_buttons[DONE], Qt.MouseButton.LeftButton)
    assert app_window.ctx.store.item_states()[cards[0].item.key].status == DONE


def test_plan_counts_statuses_and_shows_next_three_actions(app_window, qtbot):
    app_window.ctx.store.set_platform("instagram", True)
    settings = go(app_window.window, "settings")
    for card in settings.views["instagram"].cards[:2]:
        qtbot.mouseClick(card.status_buttons[DONE], Qt.MouseButton.LeftButton)
    plan = go(app_window.window, "plan")
    assert plan.overall.text().startswith("2 of ")
    texts = [w.text() for w in plan.next_card.findChildren(QLabel) if w.text().startswith(("1.", "2.", "3."))]
    assert len(texts) == 3 and "Instagram" in " ".join(texts) + " " + plan.per_pack.text()


def test_a_broken_pack_is_skipped_with_a_visible_warning(open_app, tmp_path, monkeypatch):
    org = tmp_path / "org"
    org.mkdir()
    (org / "broken.toml").write_text('id = "broken"\nname = "Broken\n')
    monkeypatch.setenv("SOCIALSAFE_CHECKLIST_PATH", str(org))
    opened = open_app()
    window = opened.window
    page = go(window, "platforms")
    assert page.problems.isVisible() and "broken.toml" in page.problems.text()
    assert page.list.count() >= 12  # the good packs still load


def test_checklist_text_with_markup_is_shown_literally_even_in_tooltips(app_window, qtbot):
    from PySide6.QtWidgets import QLabel

    item = ChecklistItem("org", "x", "<b>Bold</b> title", "<img src=x> why", ("<script>step</script>",), (),
                         "https://intranet.example/<h1>Click_here</h1>", "<i>On</i>", "essential", 1, None,
                         "organisation")
    card = ItemCard(item, ItemState(), app_window.ctx.open_url)
    qtbot.addWidget(card)
    labels = card.findChildren(QLabel)
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels if label.text() != "Note:")
    assert any(label.text() == "<b>Bold</b> title" for label in labels)
    tooltip = card.open_button.toolTip()
    assert "<h1>" not in tooltip and "&lt;h1&gt;" in tooltip


def test_own_advice_and_unconfirmed_evidence_are_labelled(app_window, qtbot):
    from datetime import date

    item = ChecklistItem("habits", "x", "Title", "Why", ("step",), (), None, "On", "essential", 1,
                         "000_eb0acd88cd59338e.txt", "app", own_advice="<b>Ours</b>, not the seed's.")
    card = ItemCard(item, ItemState(), app_window.ctx.open_url)
    qtbot.addWidget(card)
    texts = [label.text() for label in card.findChildren(QLabel)]
    assert "SocialSafe's own advice: <b>Ours</b>, not the seed's." in texts
    assert not any("independent guides" in t or "Not yet confirmed" in t for t in texts)

    guessed = ChecklistItem("x", "y", "Title", "Why", ("step",), (), "https://x.com/settings", "On",
                            "essential", 1, None, "app", evidence="unconfirmed", checked=date(2026, 1, 1))
    card = ItemCard(guessed, ItemState(), app_window.ctx.open_url)
    qtbot.addWidget(card)
    texts = [label.text() for label in card.findChildren(QLabel)]
    assert any(t.startswith("Not yet confirmed against the platform's help pages") for t in texts)
    assert not any(t.startswith("SocialSafe's own advice") for t in texts)
