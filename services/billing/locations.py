"""Locations' timezones as `facilities.location` events told billing: where a moment falls in local days."""

from collections.abc import Iterable
from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo

from sqlalchemy import select

from shared.clock import local_date
from services.billing.models import BillingLocation
from shared.uow import UnitOfWork


async def zone_of(uow: UnitOfWork, location_id: str) -> tzinfo:
    """The location's timezone; UTC until billing has heard of the location."""
    return (await zones_of(uow, [location_id]))[location_id]


async def zones_of(uow: UnitOfWork, location_ids: Iterable[str]) -> dict[str, tzinfo]:
    """The timezone of each location asked for (UTC for the ones billing has not heard of)."""
    wanted = set(location_ids)
    known = dict((await uow.session.execute(select(BillingLocation.location_id, BillingLocation.timezone)
                                            .where(BillingLocation.location_id.in_(wanted)))).all()) if wanted else {}
    return {location_id: ZoneInfo(known[location_id]) if location_id in known else UTC for location_id in wanted}


async def today_at(uow: UnitOfWork, location_id: str, now: datetime) -> date:
    """The calendar day it is at the location at `now`."""
    return local_date(now, await zone_of(uow, location_id))
