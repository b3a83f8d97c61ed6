"""Reading staff members: loading one within the actor's scope, and the audited reads of their personal data.

A member belongs to their home location: a manager scoped to it manages them.
"""

from sqlalchemy import select

from services.staff.models import StaffLocation, StaffMember
from services.staff.schemas import MemberOut
from shared.audit import record_phi_access
from shared.auth import Principal
from shared.errors import NotFound
from shared.uow import UnitOfWork


async def load_member(uow: UnitOfWork, staff_id: str, actor: Principal, *, lock: bool = False) -> StaffMember:
    """The member, if the actor may see their home location (404 before 403 leaks nothing new: ids are UUIDs)."""
    member = await uow.session.get(StaffMember, staff_id, with_for_update=lock)
    if member is None:
        raise NotFound(f"staff member {staff_id} not found", field="staff_id")
    actor.ensure_location(member.home_location_id)
    return member


async def locations_of(uow: UnitOfWork, staff_ids: list[str]) -> dict[str, list[str]]:
    """Where each of these members may work, in one query."""
    found: dict[str, list[str]] = {staff_id: [] for staff_id in staff_ids}
    if staff_ids:
        rows = await uow.session.execute(select(StaffLocation.staff_id, StaffLocation.location_id)
                                         .where(StaffLocation.staff_id.in_(staff_ids))
                                         .order_by(StaffLocation.location_id))
        for staff_id, location_id in rows.all():
            found[staff_id].append(location_id)
    return found


def member_out(member: StaffMember, locations: list[str]) -> MemberOut:
    fields = {name: getattr(member, name) for name in MemberOut.model_fields if name != "location_ids"}
    return MemberOut(**fields, location_ids=locations)


async def member_view(uow: UnitOfWork, member: StaffMember) -> MemberOut:
    """The member as the API shows them, with where they may work."""
    return member_out(member, (await locations_of(uow, [member.id]))[member.id])


async def get_member(*, uow: UnitOfWork, staff_id: str, actor: Principal) -> MemberOut:
    """One member's record; the read is audited."""
    async with uow:
        member = await load_member(uow, staff_id, actor)
        await audit_member(uow, actor, "read", member)
        return await member_view(uow, member)


async def list_members(*, uow: UnitOfWork, location_id: str, include_terminated: bool, limit: int, offset: int,
                       actor: Principal) -> list[MemberOut]:
    """A page of the members who may work at a location, by name; the read is audited."""
    actor.ensure_location(location_id)
    async with uow:
        query = (select(StaffMember).join(StaffLocation, StaffLocation.staff_id == StaffMember.id)
                 .where(StaffLocation.location_id == location_id)
                 .order_by(StaffMember.family_name, StaffMember.given_name, StaffMember.id)
                 .offset(offset).limit(limit))
        if not include_terminated:
            query = query.where(StaffMember.terminated_on.is_(None))
        found = list((await uow.session.scalars(query)).all())
        locations = await locations_of(uow, [m.id for m in found])
        await record_phi_access(uow, actor=actor, action="read", resource="staff_member", resource_id=None,
                                patient_id=None, location_id=location_id)
        return [member_out(m, locations[m.id]) for m in found]


async def audit_member(uow: UnitOfWork, actor: Principal, action: str, member: StaffMember, *,
                       resource: str = "staff_member", resource_id: str | None = None) -> None:
    """Record who read or changed a member's personal data (record, credentials, training, time off)."""
    await record_phi_access(uow, actor=actor, action=action, resource=resource, resource_id=resource_id or member.id,
                            patient_id=None, location_id=member.home_location_id)
