"""A screen reader's view of SocialSafe, for the accessibility tests.

Runs under the system Python (Debian's python3-pyatspi is not in the virtual environment), in
its own process, as Orca does: it talks to the application only through the AT-SPI bus, and
presses keys only through the X server (xdotool), like a keyboard.

Protocol: one JSON object a line on stdin, one JSON answer a line on stdout.
  {"op": "wait_window", "title": "...", "timeout": s}   the app's frame whose title contains it
  {"op": "tree"}                           every showing object of the app's active frame
  {"op": "focused"}                        the object with keyboard focus (from focus events)
  {"op": "key", "keys": ["Tab"]}           press keys; answers at once
  {"op": "type", "text": "..."}            type text
  {"op": "press_for_focus", "keys": [...], "timeout": s}
                                           press keys and wait for the next focus event
  {"op": "wait_focus", "name": "...", "role": "...", "timeout": s}
                                           wait until the focused object matches
  {"op": "wait_state", "name": "...", "role": "...", "state": "checked", "present": true, "timeout": s}
                                           wait until an object (found by name and role) has a state
  {"op": "wait_announcement", "contains": "...", "timeout": s}
                                           wait for a Qt accessibility announcement with this text
  {"op": "events", "kind": "..."}          the events of a kind seen so far (and forget them)
Each object is described as {"path", "role", "name", "states": [...], "extents": [x, y, w, h], "parent"}.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pyatspi
from gi.repository import GLib

APP_NAME = "SocialSafe"
CONTEXT = GLib.MainContext.default()

focus_events: list = []        # accessibles that gained focus, newest last
announcements: list[str] = []
other_events: dict[str, list] = {}


def describe(acc) -> dict:
    try:
        states = sorted(pyatspi.stateToString(s) for s in acc.getState().getStates())
    except Exception:  # the object went away
        states = ["defunct"]
    try:
        box = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        extents = [box.x, box.y, box.width, box.height]
    except Exception:
        extents = None
    try:
        role, name = acc.getRoleName(), acc.name or ""
        parent = acc.parent
        parent_path = parent.path if parent is not None else None
    except Exception:
        role, name, parent_path = "defunct", "", None
    return {"path": acc.path, "role": role, "name": name, "states": states, "extents": extents,
            "parent": parent_path}


def on_event(event) -> None:
    kind = event.type
    try:
        if kind.startswith("object:state-changed:focused"):
            if event.detail1 == 1 and event.source.getApplication().name == APP_NAME:
                focus_events.append(event.source)
        elif kind.startswith("object:announcement"):
            announcements.append(str(event.any_data))
        else:
            other_events.setdefault(kind, []).append(describe(event.source))
    except Exception:
        pass


def pump_until(predicate, timeout: float):
    """Dispatch AT-SPI events until predicate() returns something truthy, or the time is up.
    A GLib timer wakes the loop so no wait is longer than the time left."""
    deadline = time.monotonic() + timeout
    while True:
        while CONTEXT.pending():
            CONTEXT.iteration(False)
        result = predicate()
        if result:
            return result
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        fired: list = []
        source = GLib.timeout_add(max(1, int(min(left, 0.05) * 1000)), lambda done=fired: done.append(1) or False)
        CONTEXT.iteration(True)
        if not fired:
            GLib.source_remove(source)


def app():
    for candidate in pyatspi.Registry.getDesktop(0):
        if candidate is not None and candidate.name == APP_NAME:
            return candidate
    return None


def frames():
    found = app()
    if found is None:
        return []
    return [f for f in found if f is not None]


def active_frame():
    shown = [f for f in frames() if "showing" in describe(f)["states"]]
    active = [f for f in shown if "active" in describe(f)["states"]]
    return (active or shown or [None])[-1]


def walk(acc, out: list, depth: int = 0) -> None:
    info = describe(acc)
    if depth and "showing" not in info["states"]:
        return  # hidden, or on a page that is not shown: a screen reader does not reach it
    info["depth"] = depth
    out.append(info)
    try:
        children = list(acc)
    except Exception:
        children = []
    for child in children:
        if child is not None:
            walk(child, out, depth + 1)


def xdotool(*args: str) -> None:
    subprocess.run(["xdotool", *args], check=True, timeout=30)


def last_focus():
    while focus_events:
        acc = focus_events[-1]
        info = describe(acc)
        if info["role"] != "defunct":
            return info
        focus_events.pop()
    return None


def handle(request: dict):
    op = request["op"]
    timeout = float(request.get("timeout", 10))
    if op == "wait_window":
        title = request.get("title", "")

        def window():
            frame = active_frame()
            if frame is not None and title in (frame.name or ""):
                return describe(frame)
            return None
        return pump_until(window, timeout)
    if op == "tree":
        frame = active_frame()
        out: list = []
        if frame is not None:
            walk(frame, out)
        return out
    if op == "focused":
        pump_until(lambda: True, 0)
        return last_focus()
    if op == "key":
        xdotool("key", "--clearmodifiers", *request["keys"])
        return True
    if op == "type":
        xdotool("type", "--clearmodifiers", "--delay", "20", request["text"])
        return True
    if op == "press_for_focus":
        pump_until(lambda: True, 0)
        before = len(focus_events)
        xdotool("key", "--clearmodifiers", *request["keys"])
        changed = pump_until(lambda: len(focus_events) > before, timeout)
        return last_focus() if changed else None
    if op == "wait_focus":
        def matches():
            info = last_focus()
            if info and all(info.get(k) == v for k, v in request.items() if k in ("name", "role")):
                return info
            if info and "name_contains" in request and request["name_contains"] in info["name"]:
                return info
            return None
        return pump_until(matches, timeout)
    if op == "wait_state":
        def has_state():
            frame = active_frame()
            if frame is None:
                return None
            out: list = []
            walk(frame, out)
            for info in out:
                if info["name"] == request["name"] and info["role"] == request.get("role", info["role"]):
                    if (request["state"] in info["states"]) == request.get("present", True):
                        return info
            return None
        return pump_until(has_state, timeout)
    if op == "wait_announcement":
        text = request["contains"]
        return pump_until(lambda: next((a for a in announcements if text in a), None), timeout)
    if op == "events":
        pump_until(lambda: True, 0)
        kind = request["kind"]
        if kind == "announcement":
            seen, announcements[:] = list(announcements), []
            return seen
        return other_events.pop(kind, [])
    raise ValueError(f"unknown op {op!r}")


def main() -> None:
    for kind in ("object:state-changed:focused", "object:announcement",
                 "object:property-change:accessible-value", "object:value-changed"):
        pyatspi.Registry.registerEventListener(on_event, kind)
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            answer = {"ok": True, "result": handle(json.loads(line))}
        except Exception as exc:  # reported to the test, which fails with it
            answer = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
