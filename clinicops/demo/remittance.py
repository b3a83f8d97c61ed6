"""The payers' side: their decision on each claim of an 837P, written back as a balanced 835.

A decision depends only on the seed, the member and the date of service, so the same seed denies the same
visits on every run (the services' claim ids differ from run to run; the patients and dates do not).
"""

import random
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from services.billing.x12.edi837 import Claim837
from services.billing.x12.envelope import Envelope, amount, segment, wrap

CENT = Decimal("0.01")
DENIALS = (("50", "not medically necessary"), ("197", "precertification absent"), ("16", "missing information"))
UNANSWERED_DAYS = 4  # claims of the last days are still with the payer


@dataclass(frozen=True)
class Decision:
    status: str  # "paid", "partially_paid", "denied", "pending"
    carc: str | None = None


def decide(seed: int, claim: Claim837, today: date) -> Decision:
    """The payer's answer to one claim: most are paid, about one in eight denied, a few lines denied."""
    day = min(line.date_of_service for line in claim.lines)
    if (today - day).days <= UNANSWERED_DAYS:
        return Decision("pending")
    draw = random.Random(f"{seed}:{claim.member_id}:{day}").random()
    if draw < 0.12:
        return Decision("denied", DENIALS[int(draw * 100) % len(DENIALS)][0])
    if draw < 0.22 and len(claim.lines) > 1:
        return Decision("partially_paid", "50")
    return Decision("paid")


@dataclass(frozen=True)
class Payer:
    name: str
    x12_id: str
    tax_id: str


def _cas(adjustments: list[tuple[str, str, Decimal]]) -> list[str]:
    by_group: dict[str, list] = {}
    for group, carc, value in adjustments:
        by_group.setdefault(group, []).extend([carc, amount(value), ""])
    return [segment("CAS", group, *values) for group, values in by_group.items()]


def _lines(claim: Claim837, decision: Decision, paid_on: date):
    """(SVC loop segments, paid, patient share) of a claim's lines under the decision."""
    body, paid_total, patient_total = [], Decimal(0), Decimal(0)
    for index, line in enumerate(claim.lines):
        denied = decision.status == "denied" or (decision.status == "partially_paid" and index > 0)
        if denied:
            paid, adjustments = Decimal(0), [("CO", decision.carc, line.charge)]
        else:
            allowed = (line.charge * Decimal("0.80")).quantize(CENT)
            share = Decimal("20.00") if index == 0 else (allowed * Decimal("0.10")).quantize(CENT)
            share = min(share, allowed)
            paid = allowed - share
            adjustments = [("CO", "45", line.charge - allowed), ("PR", "2" if index else "3", share)]
            patient_total += share
        paid_total += paid
        body += [
            segment(
                "SVC", ":".join(["HC", line.cpt, *line.modifiers]), amount(line.charge), amount(paid), "", line.units
            ),
            segment("DTM", "472", line.date_of_service.strftime("%Y%m%d")),
            *_cas(adjustments),
            segment("REF", "6R", line.line_id),
        ]
    return body, paid_total, patient_total


def build_835(
    claims: list[tuple[Claim837, Decision]], *, payer: Payer, payee: tuple[str, str], trace: str, paid_on: date,
    control_number: int, created_at: datetime,
) -> str:  # fmt: skip
    """One payer's 835 to one location (`payee` is its name and NPI): BPR02 is what the claims paid."""
    claim_loops, total = [], Decimal(0)
    for claim, decision in claims:
        lines, paid, patient = _lines(claim, decision, paid_on)
        total += paid
        subscriber = claim.patient or claim.subscriber
        claim_loops += [
            segment("CLP", claim.claim_id, "4" if decision.status == "denied" else "1", amount(claim.total),
                    amount(paid), amount(patient), "12", f"PCN{claim.claim_id[-12:]}", "11", "1"),
            segment("NM1", "QC", "1", subscriber.family_name, subscriber.given_name),
            *lines,
        ]  # fmt: skip
    ymd = paid_on.strftime("%Y%m%d")
    body = [
        segment("BPR", "I", amount(total), "C", "ACH", "CCP", "01", "999999999", "DA", "123456", payer.tax_id, "",
                "01", "888888888", "DA", "654321", ymd),
        segment("TRN", "1", trace, payer.tax_id),
        segment("DTM", "405", ymd),
        segment("N1", "PR", payer.name),
        segment("N3", "1 Payer Way"),
        segment("N4", "Hartford", "CT", "06101"),
        segment("REF", "2U", payer.x12_id),
        segment("PER", "BL", "Provider Services", "TE", "8005550100"),
        segment("N1", "PE", payee[0], "XX", payee[1]),
        segment("LX", "1"),
        *claim_loops,
    ]  # fmt: skip
    envelope = Envelope(
        sender_id=payer.x12_id[:15], receiver_id=payee[1], control_number=control_number, created_at=created_at
    )
    return wrap(body, envelope, functional_id="HP", transaction="835", version="005010X221A1", st03=False)
