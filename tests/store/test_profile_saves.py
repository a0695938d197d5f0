"""A profile save changes only what its caller changed: a screen holding an old copy of the
profile (another window, another program) never writes back values changed meanwhile."""

from __future__ import annotations

from socialsafe_desktop.core.profile import Handle, PersonName, Profile
from socialsafe_desktop.store import AuditStore


def two_windows(tmp_path):
    path = tmp_path / "socialsafe.db"
    AuditStore.open(path).close()
    return AuditStore.open(path), AuditStore.open(path)


def test_an_email_saved_elsewhere_survives_a_name_typed_on_a_stale_screen(tmp_path):
    a, b = two_windows(tmp_path)
    try:
        screen_a = a.profile()  # both windows show the empty profile
        screen_b = b.profile()
        screen_b.emails = ["sam@example.org"]
        b.save_profile(screen_b)
        screen_a.names = [PersonName("Sam Doe")]  # window A still shows no email
        a.save_profile(screen_a)
        saved = AuditStore.open(tmp_path / "socialsafe.db")
        try:
            assert saved.profile().names == [PersonName("Sam Doe")]
            assert saved.profile().emails == ["sam@example.org"]
        finally:
            saved.close()
    finally:
        a.close()
        b.close()


def test_typing_on_goes_on_keeping_the_other_change(tmp_path):
    # Every keystroke is a save of the whole page; the second and later ones must not drop
    # the email either, though this screen never showed it.
    a, b = two_windows(tmp_path)
    try:
        screen_a = a.profile()
        screen_b = b.profile()
        screen_b.emails = ["sam@example.org"]
        b.save_profile(screen_b)
        for typed in ("S", "Sa", "Sam"):
            screen_a.names = [PersonName(typed)]
            a.save_profile(screen_a)
        assert b.profile().emails == ["sam@example.org"] and b.profile().display_name == "Sam"
    finally:
        a.close()
        b.close()


def test_a_field_cleared_on_purpose_is_cleared(tmp_path):
    a, b = two_windows(tmp_path)
    try:
        start = Profile([PersonName("Sam Doe")], [Handle("@samdoe")], phone="+44 7700 900123")
        a.save_profile(start)
        screen_a = a.profile()
        screen_b = b.profile()
        screen_b.town = "Leeds"
        b.save_profile(screen_b)
        screen_a.phone = ""  # A removes the phone number it can see
        returned = a.save_profile(screen_a)
        assert returned.phone == "" and returned.town == "Leeds" and returned.handles == [Handle("@samdoe")]
        assert b.profile() == returned
    finally:
        a.close()
        b.close()


def test_a_single_window_saves_exactly_what_it_shows(tmp_path):
    store = AuditStore.open(tmp_path / "socialsafe.db")
    try:
        shown = store.profile()
        shown.names = [PersonName("Sam Doe")]
        shown.employer = "Riverside Academy"
        store.save_profile(shown)
        shown.employer = ""
        store.save_profile(shown)
        assert store.profile() == Profile([PersonName("Sam Doe")])
    finally:
        store.close()
