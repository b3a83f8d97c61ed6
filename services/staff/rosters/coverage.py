"""Who is on shift at a location on a local day, and where staffing falls below the minimum per role."""

import uuid
from datetime import date, time, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from services.staff.members.models import StaffMember
from services.staff.projections import service as projections
from services.staff.projections.models import Location
from services.staff.rosters.domain import coverage_gaps, local_instant, local_span, subtract
from services.staff.rosters.models import SCHEDULED, CoverageGapNotice, Shift, StaffingRule, TimeOff
from services.staff.rosters.schemas import CoverageGap, CoverageOut, OnShift, StaffingRuleIn
from shared.auth import Principal
from shared.clock import local_today, utcnow
from shared.contracts.staff import CoverageGapClosed, CoverageGapFound
from shared.uow import UnitOfWork


async def add_rule(*, uow: UnitOfWork, location_id: str, cmd: StaffingRuleIn, actor: Principal) -> StaffingRule:
    """Require at least `minimum` people of a role on shift between two local times, every day."""
    actor.ensure_location(location_id)
    async with uow:
        await projections.known_location(uow, location_id)
        rule = StaffingRule(id=str(uuid.uuid4()), location_id=location_id, **cmd.model_dump())
        uow.session.add(rule)
        return rule


async def coverage(*, uow: UnitOfWork, location_id: str, day: date, actor: Principal) -> CoverageOut:
    """The location's shifts overlapping the local day and the gaps against its staffing rules."""
    actor.ensure_location(location_id)
    async with uow:
        location = await projections.known_location(uow, location_id)
        return await _coverage_of(uow, location, day)


async def announce_gaps(*, uow: UnitOfWork) -> int:
    """Periodic: tomorrow's gaps at each location with staffing rules, announced once per role, and their closing."""
    announced = 0
    async with uow:
        location_ids = (await uow.session.scalars(select(StaffingRule.location_id).distinct())).all()
        for location_id in location_ids:
            location = await uow.session.get(Location, location_id)
            if location is None:  # rules before facilities' announcement arrived: no local day yet
                continue
            day = local_today(location.timezone) + timedelta(days=1)
            gaps = {}
            for gap in (await _coverage_of(uow, location, day)).gaps:
                gaps.setdefault(gap.role, gap)  # the day's first gap of the role
            announced += await _announce(uow, location_id, day, gaps)
    return announced


async def _announce(uow: UnitOfWork, location_id: str, day: date, gaps: dict[str, CoverageGap]) -> int:
    notices = {
        n.role: n
        for n in await uow.session.scalars(
            select(CoverageGapNotice)
            .where(CoverageGapNotice.location_id == location_id, CoverageGapNotice.day == day)
            .with_for_update()
        )
    }
    count = 0
    for role, gap in gaps.items():
        notice = notices.get(role)
        if notice is not None and notice.closed_at is None:
            continue
        if notice is None:
            notice = CoverageGapNotice(location_id=location_id, day=day, role=role, found_at=utcnow())
            try:  # another instance's check may announce it first: the primary key decides
                async with uow.session.begin_nested():
                    uow.session.add(notice)
            except IntegrityError:
                continue
        notice.closed_at = None
        found = CoverageGapFound(location_id=location_id, day=day, role=role, **gap.model_dump(exclude={"role"}))
        await uow.emit(found, subject=location_id, location_id=location_id)
        count += 1
    for role, notice in notices.items():
        if role not in gaps and notice.closed_at is None:
            notice.closed_at = utcnow()
            closed = CoverageGapClosed(location_id=location_id, day=day, role=role)
            await uow.emit(closed, subject=location_id, location_id=location_id)
            count += 1
    return count


async def _coverage_of(uow: UnitOfWork, location: Location, day: date) -> CoverageOut:
    """Shifts and gaps of the location's local day, inside the caller's transaction."""
    location_id = location.location_id
    # The local day, which is 23 or 25 hours long on DST changes.
    day_start = local_instant(day, time(), location.timezone)
    day_end = local_instant(day + timedelta(days=1), time(), location.timezone)
    rows = (
        await uow.session.execute(
            select(Shift, StaffMember)
            .join(StaffMember, StaffMember.id == Shift.staff_id)
            .where(
                Shift.location_id == location_id,
                Shift.status == SCHEDULED,
                Shift.start < day_end,
                Shift.end > day_start,
            )
            .order_by(Shift.start, StaffMember.family_name)
        )
    ).all()
    away = await _approved_time_off(uow, [m.id for _, m in rows], day_start, day_end)
    rules = (
        await uow.session.scalars(
            select(StaffingRule)
            .where(StaffingRule.location_id == location_id)
            .order_by(StaffingRule.role, StaffingRule.start)
        )
    ).all()
    tz = day_start.tzinfo
    # Approved time off keeps the shift on the roster (scheduling already stops booking the member then).
    on_shift = [
        OnShift(
            staff_id=m.id,
            name=f"{m.given_name} {m.family_name}",
            role=m.role,
            start=s.start.astimezone(tz),
            end=s.end.astimezone(tz),
            on_time_off=subtract((s.start, s.end), away.get(m.id, [])) != [(s.start, s.end)],
        )
        for s, m in rows
    ]
    gaps = []
    for rule in rules:
        # People on approved time off are not there, even with a shift on the roster.
        on_duty = [
            piece for s, m in rows if m.role == rule.role for piece in subtract((s.start, s.end), away.get(m.id, []))
        ]
        window = local_span(day, rule.start, rule.end, location.timezone)
        gaps += [
            CoverageGap(
                role=g.role,
                required=g.required,
                scheduled=g.scheduled,
                start=g.start.astimezone(tz),
                end=g.end.astimezone(tz),
            )
            for g in coverage_gaps(role=rule.role, required=rule.minimum, window=window, on_duty=on_duty)
        ]
    return CoverageOut(location_id=location_id, day=day, on_shift=on_shift, gaps=gaps)


async def _approved_time_off(uow: UnitOfWork, staff_ids: list[str], start, end) -> dict[str, list]:
    if not staff_ids:
        return {}
    rows = await uow.session.scalars(
        select(TimeOff).where(
            TimeOff.staff_id.in_(staff_ids), TimeOff.status == "approved", TimeOff.start < end, TimeOff.end > start
        )
    )
    away: dict[str, list] = {}
    for time_off in rows.all():
        away.setdefault(time_off.staff_id, []).append((time_off.start, time_off.end))
    return away
