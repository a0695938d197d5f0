"""What a check will do, for the question asked before anything is sent: which sites, how many,
and about how long ("Check 412 sites for the username jsample? ... About 2 minutes.")."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..core.i18n import _, ngettext
from ..net.http import HttpSettings
from .sites import PreparedCheck, SiteList, clean_username, prepare

# A real site answers a profile request in well under a second, or not at all within the
# timeout; a second each is a fair guess across 700 sites without promising too little.
TYPICAL_ANSWER_S = 1.0


@dataclass(frozen=True)
class CheckPlan:
    username: str
    checks: tuple[PreparedCheck, ...]
    not_applicable: tuple[str, ...]   # sites where this username cannot be an account (never asked)


@dataclass(frozen=True)
class Estimate:
    sites: int        # how many sites will be asked (each sees one request)
    seconds: float    # about how long, start to end

    @property
    def wording(self) -> str:
        return about_duration(self.seconds)


def plan_check(site_list: SiteList, username: str, categories: Iterable[str] | None = None, *,
               include_adult: bool = False, allow_loopback_http: bool = False) -> CheckPlan:
    """The requests for `username` on the chosen sites. UsernameError for an unusable username."""
    name = clean_username(username)
    checks, skipped = [], []
    for site in site_list.select(categories, include_adult=include_adult):
        check = prepare(site, name, allow_loopback_http=allow_loopback_http)
        if check is None:
            skipped.append(site.name)
        else:
            checks.append(check)
    return CheckPlan(name, tuple(checks), tuple(skipped))


def estimate_seconds(checks: Sequence[PreparedCheck], settings: HttpSettings,
                     typical_answer: float = TYPICAL_ANSWER_S) -> float:
    """The longer of: the requests shared across the workers, and the busiest host's requests
    one after another, each at least the politeness delay apart."""
    if not checks:
        return 0.0
    workers = max(1, settings.max_workers)
    spread = math.ceil(len(checks) / workers) * typical_answer
    busiest = max(Counter(c.host for c in checks).values())
    one_host = busiest * max(typical_answer, settings.host_delay)
    return max(spread, one_host)


def estimate(site_list: SiteList, username: str, categories: Iterable[str] | None = None, *,
             include_adult: bool = False, settings: HttpSettings) -> Estimate:
    """How many sites will be asked for `username` in `categories`, and about how long it takes."""
    plan = plan_check(site_list, username, categories, include_adult=include_adult)
    return Estimate(len(plan.checks), estimate_seconds(plan.checks, settings))


def about_duration(seconds: float) -> str:
    """"under a minute", "about 1 minute", "about 3 minutes": how long, said plainly."""
    if seconds < 50:
        return _("under a minute")
    minutes = max(1, round(seconds / 60))
    return ngettext("about {n} minute", "about {n} minutes", minutes).format(n=minutes)

