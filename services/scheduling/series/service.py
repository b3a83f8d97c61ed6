"""Recurring series: every occurrence booked under the same rules, all or none."""

import uuid
from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

from services.scheduling.appointments import booking
from services.scheduling.appointments.models import Appointment
from services.scheduling.appointments.schemas import AppointmentIn
from services.scheduling.projections.models import Location
from services.scheduling.series.models import AppointmentSeries
from services.scheduling.series.schemas import SeriesIn
from shared.audit import UowFactory, audit_denials, ensure_phi_access
from shared.auth import Principal
from shared.clock import utcnow
from shared.errors import DomainError, Unprocessable
from shared.uow import UnitOfWork

MAX_OCCURRENCES = 52
MAX_SPAN = timedelta(days=366)


async def book_series(*, uow: UnitOfWork, new_uow: UowFactory, cmd: SeriesIn, actor: Principal) -> list[Appointment]:
    """Book every occurrence, or none: the first that cannot be booked refuses the whole series."""
    async with audit_denials(new_uow), uow:
        ensure_phi_access(
            actor,
            action="create",
            resource="Appointment",
            resource_id=None,
            patient_id=cmd.patient_id,
            location_id=cmd.location_id,
        )
        location = await uow.session.get(Location, cmd.location_id)
        tz = ZoneInfo(location.timezone) if location else ZoneInfo("UTC")
        series = AppointmentSeries(
            id=str(uuid.uuid4()),
            every=cmd.every,
            unit=cmd.unit,
            until=cmd.until,
            count=cmd.count,
            created_by=actor.sub,
            created_at=utcnow(),
        )
        uow.session.add(series)
        booked = []
        for number, occurrence in enumerate(occurrences(cmd, tz), start=1):
            try:
                booked.append(await booking.place(uow, occurrence, actor, series_id=series.id))
            except DomainError as refused:
                # The whole series rolls back; say which occurrence stood in the way.
                refused.message = f"occurrence {number} at {occurrence.start.isoformat()}: {refused.message}"
                refused.details["occurrence"] = number
                raise
    return booked


def occurrences(cmd: SeriesIn, tz: ZoneInfo) -> list[AppointmentIn]:
    """The series' occurrences at the same local wall-clock time (so 09:00 stays 09:00 across DST)."""
    step = timedelta(days=cmd.every * (7 if cmd.unit == "week" else 1))
    local_start, duration = cmd.start.astimezone(tz), cmd.end - cmd.start
    result, day = [], local_start.date()
    if cmd.until is not None and cmd.until < day:
        raise Unprocessable(
            f"until {cmd.until} is before the first occurrence, on {day} at the location", field="body.until"
        )
    while len(result) < (cmd.count or MAX_OCCURRENCES + 1) and (cmd.until is None or day <= cmd.until):
        start = local_start.replace(year=day.year, month=day.month, day=day.day)
        result.append(
            cmd.model_copy(update={"start": start.astimezone(UTC), "end": (start + duration).astimezone(UTC)})
        )
        day += step
    if len(result) > MAX_OCCURRENCES or result[-1].start - result[0].start > MAX_SPAN:
        raise Unprocessable(f"a series holds at most {MAX_OCCURRENCES} occurrences within a year", field="until")
    return [AppointmentIn(**o.model_dump(include=set(AppointmentIn.model_fields))) for o in result]
