"""Patient routes: thin, each calls one use case of patients.py."""

from typing import Annotated

from fastapi import APIRouter, Query

from services.scheduling import patients
from services.scheduling.access import FrontDesk, Manager
from services.scheduling.patient_schemas import MergeIn, MergeOut, PatientPage, PatientPatch, PatientQuery
from services.scheduling.schemas import PatientIn, PatientOut
from shared.web import UowDep

router = APIRouter()


@router.post("/patients", status_code=201, response_model=PatientOut, tags=["patients"])
async def register_patient(body: PatientIn, uow: UowDep, actor: FrontDesk):
    """Register a patient."""
    return await patients.register_patient(uow=uow, cmd=body, actor=actor)


@router.get("/patients", response_model=PatientPage, tags=["patients"])
async def search_patients(query: Annotated[PatientQuery, Query()], uow: UowDep, actor: FrontDesk):
    """Patients of the caller's locations by name prefix, birth date or phone digits, a page at a time."""
    page, more = await patients.search_patients(uow=uow, query=query, actor=actor)
    return PatientPage(items=[PatientOut.model_validate(p) for p in page], limit=query.limit,
                       offset=query.offset, next_offset=query.offset + len(page) if more else None)


@router.get("/patients/{patient_id}", response_model=PatientOut, tags=["patients"])
async def get_patient(patient_id: str, uow: UowDep, actor: FrontDesk):
    """One patient's demographics; a merged-away record is 404 naming `merged_into`."""
    return await patients.get_patient(uow=uow, patient_id=patient_id, actor=actor)


@router.patch("/patients/{patient_id}", response_model=PatientOut, tags=["patients"])
async def update_patient(patient_id: str, body: PatientPatch, uow: UowDep, actor: FrontDesk):
    """Change some of a patient's demographics."""
    return await patients.update_patient(uow=uow, patient_id=patient_id, cmd=body, actor=actor)


@router.post("/patients/{survivor_id}/merge", response_model=MergeOut, tags=["patients"])
async def merge_patients(survivor_id: str, body: MergeIn, uow: UowDep, actor: Manager):
    """Fold a duplicate record into this one."""
    survivor, moved = await patients.merge_patients(uow=uow, survivor_id=survivor_id,
                                                    duplicate_id=body.duplicate_id, actor=actor)
    return MergeOut(survivor=PatientOut.model_validate(survivor), duplicate_id=body.duplicate_id,
                    appointments_moved=moved)
