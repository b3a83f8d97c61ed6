"""One source's failures against one account: free tries, then waits that double, up to a cap."""

from datetime import timedelta

from services.gateway.sessions.domain import CLEARED, SourceThrottle
from shared.clock import utcnow

THROTTLE = SourceThrottle(
    threshold=5, window=timedelta(minutes=15), first_delay=timedelta(minutes=1), longest_delay=timedelta(hours=1)
)


def test_four_failures_are_free_then_each_one_doubles_the_wait_up_to_the_cap():
    now, count, waits = utcnow(), CLEARED, []
    for _ in range(12):
        count = THROTTLE.after_failure(count, now)
        waits.append(None if count.locked_until is None else count.locked_until - now)
    minute = timedelta(minutes=1)
    assert waits[:4] == [None] * 4
    assert waits[4:] == [
        minute,
        2 * minute,
        4 * minute,
        8 * minute,
        16 * minute,
        32 * minute,
        timedelta(hours=1),
        timedelta(hours=1),
    ]


def test_a_window_that_has_passed_starts_the_count_over():
    start = utcnow()
    count = CLEARED
    for _ in range(4):
        count = THROTTLE.after_failure(count, start)
    later = THROTTLE.after_failure(count, start + timedelta(minutes=15))
    assert (later.attempts, later.window_start, later.locked_until) == (1, start + timedelta(minutes=15), None)
