"""Billing's event handlers: thin, each runs its feature use cases inside the consumer's transaction.

Where a fact arriving changes claims (a visit's charges, a patient's address, a provider's NPI,
a merge), the handler here runs the claims step after the feature that records the fact: the
features below claims do not call up into it.
"""

from services.billing.charges import service as charges
from services.billing.claims import opening as claim_opening
from services.billing.claims import scrubbing as claim_scrubbing
from services.billing.claims import service as claims
from services.billing.coverage import service as coverage
from services.billing.expenses import service as expenses
from services.billing.projections import service as projections
from shared.consumer import Handler
from shared.contracts import facilities, inbox, scheduling, staff
from shared.envelope import Envelope
from shared.runtime import ServiceRuntime
from shared.uow import UnitOfWork


async def on_appointment_completed(
    *, uow: UnitOfWork, event: scheduling.AppointmentCompleted, envelope: Envelope
) -> None:
    # Nothing charged: the visit was charged before, and its claim was opened then.
    if charged := await charges.charge_completed_visit(uow=uow, visit=event):
        await claim_opening.open_claims_for_charges(uow=uow, charges=charged)


async def on_no_show(*, uow: UnitOfWork, event: scheduling.AppointmentNoShow, envelope: Envelope) -> None:
    await charges.charge_no_show(uow=uow, event=event)
    await projections.record_missed_visit(uow=uow, event=event)


async def on_cancelled(*, uow: UnitOfWork, event: scheduling.AppointmentCancelled, envelope: Envelope) -> None:
    await charges.charge_late_cancellation(uow=uow, event=event)
    await projections.record_missed_visit(uow=uow, event=event)


async def on_patient_registered(*, uow: UnitOfWork, event: scheduling.PatientRegistered, envelope: Envelope) -> None:
    """Also handles `.updated`; an older snapshot changes nothing."""
    if await projections.on_patient_registered(uow=uow, event=event, envelope=envelope):
        await claim_scrubbing.rescrub_drafts(uow=uow, patient_id=event.patient_id)


on_patient_updated = on_patient_registered


async def on_patient_merged(*, uow: UnitOfWork, event: scheduling.PatientMerged, envelope: Envelope) -> None:
    """Coverage, charges and claims of a merged-away record now belong to its survivor."""
    moved = dict(duplicate_id=event.duplicate_id, survivor_id=event.survivor_id)
    await coverage.merge_patients(uow=uow, **moved)
    await charges.merge_patients(uow=uow, **moved)
    await claims.merge_patients(uow=uow, **moved)
    await projections.on_patient_merged(uow=uow, event=event, envelope=envelope)


async def on_member_hired(*, uow: UnitOfWork, event: staff.StaffMemberHired, envelope: Envelope) -> None:
    """Also handles `.updated`; an older snapshot changes nothing."""
    if await projections.on_member_hired(uow=uow, event=event, envelope=envelope):
        await claim_scrubbing.rescrub_drafts(uow=uow, provider_id=event.staff_id)


on_member_updated = on_member_hired


async def on_purchase_order_received(
    *, uow: UnitOfWork, event: facilities.PurchaseOrderReceived, envelope: Envelope
) -> None:
    await expenses.book_purchase_order(uow=uow, event=event)


async def on_supplier_invoice_approved(
    *, uow: UnitOfWork, event: inbox.SupplierInvoiceApproved, envelope: Envelope
) -> None:
    await expenses.book_supplier_invoice(uow=uow, event=event)


HANDLERS: dict[str, Handler] = {
    payload.event_type: Handler(payload, func)
    for payload, func in [
        (scheduling.AppointmentCompleted, on_appointment_completed),
        (scheduling.AppointmentNoShow, on_no_show),
        (scheduling.AppointmentCancelled, on_cancelled),
        (scheduling.PatientRegistered, on_patient_registered),
        (scheduling.PatientUpdated, on_patient_updated),
        (scheduling.PatientMerged, on_patient_merged),
        (staff.StaffMemberHired, on_member_hired),
        (staff.StaffMemberUpdated, on_member_updated),
        (facilities.LocationOpened, projections.on_location_opened),
        (facilities.LocationUpdated, projections.on_location_updated),
        (facilities.PurchaseOrderReceived, on_purchase_order_received),
        (inbox.SupplierInvoiceApproved, on_supplier_invoice_approved),
    ]
}


def register(runtime: ServiceRuntime) -> None:
    # One consumer group for the service: a missed visit's fee and its cost record commit together.
    runtime.consume(HANDLERS)
