"""Reading long lists from a policy file: the time per entry must stay flat as lists grow
(a list lookup for duplicates made 200,000 `disable` entries take 269 s).

Prints one JSON line: the time for 20,000 and for 200,000 entries, and their ratio. Linear
work gives a ratio near 10; the quadratic check gave about 100. Aim: at most 20.
"""

from __future__ import annotations

import json
import time

from socialsafe_desktop.core.policy import parse_policy_text

AIM_RATIO = 20.0


def seconds_for(entries: int) -> float:
    text = "[checklists]\ndisable = [" + ", ".join(f'"pack-{n}"' for n in range(entries)) + "]\n"
    start = time.perf_counter()
    policy = parse_policy_text(text)
    elapsed = time.perf_counter() - start
    assert len(policy.values["checklists.disable"]) == entries
    return elapsed


def main() -> None:
    small = min(seconds_for(20_000) for _ in range(3))
    large = min(seconds_for(200_000) for _ in range(2))
    print(json.dumps({"benchmark": "policy_lists", "seconds_20000": round(small, 3), "seconds_200000": round(large, 3),
                      "ratio": round(large / small, 1), "aim_ratio_at_most": AIM_RATIO}))


if __name__ == "__main__":
    main()
