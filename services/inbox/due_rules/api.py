"""Due rule routes: anyone on staff reads them, the office manager edits them."""

from typing import Annotated

from fastapi import APIRouter, Path

from services.inbox.access import AnyStaff, Manager
from services.inbox.due_rules import service as due_rules
from services.inbox.due_rules.schemas import DueRuleIn, DueRuleOut
from shared.contracts.inbox import TaskPriority as Priority
from shared.web import UowDep

router = APIRouter(prefix="/due-rules", tags=["due rules"])
CategoryPath = Annotated[str, Path(min_length=1, max_length=40, pattern=r"^(\*|[a-z][a-z0-9_-]{0,39})$")]


@router.get("", response_model=list[DueRuleOut])
async def list_rules(uow: UowDep, actor: AnyStaff):
    """How long each category and priority may take before it is overdue."""
    return await due_rules.list_rules(uow=uow)


@router.put("/{category}/{priority}", response_model=DueRuleOut)
async def set_rule(category: CategoryPath, priority: Priority, body: DueRuleIn, uow: UowDep, actor: Manager):
    """Set the due time of a category ("*" for the default) and priority."""
    return await due_rules.set_rule(uow=uow, category=category, priority=priority, cmd=body, actor=actor)
