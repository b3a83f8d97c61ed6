"""The 837P export: a location's ready claims as one validated interchange, each claim then submitted."""

import asyncio
import uuid

from sqlalchemy import select

from services.billing.batches.prior_payer import prior_payer_of
from services.billing.batches.schemas import BatchOut, ExportIn
from services.billing.claims.control_numbers import next_control_number
from services.billing.claims.domain import ClaimStatus
from services.billing.claims.models import Claim, ClaimBatch, ClaimLine, Coverage
from services.billing.claims.service import lines_of, move
from services.billing.projections.models import BillingPatient, BillingProvider
from services.billing.reference.models import BillingProfile, Payer
from services.billing.x12 import edi837
from services.billing.x12 import edi837_parties as parties
from services.billing.x12.envelope import Envelope
from services.billing.x12.validation import validate
from shared.audit import UowFactory, audit_denials, ensure_phi_access, record_phi_access
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.billing import ClaimSubmitted
from shared.errors import Conflict, NotFound, Unprocessable
from shared.uow import UnitOfWork

SEX = {"female": "F", "male": "M"}


def _address(value: dict) -> parties.Address:
    return parties.Address(
        value["line1"], value.get("line2"), value["city"], value["state"], value["postal_code"].replace("-", "")
    )


def _person(family: str, given: str, patient: BillingPatient | None = None) -> parties.Person:
    if patient is None:
        return parties.Person(family, given)
    return parties.Person(family, given, patient.birth_date, SEX.get(patient.sex, "U"), _address(patient.address))


async def describe(uow: UnitOfWork, claim: Claim, profile: BillingProfile) -> edi837.Claim837:
    """The claim as the 837P states it, from the claim, its coverage and the projections."""
    session = uow.session
    payer = await session.get(Payer, claim.payer_id)
    coverage = await session.get(Coverage, claim.coverage_id)
    patient = await session.get(BillingPatient, claim.patient_id)
    provider = await session.get(BillingProvider, claim.provider_id)
    lines: list[ClaimLine] = await lines_of(uow, claim.id)
    is_self = coverage.relationship == "self"
    held = coverage.subscriber or {}
    subscriber = (
        _person(patient.family_name, patient.given_name, patient)
        if is_self
        else _person(held["family_name"], held["given_name"])
    )
    return edi837.Claim837(
        claim_id=claim.control_number,
        total=claim.total_charge,
        place_of_service=profile.place_of_service,
        diagnosis_codes=tuple(claim.diagnosis_codes),
        billing_provider=parties.BillingProvider(
            profile.organization_name, profile.npi, profile.tax_id, _address(profile.address)
        ),
        rendering_provider=parties.Person(provider.family_name, provider.given_name),
        rendering_npi=provider.npi,
        payer_name=payer.name,
        payer_id=payer.x12_payer_id,
        priority=claim.priority,
        filing_indicator=payer.claim_filing_indicator,
        member_id=coverage.member_id,
        group_number=coverage.group_number,
        relationship=coverage.relationship,
        subscriber=subscriber,
        patient=None if is_self else _person(patient.family_name, patient.given_name, patient),
        lines=tuple(
            edi837.Line837(
                line.control_number,
                line.cpt,
                tuple(line.modifiers),
                line.charge_amount,
                line.units,
                tuple(line.diagnosis_pointers),
                claim.date_of_service,
            )
            for line in lines
        ),
        replaces_payer_claim=claim.payer_claim_number,  # set once a payer adjudicated it: this is a correction
        prior_payer=await prior_payer_of(uow, claim),  # a secondary claim: the primary's decision
    )


async def export_837(*, uow: UnitOfWork, new_uow: UowFactory, cmd: ExportIn, actor: Principal) -> BatchOut:
    """Every ready claim of a location in one 837P, validated against the implementation guide, then submitted."""
    async with audit_denials(new_uow), uow:
        ensure_phi_access(
            actor, action="export", resource="Claim", resource_id=None, patient_id=None, location_id=cmd.location_id
        )
        statement = (
            select(Claim)
            .where(Claim.location_id == cmd.location_id, Claim.status == ClaimStatus.READY)
            .order_by(Claim.date_of_service, Claim.id)
        )
        if uow.session.bind.dialect.name == "postgresql":
            # Two exports at once each take the claims the other has not locked: none goes out twice.
            statement = statement.with_for_update(skip_locked=True)
        claims = list((await uow.session.scalars(statement)).all())
        if not claims:
            raise Conflict(f"location {cmd.location_id} has no ready claims", field="location_id")
        profile = await uow.session.get(BillingProfile, cmd.location_id)
        if profile is None:
            raise NotFound(f"location {cmd.location_id} has no billing profile", field="location_id")
        now, batch_id = utcnow(), str(uuid.uuid4())
        control = await next_control_number(uow, "interchange")
        text = edi837.build(
            [await describe(uow, claim, profile) for claim in claims],
            envelope=Envelope(
                sender_id=profile.npi,
                receiver_id=cmd.receiver_id,
                control_number=control,
                created_at=now,
                usage=cmd.usage,
            ),
            submitter=parties.Submitter(
                profile.organization_name, profile.contact_name, profile.contact_phone, cmd.receiver_name
            ),
            batch_ref=str(control),
        )
        if errors := await asyncio.to_thread(validate, text):
            raise Unprocessable("the 837P does not pass the implementation guide", field="claims", errors=errors)
        batch = ClaimBatch(
            id=batch_id,
            location_id=cmd.location_id,
            interchange_control_number=control,
            claim_count=len(claims),
            content=text,
            created_by=actor.sub,
            created_at=now,
        )
        uow.session.add(batch)
        await uow.session.flush()
        for claim in claims:
            await move(uow, claim, ClaimStatus.SUBMITTED, actor.sub, f"837P interchange {control}")
            claim.batch_id, claim.submitted_at = batch_id, now
            await uow.emit(
                ClaimSubmitted(
                    claim_id=claim.id,
                    appointment_id=claim.appointment_id,
                    patient_id=claim.patient_id,
                    location_id=claim.location_id,
                    provider_id=claim.provider_id,
                    payer_id=claim.payer_id,
                    date_of_service=claim.date_of_service,
                    total_charge=claim.total_charge,
                    batch_id=batch_id,
                ),
                subject=claim.id,
                location_id=claim.location_id,
            )
            await record_phi_access(
                uow,
                actor=actor,
                action="export",
                resource="Claim",
                resource_id=claim.id,
                patient_id=claim.patient_id,
                location_id=claim.location_id,
            )
    return BatchOut(
        id=batch.id,
        location_id=batch.location_id,
        interchange_control_number=control,
        claim_count=len(claims),
        claim_ids=[c.id for c in claims],
        created_at=now,
        content=text,
    )


async def get_batch(*, uow: UnitOfWork, new_uow: UowFactory, batch_id: str, actor: Principal) -> BatchOut:
    """An exported interchange as it was sent (audited, a refusal too: it carries PHI)."""
    async with audit_denials(new_uow), uow:
        batch = await uow.session.get(ClaimBatch, batch_id)
        if batch is None:
            raise NotFound(f"batch {batch_id} not found", field="batch_id")
        ensure_phi_access(
            actor,
            action="read",
            resource="ClaimBatch",
            resource_id=batch.id,
            patient_id=None,
            location_id=batch.location_id,
        )
        claims = list(
            (
                await uow.session.execute(
                    select(Claim.id, Claim.patient_id)
                    .where(Claim.batch_id == batch_id)
                    .order_by(Claim.date_of_service, Claim.id)
                )
            ).all()
        )
        for _claim_id, patient_id in claims:
            await record_phi_access(
                uow,
                actor=actor,
                action="read",
                resource="ClaimBatch",
                resource_id=batch.id,
                patient_id=patient_id,
                location_id=batch.location_id,
            )
        out = BatchOut.model_validate(batch)
        out.claim_ids = [claim_id for claim_id, _ in claims]
    return out
