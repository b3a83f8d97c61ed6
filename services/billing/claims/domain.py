"""Pure billing rules. No I/O here."""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from shared.contracts.scheduling import AppointmentCompleted
from shared.errors import Conflict

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class ChargeLine:
    line_number: int
    cpt: str
    modifiers: list[str]
    units: int
    diagnosis_codes: list[str]


def charge_lines(visit: AppointmentCompleted) -> list[ChargeLine]:
    """One charge per CPT line, its diagnosis pointers resolved to ICD-10 codes in pointer order."""
    return [
        ChargeLine(
            line_number=number,
            cpt=line.cpt,
            modifiers=list(line.modifiers),
            units=line.units,
            diagnosis_codes=[visit.diagnosis_codes[p - 1] for p in line.diagnosis_pointers],
        )
        for number, line in enumerate(visit.service_lines, start=1)
    ]


def line_amount(unit_fee: Decimal | None, units: int) -> Decimal:
    """What a line costs under the fee schedule; nothing when the code is not priced (the scrubber says so)."""
    return ZERO if unit_fee is None else (unit_fee * units).quantize(CENT)


def claim_diagnoses(lines: list[list[str]]) -> tuple[list[str], list[list[int]]]:
    """The claim's diagnosis list (first seen first) and each line's 1-based pointers into it."""
    codes: list[str] = []
    for line in lines:
        codes.extend(code for code in line if code not in codes)
    return codes, [[codes.index(code) + 1 for code in line] for line in lines]


class ClaimStatus(StrEnum):
    DRAFT = "draft"
    READY = "ready"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    PAID = "paid"
    PARTIALLY_PAID = "partially_paid"
    DENIED = "denied"
    APPEALED = "appealed"
    RESUBMITTED = "resubmitted"


S = ClaimStatus
TRANSITIONS: dict[ClaimStatus, frozenset[ClaimStatus]] = {
    S.DRAFT: frozenset({S.READY}),
    S.READY: frozenset({S.SUBMITTED, S.DRAFT}),
    S.SUBMITTED: frozenset({S.ACCEPTED, S.REJECTED}),
    S.ACCEPTED: frozenset({S.PAID, S.PARTIALLY_PAID, S.DENIED}),
    S.REJECTED: frozenset({S.RESUBMITTED}),
    S.DENIED: frozenset({S.APPEALED, S.RESUBMITTED}),
    S.APPEALED: frozenset({S.PAID, S.PARTIALLY_PAID, S.DENIED}),
    # A corrected claim goes through the scrubber again before it is sent.
    S.RESUBMITTED: frozenset({S.READY}),
    S.PARTIALLY_PAID: frozenset({S.APPEALED}),
    S.PAID: frozenset(),
}
# Moves a biller makes by hand (a 277CA or payer call); the rest follow from scrub, export and 835s.
MANUAL = frozenset({S.ACCEPTED, S.REJECTED, S.APPEALED, S.RESUBMITTED, S.DRAFT})
# Claims a person has to look at: the dashboard's "needs attention".
NEEDS_ATTENTION = frozenset({S.DRAFT, S.REJECTED, S.DENIED, S.RESUBMITTED})
# Adjudicated by an 835: these can take a (further) remittance.
REMITTABLE = frozenset({S.SUBMITTED, S.ACCEPTED, S.APPEALED})
# Decided by a payer: a payer reversal (CLP02 22) takes these back to accepted, awaiting the corrected decision.
REVERSIBLE = frozenset({S.PAID, S.PARTIALLY_PAID, S.DENIED, S.APPEALED})


def transition(current: str, target: str) -> ClaimStatus:
    """The target status if the claim may move there; 409 naming the allowed moves otherwise."""
    allowed = TRANSITIONS[ClaimStatus(current)]
    if ClaimStatus(target) not in allowed:
        raise Conflict(f"a {current} claim cannot become {target}", field="status",
                       allowed=sorted(allowed))
    return ClaimStatus(target)


@dataclass(frozen=True)
class LineOutcome:
    charge: Decimal
    paid: Decimal
    denied: bool


def adjudicated_status(lines: list[LineOutcome], *, payer_denied: bool) -> ClaimStatus:
    """paid when every line was paid (or went to the patient), denied when none was, else partially paid."""
    if payer_denied or all(line.denied for line in lines):
        return ClaimStatus.DENIED
    if any(line.denied for line in lines):
        return ClaimStatus.PARTIALLY_PAID
    return ClaimStatus.PAID


# Group codes whose amounts the patient owes; CO, OA and PI are written off.
PATIENT_GROUP = "PR"
# OA-23 on a secondary payer's 835: the prior payer's payments and adjustments, already counted on the claim.
PRIOR_PAYER_IMPACT = ("OA", "23")


def split_adjustments(adjustments) -> tuple[Decimal, Decimal]:
    """(written off by this payer, owed by the patient) of CAS amounts (anything with group_code, carc, amount)."""
    patient = sum((a.amount for a in adjustments if a.group_code == PATIENT_GROUP), ZERO)
    prior = sum((a.amount for a in adjustments if (a.group_code, a.carc) == PRIOR_PAYER_IMPACT), ZERO)
    return sum((a.amount for a in adjustments), ZERO) - patient - prior, patient


def underpaid_by(allowed: Decimal, settled: Decimal) -> Decimal:
    """How far paid + patient responsibility fell short of the contracted allowed amount (a cent is tolerated)."""
    short = allowed - settled
    return short if short > CENT else ZERO
