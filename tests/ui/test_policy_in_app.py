"""What a managed policy changes in the window and the report."""

from PySide6.QtCore import Qt

from socialsafe_desktop.core.profile import PersonName, Profile

POLICY = """
[organisation]
name = "Northwick Example Council"
accent_colour = "#7a1f5f"
policy_url = "https://intranet.example.org/social-media"
contacts = [{ role = "Safeguarding lead", name = "Duty officer", contact = "safe@example.org" }]
report_footer = "Questions? Ask the digital team."

[checklists]
disable = ["tiktok", "facebook:past-posts"]

[search]
modes = ["browser"]
searxng_url = "https://search.example.org"

[audit]
recheck_months = 6
"""


def write_policy(tmp_path, monkeypatch, text=POLICY):
    path = tmp_path / "policy.toml"
    path.write_text(text)
    monkeypatch.setenv("SOCIALSAFE_POLICY", str(path))
    return path


def test_policy_brands_the_app_and_limits_features(open_app, tmp_path, monkeypatch, qtbot):
    write_policy(tmp_path, monkeypatch)
    opened = open_app()
    ctx, window = opened.ctx, opened.window
    welcome = window.current_page()
    assert welcome.managed is not None and welcome.managed.text() == "Managed by Northwick Example Council"
    assert "#7a1f5f" in window.styleSheet()
    assert ctx.session.allowed_search_modes == ("browser",)
    assert ctx.session.search_settings.endpoint("searxng") == "https://search.example.org"
    assert "tiktok" not in ctx.catalogue.packs
    assert ctx.catalogue.item("facebook:past-posts") is None
    assert ctx.catalogue.item("facebook:future-posts") is not None
    assert ctx.session.recheck_months == 6


def test_policy_branding_reaches_the_exported_report(open_app, tmp_path, monkeypatch, qtbot):
    write_policy(tmp_path, monkeypatch)
    opened = open_app()
    opened.ctx.store.save_profile(Profile([PersonName("Pat Example")]))
    window = opened.window
    while window.next_button.isVisible():
        window.go_next()
    plan = window.current_page()
    plan.ask_save_path = lambda suggested: tmp_path / "r.html"
    plan.ask_open_now = lambda html: False
    qtbot.mouseClick(plan.export_button, Qt.MouseButton.LeftButton)
    html = (tmp_path / "r.html").read_text()
    assert "Northwick Example Council" in html and "Questions? Ask the digital team." in html
    assert "safe@example.org" in html


def test_a_broken_policy_never_stops_the_app_and_says_which_key(open_app, tmp_path, monkeypatch):
    write_policy(tmp_path, monkeypatch, '[organisation]\nname = "Example"\naccent_colour = "pink"\n')
    opened = open_app()
    assert any("accent_colour" in n for n in opened.ctx.notices)
    assert opened.window.current_page().managed.text() == "Managed by Example"
