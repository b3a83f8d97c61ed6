"""Real events from each service's contracts, as the event rules' tests publish them; dates from now."""

from datetime import timedelta
from decimal import Decimal

from shared.clock import utcnow
from shared.contracts import billing, compliance, facilities, scheduling, staff
from tests.support.dates import days_ago, days_ahead

SOON = utcnow() + timedelta(days=3)
GAP_START = (utcnow() + timedelta(days=1)).replace(microsecond=0)
NOTIFY_BY = (utcnow() + timedelta(days=55)).replace(microsecond=0)
CLAIM = dict(claim_id="claim-7", patient_id="pat-7", location_id="loc-a", payer_id="payer-1")
APPOINTMENT = dict(appointment_id="appt-7", patient_id="pat-7", provider_id="prov-7", location_id="loc-a")
OFFER = dict(offer_id="offer-7", entry_id="entry-7", patient_id="pat-7", location_id="loc-a")
CREDENTIAL = dict(credential_id="cred-7", staff_id="stf-7", kind="state_license", state="CA")


def claim_paid(**overrides):
    return billing.ClaimPaid(
        **CLAIM,
        status="paid",
        total_charge=Decimal("120.00"),
        paid_amount=Decimal("100.00"),
        adjustment_amount=Decimal("20.00"),
        patient_responsibility=Decimal("0.00"),
        remittance_id="rem-8",
    )


def credential_added():
    return staff.CredentialAdded(
        **(CREDENTIAL | {"credential_id": "cred-8"}),
        number="A999",
        issuer="Medical Board of California",
        issued_on=days_ago(1),
        expires_on=days_ahead(730),
    )


# rule name -> (the raising event, another event of the same cause or None, the resolving event, expected)
CASES = {
    "claim-denied": (
        billing.ClaimDenied(**CLAIM, carcs=["CO-50"], remittance_id="rem-7"),
        billing.ClaimDenied(**CLAIM, carcs=["CO-50", "CO-97"], remittance_id="rem-7b"),
        claim_paid(),
        dict(cause="claim:claim-7:denied", role="biller", location="loc-a", patient="pat-7"),
    ),
    "claim-rejected": (
        billing.ClaimRejected(**CLAIM, reason="subscriber id invalid"),
        None,
        billing.ClaimSubmitted(
            **CLAIM,
            appointment_id="appt-7",
            provider_id="prov-7",
            date_of_service=days_ago(10),
            total_charge=Decimal("120.00"),
            batch_id="batch-9",
        ),
        dict(cause="claim:claim-7:rejected", role="biller", location="loc-a", patient="pat-7"),
    ),
    "claim-scrub-failed": (
        billing.ClaimScrubFailed(
            **CLAIM, failures=[billing.ScrubIssue(rule="npi", field="rendering_provider.npi", message="missing")]
        ),
        billing.ClaimScrubFailed(
            **CLAIM, failures=[billing.ScrubIssue(rule="dx", field="diagnosis_codes", message="none given")]
        ),
        billing.ClaimScrubPassed(**CLAIM),
        dict(cause="claim:claim-7:scrub", role="biller", location="loc-a", patient="pat-7"),
    ),
    "privacy-incident": (
        compliance.PrivacyIncidentReported(
            incident_id="inc-7",
            location_id="loc-a",
            discovered_on=days_ago(5),
            notification_deadline=days_ahead(55),
            notify_by=NOTIFY_BY,
            individuals_affected=3,
        ),
        None,
        compliance.PrivacyIncidentNotified(incident_id="inc-7", location_id="loc-a", notified_on=days_ago(0)),
        dict(cause="privacy-incident:inc-7", role="compliance_officer", location="loc-a", patient=None, due=NOTIFY_BY),
    ),
    "credential-expiring": (
        staff.CredentialExpiring(**CREDENTIAL, expires_on=days_ahead(90), threshold_days=90),
        staff.CredentialExpiring(**CREDENTIAL, expires_on=days_ahead(90), threshold_days=60),
        credential_added(),
        dict(cause="credential:stf-7:state_license:CA", role="office_manager", location="loc-a", patient=None),
    ),
    "credential-expired": (
        staff.CredentialExpired(**CREDENTIAL, expired_on=days_ago(1)),
        None,
        credential_added(),
        dict(cause="credential:stf-7:state_license:CA:expired", role="office_manager", location="loc-a", patient=None),
    ),
    "training-overdue": (
        staff.TrainingOverdue(staff_id="stf-7", course_code="HIPAA-101", due_on=days_ago(3)),
        None,
        staff.TrainingCompleted(staff_id="stf-7", course_code="HIPAA-101", completed_on=days_ago(0)),
        dict(cause="training:stf-7:HIPAA-101", role="office_manager", location="loc-a", patient=None, owner="om-a"),
    ),
    "coverage-gap": (
        staff.CoverageGapFound(
            location_id="loc-a",
            day=days_ahead(1),
            role="medical_assistant",
            required=2,
            scheduled=1,
            start=GAP_START,
            end=GAP_START + timedelta(hours=4),
        ),
        None,
        staff.CoverageGapClosed(location_id="loc-a", day=days_ahead(1), role="medical_assistant"),
        dict(
            cause=f"coverage:loc-a:{days_ahead(1).isoformat()}:medical_assistant",
            role="office_manager",
            location="loc-a",
            patient=None,
            due=GAP_START,
        ),
    ),
    "appointment-needs-reschedule": (
        scheduling.AppointmentNeedsReschedule(**APPOINTMENT, start=SOON, reasons=["room out of service"]),
        scheduling.AppointmentNeedsReschedule(**APPOINTMENT, start=SOON, reasons=["provider licence expired"]),
        scheduling.AppointmentRescheduled(
            **APPOINTMENT,
            previous_start=SOON,
            previous_end=SOON + timedelta(minutes=20),
            start=SOON + timedelta(days=1),
            end=SOON + timedelta(days=1, minutes=20),
        ),
        dict(cause="appointment:appt-7:reschedule", role="front_desk", location="loc-a", patient="pat-7"),
    ),
    "waitlist-offer": (
        scheduling.WaitlistOfferMade(
            **OFFER,
            provider_id="prov-7",
            start=SOON,
            end=SOON + timedelta(minutes=20),
            expires_at=utcnow() + timedelta(hours=4),
        ),
        None,
        scheduling.WaitlistOfferDeclined(**OFFER),
        dict(cause="waitlist-offer:offer-7", role="front_desk", location="loc-a", patient="pat-7"),
    ),
    "reorder-point-reached": (
        facilities.StockReorderPointReached(
            item_id="item-7",
            location_id="loc-a",
            name="Nitrile gloves M",
            on_hand=18,
            reorder_point=20,
            purchase_order_id="po-7",
            vendor="Medline",
        ),
        None,
        facilities.PurchaseOrderReceived(
            purchase_order_id="po-7",
            location_id="loc-a",
            vendor="Medline",
            received_on=days_ago(0),
            total=Decimal("250.00"),
            lines=[facilities.PurchaseOrderLine(item="Nitrile gloves M", item_id="item-7", quantity=50, unit_price=5)],
            receipt_id="rcpt-7",
        ),
        dict(cause="reorder:po-7", role="facilities_coordinator", location="loc-a", patient=None),
    ),
    "critical-work-order": (
        facilities.CriticalWorkOrderOpened(
            work_order_id="wo-7", location_id="loc-a", equipment_id="eq-7", asset_tag="AED-7", title="fails self-test"
        ),
        None,
        facilities.WorkOrderClosed(work_order_id="wo-7", location_id="loc-a", equipment_id="eq-7"),
        dict(cause="work-order:wo-7", role="facilities_coordinator", location="loc-a", patient=None),
    ),
    "room-out-of-service": (
        scheduling.AppointmentsDisplacedFromRoom(
            room_id="exam-7",
            location_id="loc-a",
            reason="flooded",
            since=utcnow(),
            appointment_ids=["appt-7", "appt-8"],
            count=2,
        ),
        None,
        facilities.RoomBackInService(room_id="exam-7", location_id="loc-a", since=utcnow()),
        dict(cause="room:exam-7:out-of-service", role="office_manager", location="loc-a", patient=None),
    ),
    "compliance-alert": (
        compliance.AlertRaised(
            alert_id="alert-7",
            kind="break_glass",
            severity="high",
            location_id="loc-a",
            subject="stf-7",
            raised_at=utcnow(),
        ),
        None,
        compliance.AlertResolved(
            alert_id="alert-7",
            kind="break_glass",
            location_id="loc-a",
            subject="stf-7",
            resolved_at=utcnow(),
            resolution="justified",
        ),
        dict(cause="alert:alert-7", role="compliance_officer", location="loc-a", patient=None),
    ),
}

# A denial the biller appeals closes too (the same rule, its other resolution).
CASES["claim-denied/appealed"] = (
    billing.ClaimDenied(**(CLAIM | {"claim_id": "claim-8"}), carcs=["CO-197"], remittance_id="rem-9"),
    None,
    billing.ClaimAppealed(**(CLAIM | {"claim_id": "claim-8"}), reason="authorization on file"),
    dict(cause="claim:claim-8:denied", role="biller", location="loc-a", patient="pat-7"),
)

# Compliance announces an access review past due with undecided items as an alert: the compliance-alert rule.
CASES["compliance-alert/access-review-overdue"] = (
    compliance.AlertRaised(
        alert_id="alert-8",
        kind="access_review_overdue",
        severity="warning",
        location_id="loc-a",
        subject="campaign-8",
        raised_at=utcnow(),
        details={"pending_items": 2},
    ),
    None,
    compliance.AlertResolved(
        alert_id="alert-8",
        kind="access_review_overdue",
        location_id="loc-a",
        subject="campaign-8",
        resolved_at=utcnow(),
        resolution="campaign completed",
    ),
    dict(cause="alert:alert-8", role="compliance_officer", location="loc-a", patient=None),
)

# Raised, but no event resolves them yet: the rule's task is closed by a person.
CASES["maintenance-overdue"] = (
    facilities.MaintenanceOverdue(
        task_id="pm-7",
        plan_id="plan-7",
        equipment_id="eq-7",
        location_id="loc-a",
        title="Autoclave service",
        due_on=days_ago(2),
    ),
    None,
    facilities.MaintenanceCompleted(
        task_id="pm-7", plan_id="plan-7", equipment_id="eq-7", location_id="loc-a", completed_by="fac-1"
    ),
    dict(cause="maintenance:pm-7", role="facilities_coordinator", location="loc-a", patient=None),
)

RAISE_ONLY = {
    "claim-line-underpaid": (
        billing.ClaimLineUnderpaid(
            **CLAIM,
            underpayment_id="under-7",
            claim_line_id="line-7",
            cpt="99213",
            allowed_amount=Decimal("100.00"),
            settled_amount=Decimal("80.00"),
            amount=Decimal("20.00"),
        ),
        dict(cause="claim-line:line-7:underpaid", role="biller", location="loc-a", patient="pat-7"),
    ),
}
