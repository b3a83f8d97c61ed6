"""Named crash points for fault-injection tests (the idea of FreeBSD fail points / fail-rs).

`CLINICOPS_FAILPOINTS=outbox.after_commit:scheduling.appointment.completed` makes the
process die there exactly as `kill -9` would: no cleanup, no flush. A point named
without a qualifier fires for any. Unset in production, so `hit` is a set lookup.
"""

import os

_ACTIVE = frozenset(filter(None, os.environ.get("CLINICOPS_FAILPOINTS", "").split(",")))


def hit(name: str, *qualifiers: str) -> None:
    """Die here if `name`, or `name:<qualifier>` for one of the qualifiers, is armed."""
    if _ACTIVE and (name in _ACTIVE or any(f"{name}:{q}" in _ACTIVE for q in qualifiers)):
        os._exit(137)
