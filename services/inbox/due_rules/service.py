"""Due times from the rules: the category's own rule, else the "*" rule of the priority, in business hours."""

from datetime import date, datetime

from sqlalchemy import select

from services.inbox.due_rules.domain import ANY_CATEGORY, add_business_minutes, hours_of
from services.inbox.due_rules.models import DueRule
from services.inbox.due_rules.schemas import DueRuleIn, DueRuleOut
from services.inbox.locations import service as locations
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.inbox import TaskPriority as Priority
from shared.errors import Unprocessable
from shared.uow import UnitOfWork


async def due_at(
    *, uow: UnitOfWork, category: str, priority: str, location_id: str, start: datetime
) -> datetime | None:
    """When a task raised at `start` is due; None when no rule covers its priority."""
    rule = await uow.session.get(DueRule, (category, priority)) or await uow.session.get(
        DueRule, (ANY_CATEGORY, priority)
    )
    if rule is None:
        return None
    location = await locations.location(uow, location_id)
    if not rule.business_hours or location is None:  # hours unknown yet: the wall clock, never "never due"
        return add_business_minutes(start, rule.minutes, timezone="UTC", hours=[], closed_on=set())
    return add_business_minutes(
        start,
        rule.minutes,
        timezone=location.timezone,
        hours=hours_of(location.opening_hours),
        closed_on={date.fromisoformat(d) for d in location.closed_on},
    )


async def list_rules(*, uow: UnitOfWork) -> list[DueRuleOut]:
    """Every due rule, the defaults ("*") first."""
    async with uow:
        rules = (await uow.session.scalars(select(DueRule).order_by(DueRule.category, DueRule.priority))).all()
        return [view(rule) for rule in rules]


async def set_rule(*, uow: UnitOfWork, category: str, priority: str, cmd: DueRuleIn, actor: Principal) -> DueRuleOut:
    """Add or change the rule of a category and priority; tasks raised from now on follow it."""
    if priority not in {p.value for p in Priority}:
        raise Unprocessable(f"priority {priority!r} is not one of {[p.value for p in Priority]}", field="priority")
    async with uow:
        rule = await uow.session.get(DueRule, (category, priority), with_for_update=True)
        if rule is None:
            rule = DueRule(category=category, priority=priority)
            uow.session.add(rule)
        rule.minutes, rule.business_hours = cmd.minutes, cmd.business_hours
        rule.updated_by, rule.updated_at = actor.sub, utcnow()
        await uow.session.flush()
        return view(rule)


def view(rule: DueRule) -> DueRuleOut:
    return DueRuleOut(
        category=rule.category,
        priority=rule.priority,
        minutes=rule.minutes,
        business_hours=rule.business_hours,
        updated_by=rule.updated_by,
        updated_at=rule.updated_at,
    )
