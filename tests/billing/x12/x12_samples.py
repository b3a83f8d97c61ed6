"""Claims as the export would describe them, for the X12 tests."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from services.billing.x12.edi837 import Claim837, Line837
from services.billing.x12.edi837_cob import Adjustment, PriorLine, PriorPayer
from services.billing.x12.edi837_parties import Address, BillingProvider, Person, Submitter
from services.billing.x12.envelope import Envelope
from shared.clock import utcnow
from tests.support.dates import days_ago

PROVIDER = BillingProvider(
    "Main Street Family Practice",
    "1234567893",
    "123456789",
    Address("100 Main St", "Suite 2", "Springfield", "CA", "902101234"),
)
HOME = Address("12 Oak Ave", None, "Springfield", "CA", "90211")
ENVELOPE = Envelope(sender_id="CLINICOPS", receiver_id="CLEARINGHOUSE", control_number=42, created_at=utcnow())
SERVED_ON, ADJUDICATED_ON = days_ago(20), days_ago(5)  # a visit, and the primary payer's decision on it
SUBMITTER = Submitter("Main Street Family Practice", "Billing Office", "5555550100", "Clearinghouse")


def claim(claim_id: str = "c0ffee00-0000-4000-8000-000000000001", *, relationship: str = "self") -> Claim837:
    patient = Person("Rivera", "Ana", date(1975, 4, 12), "F", HOME)
    subscriber = patient if relationship == "self" else Person("Rivera", "Luis")
    return Claim837(
        claim_id=claim_id,
        total=Decimal("175.50"),
        place_of_service="11",
        diagnosis_codes=("E11.9", "I10"),
        billing_provider=PROVIDER,
        rendering_provider=Person("Lee", "Dana"),
        rendering_npi="1234567893",
        payer_name="Acme Health",
        payer_id="ACME01",
        priority="primary",
        filing_indicator="CI",
        member_id="XJ123456789",
        group_number="GRP-77",
        relationship=relationship,
        subscriber=subscriber,
        patient=None if relationship == "self" else patient,
        lines=(
            Line837("a1", "99213", ("25",), Decimal("125.00"), 1, (1, 2), SERVED_ON),
            Line837("a2", "83036", ("QW",), Decimal("50.50"), 1, (1,), SERVED_ON),
        ),
    )


def secondary_claim(claim_id: str = "c0ffee00-0000-4000-8000-000000000004") -> Claim837:
    """Ana's claim to her secondary payer after Acme paid 80.00: a line paid with a copay left, a line denied."""
    adjudicated = ADJUDICATED_ON
    prior = PriorPayer(
        payer_name="Acme Health",
        payer_id="ACME01",
        filing_indicator="CI",
        member_id="XJ123456789",
        group_number="GRP-77",
        relationship="self",
        subscriber_family_name="Rivera",
        subscriber_given_name="Ana",
        paid=Decimal("80.00"),
        adjustments=(),
        lines=(
            PriorLine(
                Decimal("80.00"),
                "99213",
                ("25",),
                1,
                (Adjustment("CO", "45", Decimal("25.00")), Adjustment("PR", "1", Decimal("20.00"))),
                adjudicated,
            ),
            PriorLine(Decimal("0.00"), "83036", ("QW",), 1, (Adjustment("CO", "50", Decimal("50.50")),), adjudicated),
        ),
    )
    return replace(
        claim(claim_id),
        payer_name="Beta Mutual",
        payer_id="BETA02",
        priority="secondary",
        member_id="B-991",
        group_number=None,
        prior_payer=prior,
    )
