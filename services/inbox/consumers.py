"""The inbox's event handlers: facilities' locations (for due times) and the rules that raise and resolve tasks."""

from services.inbox.intake import service as intake
from services.inbox.linking import service as linking
from services.inbox.locations import service as locations
from shared.consumer import Handler
from shared.contracts import facilities, scheduling
from shared.runtime import ServiceRuntime


def register(runtime: ServiceRuntime) -> None:
    runtime.consume(
        {
            facilities.LocationOpened.event_type: Handler(facilities.LocationOpened, locations.on_location_opened),
            facilities.LocationUpdated.event_type: Handler(facilities.LocationUpdated, locations.on_location_updated),
            # Email: senders matched to scheduling's patients; a booked request completes its message's task.
            scheduling.PatientRegistered.event_type: Handler(
                scheduling.PatientRegistered, linking.on_patient_registered
            ),
            scheduling.PatientUpdated.event_type: Handler(scheduling.PatientUpdated, linking.on_patient_updated),
            scheduling.PatientMerged.event_type: Handler(scheduling.PatientMerged, linking.on_patient_merged),
            scheduling.AppointmentRequestBooked.event_type: Handler(
                scheduling.AppointmentRequestBooked, intake.on_appointment_request_booked
            ),
        }
    )
