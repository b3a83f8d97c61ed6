"""Triage rules: the office manager lists, adds, changes and removes them; a dry run shows the hits."""

import uuid

from sqlalchemy import select

from services.inbox.triage import domain
from services.inbox.triage.models import TriageRule
from services.inbox.triage.schemas import DryRunIn, RuleIn
from shared.auth import Principal
from shared.clock import utcnow
from shared.errors import NotFound
from shared.uow import UnitOfWork


async def rules(uow: UnitOfWork) -> list[domain.Rule]:
    """The rules in order, as the pure triage reads them (inside the caller's transaction)."""
    rows = await uow.session.scalars(select(TriageRule).order_by(TriageRule.position, TriageRule.id))
    return [_as_rule(row) for row in rows]


def _as_rule(row: TriageRule) -> domain.Rule:
    return domain.Rule(
        id=row.id,
        position=row.position,
        name=row.name,
        match_on=domain.MatchOn(row.match_on),
        pattern=row.pattern,
        **{k: getattr(row, k) for k in domain.ROUTED if k != "category"},
        category=domain.Category(row.category) if row.category else None,
        enabled=row.enabled,
    )


async def list_rules(*, uow: UnitOfWork) -> list[TriageRule]:
    """Every rule, in the order triage tries them."""
    async with uow:
        return list(await uow.session.scalars(select(TriageRule).order_by(TriageRule.position, TriageRule.id)))


async def add_rule(*, uow: UnitOfWork, cmd: RuleIn, actor: Principal) -> TriageRule:
    """Add a rule at its position."""
    _ensure_location(cmd, actor)
    async with uow:
        rule = TriageRule(id=str(uuid.uuid4()), updated_by=actor.sub, updated_at=utcnow(), **cmd.model_dump())
        uow.session.add(rule)
    return rule


async def replace_rule(*, uow: UnitOfWork, rule_id: str, cmd: RuleIn, actor: Principal) -> TriageRule:
    """Change a rule (the whole rule: what it matches and what it sets)."""
    _ensure_location(cmd, actor)
    async with uow:
        rule = await _load(uow, rule_id)
        if rule.location_id:
            actor.ensure_location(rule.location_id)  # another location's rule is not this manager's to change
        for key, value in cmd.model_dump().items():
            setattr(rule, key, value)
        rule.updated_by, rule.updated_at = actor.sub, utcnow()
    return rule


async def remove_rule(*, uow: UnitOfWork, rule_id: str, actor: Principal) -> None:
    """Delete a rule; messages it routed keep their routing."""
    async with uow:
        rule = await _load(uow, rule_id)
        if rule.location_id:
            actor.ensure_location(rule.location_id)
        await uow.session.delete(rule)


async def dry_run(*, uow: UnitOfWork, cmd: DryRunIn) -> domain.Decision:
    """Where a message like this would go, and which rules it would hit; nothing is stored."""
    async with uow:
        ordered = await rules(uow)
    mail = domain.Mail(
        recipients=tuple(r.lower() for r in cmd.recipients),
        sender=cmd.sender.lower(),
        subject=cmd.subject,
        body=cmd.body,
    )
    return domain.decide(ordered, mail)


def _ensure_location(cmd: RuleIn, actor: Principal) -> None:
    # A manager routes mail only to locations of their own token.
    if cmd.location_id:
        actor.ensure_location(cmd.location_id)


async def _load(uow: UnitOfWork, rule_id: str) -> TriageRule:
    rule = await uow.session.get(TriageRule, rule_id)
    if rule is None:
        raise NotFound(f"rule {rule_id} not found", field="rule_id")
    return rule
