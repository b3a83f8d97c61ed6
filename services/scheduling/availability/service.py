"""What can be booked: a provider's bookability now, open slots over a date range."""

import uuid
from datetime import datetime

from sqlalchemy import select

from services.scheduling.appointments.domain import AppointmentStatus
from services.scheduling.appointments.models import Appointment, AppointmentType
from services.scheduling.availability.schemas import AppointmentTypeIn, BookabilityOut
from services.scheduling.projections.bookability import PROVIDER_ROLES, bookability
from services.scheduling.projections.models import Provider
from shared.auth import Principal
from shared.clock import utcnow
from shared.errors import Unprocessable
from shared.uow import UnitOfWork


async def provider_bookability(
    *, uow: UnitOfWork, staff_id: str, location_id: str, start: datetime, end: datetime, actor: Principal
) -> BookabilityOut:
    """Whether the provider can be booked at the location for [start, end), and if not, why."""
    actor.ensure_location(location_id)
    if end <= start:
        raise Unprocessable("end must be after start", field="end")
    async with uow:
        reasons = await bookability(
            session=uow.session, staff_id=staff_id, location_id=location_id, start=start, end=end
        )
    return BookabilityOut(bookable=not reasons, reasons=reasons)


async def location_providers(*, uow: UnitOfWork, location_id: str, actor: Principal) -> list[Provider]:
    """The active physicians, nurse practitioners and physician assistants who work at the location, by name."""
    actor.ensure_location(location_id)
    async with uow:
        rows = await uow.session.scalars(
            select(Provider)
            .where(Provider.active.is_(True), Provider.role.in_(PROVIDER_ROLES), Provider.name.is_not(None))
            .order_by(Provider.name, Provider.staff_id)
        )
        # A member's locations are a JSON list; a practice has tens of clinicians, so they are matched here.
        return [p for p in rows.all() if location_id == p.home_location_id or location_id in (p.location_ids or [])]


async def worklist(*, uow: UnitOfWork, location_id: str, actor: Principal) -> list[Appointment]:
    """The location's future appointments that must be rescheduled, soonest first."""
    actor.ensure_location(location_id)
    async with uow:
        return list((await uow.session.scalars(needs_reschedule_query(location_id))).all())


def needs_reschedule_query(location_id: str):
    return (
        select(Appointment)
        .where(
            Appointment.location_id == location_id,
            Appointment.needs_reschedule.is_(True),
            Appointment.status == AppointmentStatus.BOOKED,
            Appointment.start > utcnow(),
        )
        .order_by(Appointment.start)
    )


async def add_appointment_type(
    *, uow: UnitOfWork, location_id: str, cmd: AppointmentTypeIn, actor: Principal
) -> AppointmentType:
    """Offer a new kind of appointment at a location."""
    actor.ensure_location(location_id)
    async with uow:
        kind = AppointmentType(id=str(uuid.uuid4()), location_id=location_id, **cmd.model_dump(mode="json"))
        await uow.add_unique(kind, conflict=f"{location_id} already has a type named {cmd.name!r}", field="name")
    return kind


async def appointment_types(*, uow: UnitOfWork, location_id: str, actor: Principal) -> list[AppointmentType]:
    """The appointment types a location offers, by name."""
    actor.ensure_location(location_id)
    async with uow:
        query = select(AppointmentType).where(AppointmentType.location_id == location_id).order_by(AppointmentType.name)
        return list((await uow.session.scalars(query)).all())
