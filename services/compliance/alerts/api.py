"""Alert routes: the gateway's dashboard reads GET /alerts."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from services.compliance.access import Officer
from services.compliance.alerts import service as alerts
from services.compliance.alerts.schemas import AlertOut, AlertSummaryOut, ResolveIn
from shared.web import UowDep

router = APIRouter(tags=["alerts"])
Status = Literal["open", "acknowledged", "resolved"]


@router.get("/alerts", response_model=list[AlertSummaryOut])
async def list_alerts(
    location_id: Annotated[str, Query(min_length=1)], uow: UowDep, actor: Officer, status: Status | None = None
):
    """A location's alerts, newest first; `status=open` includes acknowledged, unresolved ones."""
    return await alerts.list_alerts(uow=uow, location_id=location_id, status=status, actor=actor)


@router.get("/alerts/{alert_id}", response_model=AlertOut)
async def get_alert(alert_id: str, uow: UowDep, actor: Officer):
    """One alert with its details."""
    return await alerts.get_alert(uow=uow, alert_id=alert_id, actor=actor)


@router.post("/alerts/{alert_id}/acknowledge", response_model=AlertOut)
async def acknowledge_alert(alert_id: str, uow: UowDep, actor: Officer):
    """Mark an alert as seen."""
    return await alerts.acknowledge(uow=uow, alert_id=alert_id, actor=actor)


@router.post("/alerts/{alert_id}/resolve", response_model=AlertOut)
async def resolve_alert(alert_id: str, body: ResolveIn, uow: UowDep, actor: Officer):
    """Resolve an alert by hand, saying why."""
    return await alerts.resolve(uow=uow, alert_id=alert_id, resolution=body.resolution, actor=actor)
