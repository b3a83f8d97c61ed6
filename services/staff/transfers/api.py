"""The transfer route: thin, it calls one use case."""

from fastapi import APIRouter

from services.staff.access import Manager
from services.staff.members.schemas import MemberOut
from services.staff.transfers import service as transfers
from services.staff.transfers.schemas import TransferIn
from shared.web import UowDep

router = APIRouter(prefix="/members", tags=["members"])


@router.post("/{staff_id}/transfer", response_model=MemberOut)
async def transfer(staff_id: str, body: TransferIn, uow: UowDep, actor: Manager):
    """Re-home a member and set where they work; future shifts where they no longer work are cancelled."""
    return await transfers.transfer(uow=uow, staff_id=staff_id, cmd=body, actor=actor)
