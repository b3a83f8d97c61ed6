"""The task's rules, FHIR R4 Task's vocabulary: statuses and their moves, priorities, what a task is about."""

from dataclasses import dataclass
from enum import StrEnum

from shared.contracts.inbox import TaskPriority


class Status(StrEnum):
    REQUESTED = "requested"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in-progress"
    ON_HOLD = "on-hold"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    REJECTED = "rejected"
    FAILED = "failed"


OPEN = frozenset({Status.REQUESTED, Status.ACCEPTED, Status.IN_PROGRESS, Status.ON_HOLD})
CLOSED = frozenset(Status) - OPEN
# The partial unique index of "one open task per cause" names these literally (models, migration).
OPEN_SQL = "status IN ('requested', 'accepted', 'in-progress', 'on-hold')"

# What a person may move a task to; a closed task never moves again. A held task resumes before it completes.
MOVES: dict[Status, frozenset[Status]] = {
    Status.REQUESTED: frozenset(
        {Status.ACCEPTED, Status.IN_PROGRESS, Status.ON_HOLD, Status.COMPLETED, Status.CANCELLED, Status.REJECTED}
    ),
    Status.ACCEPTED: frozenset(
        {Status.REQUESTED, Status.IN_PROGRESS, Status.ON_HOLD, Status.COMPLETED, Status.CANCELLED, Status.REJECTED}
    ),
    Status.IN_PROGRESS: frozenset({Status.ACCEPTED, Status.ON_HOLD, Status.COMPLETED, Status.CANCELLED, Status.FAILED}),
    Status.ON_HOLD: frozenset({Status.ACCEPTED, Status.IN_PROGRESS, Status.CANCELLED, Status.FAILED}),
}


def refusal(current: Status, target: Status) -> str | None:
    """Why `current` cannot move to `target`, or None when it can."""
    if current in CLOSED:
        return f"the task is {current}: a closed task does not change status"
    if current == target:
        return f"the task is already {current}"
    if target not in MOVES[current]:
        allowed = ", ".join(sorted(MOVES[current]))
        return f"a task {current} cannot become {target} (it can become: {allowed})"
    return None


Priority = TaskPriority  # the contract's vocabulary: consumers of inbox events read the same words


# FHIR's order, lowest first: the rank sorts queues (most pressing first) and escalation raises it by one.
RANK = {Priority.ROUTINE: 1, Priority.URGENT: 2, Priority.ASAP: 3, Priority.STAT: 4}
BY_RANK = {rank: priority for priority, rank in RANK.items()}


def raised(priority: Priority) -> Priority:
    """One step more pressing; stat stays stat."""
    return BY_RANK[min(RANK[priority] + 1, RANK[Priority.STAT])]


@dataclass(frozen=True)
class Focus:
    """What the task is about (FHIR `focus`): a record of some service, e.g. billing's claim 42."""

    service: str
    kind: str
    id: str


# Managers see and hand out every role's tasks at their locations; others see their roles' pools and what they own.
MANAGERS = frozenset({"office_manager", "practice_admin"})


def role_refusal(*, roles: frozenset[str], sub: str, task_role: str, task_owner: str | None) -> str | None:
    """Why a user at the task's location still may not see it (not their pool, not theirs), or None."""
    if roles & MANAGERS or task_role in roles or task_owner == sub:
        return None
    return f"the task is for the {task_role} pool"
