"""Times the e2e tests book, computed from the seeded shift days: never a calendar date written down.

tests/support/upstream.py puts every seeded provider on shift 14:00-23:00 UTC on SHIFT_DAYS
(Tuesday to Thursday at least two weeks out), so "day 0 at 16:00 UTC" is always bookable,
always in the future and always the same Los Angeles date (06:00-16:00 local, PST or PDT).
"""

from datetime import date, datetime, timedelta

from tests.support.upstream import SHIFT_DAYS

LA = "America/Los_Angeles"  # the seeded location's zone


def shift_day(n: int = 0) -> str:
    """The n-th seeded shift day (0-2), ISO; n = 3 is the Friday after them, when nobody is on shift."""
    return (date.fromisoformat(SHIFT_DAYS[0]) + timedelta(days=n)).isoformat()


def utc(n: int, hh_mm: str) -> str:
    """That UTC wall-clock time on shift day n, as the ISO string the API takes."""
    return f"{shift_day(n)}T{hh_mm}:00Z"


def span(n: int, hh_mm: str, minutes: int) -> dict[str, str]:
    """{"start", "end"} of a visit of `minutes` from hh_mm UTC on shift day n."""
    start = datetime.fromisoformat(utc(n, hh_mm))
    return {"start": utc(n, hh_mm), "end": (start + timedelta(minutes=minutes)).isoformat().replace("+00:00", "Z")}
