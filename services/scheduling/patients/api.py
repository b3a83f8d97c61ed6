"""Patient routes: thin, each calls one use case."""

from typing import Annotated

from fastapi import APIRouter, Query

from services.scheduling.access import BREAK_GLASS_REFUSED, BreakGlassHeader, front_desk
from services.scheduling.patients import service as patients
from services.scheduling.patients.schemas import PatientIn, PatientOut, PatientPage, PatientPatch, PatientQuery
from shared.web import NewUowDep, UowDep

# Every route here touches a patient's data: a refused role is audited too.
FrontDesk = front_desk("Patient")
router = APIRouter()


@router.post("/patients", status_code=201, response_model=PatientOut, tags=["patients"])
async def register_patient(body: PatientIn, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk):
    """Register a patient."""
    return await patients.register_patient(uow=uow, new_uow=new_uow, cmd=body, actor=actor)


@router.get("/patients", response_model=PatientPage, tags=["patients"])
async def search_patients(query: Annotated[PatientQuery, Query()], uow: UowDep, actor: FrontDesk):
    """Patients of the caller's locations by name prefix, birth date or phone digits, a page at a time."""
    page, more = await patients.search_patients(uow=uow, query=query, actor=actor)
    return PatientPage(
        items=[PatientOut.model_validate(p) for p in page],
        limit=query.limit,
        offset=query.offset,
        next_offset=query.offset + len(page) if more else None,
    )


@router.get(
    "/patients/{patient_id}", response_model=PatientOut, tags=["patients"], responses={403: BREAK_GLASS_REFUSED}
)
async def get_patient(
    patient_id: str, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk, break_glass: BreakGlassHeader = None
):
    """One patient's demographics; a merged-away record is 404 naming `merged_into`.

    Break-glass: in an emergency a clinician or practice admin may open the record of a patient of
    another location by sending `X-Break-Glass: <reason>` (10 to 500 characters). The read is
    audited with `break_glass` and the reason, and compliance raises a break-glass alert for review.
    Other roles cannot break the glass (403). Every refusal is audited as a denied access.
    """
    return await patients.get_patient(
        uow=uow, new_uow=new_uow, patient_id=patient_id, actor=actor, break_glass=break_glass
    )


@router.patch("/patients/{patient_id}", response_model=PatientOut, tags=["patients"])
async def update_patient(patient_id: str, body: PatientPatch, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk):
    """Change some of a patient's demographics."""
    return await patients.update_patient(uow=uow, new_uow=new_uow, patient_id=patient_id, cmd=body, actor=actor)
