"""Report: render an audit with 1,000 checklist items and 300 findings needing action.

Everything is built in memory (20 platform packs of 50 items, statuses spread evenly, every
finding marked "needs action" so all 300 are in the page). render_report is timed after a
warm-up that compiles the templates; the median of several runs is reported. Prints one
JSON line.
"""

from __future__ import annotations

import json
import statistics
import time
from datetime import date, datetime
from pathlib import Path

from socialsafe_desktop.core.audit import DONE, LATER, ME_ACTION, NOT_FOR_ME, SUGGESTED_ACTIONS, Finding, ItemState
from socialsafe_desktop.core.checklists import ChecklistItem, ChecklistPack
from socialsafe_desktop.core.queries import PlannedSearch  # noqa: E402
from socialsafe_desktop.report import ReportBranding, ReportInput, render_report

RUNS = 9
AIM_MS = 150
PACKS, ITEMS_PER_PACK, FINDINGS = 20, 50, 300


def build() -> ReportInput:
    packs, items = [], []
    for p in range(PACKS):
        pack_id = f"platform-{p:02d}"
        pack_items = tuple(
            ChecklistItem(
                pack_id=pack_id, id=f"item-{i:02d}", title=f"Change setting {i} on platform {p}",
                why="People you did not choose can see this, including pupils, parents and your employer. "
                    "Limiting it keeps your private life private.",
                steps=tuple(f"Step {s}: open Settings & privacy, then choose the option called "
                            f"'Setting {i}.{s}' and pick Friends." for s in range(1, 5)),
                app_steps=(), settings_url=f"https://www.platform{p}.example.com/settings/{i}",
                recommended="Friends", priority="essential" if i % 5 == 0 else "recommended",
                minutes=1 + (i % 7), seed=None, origin="app",
            )
            for i in range(ITEMS_PER_PACK)
        )
        reviewed = date(2024, 1, 1) if p % 4 == 0 else date(2026, 10, 1)
        packs.append(ChecklistPack(pack_id, f"Platform {p}", "platform", (f"platform{p}.example.com",),
                                   reviewed, (), pack_items, Path(f"{pack_id}.toml"), "app"))
        items += pack_items
    cycle = (DONE, NOT_FOR_ME, LATER, "", "")
    states = {item.key: ItemState(cycle[n % 5], "A note about this one." if n % 3 == 0 else "",
                                  datetime(2026, 11, 1 + n % 20, 12, 0))
              for n, item in enumerate(items)}
    actions = list(SUGGESTED_ACTIONS)
    findings = [
        Finding(url=f"https://site{n % 40}.example.net/people/alex-example-{n}",
                normalised_url=f"site{n % 40}.example.net/people/alex-example-{n}",
                title=f"Alex Example - result {n}", platform=f"platform-{n % PACKS:02d}" if n % 2 else None,
                found_by=[f"q{n % 15}", f"q{(n + 1) % 15}"], decision=ME_ACTION,
                action=actions[n % len(actions)], note="Old photo, ask them to take it down.")
        for n in range(FINDINGS)
    ]
    searches = [PlannedSearch(f"q{n}", "custom", f'"Alex Example" search {n}',
                              outcome="found_action" if n % 5 == 0 else "", note="Looked at page one." if n % 2 else "")
                for n in range(15)]
    return ReportInput(
        person_name="Alex Example",
        private_strings=["Alex Example", "alex.example@example.org", "@alexex", "alexex", "Example", "Alex"],
        packs=packs, items=items, states=states, findings=findings, searches=searches,
        next_check=date(2027, 2, 21), generated_at=datetime(2026, 11, 21, 10, 0),
        branding=ReportBranding("Example Borough Council", accent_colour="#f0b400"),
    )


def median_ms(fn, runs: int) -> float:
    fn()  # warm-up: compiles and caches the templates
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    data = build()
    html = render_report(data)
    render_ms = median_ms(lambda: render_report(data), RUNS)
    redacted_ms = median_ms(lambda: render_report(data, redact=True), RUNS)
    print(json.dumps({"benchmark": "report", "items": len(data.items), "findings": len(data.findings),
                      "render_ms": round(render_ms, 1), "html_bytes": len(html.encode("utf-8")),
                      "aim_ms_at_most": AIM_MS, "render_redacted_ms": round(redacted_ms, 1)}))


if __name__ == "__main__":
    main()
