"""835 (005010X221A1) remittance advice read into plain values: payments, lines and adjustments."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from services.billing.x12.envelope import count_check, read


@dataclass(frozen=True)
class Adjustment:
    group_code: str  # CO, PR, OA, PI, CR
    carc: str
    amount: Decimal


@dataclass
class LinePayment:
    cpt: str
    modifiers: tuple[str, ...]
    charge: Decimal
    paid: Decimal
    line_id: str | None = None  # REF*6R: our claim line id, as the 837 sent it
    adjustments: list[Adjustment] = field(default_factory=list)


@dataclass
class ClaimPayment:
    patient_control_number: str  # CLP01: our claim id
    status_code: str  # CLP02: 1-3 processed, 4 denied, 22 reversal...
    charge: Decimal
    paid: Decimal
    patient_responsibility: Decimal
    payer_claim_number: str | None
    adjustments: list[Adjustment] = field(default_factory=list)  # claim level
    lines: list[LinePayment] = field(default_factory=list)


@dataclass
class Remittance835:
    payment_amount: Decimal  # BPR02
    payment_date: date | None  # BPR16
    trace_number: str  # TRN02
    payer_identifier: str  # TRN03: "1" and the payer's tax id
    payer_name: str | None = None
    payer_id: str | None = None  # REF*2U of the payer loop: the id claims were sent to
    claims: list[ClaimPayment] = field(default_factory=list)


def _adjustments(seg: list[str]) -> list[Adjustment]:
    """CAS carries up to six (reason, amount, quantity) triples after its group code."""
    triples = seg[2:]
    return [
        Adjustment(seg[1], triples[i], Decimal(triples[i + 1])) for i in range(0, len(triples) - 1, 3) if triples[i]
    ]


def parse(text: str) -> Remittance835:
    """The one remittance of an 835 interchange; refuses a file whose counts do not add up."""
    interchange = read(text)
    count_check(interchange)
    remittance: Remittance835 | None = None
    bpr: list[str] = []
    claim: ClaimPayment | None = None
    line: LinePayment | None = None
    for seg in interchange.segments:
        tag = seg[0]
        if tag == "ST" and seg[1] != "835":
            raise ValueError(f"transaction set {seg[1]} is not an 835")
        if tag == "BPR":
            bpr = seg
        elif tag == "TRN":
            remittance = Remittance835(
                payment_amount=Decimal(bpr[2]),
                payment_date=_date(bpr, 16),
                trace_number=seg[2],
                payer_identifier=seg[3],
            )
        elif tag == "N1" and seg[1] == "PR" and remittance:
            remittance.payer_name = seg[2]
        elif tag == "REF" and seg[1] == "2U" and remittance and claim is None:
            remittance.payer_id = seg[2]
        elif tag == "CLP":
            if remittance is None:  # check835 refuses such a file first; parsing never guesses
                raise ValueError(f"CLP {seg[1]} comes before the remittance's TRN segment")
            claim, line = (
                ClaimPayment(
                    seg[1],
                    seg[2],
                    Decimal(seg[3]),
                    Decimal(seg[4]),
                    Decimal(seg[5] or "0"),
                    seg[7] if len(seg) > 7 else None,
                ),
                None,
            )
            remittance.claims.append(claim)
        elif tag == "SVC" and claim:
            procedure = seg[1].split(interchange.component)
            line = LinePayment(procedure[1], tuple(procedure[2:]), Decimal(seg[2]), Decimal(seg[3]))
            claim.lines.append(line)
        elif tag == "CAS" and claim:
            (line.adjustments if line else claim.adjustments).extend(_adjustments(seg))
        elif tag == "REF" and seg[1] == "6R" and line:
            line.line_id = seg[2]
    if remittance is None:
        raise ValueError("no TRN segment: the 835 names no check or EFT trace number")
    return remittance


def _date(seg: list[str], index: int) -> date | None:
    return datetime.strptime(seg[index], "%Y%m%d").date() if len(seg) > index and seg[index] else None
