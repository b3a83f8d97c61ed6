"""Compliance's event handlers: every service's audit events, the staff events, locations' timezones."""

from functools import partial

from services.compliance.audits import service as trail
from services.compliance.projections import locations
from services.compliance.projections import staff as staff_projection
from shared.consumer import Handler
from shared.contracts import facilities, staff
from shared.contracts.audit import AUDITING_SERVICES, phi_accessed_of
from shared.runtime import ServiceRuntime

STAFF_HANDLERS: dict[str, Handler] = {
    payload.event_type: Handler(payload, func)
    for payload, func in [
        (staff.StaffMemberHired, staff_projection.on_member_hired),
        (staff.StaffMemberUpdated, staff_projection.on_member_updated),
        (staff.StaffMemberTerminated, staff_projection.on_member_terminated),
        (staff.CredentialAdded, staff_projection.on_credential_added),
        (staff.CredentialExpiring, staff_projection.on_credential_expiring),
        (staff.CredentialExpired, staff_projection.on_credential_expired),
        (staff.CredentialSuspended, staff_projection.on_credential_suspended),
        (staff.TrainingCompleted, staff_projection.on_training_completed),
        (staff.TrainingOverdue, staff_projection.on_training_overdue),
        # A location's timezone dates its matrix and reviews: kept with the staff projection.
        (facilities.LocationOpened, locations.on_location_opened),
        (facilities.LocationUpdated, locations.on_location_updated),
    ]
}


def register(runtime: ServiceRuntime) -> None:
    # Two groups: a burst of audit events never delays a licence alert, and vice versa.
    append = partial(trail.append, settings=runtime.settings)
    runtime.consume(
        {phi_accessed_of(s).event_type: Handler(phi_accessed_of(s), append) for s in AUDITING_SERVICES},
        group="compliance-audit",
    )
    runtime.consume(STAFF_HANDLERS, group="compliance-staff")
