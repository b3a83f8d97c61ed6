"""Triage rule routes: the office manager's to edit; a dry run for anyone setting them up."""

from fastapi import APIRouter, Response

from services.inbox.access import Manager
from services.inbox.triage import service
from services.inbox.triage.schemas import DryRunIn, DryRunOut, RuleIn, RuleOut
from shared.web import UowDep

router = APIRouter(prefix="/triage", tags=["triage"])


@router.get("/rules", response_model=list[RuleOut])
async def list_rules(uow: UowDep, actor: Manager):
    """The rules in the order triage tries them."""
    return await service.list_rules(uow=uow)


@router.post("/rules", status_code=201, response_model=RuleOut)
async def add_rule(body: RuleIn, uow: UowDep, actor: Manager):
    """Add a rule."""
    return await service.add_rule(uow=uow, cmd=body, actor=actor)


@router.put("/rules/{rule_id}", response_model=RuleOut)
async def replace_rule(rule_id: str, body: RuleIn, uow: UowDep, actor: Manager):
    """Change a rule."""
    return await service.replace_rule(uow=uow, rule_id=rule_id, cmd=body, actor=actor)


@router.delete("/rules/{rule_id}", status_code=204)
async def remove_rule(rule_id: str, uow: UowDep, actor: Manager):
    """Delete a rule."""
    await service.remove_rule(uow=uow, rule_id=rule_id, actor=actor)
    return Response(status_code=204)


@router.post("/dry-run", response_model=DryRunOut)
async def dry_run(body: DryRunIn, uow: UowDep, actor: Manager):
    """Which rules a message like this would hit, and where it would go; nothing is stored."""
    return await service.dry_run(uow=uow, cmd=body)
