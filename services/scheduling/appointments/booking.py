"""Booking: idempotent per Idempotency-Key, and never double-booked (the database says no)."""

import hashlib
import uuid

from sqlalchemy.exc import IntegrityError

from services.scheduling.appointments import held_time
from services.scheduling.appointments.domain import AppointmentStatus
from services.scheduling.appointments.models import Appointment, AppointmentType, BookingRequest
from services.scheduling.appointments.schemas import AppointmentIn
from services.scheduling.patients.models import Patient
from services.scheduling.projections.bookability import bookability
from services.scheduling.projections.models import Provider, Room
from shared.audit import UowFactory, audit_denials, ensure_phi_access, record_phi_access
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.scheduling import AppointmentBooked
from shared.errors import Conflict, NotFound, Unprocessable
from shared.uow import UnitOfWork

# Constraint (PostgreSQL) or trigger (SQLite) name -> the field the client should change.
_OVERLAP_FIELDS = {
    "no_provider_overlap": "provider_id",
    "no_patient_overlap": "patient_id",
    "no_room_overlap": "room_id",
}


class IdempotencyKeyReused(Unprocessable):
    """The same Idempotency-Key came with a different request body."""


async def book_appointment(
    *, uow: UnitOfWork, new_uow: UowFactory, cmd: AppointmentIn, actor: Principal, idempotency_key: str | None = None
) -> tuple[Appointment, bool]:
    """Book a patient with a provider (and room); returns (appointment, created)."""
    request_hash = hashlib.sha256(cmd.model_dump_json().encode()).hexdigest()
    async with audit_denials(new_uow), uow:
        ensure_phi_access(
            actor,
            action="create",
            resource="Appointment",
            resource_id=None,
            patient_id=cmd.patient_id,
            location_id=cmd.location_id,
        )
        if idempotency_key and (earlier := await _earlier_booking(uow, actor, idempotency_key, request_hash)):
            return earlier, False
        appointment = await place(uow, cmd, actor)
        if idempotency_key:
            uow.session.add(
                BookingRequest(
                    actor=actor.sub,
                    idempotency_key=idempotency_key,
                    request_hash=request_hash,
                    appointment_id=appointment.id,
                    created_at=appointment.created_at,
                )
            )
            await flush_or_conflict(uow)
    return appointment, True


async def place(uow: UnitOfWork, cmd: AppointmentIn, actor: Principal, *, series_id: str | None = None) -> Appointment:
    """Insert one booked appointment inside the caller's transaction, with its event and audit."""
    # Locked: a merge running at the same time cannot leave this booking on the duplicate.
    patient = await uow.session.get(Patient, cmd.patient_id, with_for_update=True)
    if patient is None:
        raise NotFound(f"patient {cmd.patient_id} not found", field="patient_id")
    if patient.merged_into:
        raise NotFound(f"patient {cmd.patient_id} was merged", field="patient_id", merged_into=patient.merged_into)
    await ensure_bookable(uow, cmd)
    now = utcnow()
    appointment = Appointment(
        id=str(uuid.uuid4()),
        status=AppointmentStatus.BOOKED,
        series_id=series_id,
        created_at=now,
        updated_at=now,
        **cmd.model_dump(),
    )
    uow.session.add(appointment)
    await flush_or_conflict(uow)
    await uow.emit(
        AppointmentBooked(appointment_id=appointment.id, series_id=series_id, **cmd.model_dump()),
        subject=appointment.id,
        location_id=cmd.location_id,
    )
    await record_phi_access(
        uow,
        actor=actor,
        action="create",
        resource="Appointment",
        resource_id=appointment.id,
        patient_id=cmd.patient_id,
        location_id=cmd.location_id,
    )
    return appointment


async def ensure_bookable(uow: UnitOfWork, cmd: AppointmentIn) -> None:
    """Conflict naming why the provider, hold or room cannot take `cmd` (the rules of any booking)."""
    kind = await _appointment_type(uow, cmd)
    reasons = await bookability(
        session=uow.session,
        staff_id=cmd.provider_id,
        location_id=cmd.location_id,
        start=cmd.start,
        end=cmd.end,
        requires_dea=bool(kind and kind.requires_dea),
    )
    provider = await uow.session.get(Provider, cmd.provider_id)
    if kind and provider and provider.role not in kind.provider_roles:
        reasons.append(f"a {provider.role} does not take {kind.name} appointments")
    if reasons:
        raise Conflict("the provider cannot be booked then", field="provider_id", reasons=reasons)
    if hold := await uow.session.scalar(held_time.live_holds([cmd.provider_id], cmd.start, cmd.end).limit(1)):
        raise Conflict(f"held for a waitlist patient until {hold.expires_at.isoformat()}", field="provider_id")
    if cmd.room_id:
        room = await uow.session.get(Room, cmd.room_id)
        if room is None or room.location_id != cmd.location_id:
            raise Conflict(f"room {cmd.room_id} is not a room of {cmd.location_id}", field="room_id")
        if not room.in_service:
            raise Conflict(f"room {cmd.room_id} is out of service: {room.out_of_service_reason}", field="room_id")
        if kind and kind.room_kind and room.kind != kind.room_kind:
            raise Conflict(f"{kind.name} needs a {kind.room_kind} room, {cmd.room_id} is {room.kind}", field="room_id")


async def _appointment_type(uow: UnitOfWork, cmd: AppointmentIn) -> AppointmentType | None:
    if cmd.appointment_type_id is None:
        return None
    kind = await uow.session.get(AppointmentType, cmd.appointment_type_id)
    if kind is None or kind.location_id != cmd.location_id:
        raise NotFound(
            f"appointment type {cmd.appointment_type_id} not offered at {cmd.location_id}", field="appointment_type_id"
        )
    return kind


async def _earlier_booking(uow: UnitOfWork, actor: Principal, key: str, request_hash: str) -> Appointment | None:
    earlier = await uow.session.get(BookingRequest, (actor.sub, key))
    if earlier is None:
        return None
    if earlier.request_hash != request_hash:
        raise IdempotencyKeyReused("Idempotency-Key was already used for a different booking", field="Idempotency-Key")
    return await uow.session.get(Appointment, earlier.appointment_id)


async def flush_or_conflict(uow: UnitOfWork) -> None:
    """Flush; a no-overlap constraint or a racing Idempotency-Key becomes a Conflict naming the field."""
    try:
        await uow.session.flush()
    except IntegrityError as exc:
        message = str(exc.orig)
        for constraint, field in _OVERLAP_FIELDS.items():
            if constraint in message:
                raise Conflict(f"{field.removesuffix('_id')} already booked at that time", field=field) from exc
        if "pk_booking_request" in message or "booking_request" in message:
            # A concurrent retry with the same key won the race: the client should retry.
            raise Conflict("the same Idempotency-Key is being processed", field="Idempotency-Key") from exc
        raise
