"""Reads of claims: one claim with its lines and history, a patient's claims, what needs attention."""

from sqlalchemy import func, or_, select

from services.billing.claims.domain import NEEDS_ATTENTION, ClaimStatus
from services.billing.claims.models import Claim, ClaimLine, ClaimStatusChange, Underpayment
from services.billing.claims.schemas import AttentionOut, ClaimLineOut, ClaimOut, StatusChangeOut
from services.billing.projections import service as projections
from shared.audit import UowFactory, audit_denials, ensure_phi_access, record_phi_access
from shared.auth import Principal
from shared.errors import NotFound
from shared.uow import UnitOfWork


def _ensure(actor: Principal, action: str, claim: Claim) -> None:
    ensure_phi_access(
        actor,
        action=action,
        resource="Claim",
        resource_id=claim.id,
        patient_id=claim.patient_id,
        location_id=claim.location_id,
    )


async def _full(uow: UnitOfWork, claim: Claim) -> ClaimOut:
    lines = await uow.session.scalars(
        select(ClaimLine).where(ClaimLine.claim_id == claim.id).order_by(ClaimLine.line_number)
    )
    history = await uow.session.scalars(
        select(ClaimStatusChange).where(ClaimStatusChange.claim_id == claim.id).order_by(ClaimStatusChange.id)
    )
    out = ClaimOut.model_validate(claim)
    out.lines = [ClaimLineOut.model_validate(line) for line in lines]
    out.history = [StatusChangeOut.model_validate(change) for change in history]
    return out


async def get_claim(*, uow: UnitOfWork, new_uow: UowFactory, claim_id: str, actor: Principal) -> ClaimOut:
    """One claim with its lines and status history (audited, a refusal too)."""
    async with audit_denials(new_uow), uow:
        claim = await uow.session.get(Claim, claim_id)
        if claim is None:
            raise NotFound(f"claim {claim_id} not found", field="claim_id")
        _ensure(actor, "read", claim)
        await record_phi_access(
            uow,
            actor=actor,
            action="read",
            resource="Claim",
            resource_id=claim.id,
            patient_id=claim.patient_id,
            location_id=claim.location_id,
        )
        return await _full(uow, claim)


async def claims_of_appointment(
    *, uow: UnitOfWork, new_uow: UowFactory, appointment_id: str, actor: Principal
) -> list[ClaimOut]:
    """An encounter's claims (audited, a refusal too)."""
    async with audit_denials(new_uow), uow:
        claims = list(
            (
                await uow.session.scalars(
                    select(Claim).where(Claim.appointment_id == appointment_id).order_by(Claim.created_at)
                )
            ).all()
        )
        for claim in claims:
            _ensure(actor, "read", claim)
        for claim in claims:
            await record_phi_access(
                uow,
                actor=actor,
                action="read",
                resource="Claim",
                resource_id=claim.id,
                patient_id=claim.patient_id,
                location_id=claim.location_id,
            )
        return [await _full(uow, claim) for claim in claims]


async def claims_of_patient(
    *, uow: UnitOfWork, new_uow: UowFactory, patient_id: str, actor: Principal
) -> list[ClaimOut]:
    """A patient's claims at the caller's locations, newest service first (audited, a refusal too)."""
    async with audit_denials(new_uow), uow:
        patient = await projections.patient_of(uow, patient_id, actor, resource="Claim")
        claims = [
            claim
            for claim in (
                await uow.session.scalars(
                    select(Claim).where(Claim.patient_id == patient_id).order_by(Claim.date_of_service.desc())
                )
            )
            if actor.may_access(claim.location_id)
        ]
        await record_phi_access(
            uow,
            actor=actor,
            action="read",
            resource="Claim",
            resource_id=None,
            patient_id=patient.patient_id,
            location_id=patient.location_id,
        )
        return [await _full(uow, claim) for claim in claims]


def _status_reason(claim: Claim) -> str | None:
    if claim.status in (ClaimStatus.DRAFT, ClaimStatus.RESUBMITTED):
        failures = claim.scrub_failures or []
        return "; ".join(f"{f['rule']}: {f['field']}" for f in failures) or "not scrubbed yet"
    if claim.status == ClaimStatus.DENIED:
        return f"denied (CARC {claim.denial_carc})" if claim.denial_carc else "denied"
    return None


def _reason(claim: Claim, last_reason: str | None, underpaid) -> str:
    reasons = [_status_reason(claim), claim.attention_reason, f"underpaid by {underpaid}" if underpaid else None]
    return "; ".join(r for r in reasons if r) or last_reason or claim.status


async def needs_attention(
    *, uow: UnitOfWork, new_uow: UowFactory, location_id: str, actor: Principal, only_attention: bool = True
) -> list[AttentionOut]:
    """Drafts failing the scrubber, rejected, denied, underpaid and flagged claims of a location (or all), oldest
    first (audited)."""
    statement = select(Claim).where(Claim.location_id == location_id).order_by(Claim.date_of_service, Claim.id)
    if only_attention:
        statement = statement.where(
            or_(
                Claim.status.in_(NEEDS_ATTENTION),
                Claim.attention_reason.is_not(None),
                Claim.id.in_(select(Underpayment.claim_id)),
            )
        )
    async with audit_denials(new_uow), uow:
        ensure_phi_access(
            actor, action="read", resource="Claim", resource_id=None, patient_id=None, location_id=location_id
        )
        claims = list((await uow.session.scalars(statement)).all())
        underpaid = dict(
            (
                await uow.session.execute(
                    select(Underpayment.claim_id, func.sum(Underpayment.amount))
                    .join(Claim)
                    .where(Claim.location_id == location_id)
                    .group_by(Underpayment.claim_id)
                )
            ).all()
        )
        rows = []
        for claim in claims:
            last = await uow.session.scalar(
                select(ClaimStatusChange.reason)
                .where(ClaimStatusChange.claim_id == claim.id)
                .order_by(ClaimStatusChange.id.desc())
                .limit(1)
            )
            rows.append(
                AttentionOut(
                    claim_id=claim.id,
                    status=claim.status,
                    patient_id=claim.patient_id,
                    total=claim.total_charge,
                    reason=_reason(claim, last, underpaid.get(claim.id)),
                )
            )
        for patient_id in sorted({claim.patient_id for claim in claims}):
            await record_phi_access(
                uow,
                actor=actor,
                action="read",
                resource="Claim",
                resource_id=None,
                patient_id=patient_id,
                location_id=location_id,
            )
    return rows
