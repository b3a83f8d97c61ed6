"""The inbox's event handlers: facilities' locations and staff's members (projections), and the event rules."""

from services.inbox.intake import service as intake
from services.inbox.invoices import rematching
from services.inbox.linking import service as linking
from services.inbox.locations import service as locations
from services.inbox.purchasing import service as purchasing
from services.inbox.rules import service as rules
from services.inbox.staff_members import service as staff_members
from shared.consumer import Handler
from shared.contracts import facilities, scheduling, staff
from shared.envelope import Envelope
from shared.runtime import ServiceRuntime
from shared.uow import UnitOfWork


async def on_purchase_order_placed(
    *, uow: UnitOfWork, event: facilities.PurchaseOrderPlaced, envelope: Envelope
) -> None:
    """Invoices that came before their order are matched again now that it is known."""
    if await purchasing.record_order_placed(uow=uow, event=event):
        await rematching.rematch_order(uow=uow, purchase_order_id=event.purchase_order_id)


async def on_purchase_order_received(
    *, uow: UnitOfWork, event: facilities.PurchaseOrderReceived, envelope: Envelope
) -> None:
    """Invoices that billed more than had arrived are matched again with this delivery counted."""
    if await purchasing.record_receipt(uow=uow, event=event):
        await rematching.rematch_order(uow=uow, purchase_order_id=event.purchase_order_id)


def register(runtime: ServiceRuntime) -> None:
    projections = {
        facilities.LocationOpened.event_type: Handler(facilities.LocationOpened, locations.on_location_opened),
        facilities.LocationUpdated.event_type: Handler(facilities.LocationUpdated, locations.on_location_updated),
        staff.StaffMemberHired.event_type: Handler(staff.StaffMemberHired, staff_members.on_member_hired),
        staff.StaffMemberUpdated.event_type: Handler(staff.StaffMemberUpdated, staff_members.on_member_updated),
        # Supplier invoices match against these; one waiting on its order or a delivery is matched again.
        facilities.PurchaseOrderPlaced.event_type: Handler(facilities.PurchaseOrderPlaced, on_purchase_order_placed),
        facilities.PurchaseOrderReceived.event_type: Handler(
            facilities.PurchaseOrderReceived, on_purchase_order_received
        ),
        # Email: senders matched to scheduling's patients; a booked request completes its message's task.
        scheduling.PatientRegistered.event_type: Handler(scheduling.PatientRegistered, linking.on_patient_registered),
        scheduling.PatientUpdated.event_type: Handler(scheduling.PatientUpdated, linking.on_patient_updated),
        scheduling.PatientMerged.event_type: Handler(scheduling.PatientMerged, linking.on_patient_merged),
        scheduling.AppointmentRequestBooked.event_type: Handler(
            scheduling.AppointmentRequestBooked, intake.on_appointment_request_booked
        ),
    }
    # The rules' own group: a burst of claims never waits behind a location update, and the reverse.
    runtime.consume(projections)
    runtime.consume({e.event_type: Handler(e, rules.on_event) for e in rules.events()}, group="inbox-rules")
