"""Event rule routes: the office manager reads which events make which tasks."""

from fastapi import APIRouter

from services.inbox.access import Manager
from services.inbox.rules import service as rules
from services.inbox.rules.schemas import RuleOut

router = APIRouter(prefix="/rules", tags=["event rules"])


@router.get("", response_model=list[RuleOut])
async def list_rules(actor: Manager):
    """Every event rule: its event, role, category, priority, cause key and resolving events."""
    return rules.list_rules()
