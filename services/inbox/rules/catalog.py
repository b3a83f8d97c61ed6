"""The event rules, as data the office manager reads (GET /rules): one task per cause, closed by its resolution."""

from services.inbox.rules.domain import Resolution, Rule
from shared.contracts import billing, compliance, facilities, scheduling, staff

CLAIM_FOCUS = ("billing", "claim", "claim_id")
CREDENTIAL = "credential:{staff_id}:{kind}:{state}"  # the member's credential of a kind (and state), any number

RULES: tuple[Rule, ...] = (
    Rule(
        name="claim-denied",
        event=billing.ClaimDenied,
        role="biller",
        category="claim",
        priority="urgent",
        cause="claim:{claim_id}:denied",
        title="Claim {claim_id} denied by payer {payer_id}: correct or appeal it",
        focus=CLAIM_FOCUS,
        resolved_by=(Resolution(billing.ClaimPaid, "claim:{claim_id}:denied"),),
        description="An 835 paid nothing on the claim; the task closes when a later remittance pays it.",
    ),
    Rule(
        name="claim-rejected",
        event=billing.ClaimRejected,
        role="biller",
        category="claim",
        priority="urgent",
        cause="claim:{claim_id}:rejected",
        title="Claim {claim_id} rejected by payer {payer_id}: {reason}",
        focus=CLAIM_FOCUS,
        resolved_by=(
            Resolution(billing.ClaimSubmitted, "claim:{claim_id}:rejected"),
            Resolution(billing.ClaimAccepted, "claim:{claim_id}:rejected"),
            Resolution(billing.ClaimPaid, "claim:{claim_id}:rejected"),
        ),
        description="Refused before adjudication; closes when the claim is resubmitted, accepted or paid.",
    ),
    Rule(
        name="credential-expiring",
        event=staff.CredentialExpiring,
        role="office_manager",
        category="credential",
        priority="routine",
        cause=CREDENTIAL,
        title="{kind} credential of {staff_id} expires on {expires_on} ({threshold_days}-day notice): renew it",
        location="staff",
        focus=("staff", "credential", "credential_id"),
        resolved_by=(Resolution(staff.CredentialAdded, CREDENTIAL),),
        description="90, 60 and 30 days out: one task for all three notices; a new credential of the kind renews it.",
    ),
    Rule(
        name="credential-expired",
        event=staff.CredentialExpired,
        role="office_manager",
        category="credential",
        priority="urgent",
        cause=CREDENTIAL + ":expired",
        title="{kind} credential of {staff_id} expired on {expired_on}",
        location="staff",
        focus=("staff", "credential", "credential_id"),
        resolved_by=(Resolution(staff.CredentialAdded, CREDENTIAL + ":expired"),),
        description="The member may not work under it; a new credential of the kind resolves it.",
    ),
    Rule(
        name="training-overdue",
        event=staff.TrainingOverdue,
        role="office_manager",
        category="training",
        priority="routine",
        cause="training:{staff_id}:{course_code}",
        title="Training {course_code} of {staff_id} was due on {due_on}",
        location="staff",
        owner_field="manager_id",
        focus=("staff", "member", "staff_id"),
        resolved_by=(Resolution(staff.TrainingCompleted, "training:{staff_id}:{course_code}"),),
        description="Goes to the member's manager (owner) at their home location; closes when the course is done.",
    ),
    Rule(
        name="appointment-needs-reschedule",
        event=scheduling.AppointmentNeedsReschedule,
        role="front_desk",
        category="appointment",
        priority="urgent",
        cause="appointment:{appointment_id}:reschedule",
        title="Call the patient: appointment {appointment_id} at {start} must be rebooked",
        focus=("scheduling", "appointment", "appointment_id"),
        resolved_by=(
            Resolution(scheduling.AppointmentRescheduled, "appointment:{appointment_id}:reschedule"),
            Resolution(scheduling.AppointmentCancelled, "appointment:{appointment_id}:reschedule"),
        ),
        description="The front desk at its location calls the patient; closes when it is rescheduled or cancelled.",
    ),
    Rule(
        name="waitlist-offer",
        event=scheduling.WaitlistOfferMade,
        role="front_desk",
        category="waitlist",
        priority="urgent",
        cause="waitlist-offer:{offer_id}",
        title="Call the waiting patient: a slot at {start} is held for them until {expires_at}",
        focus=("scheduling", "waitlist_offer", "offer_id"),
        due_field="expires_at",
        resolved_by=(
            Resolution(scheduling.WaitlistOfferAccepted, "waitlist-offer:{offer_id}"),
            Resolution(scheduling.WaitlistOfferDeclined, "waitlist-offer:{offer_id}"),
            Resolution(scheduling.WaitlistOfferExpired, "waitlist-offer:{offer_id}"),
        ),
        description="Due when the hold runs out: an offer left unanswered escalates; any answer (or expiry) closes it.",
    ),
    Rule(
        name="room-out-of-service",
        event=facilities.RoomOutOfService,
        role="office_manager",
        category="room",
        priority="urgent",
        cause="room:{room_id}:out-of-service",
        title="Room {room_id} out of service ({reason}): its booked appointments need a new room",
        focus=("facilities", "room", "room_id"),
        resolved_by=(Resolution(facilities.RoomBackInService, "room:{room_id}:out-of-service"),),
        description="Closes when the room is back in service.",
    ),
    Rule(
        name="maintenance-overdue",
        event=facilities.MaintenanceOverdue,
        role="facilities_coordinator",
        category="maintenance",
        priority="urgent",
        cause="maintenance:{task_id}",
        title="Preventive maintenance overdue: {title} (due {due_on})",
        focus=("facilities", "maintenance_task", "task_id"),
        description="Announced once per maintenance task.",
    ),
    Rule(
        name="compliance-alert",
        event=compliance.AlertRaised,
        role="compliance_officer",
        category="compliance",
        priority="urgent",
        cause="alert:{alert_id}",
        title="Compliance alert ({severity}): {kind} — {subject}",
        focus=("compliance", "alert", "alert_id"),
        resolved_by=(Resolution(compliance.AlertResolved, "alert:{alert_id}"),),
        description="Group-wide alerts (no location) go to group-wide compliance officers; closes when resolved.",
    ),
)


def by_event_type() -> tuple[dict[str, list[Rule]], dict[str, list[tuple[Rule, Resolution]]]]:
    """The rules each event type raises, and the (rule, resolution) pairs it resolves."""
    raising: dict[str, list[Rule]] = {}
    resolving: dict[str, list[tuple[Rule, Resolution]]] = {}
    for rule in RULES:
        raising.setdefault(rule.event_type, []).append(rule)
        for resolution in rule.resolved_by:
            resolving.setdefault(resolution.event_type, []).append((rule, resolution))
    return raising, resolving
