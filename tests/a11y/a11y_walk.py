"""Walking a window with Tab as a keyboard user does, and judging what a screen reader sees."""

from __future__ import annotations

from dataclasses import dataclass, field

# What a screen reader calls a control: something a person operates. Labels can take focus by
# mouse (to copy their text) but are not Tab stops; the items of a list or a tab bar are reached
# with the arrow keys once the list or the bar has focus.
NOT_CONTROLS = {"label", "frame", "list item", "page tab", "table cell", "scroll bar", "tool tip"}
ITEM_OF = {"list item", "page tab", "table cell"}


def stop_key(node: dict) -> str:
    """What one Tab stop is: a radio group counts once, as do a list and a tab bar."""
    if node["role"] in ITEM_OF:
        return node["parent"]
    if node["role"] == "radio button":
        return f"radio-group:{node['parent']}"
    return node["path"]


def expected_stops(tree: list[dict]) -> dict[str, dict]:
    """Every enabled control that can take focus, by stop."""
    stops: dict[str, dict] = {}
    for node in tree:
        states = node["states"]
        if node["role"] in NOT_CONTROLS or "focusable" not in states:
            continue
        if "sensitive" not in states or "showing" not in states:
            continue
        stops.setdefault(stop_key(node), node)
    return stops


def unnamed_controls(tree: list[dict]) -> list[dict]:
    """Controls, and the items inside lists and tab bars, that a screen reader could only call
    by their role."""
    return [n for n in tree if n["role"] not in NOT_CONTROLS - ITEM_OF and "focusable" in n["states"]
            and "sensitive" in n["states"] and not n["name"].strip()]


def inside(extents, frame) -> bool:
    if not extents or not frame:
        return False
    x, y, w, h = extents
    fx, fy, fw, fh = frame
    return w > 0 and h > 0 and x >= fx and y >= fy and x + w <= fx + fw and y + h <= fy + fh


@dataclass
class TabWalk:
    view: str
    expected: dict[str, dict]
    reached: list[str] = field(default_factory=list)
    invisible: list[dict] = field(default_factory=list)
    unnamed: list[dict] = field(default_factory=list)

    @property
    def missed(self) -> list[dict]:
        return [node for key, node in self.expected.items() if key not in self.reached]

    def figures(self) -> dict:
        return {"view": self.view, "controls": len(self.expected),
                "reached_by_tab": len([k for k in self.expected if k in self.reached]),
                "missed": [f"{n['role']} {n['name']!r}" for n in self.missed],
                "focused_outside_window": [f"{n['role']} {n['name']!r} {n['extents']}" for n in self.invisible],
                "unnamed": [f"{n['role']} at {n['extents']}" for n in self.unnamed]}


def tab_walk(reader, view: str, max_silent: int = 3) -> TabWalk:
    """Press Tab until focus comes back to where it started; note every stop, whether its
    extents lie inside the window, and every control without a name."""
    tree = reader.ask("tree")
    frame = tree[0]["extents"]
    walk = TabWalk(view, expected_stops(tree), unnamed=unnamed_controls(tree))
    limit = 2 * len(walk.expected) + 10
    silent = 0
    while len(walk.reached) < limit:
        focused = reader.ask("press_for_focus", keys=["Tab"], timeout=3)
        if focused is None:  # e.g. Tab moving between day, month and year inside a date
            silent += 1
            if silent > max_silent:
                break
            continue
        silent = 0
        key = stop_key(focused)
        if walk.reached and key == walk.reached[0]:
            break
        walk.reached.append(key)
        if not inside(focused["extents"], frame):
            walk.invisible.append(focused)
    return walk
