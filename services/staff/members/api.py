"""Staff member routes: thin, each calls one use case."""

from typing import Annotated

from fastapi import APIRouter, Query

from services.staff.access import Manager
from services.staff.members import service as members
from services.staff.members.schemas import HireIn, MemberFields, MemberOut
from shared.web import MAX_OFFSET, UowDep

router = APIRouter(prefix="/members", tags=["members"])


@router.post("", status_code=201, response_model=MemberOut)
async def hire(body: HireIn, uow: UowDep, actor: Manager):
    """Hire a staff member."""
    return await members.hire(uow=uow, cmd=body, actor=actor)


@router.get("", response_model=list[MemberOut])
async def list_members(
    location_id: str,
    uow: UowDep,
    actor: Manager,
    include_terminated: bool = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
):
    """A page of the members who may work at a location, by name (audited read of personal data)."""
    return await members.list_members(
        uow=uow, location_id=location_id, include_terminated=include_terminated, limit=limit, offset=offset, actor=actor
    )


@router.get("/{staff_id}", response_model=MemberOut)
async def get_member(staff_id: str, uow: UowDep, actor: Manager):
    """One member (audited read of personal data)."""
    return await members.get_member(uow=uow, staff_id=staff_id, actor=actor)


@router.put("/{staff_id}", response_model=MemberOut)
async def update_member(staff_id: str, body: MemberFields, uow: UowDep, actor: Manager):
    """Replace a member's name, role, NPI, contact details and manager."""
    return await members.update_member(uow=uow, staff_id=staff_id, cmd=body, actor=actor)
