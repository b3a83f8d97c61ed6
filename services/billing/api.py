"""Billing HTTP routes: thin, each calls one use case."""

from typing import Annotated

from fastapi import APIRouter, Depends

from services.billing import service
from services.billing.schemas import ChargeOut
from shared.auth import Principal, Role, require_roles
from shared.web import UowDep

router = APIRouter()
Biller = Annotated[Principal, Depends(require_roles(Role.BILLER, Role.OFFICE_MANAGER))]


@router.get("/appointments/{appointment_id}/charges", response_model=list[ChargeOut], tags=["charges"])
async def charges_of_appointment(appointment_id: str, uow: UowDep, actor: Biller):
    """The charges billing recorded for one completed visit."""
    return await service.charges_of_appointment(uow=uow, appointment_id=appointment_id, actor=actor)
