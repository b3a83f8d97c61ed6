"""Patient routes: thin, each calls one use case of patients.py."""

from typing import Annotated

from fastapi import APIRouter, Depends

from services.scheduling import patients
from services.scheduling.schemas import PatientIn, PatientOut
from shared.auth import Principal, Role, require_roles
from shared.web import UowDep

router = APIRouter()
FrontDesk = Annotated[Principal, Depends(require_roles(Role.FRONT_DESK, Role.OFFICE_MANAGER, Role.CLINICIAN))]


@router.post("/patients", status_code=201, response_model=PatientOut, tags=["patients"])
async def register_patient(body: PatientIn, uow: UowDep, actor: FrontDesk):
    """Register a patient."""
    return await patients.register_patient(uow=uow, cmd=body, actor=actor)


@router.get("/patients/{patient_id}", response_model=PatientOut, tags=["patients"])
async def get_patient(patient_id: str, uow: UowDep, actor: FrontDesk):
    """One patient's demographics."""
    return await patients.get_patient(uow=uow, patient_id=patient_id, actor=actor)
