"""Claims moved through their states, each move with its history row; a claim read and locked one at a time."""

from sqlalchemy import select, update

from services.billing.claims.domain import MANUAL, ClaimStatus, transition
from services.billing.claims.models import Claim, ClaimLine, ClaimStatusChange
from shared.audit import UowFactory, audit_denials, ensure_phi_access, record_phi_access
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.billing import ClaimAccepted, ClaimAppealed, ClaimRejected
from shared.errors import NotFound, Unprocessable
from shared.uow import UnitOfWork

SYSTEM = "billing"  # who moved a claim when no person did (scrub after a visit, an 835)


async def change_status(
    *, uow: UnitOfWork, new_uow: UowFactory, claim_id: str, target: str, reason: str | None, actor: Principal
) -> Claim:
    """A biller's move: accepted or rejected (payer acknowledgment), appealed, resubmitted, back to draft."""
    if target not in MANUAL:
        raise Unprocessable(
            f"{target} follows from the scrubber, an export or an 835, not by hand",
            field="status",
            allowed=sorted(MANUAL),
        )
    async with audit_denials(new_uow), uow:
        claim = await claim_for_update(uow, claim_id, actor)
        await move(uow, claim, target, actor.sub, reason)
        facts = dict(
            claim_id=claim.id, patient_id=claim.patient_id, location_id=claim.location_id, payer_id=claim.payer_id
        )
        if target == ClaimStatus.ACCEPTED:
            await uow.emit(ClaimAccepted(**facts), subject=claim.id, location_id=claim.location_id)
        elif target == ClaimStatus.REJECTED:
            await uow.emit(
                ClaimRejected(**facts, reason=reason or "rejected by the payer"),
                subject=claim.id,
                location_id=claim.location_id,
            )
        elif target == ClaimStatus.APPEALED:
            await uow.emit(
                ClaimAppealed(**facts, reason=reason or "appealed"), subject=claim.id, location_id=claim.location_id
            )
        await audit(uow, actor, "update", claim)
    return claim


async def move(uow: UnitOfWork, claim: Claim, target: str, by: str, reason: str | None) -> None:
    """Change the claim's status if the state machine allows it (409 naming the allowed moves), with history."""
    previous = claim.status
    claim.status = transition(previous, target)
    claim.updated_at = utcnow()
    await record_change(uow, claim, previous, claim.status, by, reason)


async def record_change(
    uow: UnitOfWork, claim: Claim, previous: str | None, target: str, by: str, reason: str | None
) -> None:
    uow.session.add(
        ClaimStatusChange(
            claim_id=claim.id, from_status=previous, to_status=target, reason=reason, changed_by=by, changed_at=utcnow()
        )
    )


async def claim_for_update(uow: UnitOfWork, claim_id: str, actor: Principal | None) -> Claim:
    """The claim, row-locked so two moves of one claim queue, after the location check (a PhiAccessDenied)."""
    claim = await uow.session.get(Claim, claim_id, with_for_update=True)
    if claim is None:
        raise NotFound(f"claim {claim_id} not found", field="claim_id")
    if actor is not None:
        ensure_phi_access(
            actor,
            action="update",
            resource="Claim",
            resource_id=claim.id,
            patient_id=claim.patient_id,
            location_id=claim.location_id,
        )
    return claim


async def lines_of(uow: UnitOfWork, claim_id: str) -> list[ClaimLine]:
    return list(
        (
            await uow.session.scalars(
                select(ClaimLine).where(ClaimLine.claim_id == claim_id).order_by(ClaimLine.line_number)
            )
        ).all()
    )


async def audit(uow: UnitOfWork, actor: Principal, action: str, claim: Claim) -> None:
    """Record the actor's access to the claim (PHI)."""
    await record_phi_access(
        uow,
        actor=actor,
        action=action,
        resource="Claim",
        resource_id=claim.id,
        patient_id=claim.patient_id,
        location_id=claim.location_id,
    )


async def merge_patients(*, uow: UnitOfWork, duplicate_id: str, survivor_id: str) -> None:
    """The claims of a merged-away patient record now belong to its survivor (inside the consumer's transaction)."""
    await uow.session.execute(update(Claim).where(Claim.patient_id == duplicate_id).values(patient_id=survivor_id))
