"""Patient routes: thin, each calls one use case of patients.py."""

from typing import Annotated

from fastapi import APIRouter, Query

from services.scheduling import patients
from services.scheduling.access import BreakGlassHeader, FrontDesk, Manager
from services.scheduling.patient_schemas import MergeIn, MergeOut, PatientPage, PatientPatch, PatientQuery
from services.scheduling.schemas import AppointmentOut, PatientIn, PatientOut
from shared.web import NewUowDep, UowDep

router = APIRouter()
_REFUSED = {"description": "The patient is outside the caller's locations and the glass was not broken, "
                           "or the caller's role may not break it (audited as a denied access)."}


@router.post("/patients", status_code=201, response_model=PatientOut, tags=["patients"])
async def register_patient(body: PatientIn, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk):
    """Register a patient."""
    return await patients.register_patient(uow=uow, new_uow=new_uow, cmd=body, actor=actor)


@router.get("/patients", response_model=PatientPage, tags=["patients"])
async def search_patients(query: Annotated[PatientQuery, Query()], uow: UowDep, actor: FrontDesk):
    """Patients of the caller's locations by name prefix, birth date or phone digits, a page at a time."""
    page, more = await patients.search_patients(uow=uow, query=query, actor=actor)
    return PatientPage(items=[PatientOut.model_validate(p) for p in page], limit=query.limit,
                       offset=query.offset, next_offset=query.offset + len(page) if more else None)


@router.get("/patients/{patient_id}", response_model=PatientOut, tags=["patients"],
            responses={403: _REFUSED})
async def get_patient(patient_id: str, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk,
                      break_glass: BreakGlassHeader = None):
    """One patient's demographics; a merged-away record is 404 naming `merged_into`.

    Break-glass: in an emergency a clinician or practice admin may open the record of a patient of
    another location by sending `X-Break-Glass: <reason>` (10 to 500 characters). The read is
    audited with `break_glass` and the reason, and compliance raises a break-glass alert for review.
    Other roles cannot break the glass (403). Every refusal is audited as a denied access.
    """
    return await patients.get_patient(uow=uow, new_uow=new_uow, patient_id=patient_id, actor=actor,
                                      break_glass=break_glass)


@router.get("/patients/{patient_id}/appointments", response_model=list[AppointmentOut], tags=["patients"],
            responses={403: _REFUSED})
async def patient_appointments(patient_id: str, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk,
                               break_glass: BreakGlassHeader = None):
    """The patient's appointments at the caller's locations, latest first; all of them when breaking the glass.

    `X-Break-Glass: <reason>` works as on `GET /patients/{patient_id}`.
    """
    return await patients.patient_appointments(uow=uow, new_uow=new_uow, patient_id=patient_id, actor=actor,
                                               break_glass=break_glass)


@router.patch("/patients/{patient_id}", response_model=PatientOut, tags=["patients"])
async def update_patient(patient_id: str, body: PatientPatch, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk):
    """Change some of a patient's demographics."""
    return await patients.update_patient(uow=uow, new_uow=new_uow, patient_id=patient_id, cmd=body, actor=actor)


@router.post("/patients/{survivor_id}/merge", response_model=MergeOut, tags=["patients"])
async def merge_patients(survivor_id: str, body: MergeIn, uow: UowDep, new_uow: NewUowDep, actor: Manager):
    """Fold a duplicate record into this one."""
    survivor, moved = await patients.merge_patients(uow=uow, new_uow=new_uow, survivor_id=survivor_id,
                                                    duplicate_id=body.duplicate_id, actor=actor)
    return MergeOut(survivor=PatientOut.model_validate(survivor), duplicate_id=body.duplicate_id,
                    appointments_moved=moved)
