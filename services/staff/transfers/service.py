"""Transfers: a member re-homed and placed where they now work; their future shifts elsewhere are cancelled."""

from sqlalchemy import delete

from services.staff.members import service as members
from services.staff.members.models import StaffLocation
from services.staff.members.schemas import MemberOut
from services.staff.rosters import service as rosters
from services.staff.transfers.schemas import TransferIn
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.staff import StaffMemberUpdated
from shared.uow import UnitOfWork


async def transfer(*, uow: UnitOfWork, staff_id: str, cmd: TransferIn, actor: Principal) -> MemberOut:
    """Re-home a member and set where they work; their future shifts where they no longer work are cancelled."""
    locations = sorted({cmd.home_location_id, *cmd.location_ids})
    async with uow:
        member = await members.load_member(uow, staff_id, actor, lock=True)
        members.ensure_employed(member)
        before = set((await members.locations_of(uow, [staff_id]))[staff_id])
        # The actor manages the new home and every location gained or lost; kept ones are not theirs to decide.
        for location_id in sorted((set(locations) ^ before) | {cmd.home_location_id}):
            actor.ensure_location(location_id)
        await members.ensure_known(
            uow, cmd.home_location_id, sorted((set(locations) - before) | {cmd.home_location_id})
        )
        member.home_location_id, member.updated_at = cmd.home_location_id, utcnow()
        await uow.session.execute(delete(StaffLocation).where(StaffLocation.staff_id == staff_id))
        uow.session.add_all(StaffLocation(staff_id=staff_id, location_id=loc) for loc in locations)
        await members.announce(uow, member, locations, StaffMemberUpdated)
        # Office managers expect the roster cleared rather than a refusal; a shift already under way stays.
        if left := sorted(before - set(locations)):
            await rosters.cancel_member_shifts(uow, member.id, starting_from=utcnow(), at_locations=left)
        await members.audit_member(uow, actor, "update", member)
        return await members.member_view(uow, member)
