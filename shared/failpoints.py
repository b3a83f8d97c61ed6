"""Named crash points for fault-injection tests (the idea of FreeBSD fail points / fail-rs).

`CLINICOPS_FAILPOINTS=outbox.after_commit` makes the process die at that point exactly
as `kill -9` would: no cleanup, no flush. Unset in production, so `hit` is a set lookup.
"""

import os

_ACTIVE = frozenset(filter(None, os.environ.get("CLINICOPS_FAILPOINTS", "").split(",")))


def hit(name: str) -> None:
    if name in _ACTIVE:
        os._exit(137)
