"""Missed visits as scheduling reports them, kept for the cost report."""

from services.billing.ledger_models import MissedVisit
from shared.contracts.scheduling import AppointmentCancelled, AppointmentNoShow
from shared.db import insert_on_conflict
from shared.clock import utcnow
from shared.uow import UnitOfWork


def is_missed(event: AppointmentNoShow | AppointmentCancelled) -> str | None:
    """The kind of missed visit an event reports, if any: a practice's own cancellation is not one."""
    if isinstance(event, AppointmentNoShow):
        return "no_show"
    return "late_cancel" if event.late and event.cancelled_by == "patient" else None


async def record_missed_visit(*, uow: UnitOfWork, event: AppointmentNoShow | AppointmentCancelled) -> None:
    """Keep the missed appointment once (inside the consumer's transaction)."""
    kind = is_missed(event)
    if kind is None:
        return
    await uow.session.execute(
        insert_on_conflict(uow.session, MissedVisit).values(
            appointment_id=event.appointment_id, kind=kind, patient_id=event.patient_id,
            provider_id=event.provider_id, location_id=event.location_id, scheduled_start=event.start,
            recorded_at=utcnow(),
        ).on_conflict_do_nothing(index_elements=["appointment_id"])
    )
