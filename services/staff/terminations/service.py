"""Terminations: a member's employment ends; their shifts from that local day on are cancelled."""

from datetime import time

from services.staff.members import service as members
from services.staff.members.schemas import MemberOut
from services.staff.projections import service as projections
from services.staff.rosters import service as rosters
from services.staff.rosters.domain import local_instant
from services.staff.terminations.schemas import TerminationIn
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.staff import StaffMemberTerminated
from shared.errors import Unprocessable
from shared.uow import UnitOfWork


async def terminate(*, uow: UnitOfWork, staff_id: str, cmd: TerminationIn, actor: Principal) -> MemberOut:
    """End a member's employment; their shifts from that day on are cancelled."""
    async with uow:
        member = await members.load_member(uow, staff_id, actor, lock=True)
        members.ensure_employed(member)
        if cmd.terminated_on < member.hired_on:
            raise Unprocessable("termination before the hire date", field="terminated_on")
        member.terminated_on, member.updated_at = cmd.terminated_on, utcnow()
        await uow.emit(
            StaffMemberTerminated(staff_id=staff_id, terminated_on=cmd.terminated_on),
            subject=staff_id,
            location_id=member.home_location_id,
        )
        home_timezone = await projections.timezone_of(uow, member.home_location_id)
        await rosters.cancel_member_shifts(
            uow, member.id, starting_from=local_instant(cmd.terminated_on, time(), home_timezone)
        )
        await members.audit_member(uow, actor, "update", member)
        return await members.member_view(uow, member)
