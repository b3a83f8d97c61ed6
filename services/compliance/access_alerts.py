"""Alerts from PHI access patterns, checked as each record joins the trail."""

from datetime import timedelta

from sqlalchemy import select

from services.compliance import alerts
from services.compliance.domain import AlertKind, busiest_window, hour_bucket, outside_locations
from services.compliance.models import AuditRecord
from shared.uow import UnitOfWork

HOUR = timedelta(hours=1)


async def check(*, uow: UnitOfWork, record: AuditRecord, settings) -> None:
    """Break-glass use, access outside the actor's locations, and unusual volume in a rolling hour."""
    where = dict(actor=record.actor, location_id=record.location_id, patient_id=record.patient_id,
                 sequence=record.sequence, service=record.service, action=record.action)
    if record.break_glass:
        await alerts.raise_alert(uow=uow, kind=AlertKind.BREAK_GLASS, dedupe_key=f"break_glass:{record.event_id}",
                                 subject=record.actor, location_id=record.location_id, details=where)
    if outside_locations(record.location_id, record.actor_locations):
        # One alert per actor, location and hour: a session of reads is one finding.
        key = f"outside:{record.actor}:{record.location_id}:{hour_bucket(record.occurred_at)}"
        await alerts.raise_alert(uow=uow, kind=AlertKind.ACCESS_OUTSIDE_LOCATIONS, dedupe_key=key,
                                 subject=record.actor, location_id=record.location_id, details=where)
    if record.patient_id:
        await _check_volume(uow, record, settings.unusual_access_patients_per_hour, where)


async def _check_volume(uow: UnitOfWork, record: AuditRecord, threshold: int, where: dict) -> None:
    accesses = (await uow.session.execute(
        select(AuditRecord.occurred_at, AuditRecord.patient_id).where(
            AuditRecord.actor == record.actor, AuditRecord.patient_id.is_not(None),
            AuditRecord.occurred_at > record.occurred_at - HOUR, AuditRecord.occurred_at < record.occurred_at + HOUR)
    )).all()
    patients = busiest_window([tuple(a) for a in accesses], around=record.occurred_at, window=HOUR)
    if patients > threshold:
        key = f"volume:{record.actor}:{hour_bucket(record.occurred_at)}"
        await alerts.raise_alert(uow=uow, kind=AlertKind.UNUSUAL_ACCESS_VOLUME, dedupe_key=key,
                                 subject=record.actor, location_id=record.location_id,
                                 details=where | {"distinct_patients_in_an_hour": patients, "threshold": threshold})
