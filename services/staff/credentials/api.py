"""Credential, daily-check and training routes: thin, each calls one use case."""

from datetime import date

from fastapi import APIRouter

from services.staff import checks, credentials, training
from services.staff.access import CredentialKeeper, Manager, ensure_group_wide
from services.staff.schemas import (CheckOut, CompletionIn, CompletionOut, CourseIn, CourseOut, CredentialIn,
                                    CredentialOut, RenewalIn, SuspensionIn, TrainingStatusOut, VerificationIn)
from shared.clock import utc_today
from shared.web import UowDep

router = APIRouter()


@router.post("/members/{staff_id}/credentials", status_code=201, response_model=CredentialOut, tags=["credentials"])
async def add_credential(staff_id: str, body: CredentialIn, uow: UowDep, actor: Manager):
    """Record a licence, registration or certification (a new state licence supersedes the old one)."""
    return await credentials.add(uow=uow, staff_id=staff_id, cmd=body, actor=actor)


@router.get("/members/{staff_id}/credentials", response_model=list[CredentialOut], tags=["credentials"])
async def list_credentials(staff_id: str, uow: UowDep, actor: CredentialKeeper):
    """A member's credentials (audited read)."""
    return await credentials.list_for_member(uow=uow, staff_id=staff_id, actor=actor)


@router.post("/credentials/{credential_id}/renew", response_model=CredentialOut, tags=["credentials"])
async def renew_credential(credential_id: str, body: RenewalIn, uow: UowDep, actor: Manager):
    """Move a current credential's expiry date."""
    return await credentials.renew(uow=uow, credential_id=credential_id, cmd=body, actor=actor)


@router.post("/credentials/{credential_id}/suspend", response_model=CredentialOut, tags=["credentials"])
async def suspend_credential(credential_id: str, body: SuspensionIn, uow: UowDep, actor: CredentialKeeper):
    """Suspend a credential, with the reason."""
    return await credentials.suspend(uow=uow, credential_id=credential_id, cmd=body, actor=actor)


@router.post("/credentials/{credential_id}/verify", response_model=CredentialOut, tags=["credentials"])
async def verify_credential(credential_id: str, body: VerificationIn, uow: UowDep, actor: CredentialKeeper):
    """Record the primary-source verification of a credential."""
    return await credentials.verify(uow=uow, credential_id=credential_id, cmd=body, actor=actor)


@router.post("/checks/daily", response_model=CheckOut, tags=["credentials"])
async def run_daily_check(uow: UowDep, actor: CredentialKeeper, as_of: date | None = None):
    """Run the daily expiry and training check now, as of a day (default today, UTC); group-wide tokens only."""
    ensure_group_wide(actor)
    return await checks.run_daily_check(uow=uow, as_of=as_of or utc_today())


@router.get("/courses", response_model=list[CourseOut], tags=["training"])
async def list_courses(uow: UowDep, actor: CredentialKeeper):
    """The course catalogue."""
    return await training.courses(uow=uow)


@router.post("/courses", status_code=201, response_model=CourseOut, tags=["training"])
async def add_course(body: CourseIn, uow: UowDep, actor: CredentialKeeper):
    """Add a course the practice requires of some roles."""
    ensure_group_wide(actor)  # the catalogue is the group's
    return await training.add_course(uow=uow, cmd=body)


@router.post("/members/{staff_id}/training", status_code=201, response_model=CompletionOut, tags=["training"])
async def record_completion(staff_id: str, body: CompletionIn, uow: UowDep, actor: CredentialKeeper):
    """Record a completed course with its evidence."""
    return await training.record_completion(uow=uow, staff_id=staff_id, cmd=body, actor=actor)


@router.get("/members/{staff_id}/training", response_model=list[TrainingStatusOut], tags=["training"])
async def training_status(staff_id: str, uow: UowDep, actor: CredentialKeeper, as_of: date | None = None):
    """Each required course of the member: last completion, next due date, overdue."""
    return await training.status(uow=uow, staff_id=staff_id, as_of=as_of or utc_today(), actor=actor)
