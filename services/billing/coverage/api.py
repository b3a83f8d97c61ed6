"""Billing HTTP routes for patients' coverage: thin, each calls one use case."""

from fastapi import APIRouter

from services.billing.access import biller
from services.billing.coverage import service as coverage
from services.billing.coverage.schemas import CoverageEndIn, CoverageIn, CoverageOut
from shared.web import NewUowDep, UowDep

# A patient's data: a refused role is audited too.
Biller = biller("Coverage")
router = APIRouter()


@router.post("/patients/{patient_id}/coverages", status_code=201, response_model=CoverageOut, tags=["coverage"])
async def add_coverage(patient_id: str, body: CoverageIn, uow: UowDep, new_uow: NewUowDep, actor: Biller):
    """Record a patient's insurance with a payer; 409 naming `effective_from` when another of its priority overlaps."""
    return await coverage.add_coverage(uow=uow, new_uow=new_uow, patient_id=patient_id, cmd=body, actor=actor)


@router.get("/patients/{patient_id}/coverages", response_model=list[CoverageOut], tags=["coverage"])
async def coverages_of(patient_id: str, uow: UowDep, new_uow: NewUowDep, actor: Biller):
    """A patient's coverages, primary first."""
    return await coverage.coverages_of(uow=uow, new_uow=new_uow, patient_id=patient_id, actor=actor)


@router.patch("/coverages/{coverage_id}", response_model=CoverageOut, tags=["coverage"])
async def end_coverage(coverage_id: str, body: CoverageEndIn, uow: UowDep, new_uow: NewUowDep, actor: Biller):
    """Set the last day a coverage is in effect."""
    return await coverage.end_coverage(
        uow=uow, new_uow=new_uow, coverage_id=coverage_id, effective_to=body.effective_to, actor=actor
    )
