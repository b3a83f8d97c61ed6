"""Writes 835 remittances for tests, the way a payer would answer our 837P."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from services.billing.x12.envelope import Envelope, amount, segment, wrap
from shared.clock import utc_today, utcnow


@dataclass
class Svc:
    cpt: str
    charge: Decimal
    paid: Decimal
    adjustments: list[tuple[str, str, Decimal]] = field(default_factory=list)  # (group, CARC, amount)
    line_id: str | None = None
    modifiers: tuple[str, ...] = ()


@dataclass
class Clp:
    claim_id: str
    status_code: str  # 1 processed as primary, 4 denied
    lines: list[Svc]
    payer_claim_number: str = "PCN0001"
    adjustments: list[tuple[str, str, Decimal]] = field(default_factory=list)

    @property
    def charge(self) -> Decimal:
        return sum((line.charge for line in self.lines), Decimal("0"))

    @property
    def paid(self) -> Decimal:
        return sum((line.paid for line in self.lines), Decimal("0"))

    @property
    def patient_responsibility(self) -> Decimal:
        every = self.adjustments + [a for line in self.lines for a in line.adjustments]
        return sum((a[2] for a in every if a[0] == "PR"), Decimal("0"))


def _cas(adjustments) -> list[str]:
    by_group: dict[str, list] = {}
    for group, carc, value in adjustments:
        by_group.setdefault(group, []).extend([carc, amount(value), ""])
    return [segment("CAS", group, *values) for group, values in by_group.items()]


def build_835(
    claims: list[Clp],
    *,
    trace: str,
    payer_id: str = "ACME01",
    payer_name: str = "Acme Health",
    paid_on: date | None = None,
    control_number: int = 900,
    plb: list[tuple[str, str, Decimal]] = (),
) -> str:
    """A balanced 835: BPR02 is what the claims paid less the provider adjustments (PLB: reason, reference, amount)."""
    paid_on = paid_on or utc_today()
    total = sum((c.paid for c in claims), Decimal("0")) - sum((a for _, _, a in plb), Decimal("0"))
    body = [
        segment(
            "BPR",
            "I",
            amount(total),
            "C",
            "ACH",
            "CCP",
            "01",
            "999999999",
            "DA",
            "123456",
            "1512345678",
            "",
            "01",
            "888888888",
            "DA",
            "654321",
            paid_on.strftime("%Y%m%d"),
        ),
        segment("TRN", "1", trace, "1512345678"),
        segment("DTM", "405", paid_on.strftime("%Y%m%d")),
        segment("N1", "PR", payer_name),
        segment("N3", "1 Payer Way"),
        segment("N4", "Hartford", "CT", "06101"),
        segment("REF", "2U", payer_id),
        segment("PER", "BL", "Provider Services", "TE", "8005550100"),
        segment("N1", "PE", "Main Street Family Practice", "XX", "1234567893"),
        segment("LX", "1"),
    ]
    for clp in claims:
        body += [
            segment(
                "CLP",
                clp.claim_id,
                clp.status_code,
                amount(clp.charge),
                amount(clp.paid),
                amount(clp.patient_responsibility),
                "12",
                clp.payer_claim_number,
                "11",
                "1",
            ),
            *_cas(clp.adjustments),
            segment("NM1", "QC", "1", "Rivera", "Ana"),
        ]
        for svc in clp.lines:
            body += [
                segment(
                    "SVC", ":".join(["HC", svc.cpt, *svc.modifiers]), amount(svc.charge), amount(svc.paid), "", "1"
                ),
                segment("DTM", "472", paid_on.strftime("%Y%m%d")),
                *_cas(svc.adjustments),
            ]
            if svc.line_id:
                body.append(segment("REF", "6R", svc.line_id))
    if plb:  # the provider's fiscal period end: the payment day will do for tests
        body.append(
            segment(
                "PLB",
                "1234567893",
                paid_on.strftime("%Y%m%d"),
                *(part for reason, ref, value in plb for part in (f"{reason}:{ref}", amount(value))),
            )
        )
    envelope = Envelope(
        sender_id="ACMEPAYER", receiver_id="1234567893", control_number=control_number, created_at=utcnow()
    )
    return wrap(body, envelope, functional_id="HP", transaction="835", version="005010X221A1", st03=False)
