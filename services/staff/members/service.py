"""Staff members: hire, update, read; each change audited and announced, each read of personal data audited.

A member belongs to their home location: a manager scoped to it manages them. Members are placed
only at locations facilities has announced to staff, as shifts are.
"""

import uuid

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from services.staff.members.models import StaffLocation, StaffMember
from services.staff.members.schemas import HireIn, MemberFields, MemberOut
from services.staff.projections.models import Location
from shared.audit import record_phi_access
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.staff import StaffMemberHired, StaffMemberUpdated
from shared.errors import Conflict, Unprocessable
from shared.loading import load_in_scope
from shared.uow import UnitOfWork


async def hire(*, uow: UnitOfWork, cmd: HireIn, actor: Principal) -> MemberOut:
    """Hire a member at their home location (and the other locations they may work at)."""
    locations = sorted({cmd.home_location_id, *cmd.location_ids})
    for location_id in locations:
        actor.ensure_location(location_id)
    async with uow:
        await ensure_known(uow, cmd.home_location_id, locations)
        now = utcnow()
        member = StaffMember(
            id=str(uuid.uuid4()), created_at=now, updated_at=now, **cmd.model_dump(exclude={"location_ids"})
        )
        await _check_manager(uow, cmd.manager_id, member.id)
        uow.session.add(member)
        await _flush(uow)  # before its locations: no ORM relationship orders the inserts
        uow.session.add_all(StaffLocation(staff_id=member.id, location_id=loc) for loc in locations)
        await announce(uow, member, locations, StaffMemberHired)
        await audit_member(uow, actor, "create", member)
        return await member_view(uow, member)


async def update_member(*, uow: UnitOfWork, staff_id: str, cmd: MemberFields, actor: Principal) -> MemberOut:
    """Replace a member's name, role, NPI, contact details and manager (never where they work: see transfer)."""
    async with uow:
        member = await load_member(uow, staff_id, actor, lock=True)
        ensure_employed(member)
        await _check_manager(uow, cmd.manager_id, member.id)
        for field, value in cmd.model_dump().items():
            setattr(member, field, value)
        member.updated_at = utcnow()
        await _flush(uow)
        await announce(uow, member, (await locations_of(uow, [member.id]))[member.id], StaffMemberUpdated)
        await audit_member(uow, actor, "update", member)
        return await member_view(uow, member)


async def get_member(*, uow: UnitOfWork, staff_id: str, actor: Principal) -> MemberOut:
    """One member's record; the read is audited."""
    async with uow:
        member = await load_member(uow, staff_id, actor)
        await audit_member(uow, actor, "read", member)
        return await member_view(uow, member)


async def list_members(
    *, uow: UnitOfWork, location_id: str, include_terminated: bool, limit: int, offset: int, actor: Principal
) -> list[MemberOut]:
    """A page of the members who may work at a location, by name; the read is audited."""
    actor.ensure_location(location_id)
    async with uow:
        query = (
            select(StaffMember)
            .join(StaffLocation, StaffLocation.staff_id == StaffMember.id)
            .where(StaffLocation.location_id == location_id)
            .order_by(StaffMember.family_name, StaffMember.given_name, StaffMember.id)
            .offset(offset)
            .limit(limit)
        )
        if not include_terminated:
            query = query.where(StaffMember.terminated_on.is_(None))
        found = list((await uow.session.scalars(query)).all())
        locations = await locations_of(uow, [m.id for m in found])
        await record_phi_access(
            uow,
            actor=actor,
            action="read",
            resource="staff_member",
            resource_id=None,
            patient_id=None,
            location_id=location_id,
        )
        return [_member_out(m, locations[m.id]) for m in found]


async def load_member(uow: UnitOfWork, staff_id: str, actor: Principal, *, lock: bool = False) -> StaffMember:
    """The member, if the actor may see their home location."""
    return await load_in_scope(
        uow,
        StaffMember,
        staff_id,
        actor,
        field="staff_id",
        what="staff member",
        lock=lock,
        location_of=lambda member: member.home_location_id,
    )


async def locations_of(uow: UnitOfWork, staff_ids: list[str]) -> dict[str, list[str]]:
    """Where each of these members may work, in one query."""
    found: dict[str, list[str]] = {staff_id: [] for staff_id in staff_ids}
    if staff_ids:
        rows = await uow.session.execute(
            select(StaffLocation.staff_id, StaffLocation.location_id)
            .where(StaffLocation.staff_id.in_(staff_ids))
            .order_by(StaffLocation.location_id)
        )
        for staff_id, location_id in rows.all():
            found[staff_id].append(location_id)
    return found


async def member_view(uow: UnitOfWork, member: StaffMember) -> MemberOut:
    """The member as the API shows them, with where they may work."""
    return _member_out(member, (await locations_of(uow, [member.id]))[member.id])


async def audit_member(
    uow: UnitOfWork,
    actor: Principal,
    action: str,
    member: StaffMember,
    *,
    resource: str = "staff_member",
    resource_id: str | None = None,
) -> None:
    """Record who read or changed a member's personal data (record, credentials, training, time off)."""
    await record_phi_access(
        uow,
        actor=actor,
        action=action,
        resource=resource,
        resource_id=resource_id or member.id,
        patient_id=None,
        location_id=member.home_location_id,
    )


def ensure_employed(member: StaffMember) -> None:
    """409 for a member already terminated: their record no longer changes."""
    if member.terminated_on is not None:
        raise Conflict(f"staff member {member.id} was terminated on {member.terminated_on}", field="staff_id")


async def ensure_known(uow: UnitOfWork, home_location_id: str, location_ids: list[str]) -> None:
    """Refuse a location facilities has not announced to staff yet (at start-up its event may still be on the way)."""
    known = set(
        (await uow.session.scalars(select(Location.location_id).where(Location.location_id.in_(location_ids)))).all()
    )
    for location_id in sorted(location_ids, key=lambda loc: loc != home_location_id):
        if location_id not in known:
            field = "home_location_id" if location_id == home_location_id else "location_ids"
            raise Unprocessable(
                f"unknown location {location_id}: wait until facilities has announced it to staff", field=field
            )


async def announce(uow: UnitOfWork, member: StaffMember, locations: list[str], payload) -> None:
    """Emit the member's whole record (`.hired` or `.updated`) with where they may work."""
    await uow.emit(
        payload(
            staff_id=member.id,
            given_name=member.given_name,
            family_name=member.family_name,
            role=member.role,
            npi=member.npi,
            home_location_id=member.home_location_id,
            location_ids=locations,
            manager_id=member.manager_id,
            hired_on=member.hired_on,
        ),
        subject=member.id,
        location_id=member.home_location_id,
    )


def _member_out(member: StaffMember, locations: list[str]) -> MemberOut:
    fields = {name: getattr(member, name) for name in MemberOut.model_fields if name != "location_ids"}
    return MemberOut(**fields, location_ids=locations)


async def _check_manager(uow: UnitOfWork, manager_id: str | None, staff_id: str) -> None:
    if manager_id is None:
        return
    manager = await uow.session.get(StaffMember, manager_id)
    if manager is None or manager_id == staff_id or manager.terminated_on is not None:
        raise Unprocessable(f"{manager_id} is not a current staff member who can manage", field="manager_id")


async def _flush(uow: UnitOfWork) -> None:
    try:
        await uow.session.flush()
    except IntegrityError as exc:
        if "npi" in str(exc.orig).lower():
            raise Conflict("another staff member has this NPI", field="npi") from exc
        raise
