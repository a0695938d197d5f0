"""Child process for the crash test: records changes as fast as it can and reports each one
on stdout only after the store returned (i.e. after the transaction committed)."""

import sys
from pathlib import Path

from socialsafe_desktop.core.audit import DONE
from socialsafe_desktop.core.profile import PersonName, Profile
from socialsafe_desktop.store import AuditStore

path, run = Path(sys.argv[1]), int(sys.argv[2])
store = AuditStore.open(path)
print("ready", flush=True)
i = 0
while True:
    key = f"crash:run{run}-item{i}"
    if i % 3 == 0:
        store.set_item_status(key, DONE)
    elif i % 3 == 1:
        store.set_item_note(key, f"note {run}-{i} " + "x" * (i % 50))
    else:
        store.save_profile(Profile(names=[PersonName(f"Person {run}-{i}")]))
    print(f"saved {run} {i}", flush=True)
    i += 1
