"""The forgotten-accounts bridge's saving thread: batches kept in order and posted, and no
thread left idle between checks."""

from __future__ import annotations

import threading

from polling import until

from socialsafe_desktop.ui.account_worker import _Keeper


def saving_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "socialsafe-accounts-save"]


def test_batches_are_kept_in_order_and_the_thread_ends_with_each_run():
    posted: list[tuple] = []
    kept_on: list[str] = []

    def keep(batch):
        kept_on.append(threading.current_thread().name)
        return ("kept", batch)

    keeper = _Keeper(posted.append)
    for run in ("first", "second"):  # a thread of its own for each run, none left between them
        keeper.ready()
        keeper.put(keep, "results", (run, 1), (1, 2, 0))
        keeper.put(keep, "results", (run, 2), (2, 2, 0))
        keeper.put(None, "finished", False, (2, 2, 0))
        keeper.wait()
        assert posted[-3:] == [("results", ("kept", (run, 1)), (1, 2, 0)),
                               ("results", ("kept", (run, 2)), (2, 2, 0)),
                               ("finished", False, (2, 2, 0))]
        assert until(lambda: not saving_threads())
    assert kept_on == ["socialsafe-accounts-save"] * 4
