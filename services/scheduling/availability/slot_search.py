"""Open slots of a location for an appointment type: shifts minus bookings, buffers, time off, rooms."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache, partial
from zoneinfo import ZoneInfo

from sqlalchemy import select

from services.scheduling.appointments import held_time
from services.scheduling.appointments.domain import HOLDS_TIME
from services.scheduling.appointments.models import Appointment, AppointmentType
from services.scheduling.availability.domain import STEP, Interval, OpenSlot, open_slots, open_slots_with_rooms
from services.scheduling.projections.bookability import missing_credentials, provider_problems
from services.scheduling.projections.models import Credential, Location, Provider, Room, Shift, TimeOff
from shared.auth import Principal
from shared.clock import local_date
from shared.errors import NotFound, Unprocessable
from shared.uow import UnitOfWork

MAX_DAYS = 31


async def search(
    *,
    uow: UnitOfWork,
    location_id: str,
    appointment_type_id: str,
    first_day: date,
    last_day: date,
    provider_id: str | None,
    actor: Principal,
) -> list[OpenSlot]:
    """Open slots for the type at the location between two local dates, per provider (and free room)."""
    actor.ensure_location(location_id)
    if not 0 <= (last_day - first_day).days < MAX_DAYS:
        raise Unprocessable(f"the range must be 1 to {MAX_DAYS} days, from first_day to last_day", field="last_day")
    async with uow:
        location = await uow.session.get(Location, location_id)
        kind = await uow.session.get(AppointmentType, appointment_type_id)
        if location is None:
            raise NotFound(f"location {location_id} is not known to scheduling yet", field="location_id")
        if kind is None or kind.location_id != location_id:
            raise NotFound(f"appointment type {appointment_type_id} not found here", field="appointment_type_id")
        tz = ZoneInfo(location.timezone)
        window = Interval(
            datetime.combine(first_day, time(), tz), datetime.combine(last_day + timedelta(days=1), time(), tz)
        )
        search_args = dict(
            duration=timedelta(minutes=kind.duration_minutes),
            buffer=timedelta(minutes=kind.buffer_minutes),
            step=STEP,
            window=window,
            tz=tz,
            opening_hours=_hours(location.opening_hours),
            closed_on={date.fromisoformat(d) for d in location.closed_on or []},
        )
        rooms = await _rooms(uow, location_id, kind.room_kind, window) if kind.room_kind else None
        providers = await _providers(uow, location_id, kind, provider_id)
        times = await _their_time(uow, [p.staff_id for p in providers], location_id, window)
        # Every provider's slots start on the same few grid instants: each one's local date is worked out once.
        day_of = cache(partial(local_date, zone=tz))
        found = [
            slot
            for provider in providers
            for slot in _provider_slots(provider, times[provider.staff_id], location, kind, search_args, rooms, day_of)
        ]
    return sorted(found, key=lambda s: (s.start, s.provider_id))


@dataclass
class ProviderTime:
    """What decides a provider's open time in the window: shifts, what holds time, time off, credentials."""

    shifts: list[Interval] = field(default_factory=list)
    bookings: list[Interval] = field(default_factory=list)
    blocked: list[Interval] = field(default_factory=list)
    credentials: list[Credential] = field(default_factory=list)


async def _their_time(uow, staff_ids: list[str], location_id: str, window: Interval) -> dict[str, ProviderTime]:
    """Every provider's time in one query per kind, not one per provider: a week of 50 is 5 queries, not 250."""
    times = {staff_id: ProviderTime() for staff_id in staff_ids}
    if not staff_ids:
        return times
    for staff_id, start, end in await uow.session.execute(_time_held(Appointment.provider_id, staff_ids, window)):
        times[staff_id].bookings.append(Interval(start, end))
    for hold in await uow.session.scalars(held_time.live_holds(staff_ids, window.start, window.end)):
        times[hold.provider_id].bookings.append(Interval(hold.start, hold.end))  # held for the waitlist
    shifts = select(Shift.staff_id, Shift.start, Shift.end).where(
        Shift.staff_id.in_(staff_ids),
        Shift.location_id == location_id,
        Shift.cancelled.is_(False),
        Shift.start < window.end,
        Shift.end > window.start,
    )
    for staff_id, start, end in await uow.session.execute(shifts):
        times[staff_id].shifts.append(Interval(start, end))
    off = select(TimeOff.staff_id, TimeOff.start, TimeOff.end).where(
        TimeOff.staff_id.in_(staff_ids), TimeOff.start < window.end, TimeOff.end > window.start
    )
    for staff_id, start, end in await uow.session.execute(off):
        times[staff_id].blocked.append(Interval(start, end))
    for credential in await uow.session.scalars(select(Credential).where(Credential.staff_id.in_(staff_ids))):
        times[credential.staff_id].credentials.append(credential)
    return times


def _provider_slots(provider, time_of: ProviderTime, location, kind, search_args, rooms, day_of) -> list[OpenSlot]:
    common = dict(shifts=time_of.shifts, bookings=time_of.bookings, blocked=time_of.blocked, **search_args)
    pairs = (
        open_slots_with_rooms(rooms=rooms, **common)
        if rooms is not None
        else [(slot, []) for slot in open_slots(**common)]
    )
    verdicts = {}

    def allowed(slot: Interval) -> bool:
        on = day_of(slot.start)
        if on not in verdicts:  # one verdict per local day, not per slot
            verdicts[on] = not (
                provider_problems(provider, location_id=location.location_id, on=on)
                or missing_credentials(time_of.credentials, state=location.state, on=on, requires_dea=kind.requires_dea)
            )
        return verdicts[on]

    return [
        OpenSlot(start=slot.start, end=slot.end, provider_id=provider.staff_id, room_ids=room_ids)
        for slot, room_ids in pairs
        if allowed(slot)
    ]


async def _providers(uow, location_id: str, kind: AppointmentType, provider_id: str | None) -> list[Provider]:
    query = select(Provider).where(Provider.role.in_(kind.provider_roles))
    if provider_id:
        query = query.where(Provider.staff_id == provider_id)
    return [p for p in await uow.session.scalars(query) if location_id in (p.location_ids or [])]


def _time_held(holder, ids: list[str], window: Interval):
    """(holder, start, end) of the appointments holding time of these providers or rooms within the window."""
    return select(holder, Appointment.start, Appointment.end).where(
        holder.in_(ids),
        Appointment.status.in_(HOLDS_TIME),
        Appointment.start < window.end,
        Appointment.end > window.start,
    )


async def _rooms(uow, location_id: str, room_kind: str, window: Interval) -> dict[str, list[Interval]]:
    """Each room of the kind with what occupies it: its bookings, and its time out of service."""
    of_kind = list(
        await uow.session.scalars(select(Room).where(Room.location_id == location_id, Room.kind == room_kind))
    )
    rooms: dict[str, list[Interval]] = {room.room_id: [] for room in of_kind}
    if rooms:
        for room_id, start, end in await uow.session.execute(_time_held(Appointment.room_id, list(rooms), window)):
            rooms[room_id].append(Interval(start, end))
    for room in of_kind:
        if not room.in_service:  # out until its expected return, or for the whole search
            until = room.expected_return if room.expected_return and room.expected_return > window.start else window.end
            rooms[room.room_id].append(Interval(window.start, max(until, window.start + timedelta(minutes=1))))
    return rooms


def _hours(opening_hours: list | None) -> dict[int, list[tuple[time, time]]] | None:
    if not opening_hours:
        return None
    hours: dict[int, list[tuple[time, time]]] = {}
    for entry in opening_hours:
        hours.setdefault(entry["weekday"], []).append(
            (time.fromisoformat(entry["opens"]), time.fromisoformat(entry["closes"]))
        )
    return hours
