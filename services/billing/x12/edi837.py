"""837P (005010X222A1): professional claims out, and read back in.

`build` writes one interchange of claims; `parse` turns such a file back into the same
`Claim837` values, which is how tests prove the export says what the database holds.
The parties' loops (submitter, billing and rendering providers, subscriber, payer, patient) are
`edi837_parties`';
a secondary claim's prior payer (loops 2320, 2430) is `edi837_cob`'s.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import count

from services.billing.x12 import edi837_cob as cob
from services.billing.x12 import edi837_parties as parties
from services.billing.x12.edi837_cob import PriorPayer
from services.billing.x12.edi837_parties import BillingProvider, Person, Submitter
from services.billing.x12.envelope import COMPONENT, Envelope, clean, count_check, read, segment, wrap
from services.billing.x12.envelope import amount as x12_amount

VERSION = "005010X222A1"


@dataclass(frozen=True)
class Line837:
    line_id: str  # REF*6R, the line control number (<= 30), echoed back by the payer's 835
    cpt: str
    modifiers: tuple[str, ...]
    charge: Decimal
    units: int
    diagnosis_pointers: tuple[int, ...]
    date_of_service: date


@dataclass(frozen=True)
class Claim837:
    claim_id: str  # CLM01, the patient control number the 835 returns (<= 20: payers keep no more)
    total: Decimal
    place_of_service: str
    diagnosis_codes: tuple[str, ...]
    billing_provider: BillingProvider
    rendering_provider: Person
    rendering_npi: str
    payer_name: str
    payer_id: str
    priority: str  # primary, secondary
    filing_indicator: str
    member_id: str
    group_number: str | None
    relationship: str  # self, spouse, child, other
    subscriber: Person  # birth date, sex and address only when the subscriber is the patient
    patient: Person | None  # only when the patient is not the subscriber
    lines: tuple[Line837, ...]
    # A corrected claim replaces the one the payer adjudicated: frequency 7 and its claim number (REF*F8).
    replaces_payer_claim: str | None = None
    prior_payer: PriorPayer | None = None  # a secondary claim: what the primary payer did (loops 2320, 2430)


def _claim(claim: Claim837, hl: count, parent: int) -> list[str]:
    subscriber_hl = next(hl)
    out = parties.subscriber_segments(
        subscriber_hl,
        parent,
        priority=claim.priority,
        relationship=claim.relationship,
        group_number=claim.group_number,
        filing_indicator=claim.filing_indicator,
        subscriber=claim.subscriber,
        member_id=claim.member_id,
        payer_name=claim.payer_name,
        payer_id=claim.payer_id,
    )
    if claim.relationship != "self":
        out += parties.patient_segments(next(hl), subscriber_hl, claim.relationship, claim.patient)
    diagnoses = [
        f"{'ABK' if i == 0 else 'ABF'}{COMPONENT}{code.replace('.', '')}"
        for i, code in enumerate(claim.diagnosis_codes)
    ]
    frequency = "7" if claim.replaces_payer_claim else "1"
    out += [
        segment(
            "CLM",
            clean(claim.claim_id),
            x12_amount(claim.total),
            "",
            "",
            COMPONENT.join([claim.place_of_service, "B", frequency]),
            "Y",
            "A",
            "Y",
            "Y",
        )
    ]
    if claim.replaces_payer_claim:
        out.append(segment("REF", "F8", clean(claim.replaces_payer_claim)))
    out += [
        segment("HI", *diagnoses),
        parties.rendering_provider_segment(claim.rendering_provider, claim.rendering_npi),
    ]
    prior = claim.prior_payer
    if prior:
        out += cob.prior_payer_segments(prior)
    for number, line in enumerate(claim.lines, start=1):
        out += [
            segment("LX", number),
            segment(
                "SV1",
                COMPONENT.join(["HC", line.cpt, *line.modifiers]),
                x12_amount(line.charge),
                "UN",
                line.units,
                "",
                "",
                COMPONENT.join(str(p) for p in line.diagnosis_pointers),
            ),
            segment("DTP", "472", "D8", line.date_of_service.strftime("%Y%m%d")),
            segment("REF", "6R", clean(line.line_id)),
        ]
        if prior and prior.lines:
            out += cob.line_adjudication_segments(prior, prior.lines[number - 1])
    return out


def build(claims: list[Claim837], *, envelope: Envelope, submitter: Submitter, batch_ref: str) -> str:
    """One interchange: a billing-provider HL per provider, a subscriber (and patient) HL per claim."""
    created: datetime = envelope.created_at
    body = [
        segment("BHT", "0019", "00", clean(batch_ref), created.strftime("%Y%m%d"), created.strftime("%H%M"), "CH"),
        *parties.submitter_segments(submitter, envelope),
    ]
    hl = count(1)
    by_provider: dict[BillingProvider, list[Claim837]] = {}
    for claim in claims:
        by_provider.setdefault(claim.billing_provider, []).append(claim)
    for provider, its_claims in by_provider.items():
        provider_hl = next(hl)
        body += parties.billing_provider_segments(provider, provider_hl)
        for claim in its_claims:
            body += _claim(claim, hl, provider_hl)
    return wrap(body, envelope, functional_id="HC", transaction="837", version=VERSION)


def _d8(value: str) -> date:
    return datetime.strptime(value, "%Y%m%d").date()


def parse(text: str) -> tuple[int, list[Claim837]]:
    """The interchange control number and the claims of an 837P file."""
    interchange = read(text)
    count_check(interchange)
    reader = _Reader(interchange.component)
    for seg in interchange.segments:
        reader.take(seg)
    reader.flush()
    return interchange.control_number, reader.claims


class _Reader(parties.PartiesReader):
    """Walks the loops in order, remembering what the enclosing loops said (the parties' as `PartiesReader`)."""

    def __init__(self, component: str):
        super().__init__()
        self.component = component
        self.claims: list[Claim837] = []
        self.level, self.claim, self.lines = "", None, []
        self.prior: dict | None = None  # loop 2320 of the claim being read

    def take(self, seg: list[str]) -> None:
        tag = seg[0]
        handler = getattr(self, f"_{tag.lower()}", None)
        if handler:
            handler(seg)

    def _hl(self, seg):
        self.flush()
        self.level = seg[3]
        if self.level == "22":
            self.ctx = {k: v for k, v in self.ctx.items() if k.startswith("provider")}

    def _sbr(self, seg):
        if self.claim is not None:  # after CLM: the other payer's loop 2320
            self.prior = cob.read_sbr(seg)
            return
        super()._sbr(seg)

    def _nm1(self, seg):
        self.entity = seg[1]
        if self.prior is not None and seg[1] == "IL":
            given = seg[4] if len(seg) > 4 else ""
            self.prior.update(subscriber_family_name=seg[3], subscriber_given_name=given, member_id=seg[9])
            return
        if self.prior is not None and seg[1] == "PR":
            self.prior.update(payer_name=seg[3], payer_id=seg[9])
            return
        super()._nm1(seg)

    def _ref(self, seg):
        if seg[1] == "EI":
            self.ctx["provider_tax_id"] = seg[2]
        elif seg[1] == "6R":
            self.lines[-1]["line_id"] = seg[2]
        elif seg[1] == "F8":
            self.claim["replaces"] = seg[2]

    def _clm(self, seg):
        self.claim = {"claim_id": seg[1], "total": Decimal(seg[2]), "pos": seg[5].split(self.component)[0]}

    def _hi(self, seg):
        codes = [e.split(self.component)[1] for e in seg[1:]]
        self.claim["diagnoses"] = tuple(c if len(c) <= 3 else f"{c[:3]}.{c[3:]}" for c in codes)

    def _sv1(self, seg):
        procedure = seg[1].split(self.component)
        self.lines.append(
            {
                "cpt": procedure[1],
                "modifiers": tuple(procedure[2:]),
                "charge": Decimal(seg[2]),
                "units": int(seg[4]),
                "pointers": tuple(int(p) for p in seg[7].split(self.component)),
            }
        )

    def _dtp(self, seg):
        if seg[1] == "472":
            self.lines[-1]["dos"] = _d8(seg[3])
        elif seg[1] == "573":
            self.lines[-1]["prior"]["adjudicated_on"] = _d8(seg[3])

    def _amt(self, seg):
        if seg[1] == "D" and self.prior is not None:
            self.prior["paid"] = Decimal(seg[2])

    def _cas(self, seg):  # in loop 2430 of the last line, or in loop 2320 before any line
        (self.lines[-1]["prior"] if self.lines else self.prior)["adjustments"].extend(cob.read_cas(seg))

    def _svd(self, seg):
        self.lines[-1]["prior"] = cob.read_svd(seg, self.component)

    def flush(self) -> None:
        if self.claim is None:
            return
        c, claim = self.ctx, self.claim
        provider = BillingProvider(c["provider_name"], c["provider_npi"], c["provider_tax_id"], c["provider_address"])
        patient = Person(**c["QC"]) if c["relationship"] != "self" else None
        prior = cob.prior_payer(self.prior, [line["prior"] for line in self.lines if "prior" in line])
        self.claims.append(
            Claim837(
                claim_id=claim["claim_id"],
                total=claim["total"],
                place_of_service=claim["pos"],
                diagnosis_codes=claim["diagnoses"],
                billing_provider=provider,
                rendering_provider=Person(**c["82"]),
                rendering_npi=c["rendering_npi"],
                payer_name=c["payer_name"],
                payer_id=c["payer_id"],
                priority=c["priority"],
                filing_indicator=c["filing"],
                member_id=c["member_id"],
                group_number=c["group"],
                relationship=c["relationship"],
                subscriber=Person(**c["IL"]),
                patient=patient,
                lines=tuple(
                    Line837(
                        line["line_id"],
                        line["cpt"],
                        line["modifiers"],
                        line["charge"],
                        line["units"],
                        line["pointers"],
                        line["dos"],
                    )
                    for line in self.lines
                ),
                replaces_payer_claim=claim.get("replaces"),
                prior_payer=prior,
            )
        )
        self.claim, self.lines, self.prior = None, [], None
