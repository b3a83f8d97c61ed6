"""Billing HTTP routes for 837P exports: thin, each calls one use case."""

from fastapi import APIRouter

from services.billing.access import biller
from services.billing.batches import service as batches
from services.billing.batches.schemas import BatchOut, ExportIn
from shared.web import NewUowDep, UowDep

# A patient's data: a refused role is audited too.
Biller = biller("ClaimBatch")
router = APIRouter()


@router.post("/claim-batches", status_code=201, response_model=BatchOut, tags=["x12"])
async def export_837(body: ExportIn, uow: UowDep, new_uow: NewUowDep, actor: Biller):
    """Send every ready claim of a location as one 837P (validated against 005010X222A1)."""
    return await batches.export_837(uow=uow, new_uow=new_uow, cmd=body, actor=actor)


@router.get("/claim-batches/{batch_id}", response_model=BatchOut, tags=["x12"])
async def get_batch(batch_id: str, uow: UowDep, new_uow: NewUowDep, actor: Biller):
    """An exported 837P as it was sent."""
    return await batches.get_batch(uow=uow, new_uow=new_uow, batch_id=batch_id, actor=actor)
