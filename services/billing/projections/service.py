"""What billing learns from other services' events: patients, providers, locations and missed visits.

Each `on_*` handler runs inside the consumer's transaction and is an upsert; an older
snapshot delivered after a newer one is ignored. The reactions of claims to what arrives
(a draft scrubbed again, a merged patient's records moved) are the consumers' next step.
"""

from collections.abc import Iterable
from datetime import UTC, tzinfo
from zoneinfo import ZoneInfo

from sqlalchemy import select, update

from services.billing.projections.models import BillingLocation, BillingPatient, BillingProvider, MissedVisit
from shared.audit import ensure_phi_access
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts import facilities, scheduling, staff
from shared.db import insert_on_conflict
from shared.envelope import Envelope
from shared.errors import NotFound
from shared.projection import newer_snapshot
from shared.uow import UnitOfWork


async def on_patient_registered(*, uow: UnitOfWork, event: scheduling.PatientRegistered, envelope: Envelope) -> bool:
    """Record a patient's demographics, or replace them with this snapshot (also `.updated`); False when older."""
    patient = await newer_snapshot(uow, BillingPatient, event.patient_id, envelope)
    if patient is None:
        return False
    patient.family_name, patient.given_name = event.family_name, event.given_name
    patient.birth_date, patient.sex, patient.location_id = event.birth_date, event.sex, event.location_id
    patient.address = event.address.model_dump(mode="json") if event.address else None
    return True


async def on_patient_merged(*, uow: UnitOfWork, event: scheduling.PatientMerged, envelope: Envelope) -> None:
    """The merged-away record points at its survivor."""
    await uow.session.execute(
        update(BillingPatient)
        .where(BillingPatient.patient_id == event.duplicate_id)
        .values(merged_into=event.survivor_id)
    )


async def on_member_hired(*, uow: UnitOfWork, event: staff.StaffMemberHired, envelope: Envelope) -> bool:
    """Record a provider's name and NPI, or replace them with this snapshot (also `.updated`); False when older."""
    provider = await newer_snapshot(uow, BillingProvider, event.staff_id, envelope)
    if provider is None:
        return False
    provider.given_name, provider.family_name, provider.npi = event.given_name, event.family_name, event.npi
    return True


async def on_location_opened(*, uow: UnitOfWork, event: facilities.LocationOpened, envelope: Envelope) -> None:
    """Record a location's timezone (also handles `.updated`)."""
    location = await newer_snapshot(uow, BillingLocation, event.location_id, envelope)
    if location is not None:
        location.timezone = event.timezone


on_location_updated = on_location_opened


def is_missed(event: scheduling.AppointmentNoShow | scheduling.AppointmentCancelled) -> str | None:
    """The kind of missed visit an event reports, if any: a practice's own cancellation is not one."""
    if isinstance(event, scheduling.AppointmentNoShow):
        return "no_show"
    return "late_cancel" if event.late and event.cancelled_by == "patient" else None


async def record_missed_visit(
    *, uow: UnitOfWork, event: scheduling.AppointmentNoShow | scheduling.AppointmentCancelled
) -> None:
    """Keep the missed appointment once, for the cost report (inside the consumer's transaction)."""
    kind = is_missed(event)
    if kind is None:
        return
    await uow.session.execute(
        insert_on_conflict(uow.session, MissedVisit)
        .values(
            appointment_id=event.appointment_id,
            kind=kind,
            patient_id=event.patient_id,
            provider_id=event.provider_id,
            location_id=event.location_id,
            scheduled_start=event.start,
            recorded_at=utcnow(),
        )
        .on_conflict_do_nothing(index_elements=["appointment_id"])
    )


async def patient_of(
    uow: UnitOfWork,
    patient_id: str,
    actor: Principal,
    *,
    lock: bool = False,
    action: str = "read",
    resource: str = "Coverage",
) -> BillingPatient:
    """The patient as scheduling told billing, scope-checked (a PhiAccessDenied, audited); `lock` queues coverages."""
    patient = await uow.session.get(BillingPatient, patient_id, with_for_update=lock)
    if patient is None:
        raise NotFound(f"billing knows no patient {patient_id} (yet)", field="patient_id")
    ensure_phi_access(
        actor,
        action=action,
        resource=resource,
        resource_id=None,
        patient_id=patient.patient_id,
        location_id=patient.location_id,
    )
    if patient.merged_into:
        raise NotFound(
            f"patient {patient_id} was merged into {patient.merged_into}",
            field="patient_id",
            merged_into=patient.merged_into,
        )
    return patient


async def zone_of(uow: UnitOfWork, location_id: str) -> tzinfo:
    """The location's timezone; UTC until billing has heard of the location."""
    return (await zones_of(uow, [location_id]))[location_id]


async def zones_of(uow: UnitOfWork, location_ids: Iterable[str]) -> dict[str, tzinfo]:
    """The timezone of each location asked for (UTC for the ones billing has not heard of)."""
    wanted = set(location_ids)
    known = (
        dict(
            (
                await uow.session.execute(
                    select(BillingLocation.location_id, BillingLocation.timezone).where(
                        BillingLocation.location_id.in_(wanted)
                    )
                )
            ).all()
        )
        if wanted
        else {}
    )
    return {location_id: ZoneInfo(known[location_id]) if location_id in known else UTC for location_id in wanted}
