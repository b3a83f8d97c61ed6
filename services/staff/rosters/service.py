"""Shifts in the location's local time, weekly roster templates, never two overlapping shifts of a person.

The database refuses overlaps (PostgreSQL exclusion constraint, SQLite triggers): no check-then-insert here.
"""

import uuid
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from services.staff.members import service as members
from services.staff.members.models import StaffLocation, StaffMember
from services.staff.projections import service as projections
from services.staff.rosters.domain import MAX_RANGE_DAYS, aware_at, local_instant, local_span
from services.staff.rosters.models import SCHEDULED, RosterTemplate, Shift
from services.staff.rosters.schemas import GenerateIn, RosterTemplateIn, ShiftIn
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.staff import ShiftCancelled, ShiftScheduled
from shared.errors import Conflict, Unprocessable
from shared.loading import load_in_scope
from shared.uow import UnitOfWork


async def schedule(*, uow: UnitOfWork, cmd: ShiftIn, actor: Principal) -> Shift:
    """Schedule one shift of a member at a location."""
    actor.ensure_location(cmd.location_id)
    async with uow:
        location = await projections.known_location(uow, cmd.location_id)
        start, end = aware_at(cmd.start, location.timezone), aware_at(cmd.end, location.timezone)
        if not timedelta(0) < end - start <= timedelta(hours=24):
            raise Unprocessable("a shift ends after it starts and lasts at most 24 hours", field="end")
        with _overlap_is_a_conflict():
            shift = await _place(
                uow, staff_id=cmd.staff_id, location_id=cmd.location_id, start=start, end=end, actor=actor
            )
            await uow.session.flush()
        return shift


async def cancel(*, uow: UnitOfWork, shift_id: str, actor: Principal) -> Shift:
    """Cancel a scheduled shift."""
    async with uow:
        shift = await load_in_scope(uow, Shift, shift_id, actor, field="shift_id", lock=True)
        if shift.status != SCHEDULED:
            raise Conflict(f"the shift is {shift.status}", field="status")
        shift.status = "cancelled"
        await uow.emit(
            ShiftCancelled(shift_id=shift.id, staff_id=shift.staff_id, location_id=shift.location_id),
            subject=shift.id,
            location_id=shift.location_id,
        )
        return shift


async def list_shifts(
    *, uow: UnitOfWork, location_id: str, first_day: date, last_day: date, actor: Principal
) -> list[Shift]:
    """Scheduled shifts at a location starting on these local days (at most 92 days: the read stays bounded)."""
    actor.ensure_location(location_id)
    if not 0 <= (last_day - first_day).days <= MAX_RANGE_DAYS:
        raise Unprocessable(
            f"last_day must be on or after first_day, at most {MAX_RANGE_DAYS} days later", field="last_day"
        )
    async with uow:
        location = await projections.known_location(uow, location_id)
        start = local_instant(first_day, time(), location.timezone)
        end = local_instant(last_day + timedelta(days=1), time(), location.timezone)
        rows = await uow.session.scalars(
            select(Shift)
            .where(Shift.location_id == location_id, Shift.status == SCHEDULED, Shift.start >= start, Shift.start < end)
            .order_by(Shift.start, Shift.staff_id)
        )
        return list(rows.all())


async def add_template(*, uow: UnitOfWork, location_id: str, cmd: RosterTemplateIn, actor: Principal) -> RosterTemplate:
    """Save a weekly roster of local shifts for a location."""
    actor.ensure_location(location_id)
    async with uow:
        await projections.known_location(uow, location_id)
        template = RosterTemplate(
            id=str(uuid.uuid4()),
            location_id=location_id,
            name=cmd.name,
            entries=[e.model_dump(mode="json") for e in cmd.entries],
            created_at=utcnow(),
        )
        uow.session.add(template)
        return template


async def list_templates(*, uow: UnitOfWork, location_id: str, actor: Principal) -> list[RosterTemplate]:
    """The location's saved weekly rosters, by name."""
    actor.ensure_location(location_id)
    async with uow:
        await projections.known_location(uow, location_id)
        rows = await uow.session.scalars(
            select(RosterTemplate)
            .where(RosterTemplate.location_id == location_id)
            .order_by(RosterTemplate.name, RosterTemplate.created_at)
        )
        return list(rows.all())


async def generate(*, uow: UnitOfWork, template_id: str, cmd: GenerateIn, actor: Principal) -> list[Shift]:
    """Create the template's shifts on each local day of the range: all of them or none."""
    async with uow:
        template = await load_in_scope(
            uow, RosterTemplate, template_id, actor, field="template_id", what="roster template"
        )
        location = await projections.known_location(uow, template.location_id)
        shifts = []
        # Any overlap (autoflushed by a later query, or at the end) rolls back the whole range.
        with _overlap_is_a_conflict():
            for offset in range((cmd.last_day - cmd.first_day).days + 1):
                day = cmd.first_day + timedelta(days=offset)
                for entry in (e for e in template.entries if e["weekday"] == day.weekday()):
                    start, end = local_span(
                        day, time.fromisoformat(entry["start"]), time.fromisoformat(entry["end"]), location.timezone
                    )
                    shifts.append(
                        await _place(
                            uow,
                            staff_id=entry["staff_id"],
                            location_id=location.location_id,
                            start=start,
                            end=end,
                            actor=actor,
                            template_id=template.id,
                        )
                    )
            await uow.session.flush()
        return shifts


async def cancel_member_shifts(
    uow: UnitOfWork, staff_id: str, *, starting_from: datetime, at_locations: list[str] | None = None
) -> None:
    """Cancel the member's scheduled shifts from `starting_from` on (only `at_locations`, if given), each announced."""
    criteria = [Shift.start >= starting_from]
    if at_locations is not None:
        criteria.append(Shift.location_id.in_(at_locations))
    cancelled = await uow.session.execute(
        update(Shift)
        .where(Shift.staff_id == staff_id, Shift.status == SCHEDULED, *criteria)
        .values(status="cancelled")
        .returning(Shift.id, Shift.location_id)
    )
    for shift_id, location_id in cancelled.all():
        await uow.emit(
            ShiftCancelled(shift_id=shift_id, staff_id=staff_id, location_id=location_id),
            subject=shift_id,
            location_id=location_id,
        )


async def _place(
    uow: UnitOfWork,
    *,
    staff_id: str,
    location_id: str,
    start: datetime,
    end: datetime,
    actor: Principal,
    template_id: str | None = None,
) -> Shift:
    # FOR SHARE: a concurrent transfer or termination (FOR UPDATE on the member) waits for this shift, then
    # cancels it, or this waits for them and sees where the member works now.
    member = await uow.session.get(StaffMember, staff_id, with_for_update={"read": True})
    if member is None:
        raise Unprocessable(f"staff member {staff_id} not found", field="staff_id")
    members.ensure_employed(member)
    if await uow.session.get(StaffLocation, (staff_id, location_id)) is None:
        raise Unprocessable(f"{staff_id} does not work at {location_id}", field="location_id")
    shift = Shift(
        id=str(uuid.uuid4()),
        staff_id=staff_id,
        location_id=location_id,
        start=start,
        end=end,
        status=SCHEDULED,
        template_id=template_id,
        created_by=actor.sub,
        created_at=utcnow(),
    )
    uow.session.add(shift)
    await uow.emit(
        ShiftScheduled(shift_id=shift.id, staff_id=staff_id, location_id=location_id, start=start, end=end),
        subject=shift.id,
        location_id=location_id,
    )
    return shift


@contextmanager
def _overlap_is_a_conflict():
    try:
        yield
    except IntegrityError as exc:
        if "no_shift_overlap" in str(exc.orig):
            raise Conflict("the member already has a shift overlapping that time", field="start") from exc
        raise
