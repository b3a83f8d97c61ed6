"""The termination route: thin, it calls one use case."""

from fastapi import APIRouter

from services.staff.access import Manager
from services.staff.members.schemas import MemberOut
from services.staff.terminations import service as terminations
from services.staff.terminations.schemas import TerminationIn
from shared.web import UowDep

router = APIRouter(prefix="/members", tags=["members"])


@router.post("/{staff_id}/terminate", response_model=MemberOut)
async def terminate(staff_id: str, body: TerminationIn, uow: UowDep, actor: Manager):
    """End a member's employment; their later shifts are cancelled."""
    return await terminations.terminate(uow=uow, staff_id=staff_id, cmd=body, actor=actor)
