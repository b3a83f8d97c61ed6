"""The daily check's route: thin, it calls one use case."""

from fastapi import APIRouter

from services.staff.access import CredentialKeeper, ensure_group_wide
from services.staff.checks import service as checks
from services.staff.checks.schemas import CheckOut
from shared.clock import utc_today
from shared.fields import Day
from shared.web import UowDep

router = APIRouter()


@router.post("/checks/daily", response_model=CheckOut, tags=["credentials"])
async def run_daily_check(uow: UowDep, actor: CredentialKeeper, as_of: Day | None = None):
    """Run the daily expiry and training check now, as of a day (default today, UTC); group-wide tokens only."""
    ensure_group_wide(actor)
    return await checks.run_daily_check(uow=uow, as_of=as_of or utc_today())
