"""The location dashboard's route: a manager's screen."""

from fastapi import APIRouter, Request

from services.gateway.access import Manager
from services.gateway.dashboards import service as dashboards
from services.gateway.dashboards.schemas import LocationDashboard
from shared.fields import Day

router = APIRouter(prefix="/api/v1")


@router.get("/dashboard/locations/{location_id}", response_model=LocationDashboard, tags=["dashboard"])
async def location_dashboard(location_id: str, day: Day, request: Request, caller: Manager):
    """A location's day from every service at once; `partial` with a reason per missing section."""
    return await dashboards.location_dashboard(
        upstreams=request.app.state.upstreams,
        location_id=location_id,
        day=day,
        caller=caller,
        timeout_s=request.app.state.runtime.settings.dashboard_timeout_s,
    )
