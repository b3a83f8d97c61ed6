"""Shift, roster, time-off and coverage routes: thin, each calls one use case."""

from fastapi import APIRouter

from services.staff.access import Manager, TimeOffRequester
from services.staff.rosters import coverage, time_off
from services.staff.rosters import service as shifts
from services.staff.rosters.schemas import (
    CoverageOut,
    DecisionIn,
    GenerateIn,
    RosterTemplateIn,
    RosterTemplateOut,
    ShiftIn,
    ShiftOut,
    StaffingRuleIn,
    StaffingRuleOut,
    TimeOffIn,
    TimeOffOut,
    TimeOffStatus,
)
from shared.fields import Day
from shared.web import UowDep

router = APIRouter()


@router.post("/shifts", status_code=201, response_model=ShiftOut, tags=["shifts"])
async def schedule_shift(body: ShiftIn, uow: UowDep, actor: Manager):
    """Schedule a shift (local times at the location); 409 if it overlaps the member's other shifts."""
    return await shifts.schedule(uow=uow, cmd=body, actor=actor)


@router.post("/shifts/{shift_id}/cancel", response_model=ShiftOut, tags=["shifts"])
async def cancel_shift(shift_id: str, uow: UowDep, actor: Manager):
    """Cancel a scheduled shift."""
    return await shifts.cancel(uow=uow, shift_id=shift_id, actor=actor)


@router.get("/locations/{location_id}/shifts", response_model=list[ShiftOut], tags=["shifts"])
async def list_shifts(location_id: str, first_day: Day, last_day: Day, uow: UowDep, actor: Manager):
    """Scheduled shifts at the location starting on these local days."""
    return await shifts.list_shifts(
        uow=uow, location_id=location_id, first_day=first_day, last_day=last_day, actor=actor
    )


@router.post(
    "/locations/{location_id}/roster-templates", status_code=201, response_model=RosterTemplateOut, tags=["shifts"]
)
async def add_roster_template(location_id: str, body: RosterTemplateIn, uow: UowDep, actor: Manager):
    """Save a weekly roster of local shifts."""
    return await shifts.add_template(uow=uow, location_id=location_id, cmd=body, actor=actor)


@router.get("/locations/{location_id}/roster-templates", response_model=list[RosterTemplateOut], tags=["shifts"])
async def list_roster_templates(location_id: str, uow: UowDep, actor: Manager):
    """The location's saved weekly rosters, by name."""
    return await shifts.list_templates(uow=uow, location_id=location_id, actor=actor)


@router.post(
    "/roster-templates/{template_id}/generate", status_code=201, response_model=list[ShiftOut], tags=["shifts"]
)
async def generate_shifts(template_id: str, body: GenerateIn, uow: UowDep, actor: Manager):
    """Create the template's shifts over a range of local days, all or none."""
    return await shifts.generate(uow=uow, template_id=template_id, cmd=body, actor=actor)


@router.post("/time-off", status_code=201, response_model=TimeOffOut, tags=["time off"])
async def request_time_off(body: TimeOffIn, uow: UowDep, actor: TimeOffRequester):
    """Request time off (for oneself, or as a manager for a member)."""
    return await time_off.request(uow=uow, cmd=body, actor=actor)


@router.get("/locations/{location_id}/time-off", response_model=list[TimeOffOut], tags=["time off"])
async def list_time_off(location_id: str, uow: UowDep, actor: Manager, status: TimeOffStatus | None = None):
    """Time-off requests of the members who work at the location, soonest first (pending ones: status=requested)."""
    return await time_off.list_requests(uow=uow, location_id=location_id, status=status, actor=actor)


@router.post("/time-off/{time_off_id}/approve", response_model=TimeOffOut, tags=["time off"])
async def approve_time_off(time_off_id: str, body: DecisionIn, uow: UowDep, actor: Manager):
    """Approve a pending request."""
    return await time_off.decide(uow=uow, time_off_id=time_off_id, approve=True, cmd=body, actor=actor)


@router.post("/time-off/{time_off_id}/deny", response_model=TimeOffOut, tags=["time off"])
async def deny_time_off(time_off_id: str, body: DecisionIn, uow: UowDep, actor: Manager):
    """Deny a pending request."""
    return await time_off.decide(uow=uow, time_off_id=time_off_id, approve=False, cmd=body, actor=actor)


@router.post("/time-off/{time_off_id}/withdraw", response_model=TimeOffOut, tags=["time off"])
async def withdraw_time_off(time_off_id: str, uow: UowDep, actor: TimeOffRequester):
    """Withdraw a request not decided yet (the member themselves, or a manager)."""
    return await time_off.withdraw(uow=uow, time_off_id=time_off_id, actor=actor)


@router.post(
    "/locations/{location_id}/staffing-rules", status_code=201, response_model=StaffingRuleOut, tags=["coverage"]
)
async def add_staffing_rule(location_id: str, body: StaffingRuleIn, uow: UowDep, actor: Manager):
    """Require a minimum number of a role on shift between two local times."""
    return await coverage.add_rule(uow=uow, location_id=location_id, cmd=body, actor=actor)


@router.get("/locations/{location_id}/coverage", response_model=CoverageOut, tags=["coverage"])
async def location_coverage(location_id: str, day: Day, uow: UowDep, actor: Manager):
    """Who is on shift at the location on a local day, and the gaps against its staffing rules."""
    return await coverage.coverage(uow=uow, location_id=location_id, day=day, actor=actor)
