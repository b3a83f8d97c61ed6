"""Billing HTTP routes for charges: thin, each calls one use case."""

from fastapi import APIRouter

from services.billing.access import biller
from services.billing.charges import service as charges
from services.billing.charges.schemas import ChargeOut
from shared.web import NewUowDep, UowDep

# A patient's data: a refused role is audited too.
Biller = biller("Charge")
router = APIRouter()


@router.get("/appointments/{appointment_id}/charges", response_model=list[ChargeOut], tags=["charges"])
async def charges_of_appointment(appointment_id: str, uow: UowDep, new_uow: NewUowDep, actor: Biller):
    """The charges billing recorded for one completed visit (or its missed-visit fee)."""
    return await charges.charges_of_appointment(uow=uow, new_uow=new_uow, appointment_id=appointment_id, actor=actor)
