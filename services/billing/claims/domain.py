"""Pure rules of claims: the state machine, adjudication outcomes, diagnosis pointers. No I/O here."""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from shared.errors import Conflict


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
        raise Conflict(f"a {current} claim cannot become {target}", field="status", allowed=sorted(allowed))
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
