"""The money of an 835 adds up: amounts are numbers, and payment, claims, lines and adjustments balance.

BPR02 = sum of CLP04 - sum of PLB amounts             (per transaction set)
CLP03 - CLP04 = sum of the claim's CAS amounts        (claim level and service lines)
SVC02 - SVC03 = sum of the line's CAS amounts, and sum of SVC03 = CLP04, where SVC lines exist
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

# An X12 decimal (type R): optional minus, digits with at most one point; no exponent, NaN or spaces.
_NUMBER = re.compile(r"-?(\d+\.?\d*|\.\d+)")
_CAS_AMOUNTS = (3, 6, 9, 12, 15, 18)  # CAS03, 06, ... after each reason code
_PLB_AMOUNTS = (4, 6, 8, 10, 12, 14)  # PLB04, 06, ... after each reason:reference composite
ZERO = Decimal("0")


@dataclass(frozen=True)
class Problem:
    segment: str  # its tag, e.g. "CLP"
    position: int  # its number in the interchange, ISA = 1 (what pyx12 calls the line)
    rule: str  # what must hold, e.g. "CLP03 - CLP04 = sum of CAS"
    message: str  # what does not, with the values

    def describe(self) -> str:
        return f"{self.segment} at segment {self.position}: {self.message} (rule: {self.rule})"


@dataclass
class _Unit:  # a claim (CLP) or a service line (SVC) with what its adjustments add up to
    position: int
    charge: Decimal | None
    paid: Decimal | None
    adjusted: Decimal | None = ZERO  # None once an adjustment amount was not a number
    lines: list["_Unit"] = field(default_factory=list)


@dataclass
class _Set:
    bpr: tuple[int, Decimal | None] | None = None
    trn: bool = False
    plb: Decimal | None = ZERO
    claims: list[_Unit] = field(default_factory=list)


def money(segments) -> list[Problem]:
    """The amount and balancing problems of every transaction set, each naming its segment and values."""
    out: list[Problem] = []
    current, claim, line = _Set(), None, None

    def amount(seg, position, index, required=True) -> Decimal | None:
        value = seg[index].strip() if len(seg) > index else ""
        if not value:
            if required:
                out.append(Problem(seg[0], position, f"{seg[0]}{index:02d} present", f"{seg[0]}{index:02d} is missing"))
                return None
            return ZERO
        if not _NUMBER.fullmatch(value):
            out.append(
                Problem(
                    seg[0],
                    position,
                    f"{seg[0]}{index:02d} is a decimal number",
                    f"{seg[0]}{index:02d} is '{value}', not a number",
                )
            )
            return None
        return Decimal(value)

    for position, seg in segments:
        tag = seg[0]
        if tag == "ST":
            current, claim, line = _Set(), None, None
        elif tag == "BPR":
            current.bpr = (position, amount(seg, position, 2))
        elif tag == "TRN":
            current.trn = True
        elif tag == "CLP":
            if not (current.bpr and current.trn):
                out.append(
                    Problem(
                        "CLP",
                        position,
                        "BPR and TRN before CLP",
                        "a claim payment before the BPR payment and TRN trace number of its remittance",
                    )
                )
            claim, line = _Unit(position, amount(seg, position, 3), amount(seg, position, 4)), None
            amount(seg, position, 5, required=False)
            current.claims.append(claim)
        elif tag == "SVC":
            if claim is None:
                out.append(Problem("SVC", position, "SVC inside CLP", "a service line outside any claim (CLP)"))
                continue
            line = _Unit(position, amount(seg, position, 2), amount(seg, position, 3))
            claim.lines.append(line)
        elif tag == "CAS":
            unit = line or claim
            if unit is None:
                out.append(Problem("CAS", position, "CAS inside CLP", "an adjustment outside any claim (CLP)"))
                continue
            amounts = [amount(seg, position, i, required=i == 3) for i in _CAS_AMOUNTS if i == 3 or len(seg) > i]
            unit.adjusted = _sum(unit.adjusted, amounts)
        elif tag == "PLB":
            amounts = [amount(seg, position, i, required=i == 4) for i in _PLB_AMOUNTS if i == 4 or len(seg) > i]
            current.plb, claim, line = _sum(current.plb, amounts), None, None
        elif tag == "SE":
            out += _balance(current)
            current, claim, line = _Set(), None, None
    if current.bpr or current.claims:  # a file cut before its SE: its money is checked all the same
        out += _balance(current)
    return out


def _sum(total: Decimal | None, amounts: list[Decimal | None]) -> Decimal | None:
    if total is None or any(a is None for a in amounts):
        return None
    return total + sum(amounts, ZERO)


def _balance(remittance: _Set) -> list[Problem]:
    out: list[Problem] = []
    for claim in remittance.claims:
        for line in claim.lines:  # the line first: it is the most precise place to look
            out += _unit(line, "SVC", "SVC02", "SVC03")
        out += _unit(claim, "CLP", "CLP03", "CLP04")
        paid_lines = [line.paid for line in claim.lines]
        if claim.lines and claim.paid is not None and None not in paid_lines and sum(paid_lines, ZERO) != claim.paid:
            out.append(
                Problem(
                    "CLP",
                    claim.position,
                    "sum of SVC03 = CLP04",
                    f"CLP04 is {claim.paid}, its service lines paid (SVC03) {sum(paid_lines, ZERO)}",
                )
            )
    if remittance.bpr is None:
        return out
    position, total = remittance.bpr
    paid = [claim.paid for claim in remittance.claims]
    if total is None or remittance.plb is None or None in paid:
        return out
    expected = sum(paid, ZERO) - remittance.plb
    if total != expected:
        out.append(
            Problem(
                "BPR",
                position,
                "BPR02 = sum of CLP04 - sum of PLB",
                f"BPR02 is {total}, the claims paid (CLP04) {sum(paid, ZERO)} and the provider "
                f"adjustments (PLB) total {remittance.plb}: {expected}",
            )
        )
    return out


def _unit(unit: _Unit, tag: str, charge: str, paid: str) -> list[Problem]:
    """Claim level adjustments and every line's make a claim's; a line balances with its own."""
    adjusted = unit.adjusted
    if tag == "CLP":
        adjusted = _sum(adjusted, [line.adjusted for line in unit.lines])
    if None in (unit.charge, unit.paid, adjusted) or unit.charge - unit.paid == adjusted:
        return []
    return [
        Problem(
            tag,
            unit.position,
            f"{charge} - {paid} = sum of CAS",
            f"{charge} {unit.charge} - {paid} {unit.paid} = {unit.charge - unit.paid}, "
            f"but its adjustments (CAS) total {adjusted}",
        )
    ]
