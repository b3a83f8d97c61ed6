"""Offering freed time: held for the best-ranked waiting entry it fits, passed on when an offer closes.

Runs in the caller's transaction: the one that freed the time (a cancellation, a reschedule), or the
one that closed the previous offer (a decline, a withdrawal, an expiry).
"""

import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import exists, or_, select

from services.scheduling.appointments.domain import HOLDS_TIME
from services.scheduling.appointments.models import Appointment, AppointmentType
from services.scheduling.projections.bookability import bookability
from services.scheduling.projections.models import Location, Provider
from services.scheduling.waitlist.domain import offerable_rest
from services.scheduling.waitlist.models import WaitlistEntry, WaitlistOffer
from shared.clock import local_date, utcnow
from shared.contracts import scheduling as events
from shared.uow import UnitOfWork

HOLD = timedelta(minutes=15)  # how long a patient has to answer; a setting once the practice wants to tune it
RANK = (WaitlistEntry.priority.desc(), WaitlistEntry.created_at, WaitlistEntry.id)


async def offer_freed_slot(
    *,
    uow: UnitOfWork,
    location_id: str,
    provider_id: str,
    room_id: str | None,
    start: datetime,
    end: datetime,
    now: datetime | None = None,
) -> WaitlistOffer | None:
    """Hold what is left of [start, end), freed in the caller's transaction, for the best-ranked entry it fits.

    Time already begun (a no-show) is offered from the next slot start on, when what remains still
    fits the entry's appointment type; None when nothing is offered.
    """
    now = now or utcnow()
    provider = await uow.session.get(Provider, provider_id)
    location = await uow.session.get(Location, location_id)
    tz = ZoneInfo(location.timezone) if location else ZoneInfo("UTC")
    rest = offerable_rest(start=start, end=end, now=now, tz=tz)
    # A slot taken or held again is not free.
    if rest is None or provider is None or await _taken(uow, provider_id, room_id, rest.start, end):
        return None
    # This entry already had (part of) this freed time: a decline or an expiry is not asked twice.
    offered_before = exists().where(
        WaitlistOffer.entry_id == WaitlistEntry.id,
        WaitlistOffer.freed_end == end,
        WaitlistOffer.start >= start,
        WaitlistOffer.provider_id == provider_id,
    )
    start = rest.start
    kinds = [
        k.id
        for k in await uow.session.scalars(select(AppointmentType).where(AppointmentType.location_id == location_id))
        if provider.role in (k.provider_roles or [])
    ]
    day = local_date(start, tz)
    found = (
        await uow.session.execute(
            select(WaitlistEntry, AppointmentType)
            .join(AppointmentType)
            .where(
                WaitlistEntry.location_id == location_id,
                WaitlistEntry.status == "waiting",
                WaitlistEntry.appointment_type_id.in_(kinds),
                WaitlistEntry.earliest <= day,
                WaitlistEntry.latest >= day,
                or_(WaitlistEntry.provider_id.is_(None), WaitlistEntry.provider_id == provider_id),
                AppointmentType.duration_minutes <= (end - start) // timedelta(minutes=1),
                ~offered_before,
            )
            .order_by(*RANK)
            .limit(1)
            .with_for_update(of=WaitlistEntry, skip_locked=True)
        )
    ).first()
    if found is None:
        return None
    entry, kind = found
    offer_end = start + timedelta(minutes=kind.duration_minutes)
    if await bookability(
        session=uow.session,
        staff_id=provider_id,
        location_id=location_id,
        start=start,
        end=offer_end,
        requires_dea=kind.requires_dea,
    ):
        return None
    offer = WaitlistOffer(
        id=str(uuid.uuid4()),
        entry_id=entry.id,
        provider_id=provider_id,
        room_id=room_id,
        start=start,
        end=offer_end,
        freed_end=end,
        expires_at=now + HOLD,
        status="offered",
        created_at=now,
    )
    uow.session.add(offer)
    entry.status = "offered"
    await uow.emit(
        events.WaitlistOfferMade(
            offer_id=offer.id,
            entry_id=entry.id,
            patient_id=entry.patient_id,
            location_id=location_id,
            provider_id=provider_id,
            room_id=room_id,
            start=start,
            end=offer_end,
            expires_at=offer.expires_at,
        ),
        subject=entry.id,
        location_id=location_id,
    )
    return offer


async def close(
    uow: UnitOfWork, offer: WaitlistOffer, entry: WaitlistEntry, status: str, event, now: datetime | None = None
) -> WaitlistOffer | None:
    """Close the offer with `status` and its event; its time goes to the next entry it fits."""
    offer.status = status
    await uow.emit(
        event(offer_id=offer.id, entry_id=entry.id, patient_id=entry.patient_id, location_id=entry.location_id),
        subject=entry.id,
        location_id=entry.location_id,
    )
    return await offer_freed_slot(
        uow=uow,
        location_id=entry.location_id,
        provider_id=offer.provider_id,
        room_id=offer.room_id,
        start=offer.start,
        end=offer.freed_end,
        now=now,
    )


async def _taken(uow: UnitOfWork, provider_id: str, room_id: str | None, start: datetime, end: datetime) -> bool:
    who = (
        or_(Appointment.provider_id == provider_id, Appointment.room_id == room_id)
        if room_id
        else (Appointment.provider_id == provider_id)
    )
    booked = select(Appointment.id).where(
        who, Appointment.status.in_(HOLDS_TIME), Appointment.start < end, Appointment.end > start
    )
    held = select(WaitlistOffer.id).where(
        WaitlistOffer.provider_id == provider_id,
        WaitlistOffer.status == "offered",
        WaitlistOffer.start < end,
        WaitlistOffer.end > start,
    )
    return bool(await uow.session.scalar(select(booked.exists())) or await uow.session.scalar(select(held.exists())))
