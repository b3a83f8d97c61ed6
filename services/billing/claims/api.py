"""Billing HTTP routes for claims, 837P exports and 835 imports: thin, each calls one use case."""

from fastapi import APIRouter

from services.billing import claim_export, claim_views, claims, remittances, underpayments
from services.billing.access import Biller
from services.billing.claim_schemas import (AttentionOut, BatchOut, ClaimOut, ExportIn, RemittanceIn,
                                             RemittanceOut, StatusIn, UnderpaymentOut)
from shared.web import NewUowDep, UowDep

router = APIRouter()


@router.post("/appointments/{appointment_id}/claims", status_code=201, response_model=list[ClaimOut],
             tags=["claims"])
async def create_claims(appointment_id: str, uow: UowDep, new_uow: NewUowDep, actor: Biller):
    """Open the encounter's claim from its charges and the coverage active on its date (done after visits too)."""
    opened = await claims.create_claims(uow=uow, new_uow=new_uow, appointment_id=appointment_id, actor=actor)
    return [await claim_views.get_claim(uow=new_uow(), new_uow=new_uow, claim_id=c.id, actor=actor) for c in opened]


@router.get("/appointments/{appointment_id}/claims", response_model=list[ClaimOut], tags=["claims"])
async def claims_of_appointment(appointment_id: str, uow: UowDep, new_uow: NewUowDep, actor: Biller):
    """The encounter's claims with lines and history."""
    return await claim_views.claims_of_appointment(uow=uow, new_uow=new_uow, appointment_id=appointment_id,
                                                   actor=actor)


@router.get("/claims/{claim_id}", response_model=ClaimOut, tags=["claims"])
async def get_claim(claim_id: str, uow: UowDep, new_uow: NewUowDep, actor: Biller):
    """One claim with its lines, scrub failures and status history; 403 outside the caller's locations (audited)."""
    return await claim_views.get_claim(uow=uow, new_uow=new_uow, claim_id=claim_id, actor=actor)


@router.post("/claims/{claim_id}/scrub", response_model=ClaimOut, tags=["claims"])
async def scrub_claim(claim_id: str, uow: UowDep, new_uow: NewUowDep, actor: Biller):
    """Run the scrubber again; a clean claim becomes ready."""
    claim = await claims.scrub_claim(uow=uow, new_uow=new_uow, claim_id=claim_id, actor=actor)
    return await claim_views.get_claim(uow=new_uow(), new_uow=new_uow, claim_id=claim.id, actor=actor)


@router.post("/claims/{claim_id}/status", response_model=ClaimOut, tags=["claims"])
async def change_status(claim_id: str, body: StatusIn, uow: UowDep, new_uow: NewUowDep, actor: Biller):
    """Accept, reject, appeal or resubmit a claim; 409 names the moves allowed from its status."""
    claim = await claims.change_status(uow=uow, new_uow=new_uow, claim_id=claim_id, target=body.status,
                                       reason=body.reason, actor=actor)
    return await claim_views.get_claim(uow=new_uow(), new_uow=new_uow, claim_id=claim.id, actor=actor)


@router.get("/patients/{patient_id}/claims", response_model=list[ClaimOut], tags=["claims"])
async def claims_of_patient(patient_id: str, uow: UowDep, new_uow: NewUowDep, actor: Biller):
    """A patient's claims."""
    return await claim_views.claims_of_patient(uow=uow, new_uow=new_uow, patient_id=patient_id, actor=actor)


@router.get("/locations/{location_id}/claims", response_model=list[AttentionOut], tags=["claims"])
async def location_claims(location_id: str, uow: UowDep, new_uow: NewUowDep, actor: Biller,
                          needs_attention: bool = True):
    """The location's claims needing a person: drafts failing the scrubber, rejected, denied, underpaid, flagged."""
    return await claim_views.needs_attention(uow=uow, new_uow=new_uow, location_id=location_id, actor=actor,
                                             only_attention=needs_attention)


@router.get("/locations/{location_id}/underpayments", response_model=list[UnderpaymentOut], tags=["claims"])
async def underpaid_lines(location_id: str, uow: UowDep, new_uow: NewUowDep, actor: Biller):
    """Lines payers settled below their contracted allowed amounts (paid + patient responsibility < rate x units)."""
    return await underpayments.of_location(uow=uow, new_uow=new_uow, location_id=location_id, actor=actor)


@router.post("/claim-batches", status_code=201, response_model=BatchOut, tags=["x12"])
async def export_837(body: ExportIn, uow: UowDep, new_uow: NewUowDep, actor: Biller):
    """Send every ready claim of a location as one 837P (validated against 005010X222A1)."""
    return await claim_export.export_837(uow=uow, new_uow=new_uow, cmd=body, actor=actor)


@router.get("/claim-batches/{batch_id}", response_model=BatchOut, tags=["x12"])
async def get_batch(batch_id: str, uow: UowDep, new_uow: NewUowDep, actor: Biller):
    """An exported 837P as it was sent."""
    return await claim_export.get_batch(uow=uow, new_uow=new_uow, batch_id=batch_id, actor=actor)


@router.post("/remittances", response_model=RemittanceOut, tags=["x12"])
async def import_835(body: RemittanceIn, uow: UowDep, new_uow: NewUowDep, actor: Biller):
    """Post an 835: payments and adjustments to claims, patient shares to balances; a repeat posts nothing."""
    return await remittances.import_835(uow=uow, new_uow=new_uow, text=body.x12, actor=actor)


@router.get("/remittances/{remittance_id}", response_model=RemittanceOut, tags=["x12"])
async def get_remittance(remittance_id: str, uow: UowDep, new_uow: NewUowDep, actor: Biller):
    """An imported 835 and what it posted to which claim."""
    return await remittances.get_remittance(uow=uow, new_uow=new_uow, remittance_id=remittance_id, actor=actor)
