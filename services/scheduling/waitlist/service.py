"""The waitlist: a freed slot is held for the best-ranked waiting patient; accepting books it."""

import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import exists, or_, select

from services.scheduling import booking
from services.scheduling.domain import HOLDS_TIME
from services.scheduling.models import Appointment, AppointmentType, Patient
from services.scheduling.projection_service import bookability
from services.scheduling.projections import Location, Provider
from services.scheduling.schemas import AppointmentIn
from services.scheduling.waitlist_models import WaitlistEntry, WaitlistOffer
from services.scheduling.waitlist_rules import offerable_rest
from services.scheduling.waitlist_schemas import WaitlistEntryIn, WaitlistEntryOut, WaitlistOfferOut
from shared.audit import UowFactory, audit_denials, ensure_phi_access, record_phi_access
from shared.auth import Principal
from shared.contracts import scheduling as events
from shared.clock import utcnow
from shared.errors import Conflict, NotFound
from shared.uow import UnitOfWork

HOLD = timedelta(minutes=15)  # how long a patient has to answer; a setting once the practice wants to tune it
RANK = (WaitlistEntry.priority.desc(), WaitlistEntry.created_at, WaitlistEntry.id)


async def add_to_waitlist(*, uow: UnitOfWork, new_uow: UowFactory, cmd: WaitlistEntryIn,
                          actor: Principal) -> WaitlistEntry:
    """Put a patient on the location's waitlist for an appointment type within local dates."""
    async with audit_denials(new_uow), uow:
        ensure_phi_access(actor, action="create", resource="WaitlistEntry", resource_id=None,
                          patient_id=cmd.patient_id, location_id=cmd.location_id)
        patient = await uow.session.get(Patient, cmd.patient_id)
        if patient is None or patient.merged_into:
            raise NotFound(f"patient {cmd.patient_id} not found", field="patient_id")
        kind = await uow.session.get(AppointmentType, cmd.appointment_type_id)
        if kind is None or kind.location_id != cmd.location_id:
            raise NotFound(f"appointment type {cmd.appointment_type_id} not found here", field="appointment_type_id")
        entry = WaitlistEntry(id=str(uuid.uuid4()), status="waiting", created_at=utcnow(), **cmd.model_dump())
        uow.session.add(entry)
        await _audit(uow, actor, "create", entry)
    return entry


async def waiting_list(*, uow: UnitOfWork, new_uow: UowFactory, location_id: str,
                       actor: Principal) -> list[WaitlistEntryOut]:
    """The location's waiting and offered entries, best-ranked first, each with its live offer."""
    async with audit_denials(new_uow), uow:
        ensure_phi_access(actor, action="read", resource="Waitlist", resource_id=location_id, patient_id=None,
                          location_id=location_id)
        entries = list(await uow.session.scalars(select(WaitlistEntry).where(
            WaitlistEntry.location_id == location_id, WaitlistEntry.status.in_(("waiting", "offered"))).order_by(*RANK)))
        offers = {o.entry_id: WaitlistOfferOut.model_validate(o) for o in await uow.session.scalars(select(
            WaitlistOffer).where(WaitlistOffer.entry_id.in_([e.id for e in entries]), WaitlistOffer.status == "offered"))}
        for entry in entries:
            await _audit(uow, actor, "read", entry)
    return [WaitlistEntryOut.model_validate(e).model_copy(update={"offer": offers.get(e.id)}) for e in entries]


async def withdraw(*, uow: UnitOfWork, new_uow: UowFactory, entry_id: str, actor: Principal) -> WaitlistEntry:
    """Take a patient off the waitlist; a slot held for them goes to the next patient."""
    async with audit_denials(new_uow), uow:
        entry = await uow.session.get(WaitlistEntry, entry_id, with_for_update=True)
        if entry is None:
            raise NotFound(f"waitlist entry {entry_id} not found", field="entry_id")
        _ensure_access(actor, "delete", entry)
        if entry.status not in ("waiting", "offered"):
            raise Conflict(f"the entry is already {entry.status}", field="status")
        held = await uow.session.scalar(select(WaitlistOffer).where(
            WaitlistOffer.entry_id == entry.id, WaitlistOffer.status == "offered").with_for_update())
        entry.status = "withdrawn"
        if held:
            await _close(uow, held, entry, "declined", events.WaitlistOfferDeclined)
        await _audit(uow, actor, "delete", entry)
    return entry


async def offer_freed_slot(*, uow: UnitOfWork, location_id: str, provider_id: str, room_id: str | None,
                           start: datetime, end: datetime, now: datetime | None = None) -> WaitlistOffer | None:
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
    offered_before = exists().where(WaitlistOffer.entry_id == WaitlistEntry.id, WaitlistOffer.freed_end == end,
                                    WaitlistOffer.start >= start, WaitlistOffer.provider_id == provider_id)
    start = rest.start
    kinds = [k.id for k in await uow.session.scalars(select(AppointmentType).where(
        AppointmentType.location_id == location_id)) if provider.role in (k.provider_roles or [])]
    day = start.astimezone(tz).date()
    found = (await uow.session.execute(
        select(WaitlistEntry, AppointmentType).join(AppointmentType).where(
            WaitlistEntry.location_id == location_id, WaitlistEntry.status == "waiting",
            WaitlistEntry.appointment_type_id.in_(kinds), WaitlistEntry.earliest <= day, WaitlistEntry.latest >= day,
            or_(WaitlistEntry.provider_id.is_(None), WaitlistEntry.provider_id == provider_id),
            AppointmentType.duration_minutes <= (end - start) // timedelta(minutes=1), ~offered_before,
        ).order_by(*RANK).limit(1).with_for_update(of=WaitlistEntry, skip_locked=True))).first()
    if found is None:
        return None
    entry, kind = found
    offer_end = start + timedelta(minutes=kind.duration_minutes)
    if await bookability(session=uow.session, staff_id=provider_id, location_id=location_id, start=start,
                         end=offer_end, requires_dea=kind.requires_dea):
        return None
    offer = WaitlistOffer(id=str(uuid.uuid4()), entry_id=entry.id, provider_id=provider_id, room_id=room_id,
                          start=start, end=offer_end, freed_end=end, expires_at=now + HOLD, status="offered",
                          created_at=now)
    uow.session.add(offer)
    entry.status = "offered"
    await uow.emit(events.WaitlistOfferMade(
        offer_id=offer.id, entry_id=entry.id, patient_id=entry.patient_id, location_id=location_id,
        provider_id=provider_id, room_id=room_id, start=start, end=offer_end, expires_at=offer.expires_at),
        subject=entry.id, location_id=location_id)
    return offer


async def accept_offer(*, uow: UnitOfWork, new_uow: UowFactory, offer_id: str, actor: Principal) -> Appointment:
    """Book the held slot for the entry's patient, by the same rules as any booking."""
    async with audit_denials(new_uow), uow:
        offer, entry = await _live_offer(uow, offer_id, actor)
        now = utcnow()
        if offer.expires_at <= now:
            raise Conflict("the hold on this slot has expired", field="expires_at")
        # Our own hold ends first, so the hold check in booking lets exactly this booking through.
        offer.status, entry.status = "accepted", "booked"
        fields = dict(patient_id=entry.patient_id, provider_id=offer.provider_id, location_id=entry.location_id,
                      room_id=offer.room_id, start=offer.start, end=offer.end)
        appointment = await booking.place(uow, AppointmentIn.model_construct(**fields), actor)
        offer.appointment_id = appointment.id
        await uow.emit(events.WaitlistOfferAccepted(
            offer_id=offer.id, entry_id=entry.id, patient_id=entry.patient_id, location_id=entry.location_id,
            appointment_id=appointment.id), subject=entry.id, location_id=entry.location_id)
    return appointment


async def decline_offer(*, uow: UnitOfWork, new_uow: UowFactory, offer_id: str, actor: Principal) -> WaitlistOffer:
    """The patient does not want this slot: they keep waiting, the slot goes to the next patient."""
    async with audit_denials(new_uow), uow:
        offer, entry = await _live_offer(uow, offer_id, actor)
        entry.status = "waiting"
        await _close(uow, offer, entry, "declined", events.WaitlistOfferDeclined)
        await _audit(uow, actor, "update", entry)
    return offer


async def expire_holds(*, uow: UnitOfWork, now: datetime | None = None, location_id: str | None = None,
                       actor: Principal | None = None) -> list[WaitlistOffer]:
    """Expire the holds that ran out (at one location, or all); returns the offers made to the next patients."""
    if actor:
        actor.ensure_location(location_id)
    now = now or utcnow()
    made = []
    async with uow:
        query = select(WaitlistOffer, WaitlistEntry).join(WaitlistEntry).where(
            WaitlistOffer.status == "offered", WaitlistOffer.expires_at <= now)
        if location_id:
            query = query.where(WaitlistEntry.location_id == location_id)
        for offer, entry in (await uow.session.execute(query.with_for_update(skip_locked=True))).all():
            entry.status = "waiting"  # unanswered is not a refusal: they keep their place for other slots
            if next_offer := await _close(uow, offer, entry, "expired", events.WaitlistOfferExpired, now):
                made.append(next_offer)
    return made


async def _close(uow: UnitOfWork, offer: WaitlistOffer, entry: WaitlistEntry, status: str, event,
                 now: datetime | None = None) -> WaitlistOffer | None:
    offer.status = status
    await uow.emit(event(offer_id=offer.id, entry_id=entry.id, patient_id=entry.patient_id,
                         location_id=entry.location_id), subject=entry.id, location_id=entry.location_id)
    return await offer_freed_slot(uow=uow, location_id=entry.location_id, provider_id=offer.provider_id,
                                  room_id=offer.room_id, start=offer.start, end=offer.freed_end, now=now)


async def _live_offer(uow: UnitOfWork, offer_id: str, actor: Principal) -> tuple[WaitlistOffer, WaitlistEntry]:
    offer = await uow.session.get(WaitlistOffer, offer_id, with_for_update=True)
    entry = offer and await uow.session.get(WaitlistEntry, offer.entry_id, with_for_update=True)
    if entry is None:
        raise NotFound(f"waitlist offer {offer_id} not found", field="offer_id")
    _ensure_access(actor, "update", entry)
    if offer.status != "offered":
        raise Conflict(f"the offer is {offer.status}", field="status", current=offer.status)
    return offer, entry


async def _taken(uow: UnitOfWork, provider_id: str, room_id: str | None, start: datetime, end: datetime) -> bool:
    who = or_(Appointment.provider_id == provider_id, Appointment.room_id == room_id) if room_id else (
        Appointment.provider_id == provider_id)
    booked = select(Appointment.id).where(who, Appointment.status.in_(HOLDS_TIME), Appointment.start < end,
                                          Appointment.end > start)
    held = select(WaitlistOffer.id).where(WaitlistOffer.provider_id == provider_id, WaitlistOffer.status == "offered",
                                          WaitlistOffer.start < end, WaitlistOffer.end > start)
    return bool(await uow.session.scalar(select(booked.exists())) or await uow.session.scalar(select(held.exists())))


def _ensure_access(actor: Principal, action: str, entry: WaitlistEntry) -> None:
    ensure_phi_access(actor, action=action, resource="WaitlistEntry", resource_id=entry.id,
                      patient_id=entry.patient_id, location_id=entry.location_id)


async def _audit(uow: UnitOfWork, actor: Principal, action: str, entry: WaitlistEntry) -> None:
    await record_phi_access(uow, actor=actor, action=action, resource="WaitlistEntry", resource_id=entry.id,
                            patient_id=entry.patient_id, location_id=entry.location_id)
