"""Time off: requested by the member (or their manager), approved or denied by a manager.

A member's pending and approved requests never overlap: the database refuses it (PostgreSQL
exclusion constraint, SQLite triggers). Approved time off leaves the member's shifts on the roster:
coverage counts the member away for that time, and scheduling makes them unbookable and flags
their appointments in it (it consumes `staff.time_off.approved`).
"""

import uuid

from sqlalchemy import select, update

from services.staff.access import ensure_self_or_manager
from services.staff.members import service as members
from services.staff.members.models import StaffLocation
from services.staff.projections import service as projections
from services.staff.rosters.domain import aware_at
from services.staff.rosters.models import TimeOff
from services.staff.rosters.schemas import DecisionIn, TimeOffIn
from shared.audit import record_phi_access
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.staff import TimeOffApproved
from shared.errors import Conflict, NotFound, Unprocessable
from shared.uow import UnitOfWork

REQUESTED = "requested"
LISTED_AT_MOST = 500  # a location's requests in one answer: months of a busy practice's pending ones
WITHDRAWN = "withdrawn"  # like "denied", it no longer holds the time


async def request(*, uow: UnitOfWork, cmd: TimeOffIn, actor: Principal) -> TimeOff:
    """Ask for time off; times without an offset are read in the member's home location's timezone."""
    ensure_self_or_manager(actor, cmd.staff_id)
    async with uow:
        member = await members.load_member(uow, cmd.staff_id, actor)
        members.ensure_employed(member)
        timezone = await projections.timezone_of(uow, member.home_location_id)
        start, end = aware_at(cmd.start, timezone), aware_at(cmd.end, timezone)
        if end <= start:
            raise Unprocessable("time off must end after it starts", field="end")
        time_off = TimeOff(
            id=str(uuid.uuid4()),
            staff_id=member.id,
            start=start,
            end=end,
            reason=cmd.reason,
            status=REQUESTED,
            requested_by=actor.sub,
            created_at=utcnow(),
        )
        await uow.add_unique(
            time_off,
            constraint="no_time_off_overlap",
            field="start",
            conflict="the member already has time off requested or approved overlapping that time",
        )
        await members.audit_member(uow, actor, "create", member, resource="staff_time_off", resource_id=time_off.id)
        return time_off


async def decide(*, uow: UnitOfWork, time_off_id: str, approve: bool, cmd: DecisionIn, actor: Principal) -> TimeOff:
    """Approve or deny a pending request; only an approval is announced."""
    async with uow:
        time_off = await uow.session.get(TimeOff, time_off_id)
        if time_off is None:
            raise NotFound(f"time off {time_off_id} not found", field="time_off_id")
        member = await members.load_member(uow, time_off.staff_id, actor)
        if actor.sub == member.id:
            raise Conflict("nobody decides their own time off", field="time_off_id")
        # Conditional update: of two managers deciding at once, exactly one wins.
        decided = await uow.session.execute(
            update(TimeOff)
            .where(TimeOff.id == time_off_id, TimeOff.status == REQUESTED)
            .values(
                status="approved" if approve else "denied",
                decided_by=actor.sub,
                decided_at=utcnow(),
                decision_note=cmd.note,
            )
            .execution_options(synchronize_session=False)
        )
        if decided.rowcount != 1:
            raise Conflict(f"the request was {time_off.status} already", field="status")
        await uow.session.refresh(time_off)
        if approve:
            await uow.emit(
                TimeOffApproved(
                    time_off_id=time_off.id, staff_id=time_off.staff_id, start=time_off.start, end=time_off.end
                ),
                subject=time_off.id,
                location_id=member.home_location_id,
            )
        await members.audit_member(uow, actor, "update", member, resource="staff_time_off", resource_id=time_off.id)
        return time_off


async def withdraw(*, uow: UnitOfWork, time_off_id: str, actor: Principal) -> TimeOff:
    """Take back a request nobody has decided yet (the member, or a manager); its time is free again."""
    async with uow:
        time_off = await uow.session.get(TimeOff, time_off_id)
        if time_off is None:
            raise NotFound(f"time off {time_off_id} not found", field="time_off_id")
        ensure_self_or_manager(actor, time_off.staff_id)
        member = await members.load_member(uow, time_off.staff_id, actor)
        # Conditional update: a decision and a withdrawal racing each other cannot both win.
        withdrawn = await uow.session.execute(
            update(TimeOff)
            .where(TimeOff.id == time_off_id, TimeOff.status == REQUESTED)
            .values(status=WITHDRAWN, decided_by=actor.sub, decided_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        if withdrawn.rowcount != 1:
            raise Conflict(f"the request was {time_off.status} already", field="status")
        await uow.session.refresh(time_off)
        await members.audit_member(uow, actor, "update", member, resource="staff_time_off", resource_id=time_off.id)
        return time_off


async def list_requests(*, uow: UnitOfWork, location_id: str, status: str | None, actor: Principal) -> list[TimeOff]:
    """Time-off requests of the members who work at a location, soonest first; the read is audited."""
    actor.ensure_location(location_id)
    async with uow:
        await projections.known_location(uow, location_id)
        query = (
            select(TimeOff)
            .join(StaffLocation, StaffLocation.staff_id == TimeOff.staff_id)
            .where(StaffLocation.location_id == location_id)
            .order_by(TimeOff.start, TimeOff.id)
            .limit(LISTED_AT_MOST)
        )
        if status is not None:
            query = query.where(TimeOff.status == status)
        found = list((await uow.session.scalars(query)).all())
        await record_phi_access(
            uow,
            actor=actor,
            action="read",
            resource="staff_time_off",
            resource_id=None,
            patient_id=None,
            location_id=location_id,
        )
        return found
