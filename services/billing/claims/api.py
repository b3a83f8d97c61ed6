"""Billing HTTP routes for claims: thin, each calls one use case."""

from fastapi import APIRouter

from services.billing.access import biller
from services.billing.claims import opening, scrubbing, views
from services.billing.claims import service as claims
from services.billing.claims.schemas import AttentionOut, ClaimOut, StatusIn
from shared.web import NewUowDep, UowDep

# A patient's data: a refused role is audited too.
Biller = biller("Claim")
router = APIRouter()


@router.post("/appointments/{appointment_id}/claims", status_code=201, response_model=list[ClaimOut], tags=["claims"])
async def create_claims(appointment_id: str, uow: UowDep, new_uow: NewUowDep, actor: Biller):
    """Open the encounter's claim from its charges and the coverage active on its date (done after visits too)."""
    opened = await opening.create_claims(uow=uow, new_uow=new_uow, appointment_id=appointment_id, actor=actor)
    return [await views.get_claim(uow=new_uow(), new_uow=new_uow, claim_id=c.id, actor=actor) for c in opened]


@router.get("/appointments/{appointment_id}/claims", response_model=list[ClaimOut], tags=["claims"])
async def claims_of_appointment(appointment_id: str, uow: UowDep, new_uow: NewUowDep, actor: Biller):
    """The encounter's claims with lines and history."""
    return await views.claims_of_appointment(uow=uow, new_uow=new_uow, appointment_id=appointment_id, actor=actor)


@router.get("/claims/{claim_id}", response_model=ClaimOut, tags=["claims"])
async def get_claim(claim_id: str, uow: UowDep, new_uow: NewUowDep, actor: Biller):
    """One claim with its lines, scrub failures and status history; 403 outside the caller's locations (audited)."""
    return await views.get_claim(uow=uow, new_uow=new_uow, claim_id=claim_id, actor=actor)


@router.post("/claims/{claim_id}/scrub", response_model=ClaimOut, tags=["claims"])
async def scrub_claim(claim_id: str, uow: UowDep, new_uow: NewUowDep, actor: Biller):
    """Run the scrubber again; a clean claim becomes ready."""
    claim = await scrubbing.scrub_claim(uow=uow, new_uow=new_uow, claim_id=claim_id, actor=actor)
    return await views.get_claim(uow=new_uow(), new_uow=new_uow, claim_id=claim.id, actor=actor)


@router.post("/claims/{claim_id}/status", response_model=ClaimOut, tags=["claims"])
async def change_status(claim_id: str, body: StatusIn, uow: UowDep, new_uow: NewUowDep, actor: Biller):
    """Accept, reject, appeal or resubmit a claim; 409 names the moves allowed from its status."""
    claim = await claims.change_status(
        uow=uow, new_uow=new_uow, claim_id=claim_id, target=body.status, reason=body.reason, actor=actor
    )
    return await views.get_claim(uow=new_uow(), new_uow=new_uow, claim_id=claim.id, actor=actor)


@router.get("/patients/{patient_id}/claims", response_model=list[ClaimOut], tags=["claims"])
async def claims_of_patient(patient_id: str, uow: UowDep, new_uow: NewUowDep, actor: Biller):
    """A patient's claims."""
    return await views.claims_of_patient(uow=uow, new_uow=new_uow, patient_id=patient_id, actor=actor)


@router.get("/locations/{location_id}/claims", response_model=list[AttentionOut], tags=["claims"])
async def location_claims(
    location_id: str, uow: UowDep, new_uow: NewUowDep, actor: Biller, needs_attention: bool = True
):
    """The location's claims needing a person: drafts failing the scrubber, rejected, denied, underpaid, flagged."""
    return await views.needs_attention(
        uow=uow, new_uow=new_uow, location_id=location_id, actor=actor, only_attention=needs_attention
    )
