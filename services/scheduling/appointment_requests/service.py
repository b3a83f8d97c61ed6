"""Appointment requests: kept from the inbox's event (idempotently), listed, and booked.

Booking reuses appointments' own booking step, so a request is never booked around the rules
(bookability, overlaps, holds) that a desk booking obeys.
"""

import uuid

from sqlalchemy import select

from services.scheduling.appointment_requests.models import AppointmentRequest
from services.scheduling.appointment_requests.schemas import BookFromRequestIn
from services.scheduling.appointments import booking
from services.scheduling.appointments.models import Appointment
from services.scheduling.appointments.schemas import AppointmentIn
from shared.audit import UowFactory, audit_denials, ensure_phi_access, record_phi_access
from shared.auth import ALL_LOCATIONS, Principal
from shared.clock import utcnow
from shared.contracts import inbox, scheduling
from shared.db import insert_on_conflict
from shared.envelope import Envelope
from shared.errors import Conflict, NotFound, Unprocessable
from shared.uow import UnitOfWork

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


async def on_appointment_requested(*, uow: UnitOfWork, event: inbox.AppointmentRequested, envelope: Envelope) -> None:
    """Keep the emailed request as a proposed appointment; the same message twice is one request."""
    now = utcnow()
    request_id = str(uuid.uuid4())
    inserted = await uow.session.execute(
        insert_on_conflict(uow.session, AppointmentRequest.__table__)
        .values(
            id=request_id,
            source_ref=event.message_id,
            location_id=event.location_id,
            patient_id=event.patient_id,
            provider_id=event.provider_id,
            appointment_type_id=event.appointment_type_id,
            preferred_days=[d for d in event.preferred_days if d in DAYS],
            note=event.note[:500],
            status="proposed",
            created_at=now,
            updated_at=now,
        )
        .on_conflict_do_nothing(index_elements=["source_ref"])
    )
    if inserted.rowcount:
        await uow.emit(
            scheduling.AppointmentRequestProposed(
                request_id=request_id,
                source_ref=event.message_id,
                location_id=event.location_id,
                patient_id=event.patient_id,
                provider_id=event.provider_id,
                appointment_type_id=event.appointment_type_id,
            ),
            subject=request_id,
            location_id=event.location_id,
        )


async def list_requests(
    *, uow: UnitOfWork, actor: Principal, location_id: str | None, status: str, limit: int, offset: int
) -> list[AppointmentRequest]:
    """Requests at the caller's locations (or one of them), oldest first."""
    query = select(AppointmentRequest).where(AppointmentRequest.status == status)
    if location_id is not None:
        actor.ensure_location(location_id)
        query = query.where(AppointmentRequest.location_id == location_id)
    elif ALL_LOCATIONS not in actor.locations:
        query = query.where(AppointmentRequest.location_id.in_(sorted(actor.locations)))
    async with uow:
        rows = await uow.session.scalars(query.order_by(AppointmentRequest.created_at).limit(limit).offset(offset))
        requests = list(rows)
        for request in requests:
            await _audit_read(uow, request, actor)
        return requests


async def get_request(*, uow: UnitOfWork, request_id: str, actor: Principal) -> AppointmentRequest:
    """One request of the caller's locations (404 for another location's: its existence is not told)."""
    async with uow:
        request = await uow.session.get(AppointmentRequest, request_id)
        if request is None or not actor.may_access(request.location_id):
            raise NotFound(f"appointment request {request_id} not found", field="request_id")
        await _audit_read(uow, request, actor)
        return request


async def _audit_read(uow: UnitOfWork, request: AppointmentRequest, actor: Principal) -> None:
    # A request names its patient once the inbox matched the sender: reading it is a PHI access.
    if request.patient_id:
        await record_phi_access(
            uow,
            actor=actor,
            action="read",
            resource="Appointment",
            resource_id=request.id,
            patient_id=request.patient_id,
            location_id=request.location_id,
        )


async def book_request(
    *, uow: UnitOfWork, new_uow: UowFactory, request_id: str, cmd: BookFromRequestIn, actor: Principal
) -> Appointment:
    """Book the chosen slot for a proposed request; the request becomes `booked` in the same transaction."""
    async with audit_denials(new_uow), uow:
        request = await uow.session.get(AppointmentRequest, request_id, with_for_update=True)
        if request is None:
            raise NotFound(f"appointment request {request_id} not found", field="request_id")
        patient_id = cmd.patient_id or request.patient_id
        ensure_phi_access(
            actor,
            action="create",
            resource="Appointment",
            resource_id=None,
            patient_id=patient_id,
            location_id=request.location_id,
        )
        if request.status != "proposed":
            raise Conflict(f"appointment request {request_id} is {request.status}", field="request_id")
        if patient_id is None:
            raise Unprocessable("the request names no patient: give patient_id", field="patient_id")
        appointment = await booking.place(
            uow,
            AppointmentIn(
                start=cmd.start,
                end=cmd.end,
                patient_id=patient_id,
                provider_id=cmd.provider_id,
                location_id=request.location_id,
                room_id=cmd.room_id,
                appointment_type_id=cmd.appointment_type_id or request.appointment_type_id,
            ),
            actor,
        )
        request.status, request.appointment_id, request.patient_id = "booked", appointment.id, patient_id
        request.updated_at = utcnow()
        await uow.emit(
            scheduling.AppointmentRequestBooked(
                request_id=request.id,
                source_ref=request.source_ref,
                appointment_id=appointment.id,
                patient_id=patient_id,
                location_id=request.location_id,
                booked_by=actor.sub,
            ),
            subject=request.id,
            location_id=request.location_id,
        )
    return appointment
