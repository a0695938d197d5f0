"""Forgotten accounts in the store: typed records, per audit (so a re-check can carry the accounts
over and ask those sites again), answers saved in one transaction, and the person's answers kept
when a site answers again."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from socialsafe_desktop.core.forgotten_accounts import (
    CLOSE,
    COULD_NOT_CHECK,
    FOUND,
    MINE,
    NOT_FOUND,
    AccountCheck,
    AccountHit,
    SiteOutcome,
)
from socialsafe_desktop.store import AuditStore


def outcome(site, result, username="sam_example", url=None):
    return SiteOutcome(username, site, "social", result, "(test)", 200 if result == FOUND else 404, url,
                       "https://site.example/")


def test_checks_answers_and_hits_are_typed_records_kept_per_audit(tmp_path):
    path = tmp_path / "socialsafe.db"
    store = AuditStore.open(path)
    store.start_account_check("sam_example", ["social", "coding"], False)
    added = store.record_account_results([outcome("Old Forum", FOUND, url="https://old-forum.example/u/sam"),
                                          outcome("Gone", NOT_FOUND), outcome("Walled", COULD_NOT_CHECK)])
    assert added == ["sam_example:Old Forum"]
    store.update_account_hit("sam_example", "Old Forum", decision=MINE, plan=CLOSE, note="old",
                             closed_on=date(2026, 3, 3))
    store.close()

    store = AuditStore.open(path)
    [check] = store.account_checks()
    assert isinstance(check, AccountCheck)
    assert (check.username, check.categories, check.include_adult, check.finished) == \
        ("sam_example", ("social", "coding"), False, False)
    results = store.account_results("sam_example")
    assert all(isinstance(r, SiteOutcome) for r in results)
    assert [(r.site, r.outcome) for r in results] == [("Old Forum", FOUND), ("Gone", NOT_FOUND),
                                                      ("Walled", COULD_NOT_CHECK)]
    [hit] = store.account_hits()
    assert isinstance(hit, AccountHit)
    assert (hit.site, hit.profile_url, hit.decision, hit.plan, hit.closed_on, hit.note) == \
        ("Old Forum", "https://old-forum.example/u/sam", MINE, CLOSE, date(2026, 3, 3), "old")
    assert hit.closed and not hit.needs_closing

    first = store.audit_id
    store.start_new_audit()  # a re-check: the new audit starts empty, the old one is kept to compare
    assert store.account_checks() == [] and store.account_hits() == [] and store.account_results() == []
    assert [h.site for h in store.account_hits(first)] == ["Old Forum"]
    assert len(store.account_results(audit_id=first)) == 3


def test_a_site_answering_again_keeps_the_persons_answer(tmp_path):
    store = AuditStore.open(tmp_path / "socialsafe.db")
    store.start_account_check("sam_example", ["social"], False)
    store.record_account_results([outcome("Walled", COULD_NOT_CHECK)])
    assert store.record_account_results([outcome("Walled", FOUND, url="https://walled.example/sam")]) == \
        ["sam_example:Walled"]
    store.update_account_hit("sam_example", "Walled", decision=MINE)
    assert store.record_account_results([outcome("Walled", FOUND, url="https://walled.example/sam")]) == []
    [hit] = store.account_hits()
    assert hit.decision == MINE
    assert [r.outcome for r in store.account_results()] == [FOUND]  # one answer per site: the latest
    store.finish_account_check("sam_example")
    assert store.account_checks()[0].finished
    store.start_account_check("sam_example", ["social", "music"], False)  # asked again, more widely
    assert not store.account_checks()[0].finished and store.account_results() != []


def test_wrong_values_are_refused_and_leave_nothing_half_written(tmp_path):
    store = AuditStore.open(tmp_path / "socialsafe.db")
    with pytest.raises(ValueError):
        store.update_account_hit("sam_example", "Old Forum", audit_id=7)
    with pytest.raises(sqlite3.IntegrityError):  # answers for a check that was never started
        store.record_account_results([outcome("Old Forum", FOUND)])
    store.start_account_check("sam_example", ["social"], False)
    with pytest.raises(sqlite3.IntegrityError):  # not an outcome: the CHECK constraint refuses the batch
        store.record_account_results([outcome("Fine", NOT_FOUND), outcome("Odd", "maybe")])
    assert store.account_results() == []
    store.record_account_results([outcome("Old Forum", FOUND)])
    with pytest.raises(sqlite3.IntegrityError):
        store.update_account_hit("sam_example", "Old Forum", decision="probably")
    assert store.account_hits()[0].decision == ""
