"""Training routes: thin, each calls one use case."""

from fastapi import APIRouter

from services.staff.access import CredentialKeeper, ensure_group_wide
from services.staff.trainings import service as trainings
from services.staff.trainings.schemas import CompletionIn, CompletionOut, CourseIn, CourseOut, TrainingStatusOut
from shared.clock import utc_today
from shared.fields import Day
from shared.web import UowDep

router = APIRouter()


@router.get("/courses", response_model=list[CourseOut], tags=["training"])
async def list_courses(uow: UowDep, actor: CredentialKeeper):
    """The course catalogue."""
    return await trainings.courses(uow=uow)


@router.post("/courses", status_code=201, response_model=CourseOut, tags=["training"])
async def add_course(body: CourseIn, uow: UowDep, actor: CredentialKeeper):
    """Add a course the practice requires of some roles."""
    ensure_group_wide(actor)  # the catalogue is the group's
    return await trainings.add_course(uow=uow, cmd=body)


@router.post("/members/{staff_id}/training", status_code=201, response_model=CompletionOut, tags=["training"])
async def record_completion(staff_id: str, body: CompletionIn, uow: UowDep, actor: CredentialKeeper):
    """Record a completed course with its evidence."""
    return await trainings.record_completion(uow=uow, staff_id=staff_id, cmd=body, actor=actor)


@router.get("/members/{staff_id}/training", response_model=list[TrainingStatusOut], tags=["training"])
async def training_status(staff_id: str, uow: UowDep, actor: CredentialKeeper, as_of: Day | None = None):
    """Each required course of the member: last completion, next due date, overdue."""
    return await trainings.status(uow=uow, staff_id=staff_id, as_of=as_of or utc_today(), actor=actor)
