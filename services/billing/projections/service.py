"""What billing learns from scheduling and staff events: patients' demographics and providers' NPIs.

Each `on_*` use case runs inside the consumer's transaction and is an upsert; an older
snapshot delivered after a newer one is ignored.
"""

from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.orm import aliased

from services.billing import claims
from services.billing.claim_models import Claim
from services.billing.models import BillingLocation, BillingPatient, BillingProvider, Charge, Coverage
from shared.contracts import facilities, scheduling, staff
from shared.envelope import Envelope
from shared.projection import newer_snapshot
from shared.uow import UnitOfWork


async def on_patient_registered(*, uow: UnitOfWork, event: scheduling.PatientRegistered, envelope: Envelope) -> None:
    """Record a patient's demographics, or replace them with this snapshot (also handles `.updated`)."""
    patient = await newer_snapshot(uow, BillingPatient, event.patient_id, envelope)
    if patient is None:
        return
    patient.family_name, patient.given_name = event.family_name, event.given_name
    patient.birth_date, patient.sex, patient.location_id = event.birth_date, event.sex, event.location_id
    patient.address = event.address.model_dump(mode="json") if event.address else None
    await claims.rescrub_drafts(uow, Claim.patient_id == event.patient_id)


on_patient_updated = on_patient_registered


async def on_patient_merged(*, uow: UnitOfWork, event: scheduling.PatientMerged, envelope: Envelope) -> None:
    """Coverage, charges and claims of a merged-away record now belong to its survivor.

    A coverage overlapping one of the survivor's of the same priority stays with the merged-away
    record (one primary per day is a database rule): a biller settles which one holds.
    """
    survivors = aliased(Coverage)
    clashes = select(survivors.id).where(
        survivors.patient_id == event.survivor_id, survivors.priority == Coverage.priority,
        survivors.effective_from <= func.coalesce(Coverage.effective_to, date.max),
        Coverage.effective_from <= func.coalesce(survivors.effective_to, date.max))
    await uow.session.execute(update(Coverage).where(Coverage.patient_id == event.duplicate_id, ~clashes.exists())
                              .values(patient_id=event.survivor_id))
    for model in (Charge, Claim):
        await uow.session.execute(update(model).where(model.patient_id == event.duplicate_id)
                                  .values(patient_id=event.survivor_id))
    await uow.session.execute(update(BillingPatient).where(BillingPatient.patient_id == event.duplicate_id)
                              .values(merged_into=event.survivor_id))


async def on_member_hired(*, uow: UnitOfWork, event: staff.StaffMemberHired, envelope: Envelope) -> None:
    """Record a provider's name and NPI, or replace them with this snapshot (also handles `.updated`)."""
    provider = await newer_snapshot(uow, BillingProvider, event.staff_id, envelope)
    if provider is None:
        return
    provider.given_name, provider.family_name, provider.npi = event.given_name, event.family_name, event.npi
    await claims.rescrub_drafts(uow, Claim.provider_id == event.staff_id)


on_member_updated = on_member_hired


async def on_location_opened(*, uow: UnitOfWork, event: facilities.LocationOpened, envelope: Envelope) -> None:
    """Record a location's timezone (also handles `.updated`)."""
    location = await newer_snapshot(uow, BillingLocation, event.location_id, envelope)
    if location is not None:
        location.timezone = event.timezone


on_location_updated = on_location_opened
