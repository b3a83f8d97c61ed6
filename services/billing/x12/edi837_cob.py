"""The prior payer on a secondary 837P claim (coordination of benefits): loops 2320/2330A/2330B and 2430.

A secondary payer decides from what the primary did: the primary's paid amount (2320 AMT*D) and,
per service line, what it paid (2430 SVD) and each adjustment with its group code and CARC (CAS),
dated by the remittance (DTP*573). Per line, charge = paid + adjustments, as the 835 balanced.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.billing.x12.envelope import COMPONENT, clean, segment
from services.billing.x12.envelope import amount as x12_amount

MAX_CAS_TRIPLETS = 6  # reason code, amount, quantity: six per CAS segment, one group code each
RELATIONSHIP_CODES = {"self": "18", "spouse": "01", "child": "19", "other": "G8"}


@dataclass(frozen=True)
class Adjustment:
    group_code: str  # CO, PR, OA, PI
    carc: str
    amount: Decimal


@dataclass(frozen=True)
class PriorLine:
    """What the prior payer did with one service line (same order as the claim's lines)."""

    paid: Decimal
    cpt: str
    modifiers: tuple[str, ...]
    units: int
    adjustments: tuple[Adjustment, ...]
    adjudicated_on: date


@dataclass(frozen=True)
class PriorPayer:
    payer_name: str
    payer_id: str
    filing_indicator: str
    member_id: str
    group_number: str | None
    relationship: str  # of the patient to this payer's subscriber: self, spouse, child, other
    subscriber_family_name: str
    subscriber_given_name: str
    paid: Decimal
    adjustments: tuple[Adjustment, ...]  # claim level
    lines: tuple[PriorLine, ...]


def cas_segments(adjustments: tuple[Adjustment, ...]) -> list[str]:
    """CAS segments: one per group code (in first-seen order), at most six reasons each."""
    out = []
    for group in dict.fromkeys(a.group_code for a in adjustments):
        reasons = [a for a in adjustments if a.group_code == group]
        for start in range(0, len(reasons), MAX_CAS_TRIPLETS):
            elements = []
            for a in reasons[start : start + MAX_CAS_TRIPLETS]:
                elements += [clean(a.carc), x12_amount(a.amount), ""]
            out.append(segment("CAS", group, *elements))
    return out


def prior_payer_segments(prior: PriorPayer) -> list[str]:
    """Loop 2320 (other subscriber information) with 2330A (subscriber) and 2330B (payer)."""
    return [
        segment(
            "SBR",
            "P",
            RELATIONSHIP_CODES[prior.relationship],
            clean(prior.group_number or ""),
            "",
            "",
            "",
            "",
            "",
            prior.filing_indicator,
        ),
        *cas_segments(prior.adjustments),
        segment("AMT", "D", x12_amount(prior.paid)),
        segment("OI", "", "", "Y", "", "", "Y"),
        segment(
            "NM1",
            "IL",
            "1",
            clean(prior.subscriber_family_name),
            clean(prior.subscriber_given_name),
            "",
            "",
            "",
            "MI",
            clean(prior.member_id),
        ),
        segment("NM1", "PR", "2", clean(prior.payer_name), "", "", "", "", "PI", clean(prior.payer_id)),
    ]


def line_adjudication_segments(prior: PriorPayer, line: PriorLine) -> list[str]:
    """Loop 2430: the prior payer's payment and adjustments of one line, and when it decided."""
    procedure = COMPONENT.join(["HC", line.cpt, *line.modifiers])
    return [
        segment("SVD", clean(prior.payer_id), x12_amount(line.paid), procedure, "", line.units),
        *cas_segments(line.adjustments),
        segment("DTP", "573", "D8", line.adjudicated_on.strftime("%Y%m%d")),
    ]


def balances(charge: Decimal, line: PriorLine) -> bool:
    """The line's charge is what the prior payer paid plus what it adjusted."""
    return charge == line.paid + sum((a.amount for a in line.adjustments), Decimal("0"))


def read_cas(seg: list[str]) -> list[Adjustment]:
    """The adjustments of one CAS segment."""
    return [Adjustment(seg[1], seg[i], Decimal(seg[i + 1])) for i in range(2, len(seg) - 1, 3) if seg[i]]


def read_sbr(seg: list[str]) -> dict:
    """The start of loop 2320: the prior payer's subscriber relationship, group and filing indicator."""
    return {
        "relationship": {v: k for k, v in RELATIONSHIP_CODES.items()}[seg[2]],
        "group_number": (seg[3] if len(seg) > 3 else "") or None,
        "filing_indicator": seg[9] if len(seg) > 9 else "",
        "adjustments": [],
    }


def read_svd(seg: list[str], component: str) -> dict:
    """The start of a line's prior adjudication (2430), its CAS and DTP*573 still to come."""
    procedure = seg[3].split(component)
    return {
        "paid": Decimal(seg[2]),
        "cpt": procedure[1],
        "modifiers": tuple(procedure[2:]),
        "units": int(seg[5]),
        "adjustments": [],
    }


def prior_payer(read: dict | None, lines: list[dict]) -> PriorPayer | None:
    """The prior payer a parsed loop 2320 and its lines' 2430 loops describe."""
    if read is None:
        return None
    return PriorPayer(
        **read | {"adjustments": tuple(read["adjustments"])},
        lines=tuple(PriorLine(**line | {"adjustments": tuple(line["adjustments"])}) for line in lines),
    )
