"""The numbers in the question asked before anything is sent: how many sites, about how long."""

from __future__ import annotations

import pytest
from accounts_helpers import entry

from socialsafe_desktop.accounts.estimate import about_duration, estimate
from socialsafe_desktop.accounts.sites import parse_sites
from socialsafe_desktop.net.http import HttpSettings

CATEGORIES = ["social", "coding", "xx NSFW xx"]


def sites(entries):
    listed = parse_sites({"categories": CATEGORIES, "sites": entries})
    assert listed.problems == ()
    return listed


def spread(n: int, cat: str = "social", host: str | None = None):
    slug = cat.replace(" ", "").lower()
    return [entry(f"{slug}{i}", f"https://{host or f'{slug}{i}.example'}/u{i}/{{account}}", e_string="p", cat=cat)
            for i in range(n)]


def test_counts_only_the_sites_that_will_be_asked():
    listed = sites(spread(30) + spread(5, "coding") + spread(4, "xx NSFW xx")
                   + [entry("Blog", "https://{account}.blog.example/", e_string="p")])
    settings = HttpSettings(max_workers=10, host_delay=1.0)

    assert estimate(listed, "jsample", settings=settings).sites == 36
    assert estimate(listed, "j.sample", settings=settings).sites == 35    # cannot be a host name
    assert estimate(listed, "jsample", ["coding"], settings=settings).sites == 5
    assert estimate(listed, "jsample", include_adult=True, settings=settings).sites == 40


def test_time_is_the_work_shared_by_the_workers_or_the_busiest_host_whichever_is_longer():
    settings = HttpSettings(max_workers=10, host_delay=2.0)
    # 100 hosts, one site each: 10 rounds of one answer (1 s) each.
    assert estimate(sites(spread(100)), "jsample", settings=settings).seconds == pytest.approx(10.0)
    # 12 sites on one host: one after another, 2 s apart.
    assert estimate(sites(spread(12, host="one.example")), "jsample", settings=settings).seconds \
        == pytest.approx(24.0)


@pytest.mark.parametrize("seconds, wording", [
    (0, "under a minute"), (49, "under a minute"), (50, "about 1 minute"), (95, "about 2 minutes"),
    (130, "about 2 minutes"), (600, "about 10 minutes"),
])
def test_how_long_said_plainly(seconds, wording):
    assert about_duration(seconds) == wording
