"""The demo from Welcome to a saved report with the keyboard alone: real key presses through the
X server (xdotool), nothing clicked and nothing called inside the app. What the person hears
is read through AT-SPI, as Orca reads it; what was saved is read from the demo's store and the
report file afterwards.

Every kind of choice is made at least once: Done, Not for me, Later, Not me, Me, fine,
Me, needs action, a note, a field reached by its mnemonic, and a step opened from the list
of steps. A search is run inside the app (the demo answers from stored pages) and its end is
announced; so is the saved report."""

from __future__ import annotations

from socialsafe_desktop.configuration import app_catalogue, effective_settings
from socialsafe_desktop.paths import resolve_paths
from socialsafe_desktop.store import AuditStore
from socialsafe_desktop.store.demo import demo_database

NOTE = "Ask them to take the photo down"
CHECKLIST_NOTE = "Friends only now"


class Person:
    """Keys in, speech out."""

    def __init__(self, reader):
        self.reader = reader

    def key(self, *keys: str) -> None:
        self.reader.ask("key", keys=list(keys))

    def type(self, text: str) -> None:
        self.reader.ask("type", text=text)

    def tab_to(self, wanted, what: str, limit: int = 400) -> dict:
        """Press Tab until the focused control is the one wanted (as a sighted person would
        look at the screen, a screen reader user listens)."""
        for _ in range(limit):
            focused = self.reader.ask("press_for_focus", keys=["Tab"], timeout=3)
            if focused and wanted(focused):
                return focused
        raise AssertionError(f"Tab never reached {what}")

    def wait_step(self, title: str) -> None:
        assert self.reader.ask("wait_window", title=title, timeout=30), f"{title} did not open"

    def wait_checked(self, name: str, checked: bool = True) -> None:
        assert self.reader.ask("wait_state", name=name, role="check box", state="checked", present=checked,
                               timeout=10), f"{name!r} is not {'checked' if checked else 'unchecked'}"

    def heard(self, text: str, timeout: float = 30) -> str:
        said = self.reader.ask("wait_announcement", contains=text, timeout=timeout)
        assert said, f"a screen reader was not told {text!r}"
        return said


def unchosen_answer(prefix: str, taken: set[str]):
    """An answer starting with prefix ("Done: ") for an item not answered in this walk."""
    def wanted(focused: dict) -> bool:
        name = focused["name"]
        return (focused["role"] == "check box" and name.startswith(prefix) and "checked" not in focused["states"]
                and name.split(": ", 1)[1] not in taken)
    return wanted


def test_welcome_to_saved_report_with_the_keyboard_alone(start_app, tmp_path):
    app = start_app("--demo")
    person = Person(app.reader)
    person.wait_step("Welcome")
    answered: dict[str, str] = {}

    # The list of steps: it has focus at the start; Down opens the next step.
    focused = app.reader.ask("focused")
    assert focused and focused["role"] in ("list", "list item"), focused
    person.key("Down")
    person.wait_step("About you")

    # A mnemonic: Alt+E goes to Employer, wherever it is on the page.
    person.key("alt+e")
    assert app.reader.ask("wait_focus", name="Employer", timeout=10)
    person.key("End")
    person.type(" (Health)")

    # Search yourself: inside the app (the arrow key moves within the radio group), run.
    person.key("alt+n")
    person.wait_step("Search yourself")
    person.tab_to(lambda f: f["role"] == "radio button", "where to search")
    person.key("Down")
    assert app.reader.ask("wait_state", name="Search inside this app", role="radio button", state="checked", timeout=10)
    person.key("alt+r")
    person.heard("Finished", timeout=60)
    progress = [e for kind in ("object:property-change:accessible-value", "object:value-changed")
                for e in app.reader.ask("events", kind=kind) if e["role"] == "progress bar"]
    assert progress, "the searches' progress bar told a screen reader nothing as it moved"

    # What was found: Not me, Me fine, Me needs action on three pages, and a note.
    person.key("alt+2")
    for prefix in ("Not me: ", "Me, fine: ", "Me, needs action: "):
        target = person.tab_to(unchosen_answer(prefix, set(answered)), prefix)
        person.key("space")
        person.wait_checked(target["name"])
        answered[target["name"].split(": ", 1)[1]] = prefix.rstrip(": ")
    note = person.tab_to(lambda f: f["name"].startswith("Note: "), "the note of that page")
    assert note["name"] == f"Note: {target['name'].split(': ', 1)[1]}"  # the same page's note
    person.type(NOTE)

    # Past Forgotten accounts (nothing is checked unless the person asks) and Your platforms to
    # Privacy settings: Done (Space), Not for me (Enter), Later (Space), a note.
    person.key("alt+n")
    person.wait_step("Forgotten accounts")
    person.key("alt+n")
    person.wait_step("Your platforms")
    person.key("alt+n")
    person.wait_step("Privacy settings")
    items: dict[str, str] = {}
    for prefix, key in (("Done: ", "space"), ("Not for me: ", "Return"), ("Later: ", "space")):
        target = person.tab_to(unchosen_answer(prefix, set(items)), prefix)
        person.key(key)
        person.wait_checked(target["name"])
        items[target["name"].split(": ", 1)[1]] = prefix.rstrip(": ")
        person.heard("sorted")
    person.tab_to(lambda f: f["name"].startswith("Note: "), "a note")
    person.type(CHECKLIST_NOTE)

    # Habits, what changed since the demo's earlier check, then the plan: Save my report is the
    # step's main button (Alt+S).
    person.key("alt+n")
    person.wait_step("Habits and policy")
    person.key("alt+n")
    person.wait_step("What changed")  # the demo person has an earlier check to compare with
    person.key("alt+n")
    person.wait_step("Your action plan")
    person.key("alt+s")
    person.wait_step("Save your report")  # Qt's own file dialog: its name field has focus
    report = tmp_path / "my-report.html"
    person.key("ctrl+a")
    person.type(str(report))
    person.key("Return")
    person.wait_step("Report saved")
    person.key("Escape")  # No, do not open it now
    person.heard("Saved my-report.html")
    person.wait_step("Your action plan")
    person.key("alt+F4")
    app.proc.wait(30)

    html = report.read_text(encoding="utf-8")
    assert NOTE in html and CHECKLIST_NOTE in html
    store = AuditStore.open(demo_database(resolve_paths(tmp_path / "data").demo_dir), read_only=True)
    try:
        decisions = {f.title: (f.decision, f.note) for f in store.findings()}
        catalogue = app_catalogue(effective_settings(None))
        states = {catalogue.item(key).title: state for key, state in store.item_states().items()
                  if catalogue.item(key) is not None}
        employer = store.profile().employer
    finally:
        store.close()
    expected = {"Not me": "not_me", "Me, fine": "me_fine", "Me, needs action": "me_action"}
    for title, answer in answered.items():
        assert decisions[title][0] == expected[answer], title
    assert decisions[target_title(answered, "Me, needs action")][1] == NOTE
    expected = {"Done": "done", "Not for me": "not_for_me", "Later": "later"}
    assert {title: states[title].status for title in items} == {t: expected[a] for t, a in items.items()}
    assert any(state.note == CHECKLIST_NOTE for state in states.values())
    assert employer.endswith(" (Health)")


def target_title(answered: dict[str, str], answer: str) -> str:
    return next(title for title, given in answered.items() if given == answer)
