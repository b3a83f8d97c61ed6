"""The waitlist: patients wait for a type of appointment; a slot held for them is theirs when they accept it.

How freed time is offered and passed on is offering.py's.
"""

import uuid
from datetime import datetime

from sqlalchemy import select

from services.scheduling.appointments import booking
from services.scheduling.appointments.models import Appointment, AppointmentType
from services.scheduling.appointments.schemas import AppointmentIn
from services.scheduling.patients.models import Patient
from services.scheduling.waitlist import offering
from services.scheduling.waitlist.models import WaitlistEntry, WaitlistOffer
from services.scheduling.waitlist.schemas import WaitlistEntryIn, WaitlistEntryOut, WaitlistOfferOut
from shared.audit import UowFactory, audit_denials, ensure_phi_access, record_phi_access
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts import scheduling as events
from shared.errors import Conflict, NotFound
from shared.uow import UnitOfWork


async def add_to_waitlist(
    *, uow: UnitOfWork, new_uow: UowFactory, cmd: WaitlistEntryIn, actor: Principal
) -> WaitlistEntry:
    """Put a patient on the location's waitlist for an appointment type within local dates."""
    async with audit_denials(new_uow), uow:
        ensure_phi_access(
            actor,
            action="create",
            resource="WaitlistEntry",
            resource_id=None,
            patient_id=cmd.patient_id,
            location_id=cmd.location_id,
        )
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


async def waiting_list(
    *, uow: UnitOfWork, new_uow: UowFactory, location_id: str, actor: Principal
) -> list[WaitlistEntryOut]:
    """The location's waiting and offered entries, best-ranked first, each with its live offer."""
    async with audit_denials(new_uow), uow:
        ensure_phi_access(
            actor, action="read", resource="Waitlist", resource_id=location_id, patient_id=None, location_id=location_id
        )
        entries = list(
            await uow.session.scalars(
                select(WaitlistEntry)
                .where(WaitlistEntry.location_id == location_id, WaitlistEntry.status.in_(("waiting", "offered")))
                .order_by(*offering.RANK)
            )
        )
        offers = {
            o.entry_id: WaitlistOfferOut.model_validate(o)
            for o in await uow.session.scalars(
                select(WaitlistOffer).where(
                    WaitlistOffer.entry_id.in_([e.id for e in entries]), WaitlistOffer.status == "offered"
                )
            )
        }
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
        held = await uow.session.scalar(
            select(WaitlistOffer)
            .where(WaitlistOffer.entry_id == entry.id, WaitlistOffer.status == "offered")
            .with_for_update()
        )
        entry.status = "withdrawn"
        if held:
            await offering.close(uow, held, entry, "declined", events.WaitlistOfferDeclined)
        await _audit(uow, actor, "delete", entry)
    return entry


async def accept_offer(*, uow: UnitOfWork, new_uow: UowFactory, offer_id: str, actor: Principal) -> Appointment:
    """Book the held slot for the entry's patient, by the same rules as any booking."""
    async with audit_denials(new_uow), uow:
        offer, entry = await _live_offer(uow, offer_id, actor)
        now = utcnow()
        if offer.expires_at <= now:
            raise Conflict("the hold on this slot has expired", field="expires_at")
        # Our own hold ends first, so the hold check in booking lets exactly this booking through.
        offer.status, entry.status = "accepted", "booked"
        fields = dict(
            patient_id=entry.patient_id,
            provider_id=offer.provider_id,
            location_id=entry.location_id,
            room_id=offer.room_id,
            start=offer.start,
            end=offer.end,
        )
        appointment = await booking.place(uow, AppointmentIn.model_construct(**fields), actor)
        offer.appointment_id = appointment.id
        await uow.emit(
            events.WaitlistOfferAccepted(
                offer_id=offer.id,
                entry_id=entry.id,
                patient_id=entry.patient_id,
                location_id=entry.location_id,
                appointment_id=appointment.id,
            ),
            subject=entry.id,
            location_id=entry.location_id,
        )
    return appointment


async def decline_offer(*, uow: UnitOfWork, new_uow: UowFactory, offer_id: str, actor: Principal) -> WaitlistOffer:
    """The patient does not want this slot: they keep waiting, the slot goes to the next patient."""
    async with audit_denials(new_uow), uow:
        offer, entry = await _live_offer(uow, offer_id, actor)
        entry.status = "waiting"
        await offering.close(uow, offer, entry, "declined", events.WaitlistOfferDeclined)
        await _audit(uow, actor, "update", entry)
    return offer


async def expire_holds(
    *, uow: UnitOfWork, now: datetime | None = None, location_id: str | None = None, actor: Principal | None = None
) -> list[WaitlistOffer]:
    """Expire the holds that ran out (at one location, or all); returns the offers made to the next patients."""
    if actor:
        actor.ensure_location(location_id)
    now = now or utcnow()
    made = []
    async with uow:
        query = (
            select(WaitlistOffer, WaitlistEntry)
            .join(WaitlistEntry)
            .where(WaitlistOffer.status == "offered", WaitlistOffer.expires_at <= now)
        )
        if location_id:
            query = query.where(WaitlistEntry.location_id == location_id)
        for offer, entry in (await uow.session.execute(query.with_for_update(skip_locked=True))).all():
            entry.status = "waiting"  # unanswered is not a refusal: they keep their place for other slots
            if next_offer := await offering.close(uow, offer, entry, "expired", events.WaitlistOfferExpired, now):
                made.append(next_offer)
    return made


async def _live_offer(uow: UnitOfWork, offer_id: str, actor: Principal) -> tuple[WaitlistOffer, WaitlistEntry]:
    offer = await uow.session.get(WaitlistOffer, offer_id, with_for_update=True)
    entry = offer and await uow.session.get(WaitlistEntry, offer.entry_id, with_for_update=True)
    if entry is None:
        raise NotFound(f"waitlist offer {offer_id} not found", field="offer_id")
    _ensure_access(actor, "update", entry)
    if offer.status != "offered":
        raise Conflict(f"the offer is {offer.status}", field="status", current=offer.status)
    return offer, entry


def _ensure_access(actor: Principal, action: str, entry: WaitlistEntry) -> None:
    ensure_phi_access(
        actor,
        action=action,
        resource="WaitlistEntry",
        resource_id=entry.id,
        patient_id=entry.patient_id,
        location_id=entry.location_id,
    )


async def _audit(uow: UnitOfWork, actor: Principal, action: str, entry: WaitlistEntry) -> None:
    await record_phi_access(
        uow,
        actor=actor,
        action=action,
        resource="WaitlistEntry",
        resource_id=entry.id,
        patient_id=entry.patient_id,
        location_id=entry.location_id,
    )
