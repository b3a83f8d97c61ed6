"""The staff compliance matrix route."""

from fastapi import APIRouter, Request

from services.compliance.access import Officer
from services.compliance.staff_records import service as staff_matrix
from shared.web import UowDep

# Listed under alerts too, as it was when the route lived beside them: the API documents stay the same.
router = APIRouter(tags=["alerts", "staff compliance"])


@router.get("/locations/{location_id}/staff-compliance")
async def staff_compliance(location_id: str, request: Request, uow: UowDep, actor: Officer) -> dict:
    """Who at the location is current, expiring or overdue on credentials and training."""
    warn_days = request.app.state.runtime.settings.credential_expiring_days
    return await staff_matrix.matrix(uow=uow, location_id=location_id, warn_days=warn_days, actor=actor)
