"""The parties of an 837P: who sends and who receives it, who bills, who is insured and by whom, who was seen.

Loops 1000A/1000B (submitter, receiver), 2000A/2010AA (billing provider), 2000B/2010BA/2010BB (subscriber and
payer), 2000C/2010CA (a patient who is not the subscriber) and, inside each claim, 2310B (rendering provider).
`edi837` nests each claim (2300) and its lines (2400) under them, and its reader extends `PartiesReader`,
which reads these loops back.
"""

from dataclasses import dataclass
from datetime import date, datetime

from services.billing.x12.edi837_cob import RELATIONSHIP_CODES
from services.billing.x12.envelope import Envelope, clean, segment

SEX_CODES = {"female": "F", "male": "M"}


@dataclass(frozen=True)
class Address:
    line1: str
    line2: str | None
    city: str
    state: str
    postal_code: str


@dataclass(frozen=True)
class Person:
    family_name: str
    given_name: str
    birth_date: date | None = None
    sex: str | None = None  # F, M, U
    address: Address | None = None


@dataclass(frozen=True)
class BillingProvider:
    organization_name: str
    npi: str
    tax_id: str
    address: Address


@dataclass(frozen=True)
class Submitter:
    name: str
    contact_name: str
    contact_phone: str
    receiver_name: str


def _address(a: Address) -> list[str]:
    return [segment("N3", clean(a.line1), clean(a.line2 or "")), segment("N4", clean(a.city), a.state, a.postal_code)]


def _demographics(p: Person) -> list[str]:
    return [segment("DMG", "D8", p.birth_date.strftime("%Y%m%d"), p.sex or "U")]


def submitter_segments(submitter: Submitter, envelope: Envelope) -> list[str]:
    """Loops 1000A (the submitter, and whom to call) and 1000B (the receiver)."""
    return [
        segment("NM1", "41", "2", clean(submitter.name), "", "", "", "", "46", envelope.sender_id),
        segment("PER", "IC", clean(submitter.contact_name), "TE", submitter.contact_phone),
        segment("NM1", "40", "2", clean(submitter.receiver_name), "", "", "", "", "46", envelope.receiver_id),
    ]


def billing_provider_segments(provider: BillingProvider, number: int) -> list[str]:
    """Loops 2000A (HL `number`, parent of its claims' subscribers) and 2010AA (name and NPI, address, tax id)."""
    return [
        segment("HL", number, "", "20", "1"),
        segment("NM1", "85", "2", clean(provider.organization_name), "", "", "", "", "XX", provider.npi),
        *_address(provider.address),
        segment("REF", "EI", provider.tax_id),
    ]


def subscriber_segments(
    number: int,
    parent: int,
    *,
    priority: str,
    relationship: str,
    group_number: str | None,
    filing_indicator: str,
    subscriber: Person,
    member_id: str,
    payer_name: str,
    payer_id: str,
) -> list[str]:
    """Loops 2000B (HL `number`, SBR), 2010BA (the subscriber) and 2010BB (the payer).

    The subscriber's address and demographics are sent only when the subscriber is the patient.
    """
    is_self = relationship == "self"
    out = [
        segment("HL", number, parent, "22", "0" if is_self else "1"),
        segment(
            "SBR",
            "P" if priority == "primary" else "S",
            "18" if is_self else "",
            clean(group_number or ""),
            "",
            "",
            "",
            "",
            "",
            filing_indicator,
        ),
        segment(
            "NM1",
            "IL",
            "1",
            clean(subscriber.family_name),
            clean(subscriber.given_name),
            "",
            "",
            "",
            "MI",
            clean(member_id),
        ),
    ]
    if is_self:
        out += _address(subscriber.address) + _demographics(subscriber)
    out.append(segment("NM1", "PR", "2", clean(payer_name), "", "", "", "", "PI", clean(payer_id)))
    return out


def patient_segments(number: int, parent: int, relationship: str, patient: Person) -> list[str]:
    """Loops 2000C (HL `number`; PAT, the patient's relationship to the subscriber) and 2010CA (the patient)."""
    return [
        segment("HL", number, parent, "23", "0"),
        segment("PAT", RELATIONSHIP_CODES[relationship]),
        segment("NM1", "QC", "1", clean(patient.family_name), clean(patient.given_name)),
        *_address(patient.address),
        *_demographics(patient),
    ]


def rendering_provider_segment(provider: Person, npi: str) -> str:
    """Loop 2310B in a claim's loop 2300: who saw the patient, with their NPI."""
    return segment("NM1", "82", "1", clean(provider.family_name), clean(provider.given_name), "", "", "", "XX", npi)


def _el(seg: list[str], index: int) -> str:
    return seg[index] if len(seg) > index else ""


class PartiesReader:
    """What the parties' segments said, for the claims under them; `edi837`'s reader extends it.

    `ctx` keeps the subscriber's SBR and the payer, and each person or organization under its NM1 entity code
    (85, IL, QC, and 82: a claim's rendering provider); `entity` is the last NM1's, which N3, N4 and DMG describe.
    """

    def __init__(self):
        self.entity, self.ctx = "", {}

    def _sbr(self, seg):
        self.ctx.update(
            priority="primary" if seg[1] == "P" else "secondary",
            group=_el(seg, 3) or None,
            filing=_el(seg, 9),
            relationship="self",
        )

    def _pat(self, seg):
        self.ctx["relationship"] = {v: k for k, v in RELATIONSHIP_CODES.items()}[seg[1]]

    def _nm1(self, seg):
        self.entity = seg[1]
        if seg[1] == "85":
            self.ctx.update(provider_name=seg[3], provider_npi=seg[9])
        elif seg[1] in ("IL", "QC", "82"):
            self.ctx[seg[1]] = {"family_name": seg[3], "given_name": _el(seg, 4)}
            if seg[1] == "IL":
                self.ctx["member_id"] = seg[9]
            if seg[1] == "82":
                self.ctx["rendering_npi"] = seg[9]
        elif seg[1] == "PR":
            self.ctx.update(payer_name=seg[3], payer_id=seg[9])

    def _n3(self, seg):
        self.ctx[f"{self.entity}_street"] = (seg[1], _el(seg, 2) or None)

    def _n4(self, seg):
        line1, line2 = self.ctx[f"{self.entity}_street"]
        address = Address(line1, line2, seg[1], seg[2], seg[3])
        if self.entity == "85":
            self.ctx["provider_address"] = address
        else:
            self.ctx[self.entity]["address"] = address

    def _dmg(self, seg):
        self.ctx[self.entity].update(birth_date=datetime.strptime(seg[2], "%Y%m%d").date(), sex=seg[3])
