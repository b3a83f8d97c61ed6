"""Every scrubber rule, once failing and once passing, over plain data."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from services.billing.claims.scrubber import ScrubClaim, ScrubLine, ScrubSubscriber, npi_is_valid, scrub
from tests.support.dates import days_ago

DOS = days_ago(4)  # the scrubber gets "today" as data: four days after the visit
DAY = timedelta(days=1)
CLEAN = ScrubClaim(
    date_of_service=DOS,
    today=DOS + 4 * DAY,
    billing_npi="1234567893",
    rendering_npi="1245319599",
    diagnosis_codes=["E11.9", "I10"],
    lines=[ScrubLine("99213", ["25"], 1, [1, 2], Decimal("125.00")), ScrubLine("83036", ["QW"], 1, [1], Decimal("50"))],
    coverage_from=DOS - 334 * DAY,
    coverage_to=None,
    payer_id="payer-1",
    timely_filing_days=90,
    subscriber=ScrubSubscriber(
        "XJ1",
        "Rivera",
        "Ana",
        date(1975, 4, 12),
        "female",
        {"line1": "1 Oak", "city": "X", "state": "CA", "postal_code": "90210"},
    ),
    other_claims=[("payer-1", DOS - 29 * DAY, ("83036", "99213")), ("payer-2", DOS, ("83036", "99213"))],
)
LINE = CLEAN.lines[0]

FAILING = {
    "npi": [replace(CLEAN, billing_npi=None), replace(CLEAN, rendering_npi="1234567890")],
    "icd10_format": [
        replace(CLEAN, diagnosis_codes=["E11.9", "U07.1"]),
        replace(CLEAN, diagnosis_codes=["250.00", "I10"]),
    ],
    "cpt_format": [
        replace(CLEAN, lines=[replace(LINE, cpt="9921")]),
        replace(CLEAN, lines=[replace(LINE, modifiers=["2"])]),
    ],
    "diagnosis_pointers": [
        replace(CLEAN, lines=[replace(LINE, diagnosis_pointers=[3])]),
        replace(CLEAN, lines=[replace(LINE, diagnosis_pointers=[])]),
    ],
    "charge_amount": [replace(CLEAN, lines=[replace(LINE, charge_amount=Decimal("0"))])],
    "coverage_inactive": [
        replace(CLEAN, coverage_from=DOS + DAY),
        replace(CLEAN, coverage_to=DOS - DAY),
        replace(CLEAN, coverage_from=None),
    ],
    "duplicate_claim": [replace(CLEAN, other_claims=[("payer-1", DOS, ("83036", "99213"))])],
    "timely_filing": [replace(CLEAN, today=DOS + 91 * DAY)],
    "subscriber_data": [
        replace(CLEAN, subscriber=replace(CLEAN.subscriber, member_id="")),
        replace(CLEAN, subscriber=replace(CLEAN.subscriber, birth_date=None, address=None)),
    ],
}
EXPECTED_FIELDS = {
    "npi": ["billing_provider.npi", "rendering_provider.npi"],
    "icd10_format": ["diagnosis_codes[1]", "diagnosis_codes[0]"],
    "cpt_format": ["lines[1].cpt", "lines[1].modifiers"],
    "diagnosis_pointers": ["lines[1].diagnosis_pointers", "lines[1].diagnosis_pointers"],
    "charge_amount": ["lines[1].charge_amount"],
    "coverage_inactive": ["coverage.effective_from", "coverage.effective_from", "coverage"],
    "duplicate_claim": ["claim"],
    "timely_filing": ["date_of_service"],
    "subscriber_data": ["subscriber.member_id", "subscriber.birth_date"],
}


def test_a_clean_claim_passes_every_rule():
    assert scrub(CLEAN) == []


@pytest.mark.parametrize("rule", FAILING)
def test_each_rule_fails_naming_itself_and_the_field(rule):
    for case, field in zip(FAILING[rule], EXPECTED_FIELDS[rule], strict=True):
        failures = scrub(case)
        assert failures, (rule, case)
        assert {f.rule for f in failures} == {rule}, failures
        assert failures[0].field == field and failures[0].message


@pytest.mark.parametrize(
    "rule, passing",
    [
        ("npi", replace(CLEAN, billing_npi="1245319599", rendering_npi="1234567893")),
        ("icd10_format", replace(CLEAN, diagnosis_codes=["Z00.00", "I10", "S72.001A"], lines=[LINE])),
        ("cpt_format", replace(CLEAN, lines=[replace(LINE, cpt="G0438"), replace(LINE, cpt="0001F", modifiers=[])])),
        ("diagnosis_pointers", replace(CLEAN, lines=[replace(LINE, diagnosis_pointers=[2, 1])])),
        ("charge_amount", replace(CLEAN, lines=[replace(LINE, charge_amount=Decimal("0.01"))])),
        ("coverage_inactive", replace(CLEAN, coverage_from=DOS, coverage_to=DOS)),
        ("duplicate_claim", replace(CLEAN, other_claims=[("payer-1", DOS, ("99213",))])),
        ("timely_filing", replace(CLEAN, today=DOS + 90 * DAY)),  # day 90 is still in time
        ("subscriber_data", replace(CLEAN, subscriber=replace(CLEAN.subscriber, sex="unknown"))),
    ],
)
def test_each_rule_passes_its_edge_case(rule, passing):
    assert scrub(passing) == []


def test_npi_check_digit():
    assert npi_is_valid("1234567893") and npi_is_valid("1245319599")
    assert not npi_is_valid("1234567890") and not npi_is_valid("123456789") and not npi_is_valid(None)
