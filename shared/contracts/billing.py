"""Events the billing service publishes."""

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel

from shared.contracts import EventPayload


class ChargeCreated(EventPayload):
    event_type = "billing.charge.created"

    charge_id: str
    appointment_id: str
    patient_id: str
    provider_id: str
    location_id: str
    date_of_service: date
    line_number: int
    cpt: str
    modifiers: list[str]
    units: int
    diagnosis_codes: list[str]
    kind: str = "visit"  # visit, no_show, late_cancel (a missed-visit fee has line_number 0, no CPT)
    amount: Decimal = Decimal("0.00")  # from the location's fee schedule; 0 when the code is unpriced


class ClaimSubmitted(EventPayload):
    """A claim went out in an 837P batch."""

    event_type = "billing.claim.submitted"

    claim_id: str
    appointment_id: str
    patient_id: str
    location_id: str
    provider_id: str
    payer_id: str
    date_of_service: date
    total_charge: Decimal
    batch_id: str


class ClaimAccepted(EventPayload):
    """The payer (or clearinghouse) took the claim into adjudication."""

    event_type = "billing.claim.accepted"

    claim_id: str
    patient_id: str
    location_id: str
    payer_id: str


class ClaimRejected(EventPayload):
    """The payer refused the claim before adjudication (front-end edits); it can be corrected and resubmitted."""

    event_type = "billing.claim.rejected"

    claim_id: str
    patient_id: str
    location_id: str
    payer_id: str
    reason: str


class ClaimAppealed(EventPayload):
    """A biller appealed the payer's denial; the payer's answer comes in a later 835."""

    event_type = "billing.claim.appealed"

    claim_id: str
    patient_id: str
    location_id: str
    payer_id: str
    reason: str


class ClaimPaid(EventPayload):
    """An 835 paid the claim in full (`status` paid) or some of its lines (`partially_paid`)."""

    event_type = "billing.claim.paid"

    claim_id: str
    patient_id: str
    location_id: str
    payer_id: str
    status: str
    total_charge: Decimal
    paid_amount: Decimal
    adjustment_amount: Decimal
    patient_responsibility: Decimal
    remittance_id: str


class ClaimDenied(EventPayload):
    """An 835 paid nothing: `carcs` are the claim adjustment reason codes the payer gave."""

    event_type = "billing.claim.denied"

    claim_id: str
    patient_id: str
    location_id: str
    payer_id: str
    carcs: list[str]
    remittance_id: str


class PaymentPosted(EventPayload):
    """A patient paid at a location (a check-in copay or any other payment)."""

    event_type = "billing.payment.posted"

    payment_id: str
    patient_id: str
    location_id: str
    appointment_id: str | None = None
    kind: str  # copay, payment
    method: str  # card, cash, check
    amount: Decimal
    received_at: datetime


class BalanceChanged(EventPayload):
    """A patient's balance at a location moved by `amount` (positive: owes more) to `balance`."""

    event_type = "billing.balance.changed"

    patient_id: str
    location_id: str
    amount: Decimal
    balance: Decimal
    reason: str
    source_id: str


class ScrubIssue(BaseModel):
    rule: str
    field: str
    message: str


class ClaimScrubFailed(EventPayload):
    """The scrubber holds the claim back for a person; announced when its set of failures changes."""

    event_type = "billing.claim.scrub_failed"

    claim_id: str
    patient_id: str
    location_id: str
    payer_id: str
    failures: list[ScrubIssue]


class ClaimScrubPassed(EventPayload):
    """A claim the scrubber had held back passes now (it is ready to go out)."""

    event_type = "billing.claim.scrub_passed"

    claim_id: str
    patient_id: str
    location_id: str
    payer_id: str


class ClaimLineUnderpaid(EventPayload):
    """A primary payer settled a line below its contracted allowed amount: `amount` short."""

    event_type = "billing.claim.line_underpaid"

    underpayment_id: str
    claim_id: str
    claim_line_id: str
    patient_id: str
    location_id: str
    payer_id: str
    cpt: str
    allowed_amount: Decimal
    settled_amount: Decimal
    amount: Decimal
