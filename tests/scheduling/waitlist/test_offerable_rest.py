"""The rest of freed time the waitlist may still offer: all of it ahead, or from the next grid start (a no-show)."""

from functools import partial
from zoneinfo import ZoneInfo

from services.scheduling.availability.domain import Interval
from services.scheduling.waitlist.domain import offerable_rest
from tests.support.dates import MONDAY, at_local, next_weekday

NY = ZoneInfo("America/New_York")
MONDAY_NY = next_weekday(MONDAY, tz=NY.key)  # an ordinary weekday, never a DST change
local = partial(at_local, tz=NY.key)


def test_freed_time_ahead_is_offered_whole_and_begun_time_from_the_next_grid_start():
    day = MONDAY_NY
    start, end = local(day, 10), local(day, 11)
    assert offerable_rest(start=start, end=end, now=local(day, 8), tz=NY) == Interval(start, end)
    # A no-show noticed at 10:07: 10:15 to 11:00 is left, 45 minutes for whoever's visit fits.
    assert offerable_rest(start=start, end=end, now=local(day, 10, 7), tz=NY) == Interval(local(day, 10, 15), end)
    assert offerable_rest(start=start, end=end, now=start, tz=NY) == Interval(start, end)  # exactly at the start
    # At 10:50 the next start is 11:00, the end: nothing is left.
    assert offerable_rest(start=start, end=end, now=local(day, 10, 50), tz=NY) is None
    assert offerable_rest(start=start, end=end, now=local(day, 12), tz=NY) is None
