"""Compliance's event handlers: every service's audit events, the staff events, locations' timezones."""

from functools import partial

from services.compliance import locations, trail
from services.compliance import staff_compliance as sc
from shared.consumer import Handler
from shared.contracts import facilities, staff
from shared.contracts.audit import AUDITING_SERVICES, phi_accessed_of
from shared.runtime import ServiceRuntime

STAFF_HANDLERS: dict[str, Handler] = {
    payload.event_type: Handler(payload, func)
    for payload, func in [
        (staff.StaffMemberHired, sc.on_member_hired),
        (staff.StaffMemberUpdated, sc.on_member_updated),
        (staff.StaffMemberTerminated, sc.on_member_terminated),
        (staff.CredentialAdded, sc.on_credential_added),
        (staff.CredentialExpiring, sc.on_credential_expiring),
        (staff.CredentialExpired, sc.on_credential_expired),
        (staff.CredentialSuspended, sc.on_credential_suspended),
        (staff.TrainingCompleted, sc.on_training_completed),
        (staff.TrainingOverdue, sc.on_training_overdue),
        # A location's timezone dates its matrix and reviews: kept with the staff projection.
        (facilities.LocationOpened, locations.on_location_opened),
        (facilities.LocationUpdated, locations.on_location_updated),
    ]
}


def register(runtime: ServiceRuntime) -> None:
    # Two groups: a burst of audit events never delays a licence alert, and vice versa.
    append = partial(trail.append, settings=runtime.settings)
    runtime.consume({phi_accessed_of(s).event_type: Handler(phi_accessed_of(s), append) for s in AUDITING_SERVICES},
                    group="compliance-audit")
    runtime.consume(STAFF_HANDLERS, group="compliance-staff")
