"""Applying the rules to an event: raise the tasks it causes, complete the tasks whose cause it resolves.

Runs inside the consumer's transaction, after the processed-event row that makes a redelivery a no-op;
a different event of the same cause (the 60-day notice after the 90-day one) finds the open task.
"""

from datetime import datetime

from services.inbox.rules.catalog import RULES, by_event_type
from services.inbox.rules.domain import Rule, render
from services.inbox.rules.schemas import RuleOut
from services.inbox.staff_members import service as staff_members
from services.inbox.tasks import service as tasks
from services.inbox.tasks.domain import Focus
from shared.auth import ALL_LOCATIONS
from shared.contracts import EventPayload
from shared.contracts.inbox import TaskAssigned
from shared.envelope import Envelope
from shared.uow import UnitOfWork

RAISING, RESOLVING = by_event_type()


def events() -> list[type[EventPayload]]:
    """Every event a rule raises or resolves on: what the consumer subscribes to."""
    found = {rule.event for rule in RULES} | {r.event for rule in RULES for r in rule.resolved_by}
    return sorted(found, key=lambda e: e.event_type)


async def on_event(*, uow: UnitOfWork, event: EventPayload, envelope: Envelope) -> None:
    """Complete what the event resolves, then raise what it causes."""
    facts = event.model_dump(mode="json")
    for _rule, resolution in RESOLVING.get(envelope.type, []):
        await tasks.resolve_by_cause(
            uow=uow, cause=render(resolution.cause, facts), resolved_by=f"{envelope.type} {envelope.id}"
        )
    for rule in RAISING.get(envelope.type, []):
        await _raise(uow, rule, facts, envelope)


async def _raise(uow: UnitOfWork, rule: Rule, facts: dict, envelope: Envelope) -> None:
    location_id, owner = facts.get("location_id"), None
    if rule.location == "staff":
        member = await staff_members.member(uow, facts["staff_id"])
        location_id = member.home_location_id if member else None
        owner = member.manager_id if member and rule.owner_field == "manager_id" else None
    focus = Focus(rule.focus[0], rule.focus[1], str(facts[rule.focus[2]])) if rule.focus else None
    task = await tasks.raise_task(
        uow=uow,
        cause=render(rule.cause, facts),
        category=rule.category,
        priority=rule.priority,
        location_id=location_id or ALL_LOCATIONS,  # unknown or group-wide: group-wide users see it
        role=rule.role,
        title=render(rule.title, facts)[:200],
        description=rule.description,
        focus=focus,
        patient_id=facts.get("patient_id"),
        due_at=datetime.fromisoformat(facts[rule.due_field]) if rule.due_field else None,
        actor=f"rule:{rule.name}",
    )
    if owner and task.owner is None and task.created_by == f"rule:{rule.name}":
        # Given to the member's manager; it stays `requested` until they accept it.
        task.owner = owner
        await tasks.record(uow, task, actor=tasks.SYSTEM, action="assigned", owner=owner, rule=rule.name)
        assigned = TaskAssigned(
            task_id=task.id, location_id=task.location_id, role=task.role, owner=owner, assigned_by=tasks.SYSTEM
        )
        await uow.emit(assigned, subject=task.id, location_id=task.location_id)


def list_rules() -> list[RuleOut]:
    """The rules as the office manager reads them."""
    return [
        RuleOut(
            name=rule.name,
            event_type=rule.event_type,
            role=rule.role,
            category=rule.category,
            priority=rule.priority,
            cause=rule.cause,
            resolved_by=[resolution.event_type for resolution in rule.resolved_by],
            due=f"the event's {rule.due_field}" if rule.due_field else "the due rule of its category and priority",
            location="the member's home location" if rule.location == "staff" else "the event's location",
            description=rule.description,
        )
        for rule in RULES
    ]
