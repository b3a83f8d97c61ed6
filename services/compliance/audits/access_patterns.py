"""Alerts from PHI access patterns, checked as each record joins the trail."""

from datetime import timedelta

from sqlalchemy import select

from services.compliance.alerts import service as alerts
from services.compliance.alerts.domain import AlertKind
from services.compliance.audits.domain import busiest_window, hour_bucket, outside_locations
from services.compliance.audits.models import AuditRecord
from shared.uow import UnitOfWork

HOUR = timedelta(hours=1)


async def check(*, uow: UnitOfWork, record: AuditRecord, settings) -> None:
    """Break-glass use, access outside the actor's locations, unusual volume and repeated denials in an hour."""
    where = dict(
        actor=record.actor,
        location_id=record.location_id,
        patient_id=record.patient_id,
        sequence=record.sequence,
        service=record.service,
        action=record.action,
    )
    if record.break_glass:
        # The justification is free text that may describe the patient: kept off the alert topic.
        await alerts.raise_alert(
            uow=uow,
            kind=AlertKind.BREAK_GLASS,
            dedupe_key=f"break_glass:{record.event_id}",
            subject=record.actor,
            location_id=record.location_id,
            details=where | {"reason": record.reason},
            unpublished={"reason"},
        )
    if outside_locations(record.location_id, record.actor_locations):
        # One alert per actor, location and hour: a session of reads is one finding.
        key = f"outside:{record.actor}:{record.location_id}:{hour_bucket(record.occurred_at)}"
        await alerts.raise_alert(
            uow=uow,
            kind=AlertKind.ACCESS_OUTSIDE_LOCATIONS,
            dedupe_key=key,
            subject=record.actor,
            location_id=record.location_id,
            details=where,
        )
    if record.patient_id:
        await _check_volume(uow, record, settings.unusual_access_patients_per_hour, where)
    if record.outcome == "denied":
        await _check_denials(uow, record, settings.repeated_denials_per_hour, where)


def _around(record: AuditRecord):
    """The actor's records within an hour either side of this one (events arrive out of order)."""
    return (
        AuditRecord.actor == record.actor,
        AuditRecord.occurred_at > record.occurred_at - HOUR,
        AuditRecord.occurred_at < record.occurred_at + HOUR,
    )


async def _check_volume(uow: UnitOfWork, record: AuditRecord, threshold: int, where: dict) -> None:
    accesses = (
        await uow.session.execute(
            select(AuditRecord.occurred_at, AuditRecord.patient_id).where(
                AuditRecord.patient_id.is_not(None), *_around(record)
            )
        )
    ).all()
    patients = busiest_window([tuple(a) for a in accesses], around=record.occurred_at, window=HOUR)
    if patients > threshold:
        key = f"volume:{record.actor}:{hour_bucket(record.occurred_at)}"
        await alerts.raise_alert(
            uow=uow,
            kind=AlertKind.UNUSUAL_ACCESS_VOLUME,
            dedupe_key=key,
            subject=record.actor,
            location_id=record.location_id,
            details=where | {"distinct_patients_in_an_hour": patients, "threshold": threshold},
        )


async def _check_denials(uow: UnitOfWork, record: AuditRecord, threshold: int, where: dict) -> None:
    denials = (
        await uow.session.execute(
            select(AuditRecord.occurred_at, AuditRecord.event_id).where(
                AuditRecord.outcome == "denied", *_around(record)
            )
        )
    ).all()
    # Keyed by event id, the window counts every denial, not distinct patients.
    count = busiest_window([tuple(d) for d in denials], around=record.occurred_at, window=HOUR)
    if count >= threshold:
        # The unique key makes it once per user and hour, whichever instance sees the Nth denial.
        key = f"denials:{record.actor}:{hour_bucket(record.occurred_at)}"
        await alerts.raise_alert(
            uow=uow,
            kind=AlertKind.REPEATED_DENIALS,
            dedupe_key=key,
            subject=record.actor,
            location_id=record.location_id,
            details=where | {"denials_in_an_hour": count, "threshold": threshold},
        )
