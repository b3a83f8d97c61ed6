"""HTTP routes of billing's reports: A/R aging, denials, collections and revenue, missed visits."""

from typing import Annotated

from fastapi import APIRouter, Query

from services.billing.access import Biller
from services.billing.reports import revenue
from services.billing.reports import service as reports
from services.billing.reports.schemas import AgingReport, CollectionsReport, DenialReport, MissedVisitReport
from shared.clock import utcnow
from shared.fields import Day
from shared.web import UowDep

router = APIRouter(prefix="/reports", tags=["reports"])
# Without a location the report covers every location of the caller's token.
LocationFilter = Annotated[str | None, Query(min_length=1, max_length=64)]


@router.get("/ar-aging", response_model=AgingReport)
async def ar_aging(uow: UowDep, actor: Biller, location_id: LocationFilter = None, as_of: Day | None = None):
    """Payers' outstanding claim balances in 0-30, 31-60, 61-90, 91-120 and 120+ days since service.

    Without `as_of`, claims age until today at their location (its local date).
    """
    scope = reports.locations_in_scope(actor, location_id)
    return await reports.ar_aging(uow=uow, scope=scope, as_of=as_of, now=utcnow())


@router.get("/denials", response_model=DenialReport)
async def denials(start: Day, end: Day, uow: UowDep, actor: Biller, location_id: LocationFilter = None):
    """Denials adjudicated between two dates (local days of each location), by CARC, payer and provider."""
    scope = reports.locations_in_scope(actor, location_id)
    return await reports.denials(uow=uow, scope=scope, start=start, end=end)


@router.get("/collections", response_model=CollectionsReport)
async def collections(start: Day, end: Day, uow: UowDep, actor: Biller, location_id: LocationFilter = None):
    """Revenue and collections by local month, location and provider."""
    scope = reports.locations_in_scope(actor, location_id)
    return await revenue.collections(uow=uow, scope=scope, start=start, end=end)


@router.get("/missed-visits", response_model=MissedVisitReport)
async def missed_visits(start: Day, end: Day, uow: UowDep, actor: Biller, location_id: LocationFilter = None):
    """What no-shows and late cancellations cost: fees charged and scheduled revenue lost."""
    scope = reports.locations_in_scope(actor, location_id)
    return await revenue.missed_visits(uow=uow, scope=scope, start=start, end=end)
