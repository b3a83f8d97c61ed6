"""The one notion of "now" in every service, and the date it is at a location.

Everything that depends on the current time (holds, late cancels, timely filing, expiry
checks, anchoring jobs) asks this module, so a use case's "now" is one call.
"""

from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo


def utcnow() -> datetime:
    """The current instant, timezone-aware UTC."""
    return datetime.now(UTC)


def utc_today() -> date:
    """Today's date in UTC (for group-wide rules that are not tied to a location)."""
    return utcnow().date()


def local_date(moment: datetime, zone: str | tzinfo) -> date:
    """The calendar date that `moment` falls on at a location in `zone`."""
    return moment.astimezone(ZoneInfo(zone) if isinstance(zone, str) else zone).date()


def local_today(zone: str | tzinfo) -> date:
    """Today's date at a location in `zone`."""
    return local_date(utcnow(), zone)


def latest_today() -> date:
    """The latest date any place on Earth has reached (UTC+14): later dates are in the future everywhere."""
    return local_date(utcnow(), "Etc/GMT-14")
