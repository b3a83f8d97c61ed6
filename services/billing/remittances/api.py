"""Billing HTTP routes for 835 imports and underpayments: thin, each calls one use case."""

from fastapi import APIRouter

from services.billing.access import biller
from services.billing.remittances import service as remittances
from services.billing.remittances import underpayments
from services.billing.remittances.schemas import RemittanceIn, RemittanceOut, UnderpaymentOut
from shared.web import NewUowDep, UowDep

# A patient's data: a refused role is audited too.
Biller = biller("Remittance")
router = APIRouter()


@router.get("/locations/{location_id}/underpayments", response_model=list[UnderpaymentOut], tags=["claims"])
async def underpaid_lines(location_id: str, uow: UowDep, new_uow: NewUowDep, actor: Biller):
    """Lines payers settled below their contracted allowed amounts (paid + patient responsibility < rate x units)."""
    return await underpayments.of_location(uow=uow, new_uow=new_uow, location_id=location_id, actor=actor)


@router.post("/remittances", response_model=RemittanceOut, tags=["x12"])
async def import_835(body: RemittanceIn, uow: UowDep, new_uow: NewUowDep, actor: Biller):
    """Post an 835: payments and adjustments to claims, patient shares to balances; a repeat posts nothing."""
    return await remittances.import_835(uow=uow, new_uow=new_uow, text=body.x12, actor=actor)


@router.get("/remittances/{remittance_id}", response_model=RemittanceOut, tags=["x12"])
async def get_remittance(remittance_id: str, uow: UowDep, new_uow: NewUowDep, actor: Biller):
    """An imported 835 and what it posted to which claim."""
    return await remittances.get_remittance(uow=uow, new_uow=new_uow, remittance_id=remittance_id, actor=actor)
