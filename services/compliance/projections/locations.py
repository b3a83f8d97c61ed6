"""The date at a location: rules about a location (its matrix, reviews, incidents, OSHA cases) use its day.

Compliance learns each location's timezone from `facilities.location` events. Until it has heard
of a location, "today" there is the UTC date, and "not in the future" allows the latest date on
Earth: a report from a location ahead of UTC is never refused for being early.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from services.compliance.projections.models import ComplianceLocation
from shared.clock import latest_today, local_today, utc_today
from shared.contracts import facilities
from shared.envelope import Envelope
from shared.projection import newer_snapshot
from shared.uow import UnitOfWork


async def on_location_opened(*, uow: UnitOfWork, event: facilities.LocationOpened, envelope: Envelope) -> None:
    """Record a location's timezone (also handles `.updated`)."""
    location = await newer_snapshot(uow, ComplianceLocation, event.location_id, envelope)
    if location is not None:
        location.timezone = event.timezone


on_location_updated = on_location_opened


async def _timezone(uow: UnitOfWork, location_id: str | None) -> str | None:
    location = await uow.session.get(ComplianceLocation, location_id) if location_id else None
    return location.timezone if location is not None else None


async def today_at(uow: UnitOfWork, location_id: str | None) -> date:
    """Today's date at the location (UTC's for a location compliance has not heard of)."""
    zone = await _timezone(uow, location_id)
    return local_today(zone) if zone else utc_today()


async def latest_date_at(uow: UnitOfWork, location_id: str | None) -> date:
    """The last date that is not in the future at the location (any place's, if it is unknown)."""
    zone = await _timezone(uow, location_id)
    return local_today(zone) if zone else latest_today()


async def end_of_day_at(uow: UnitOfWork, location_id: str | None, day: date) -> datetime:
    """The instant `day` ends at the location (UTC midnight's for a location compliance has not heard of)."""
    zone = ZoneInfo(await _timezone(uow, location_id) or "UTC")
    return datetime.combine(day + timedelta(days=1), time(0), zone).astimezone(UTC)
