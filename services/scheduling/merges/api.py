"""Merge route: thin, calls the merge use case."""

from fastapi import APIRouter

from services.scheduling.access import manager
from services.scheduling.merges import service as merges
from services.scheduling.merges.schemas import MergeIn, MergeOut
from services.scheduling.patients.schemas import PatientOut
from shared.web import NewUowDep, UowDep

# Every route here touches a patient's data: a refused role is audited too.
Manager = manager("Patient")
router = APIRouter()


@router.post("/patients/{survivor_id}/merge", response_model=MergeOut, tags=["patients"])
async def merge_patients(survivor_id: str, body: MergeIn, uow: UowDep, new_uow: NewUowDep, actor: Manager):
    """Fold a duplicate record into this one."""
    survivor, moved = await merges.merge_patients(
        uow=uow, new_uow=new_uow, survivor_id=survivor_id, duplicate_id=body.duplicate_id, actor=actor
    )
    return MergeOut(
        survivor=PatientOut.model_validate(survivor), duplicate_id=body.duplicate_id, appointments_moved=moved
    )
