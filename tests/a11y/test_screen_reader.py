"""Every step of the demo as a screen reader and a keyboard see it, on a real X desktop through
the AT-SPI bus, at a projector's 1366×768 with the largest text."""

from __future__ import annotations

import json
from pathlib import Path

from a11y_walk import tab_walk

from socialsafe_desktop.ui import style

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "a11y"
LARGEST_TEXT_PRESSES = round((style.MAX_SCALE - 1.0) / style.SCALE_STEP)


def step_titles(tree: list[dict]) -> list[str]:
    """The steps, as the sidebar lists them ("3. Search yourself (not reached yet)" -> "Search yourself")."""
    steps = next(n for n in tree if n["role"] == "list" and n["name"] == "Steps of the audit")
    return [n["name"].split(".", 1)[1].removesuffix("(not reached yet)").strip()
            for n in tree if n["parent"] == steps["path"]]


def test_every_step_every_control_reached_by_tab_named_and_in_view(start_app):
    app = start_app("--demo")
    reader = app.reader
    assert reader.ask("wait_window", title="Welcome", timeout=60), app.output()
    for _ in range(LARGEST_TEXT_PRESSES):
        reader.ask("key", keys=["ctrl+equal"])
    # Said aloud, so a screen reader user knows too; and the walk starts once it is done.
    assert reader.ask("wait_announcement", contains=f"Text size {round(style.MAX_SCALE * 100)}%", timeout=30)
    titles = step_titles(reader.ask("tree"))
    walks = []
    for number, title in enumerate(titles):
        if number:
            reader.ask("key", keys=["alt+n"])
            assert reader.ask("wait_window", title=title, timeout=20), f"Alt+N did not open {title}"
        walks.append(tab_walk(reader, title))
        tree = reader.ask("tree")
        tabs = [n for n in tree if n["role"] == "page tab"]
        for tab in tabs[1:]:
            # Into the tab bar by Tab, then the arrow key: a tab bar is one stop with arrows inside.
            for _ in range(len(tree)):
                focused = reader.ask("press_for_focus", keys=["Tab"], timeout=3)
                if focused and focused["role"] in ("page tab", "page tab list"):
                    break
            reader.ask("key", keys=["Right"])
            assert reader.ask("wait_state", name=tab["name"], role="page tab", state="selected", timeout=10)
            walks.append(tab_walk(reader, f"{title} › {tab['name']}"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "tab-walk.json").write_text(json.dumps([w.figures() for w in walks], indent=2))
    problems = [w.figures() for w in walks if w.missed or w.invisible or w.unnamed]
    assert not problems, json.dumps(problems, indent=2)
