"""The claim scrubber: named rules run before submission, each failure naming its rule and field.

Pure functions over plain data, so every rule is tested without a database.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

_CPT = re.compile(r"^(\d{4}[0-9FT]|[A-V]\d{4})$")
_MODIFIER = re.compile(r"^[0-9A-Z]{2}$")
_ICD10 = re.compile(r"^[A-TV-Z]\d[0-9A-Z](\.[0-9A-Z]{1,4})?$")
MAX_DIAGNOSES = 12  # HI holds twelve codes on an 837P
MAX_POINTERS = 4


@dataclass(frozen=True)
class ScrubLine:
    cpt: str
    modifiers: list[str]
    units: int
    diagnosis_pointers: list[int]
    charge_amount: Decimal


@dataclass(frozen=True)
class ScrubSubscriber:
    member_id: str | None
    family_name: str | None
    given_name: str | None
    birth_date: date | None
    sex: str | None
    address: dict | None


@dataclass(frozen=True)
class ScrubClaim:
    """Everything the rules look at; `other_claims` are the patient's other claims as (payer, date, codes)."""

    date_of_service: date
    today: date
    billing_npi: str | None
    rendering_npi: str | None
    diagnosis_codes: list[str]
    lines: list[ScrubLine]
    coverage_from: date | None
    coverage_to: date | None
    payer_id: str
    timely_filing_days: int
    subscriber: ScrubSubscriber
    other_claims: list[tuple[str, date, tuple[str, ...]]] = field(default_factory=list)


@dataclass(frozen=True)
class ScrubFailure:
    rule: str
    field: str
    message: str


def npi_is_valid(npi: str | None) -> bool:
    """Ten digits whose last is the Luhn check digit over the '80840' prefix (the CMS rule)."""
    if not npi or not re.fullmatch(r"\d{10}", npi):
        return False
    digits = [int(d) for d in "80840" + npi[:9]]
    total = 0
    for position, digit in enumerate(reversed(digits)):
        if position % 2 == 0:
            digit *= 2
            digit = digit - 9 if digit > 9 else digit
        total += digit
    return (10 - total % 10) % 10 == int(npi[9])


def check_npi(claim: ScrubClaim) -> list[ScrubFailure]:
    found = []
    for name, npi in (("billing_provider.npi", claim.billing_npi), ("rendering_provider.npi", claim.rendering_npi)):
        if not npi:
            found.append(ScrubFailure("npi", name, "NPI is missing"))
        elif not npi_is_valid(npi):
            found.append(ScrubFailure("npi", name, f"{npi} is not a valid NPI"))
    return found


def check_icd10_format(claim: ScrubClaim) -> list[ScrubFailure]:
    found = [
        ScrubFailure("icd10_format", f"diagnosis_codes[{i}]", f"{code!r} is not an ICD-10-CM code")
        for i, code in enumerate(claim.diagnosis_codes)
        if not _ICD10.match(code)
    ]
    if not claim.diagnosis_codes:
        found.append(ScrubFailure("icd10_format", "diagnosis_codes", "a claim needs at least one diagnosis"))
    if len(claim.diagnosis_codes) > MAX_DIAGNOSES:
        found.append(ScrubFailure("icd10_format", "diagnosis_codes", f"more than {MAX_DIAGNOSES} diagnoses"))
    return found


def check_cpt_format(claim: ScrubClaim) -> list[ScrubFailure]:
    found = []
    for number, line in enumerate(claim.lines, start=1):
        if not _CPT.match(line.cpt):
            found.append(ScrubFailure("cpt_format", f"lines[{number}].cpt", f"{line.cpt!r} is not a CPT/HCPCS code"))
        for modifier in line.modifiers:
            if not _MODIFIER.match(modifier):
                found.append(
                    ScrubFailure("cpt_format", f"lines[{number}].modifiers", f"{modifier!r} is not a modifier")
                )
        if len(line.modifiers) > 4:
            found.append(ScrubFailure("cpt_format", f"lines[{number}].modifiers", "more than four modifiers"))
    return found


def check_diagnosis_pointers(claim: ScrubClaim) -> list[ScrubFailure]:
    found = []
    for number, line in enumerate(claim.lines, start=1):
        name = f"lines[{number}].diagnosis_pointers"
        if not 1 <= len(line.diagnosis_pointers) <= MAX_POINTERS:
            found.append(ScrubFailure("diagnosis_pointers", name, f"a line needs 1 to {MAX_POINTERS} pointers"))
        bad = [p for p in line.diagnosis_pointers if not 1 <= p <= len(claim.diagnosis_codes)]
        if bad:
            found.append(ScrubFailure("diagnosis_pointers", name, f"pointers {bad} name no diagnosis of the claim"))
    return found


def check_line_amounts(claim: ScrubClaim) -> list[ScrubFailure]:
    return [
        ScrubFailure(
            "charge_amount", f"lines[{number}].charge_amount", f"{line.cpt} has no price in the location's fee schedule"
        )
        for number, line in enumerate(claim.lines, start=1)
        if line.charge_amount <= 0
    ]


def check_coverage_active(claim: ScrubClaim) -> list[ScrubFailure]:
    dos = claim.date_of_service
    if claim.coverage_from is None:
        return [ScrubFailure("coverage_inactive", "coverage", "the patient has no coverage with this payer")]
    if dos < claim.coverage_from or (claim.coverage_to is not None and dos > claim.coverage_to):
        return [
            ScrubFailure(
                "coverage_inactive", "coverage.effective_from", f"coverage is not in effect on {dos.isoformat()}"
            )
        ]
    return []


def check_duplicate(claim: ScrubClaim) -> list[ScrubFailure]:
    codes = tuple(sorted(line.cpt for line in claim.lines))
    if (claim.payer_id, claim.date_of_service, codes) in claim.other_claims:
        return [
            ScrubFailure(
                "duplicate_claim", "claim", "another claim bills the same services on the same day to the same payer"
            )
        ]
    return []


def check_timely_filing(claim: ScrubClaim) -> list[ScrubFailure]:
    deadline = claim.date_of_service + timedelta(days=claim.timely_filing_days)
    if claim.today > deadline:
        return [
            ScrubFailure(
                "timely_filing", "date_of_service", f"the payer's filing limit passed on {deadline.isoformat()}"
            )
        ]
    return []


def check_subscriber(claim: ScrubClaim) -> list[ScrubFailure]:
    subscriber = claim.subscriber
    required = {
        "member_id": subscriber.member_id,
        "family_name": subscriber.family_name,
        "given_name": subscriber.given_name,
        "birth_date": subscriber.birth_date,
        "sex": subscriber.sex,
        "address": subscriber.address,
    }
    return [
        ScrubFailure("subscriber_data", f"subscriber.{name}", f"subscriber {name} is missing")
        for name, value in required.items()
        if not value
    ]


RULES: dict[str, Callable[[ScrubClaim], list[ScrubFailure]]] = {
    "npi": check_npi,
    "icd10_format": check_icd10_format,
    "cpt_format": check_cpt_format,
    "diagnosis_pointers": check_diagnosis_pointers,
    "charge_amount": check_line_amounts,
    "coverage_inactive": check_coverage_active,
    "duplicate_claim": check_duplicate,
    "timely_filing": check_timely_filing,
    "subscriber_data": check_subscriber,
}


def scrub(claim: ScrubClaim) -> list[ScrubFailure]:
    """Every rule's failures, in rule order; empty means the claim may be submitted."""
    return [failure for rule in RULES.values() for failure in rule(claim)]
