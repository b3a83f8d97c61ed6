"""What the inbox learns from staff: each member's home location and manager."""

from services.inbox.staff_members.models import StaffMember
from shared.contracts import staff
from shared.envelope import Envelope
from shared.projection import newer_snapshot
from shared.uow import UnitOfWork


async def on_member_hired(*, uow: UnitOfWork, event: staff.StaffMemberHired, envelope: Envelope) -> None:
    """Record a member, or replace them with this snapshot (also handles `.updated`)."""
    member = await newer_snapshot(uow, StaffMember, event.staff_id, envelope)
    if member is not None:
        member.home_location_id, member.manager_id = event.home_location_id, event.manager_id


on_member_updated = on_member_hired


async def member(uow: UnitOfWork, staff_id: str) -> StaffMember | None:
    return await uow.session.get(StaffMember, staff_id)
