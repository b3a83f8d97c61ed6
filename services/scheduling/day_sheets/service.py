"""The day sheet of a location: above appointments, availability and the waitlist, whose rows it shows."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from services.scheduling.appointments.models import Appointment
from services.scheduling.appointments.schemas import AppointmentOut
from services.scheduling.availability import service as availability
from services.scheduling.day_sheets.schemas import DaySheetOut
from services.scheduling.projections.models import Location
from services.scheduling.waitlist.models import WaitlistEntry, WaitlistOffer
from services.scheduling.waitlist.schemas import WaitlistOfferOut
from shared.audit import UowFactory, audit_denials, ensure_phi_access, record_phi_access
from shared.auth import Principal
from shared.errors import NotFound
from shared.uow import UnitOfWork


async def day_sheet(
    *, uow: UnitOfWork, new_uow: UowFactory, location_id: str, day: date, actor: Principal
) -> DaySheetOut:
    """The location's appointments of one local day by provider, its worklist and pending waitlist offers."""
    async with audit_denials(new_uow), uow:
        ensure_phi_access(
            actor,
            action="read",
            resource="DaySheet",
            resource_id=day.isoformat(),
            patient_id=None,
            location_id=location_id,
        )
        location = await uow.session.get(Location, location_id)
        if location is None:
            raise NotFound(f"location {location_id} is not known to scheduling yet", field="location_id")
        tz = ZoneInfo(location.timezone)
        # The local day, which is 23 or 25 hours long on DST changes.
        start, end = datetime.combine(day, time(), tz), datetime.combine(day + timedelta(days=1), time(), tz)
        query = (
            select(Appointment)
            .where(Appointment.location_id == location_id, Appointment.start >= start, Appointment.start < end)
            .order_by(Appointment.start)
        )
        by_provider: dict[str, list[AppointmentOut]] = {}
        for appointment in await uow.session.scalars(query):
            by_provider.setdefault(appointment.provider_id, []).append(AppointmentOut.model_validate(appointment))
        pending = [
            AppointmentOut.model_validate(a)
            for a in await uow.session.scalars(availability.needs_reschedule_query(location_id))
        ]
        offers = [
            WaitlistOfferOut.model_validate(o)
            for o in await uow.session.scalars(
                select(WaitlistOffer)
                .join(WaitlistEntry, WaitlistOffer.entry_id == WaitlistEntry.id)
                .where(WaitlistEntry.location_id == location_id, WaitlistOffer.status == "offered")
                .order_by(WaitlistOffer.expires_at)
            )
        ]
        # One audit record for the sheet: it lists patients of the location without opening their records.
        await record_phi_access(
            uow,
            actor=actor,
            action="read",
            resource="DaySheet",
            resource_id=day.isoformat(),
            patient_id=None,
            location_id=location_id,
        )
    return DaySheetOut(
        location_id=location_id,
        date=day,
        timezone=location.timezone,
        by_provider=by_provider,
        worklist=pending,
        waitlist_offers=offers,
    )
