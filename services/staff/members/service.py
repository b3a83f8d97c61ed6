"""Staff members: hire, update, transfer, terminate; each change audited and announced.

A member belongs to their home location: a manager scoped to it manages them. Members are placed
only at locations facilities has announced to staff, as shifts are.
"""

import uuid
from datetime import time

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from services.staff.domain import local_instant
from services.staff.member_reads import audit_member, load_member, locations_of, member_view
from services.staff.models import Location, StaffLocation, StaffMember
from services.staff.roster_models import SCHEDULED, Shift
from services.staff.schemas import HireIn, MemberFields, MemberOut, TerminationIn, TransferIn
from shared.auth import Principal
from shared.contracts.staff import ShiftCancelled, StaffMemberHired, StaffMemberTerminated, StaffMemberUpdated
from shared.clock import utcnow
from shared.errors import Conflict, Unprocessable
from shared.uow import UnitOfWork


async def hire(*, uow: UnitOfWork, cmd: HireIn, actor: Principal) -> MemberOut:
    """Hire a member at their home location (and the other locations they may work at)."""
    locations = sorted({cmd.home_location_id, *cmd.location_ids})
    for location_id in locations:
        actor.ensure_location(location_id)
    async with uow:
        await _ensure_known(uow, cmd.home_location_id, locations)
        now = utcnow()
        member = StaffMember(id=str(uuid.uuid4()), created_at=now, updated_at=now,
                             **cmd.model_dump(exclude={"location_ids"}))
        await _check_manager(uow, cmd.manager_id, member.id)
        uow.session.add(member)
        await _flush(uow)  # before its locations: no ORM relationship orders the inserts
        uow.session.add_all(StaffLocation(staff_id=member.id, location_id=loc) for loc in locations)
        await _announce(uow, member, locations, StaffMemberHired)
        await audit_member(uow, actor, "create", member)
        return await member_view(uow, member)


async def update_member(*, uow: UnitOfWork, staff_id: str, cmd: MemberFields, actor: Principal) -> MemberOut:
    """Replace a member's name, role, NPI, contact details and manager (never where they work: see transfer)."""
    async with uow:
        member = await load_member(uow, staff_id, actor, lock=True)
        _ensure_employed(member)
        await _check_manager(uow, cmd.manager_id, member.id)
        for field, value in cmd.model_dump().items():
            setattr(member, field, value)
        member.updated_at = utcnow()
        await _flush(uow)
        await _announce(uow, member, (await locations_of(uow, [member.id]))[member.id], StaffMemberUpdated)
        await audit_member(uow, actor, "update", member)
        return await member_view(uow, member)


async def transfer(*, uow: UnitOfWork, staff_id: str, cmd: TransferIn, actor: Principal) -> MemberOut:
    """Re-home a member and set where they work; their future shifts where they no longer work are cancelled."""
    locations = sorted({cmd.home_location_id, *cmd.location_ids})
    async with uow:
        member = await load_member(uow, staff_id, actor, lock=True)
        _ensure_employed(member)
        before = set((await locations_of(uow, [staff_id]))[staff_id])
        # The actor manages the new home and every location gained or lost; kept ones are not theirs to decide.
        for location_id in sorted((set(locations) ^ before) | {cmd.home_location_id}):
            actor.ensure_location(location_id)
        await _ensure_known(uow, cmd.home_location_id, sorted((set(locations) - before) | {cmd.home_location_id}))
        member.home_location_id, member.updated_at = cmd.home_location_id, utcnow()
        await uow.session.execute(delete(StaffLocation).where(StaffLocation.staff_id == staff_id))
        uow.session.add_all(StaffLocation(staff_id=staff_id, location_id=loc) for loc in locations)
        await _announce(uow, member, locations, StaffMemberUpdated)
        # Office managers expect the roster cleared rather than a refusal; a shift already under way stays.
        if left := sorted(before - set(locations)):
            await _cancel_shifts(uow, member, Shift.location_id.in_(left), Shift.start >= utcnow())
        await audit_member(uow, actor, "update", member)
        return await member_view(uow, member)


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
        home = await uow.session.get(Location, member.home_location_id)
        cut_off = local_instant(cmd.terminated_on, time(), home.timezone if home else "UTC")
        await _cancel_shifts(uow, member, Shift.start >= cut_off)
        await audit_member(uow, actor, "update", member)
        return await member_view(uow, member)


def _ensure_employed(member: StaffMember) -> None:
    if member.terminated_on is not None:
        raise Conflict(f"staff member {member.id} was terminated on {member.terminated_on}", field="staff_id")


async def _ensure_known(uow: UnitOfWork, home_location_id: str, location_ids: list[str]) -> None:
    """Refuse a location facilities has not announced to staff yet (at start-up its event may still be on the way)."""
    known = set((await uow.session.scalars(select(Location.location_id)
                                           .where(Location.location_id.in_(location_ids)))).all())
    for location_id in sorted(location_ids, key=lambda loc: loc != home_location_id):
        if location_id not in known:
            field = "home_location_id" if location_id == home_location_id else "location_ids"
            raise Unprocessable(f"unknown location {location_id}: wait until facilities has announced it to staff",
                                field=field)


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


async def _cancel_shifts(uow: UnitOfWork, member: StaffMember, *criteria) -> None:
    """Cancel the member's scheduled shifts matching `criteria`, each announced."""
    cancelled = await uow.session.execute(
        update(Shift).where(Shift.staff_id == member.id, Shift.status == SCHEDULED, *criteria)
        .values(status="cancelled").returning(Shift.id, Shift.location_id))
    for shift_id, location_id in cancelled.all():
        await uow.emit(ShiftCancelled(shift_id=shift_id, staff_id=member.id, location_id=location_id),
                       subject=shift_id, location_id=location_id)
