"""Staff members: hire, update, transfer, terminate, and the audited reads of their personal data.

A member belongs to their home location: a manager scoped to it manages them.
"""

import uuid
from datetime import date, time

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from services.staff.domain import local_instant
from services.staff.models import Location, StaffLocation, StaffMember
from services.staff.roster_models import SCHEDULED, Shift
from services.staff.schemas import HireIn, MemberFields, MemberOut, TerminationIn, TransferIn
from shared.audit import record_phi_access
from shared.auth import Principal
from shared.contracts.staff import ShiftCancelled, StaffMemberHired, StaffMemberTerminated, StaffMemberUpdated
from shared.db import utcnow
from shared.errors import Conflict, NotFound, Unprocessable
from shared.uow import UnitOfWork


async def load_member(uow: UnitOfWork, staff_id: str, actor: Principal, *, lock: bool = False) -> StaffMember:
    """The member, if the actor may see their home location (404 before 403 leaks nothing new: ids are UUIDs)."""
    member = await uow.session.get(StaffMember, staff_id, with_for_update=lock)
    if member is None:
        raise NotFound(f"staff member {staff_id} not found", field="staff_id")
    actor.ensure_location(member.home_location_id)
    return member


async def location_ids(uow: UnitOfWork, staff_id: str) -> list[str]:
    rows = await uow.session.scalars(select(StaffLocation.location_id).where(StaffLocation.staff_id == staff_id)
                                     .order_by(StaffLocation.location_id))
    return list(rows.all())


async def member_out(uow: UnitOfWork, member: StaffMember) -> MemberOut:
    fields = {name: getattr(member, name) for name in MemberOut.model_fields if name != "location_ids"}
    return MemberOut(**fields, location_ids=await location_ids(uow, member.id))


async def hire(*, uow: UnitOfWork, cmd: HireIn, actor: Principal) -> MemberOut:
    """Hire a member at their home location (and the other locations they may work at)."""
    locations = sorted({cmd.home_location_id, *cmd.location_ids})
    for location_id in locations:
        actor.ensure_location(location_id)
    async with uow:
        now = utcnow()
        member = StaffMember(id=str(uuid.uuid4()), created_at=now, updated_at=now,
                             **cmd.model_dump(exclude={"location_ids"}))
        await _check_manager(uow, cmd.manager_id, member.id)
        uow.session.add(member)
        await _flush(uow)  # before its locations: no ORM relationship orders the inserts
        uow.session.add_all(StaffLocation(staff_id=member.id, location_id=loc) for loc in locations)
        await _announce(uow, member, locations, StaffMemberHired)
        await _audit(uow, actor, "create", member)
        return await member_out(uow, member)


async def update_member(*, uow: UnitOfWork, staff_id: str, cmd: MemberFields, actor: Principal) -> MemberOut:
    """Replace a member's name, role, NPI, contact details and manager."""
    async with uow:
        member = await load_member(uow, staff_id, actor, lock=True)
        _ensure_employed(member)
        await _check_manager(uow, cmd.manager_id, member.id)
        for field, value in cmd.model_dump().items():
            setattr(member, field, value)
        member.updated_at = utcnow()
        await _flush(uow)
        await _announce(uow, member, await location_ids(uow, member.id), StaffMemberUpdated)
        await _audit(uow, actor, "update", member)
        return await member_out(uow, member)


async def transfer(*, uow: UnitOfWork, staff_id: str, cmd: TransferIn, actor: Principal) -> MemberOut:
    """Move a member to another home location and set where they may work."""
    locations = sorted({cmd.home_location_id, *cmd.location_ids})
    for location_id in locations:
        actor.ensure_location(location_id)
    async with uow:
        member = await load_member(uow, staff_id, actor, lock=True)
        _ensure_employed(member)
        member.home_location_id, member.updated_at = cmd.home_location_id, utcnow()
        await uow.session.execute(delete(StaffLocation).where(StaffLocation.staff_id == staff_id))
        uow.session.add_all(StaffLocation(staff_id=staff_id, location_id=loc) for loc in locations)
        await _announce(uow, member, locations, StaffMemberUpdated)
        await _audit(uow, actor, "update", member)
        return await member_out(uow, member)


async def terminate(*, uow: UnitOfWork, staff_id: str, cmd: TerminationIn, actor: Principal) -> MemberOut:
    """End a member's employment; their shifts from that day on are cancelled."""
    async with uow:
        member = await load_member(uow, staff_id, actor, lock=True)
        _ensure_employed(member)
        if cmd.terminated_on < member.hired_on:
            raise Unprocessable("termination before the hire date", field="terminated_on")
        member.terminated_on, member.updated_at = cmd.terminated_on, utcnow()
        await uow.emit(StaffMemberTerminated(staff_id=staff_id, terminated_on=cmd.terminated_on),
                       subject=staff_id, location_id=member.home_location_id)
        await _cancel_shifts_from(uow, member, cmd.terminated_on)
        await _audit(uow, actor, "update", member)
        return await member_out(uow, member)


async def get_member(*, uow: UnitOfWork, staff_id: str, actor: Principal) -> MemberOut:
    """One member's record; the read is audited."""
    async with uow:
        member = await load_member(uow, staff_id, actor)
        await _audit(uow, actor, "read", member)
        return await member_out(uow, member)


async def list_members(*, uow: UnitOfWork, location_id: str, include_terminated: bool,
                       actor: Principal) -> list[MemberOut]:
    """Members who may work at a location, by name; the read is audited."""
    actor.ensure_location(location_id)
    async with uow:
        query = (select(StaffMember).join(StaffLocation, StaffLocation.staff_id == StaffMember.id)
                 .where(StaffLocation.location_id == location_id)
                 .order_by(StaffMember.family_name, StaffMember.given_name))
        if not include_terminated:
            query = query.where(StaffMember.terminated_on.is_(None))
        members = [await member_out(uow, m) for m in (await uow.session.scalars(query)).all()]
        await record_phi_access(uow, actor=actor, action="read", resource="staff_member", resource_id=None,
                                patient_id=None, location_id=location_id)
        return members


def _ensure_employed(member: StaffMember) -> None:
    if member.terminated_on is not None:
        raise Conflict(f"staff member {member.id} was terminated on {member.terminated_on}", field="staff_id")


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


async def _announce(uow: UnitOfWork, member: StaffMember, locations: list[str], payload) -> None:
    await uow.emit(payload(staff_id=member.id, given_name=member.given_name, family_name=member.family_name,
                           role=member.role, npi=member.npi, home_location_id=member.home_location_id,
                           location_ids=locations, manager_id=member.manager_id, hired_on=member.hired_on),
                   subject=member.id, location_id=member.home_location_id)


async def _cancel_shifts_from(uow: UnitOfWork, member: StaffMember, day: date) -> None:
    home = await uow.session.get(Location, member.home_location_id)
    cut_off = local_instant(day, time(), home.timezone if home else "UTC")
    cancelled = await uow.session.execute(
        update(Shift).where(Shift.staff_id == member.id, Shift.status == SCHEDULED, Shift.start >= cut_off)
        .values(status="cancelled").returning(Shift.id, Shift.location_id))
    for shift_id, location_id in cancelled.all():
        await uow.emit(ShiftCancelled(shift_id=shift_id, staff_id=member.id, location_id=location_id),
                       subject=shift_id, location_id=location_id)


async def _audit(uow: UnitOfWork, actor: Principal, action: str, member: StaffMember) -> None:
    await record_phi_access(uow, actor=actor, action=action, resource="staff_member", resource_id=member.id,
                            patient_id=None, location_id=member.home_location_id)
