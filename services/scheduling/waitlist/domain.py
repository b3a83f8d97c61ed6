"""Pure waitlist rules: which part of freed time can still go to a waiting patient. No I/O."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from services.scheduling.availability.domain import STEP, Interval, next_grid_start


def offerable_rest(
    *, start: datetime, end: datetime, now: datetime, tz: ZoneInfo, step: timedelta = STEP
) -> Interval | None:
    """The part of freed [start, end) that can still be offered; None when none of it is ahead.

    Time that has not begun is offered whole. Time already begun (a no-show, always noticed after
    the start) is offered from the next start on the location's slot grid after `now` to its end:
    nobody can be booked into the past, and starts stay where slot search would put them.
    Whether the rest is long enough is the appointment type's question, asked by the caller.
    """
    if start > now:
        return Interval(start, end)
    begin = next_grid_start(now, tz, step)
    return Interval(begin, end) if begin < end else None
