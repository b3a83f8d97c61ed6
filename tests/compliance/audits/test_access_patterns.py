"""The trail's access-pattern rules: access outside the actor's locations, UTC hour buckets, the busiest hour."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from services.compliance.audits.domain import busiest_window, hour_bucket, outside_locations
from tests.support.dates import today_utc

TODAY = today_utc()


@pytest.mark.parametrize(
    "location, scope, outside",
    [
        ("loc-b", ["loc-a"], True),
        ("loc-a", ["loc-a"], False),
        ("loc-b", ["*"], False),
        (None, ["loc-a"], False),
        ("loc-b", [], False),  # an old event without a scope: unknown, not flagged
    ],
)
def test_access_outside_the_actor_locations(location, scope, outside):
    assert outside_locations(location, scope) is outside


def test_hour_buckets_are_utc_hours():
    moment = datetime.combine(TODAY, time(9, 59), UTC)
    assert hour_bucket(moment) == f"{TODAY.isoformat()}T09"
    assert hour_bucket(moment.astimezone(ZoneInfo("America/Los_Angeles"))) == f"{TODAY.isoformat()}T09"


def test_the_busiest_hour_around_a_record_counts_distinct_patients_in_any_order():
    t0, hour = datetime.combine(TODAY, time(10), UTC), timedelta(hours=1)
    reads = [(t0 + timedelta(minutes=m), p) for m, p in [(0, "a"), (10, "b"), (20, "b"), (50, "c"), (70, "d")]]
    # A record that arrived last but happened first still sees the burst after it.
    assert busiest_window(list(reversed(reads)), around=t0, window=hour) == 3
    assert busiest_window(reads, around=t0 + timedelta(minutes=50), window=hour) == 3
    assert busiest_window(reads, around=t0 + timedelta(minutes=70), window=hour) == 3  # b, c, d
    assert busiest_window(reads[:1], around=t0, window=hour) == 1


def test_every_denial_counts_in_the_window_when_keyed_by_event():
    t0 = datetime.combine(TODAY, time(10), UTC)
    denials = [(t0 + timedelta(minutes=m), f"e{m}") for m in (50, 0, 10, 20, 30)]  # out of order
    assert busiest_window(denials, around=t0, window=timedelta(hours=1)) == 5
    later = t0 + timedelta(minutes=65)
    assert busiest_window(denials + [(later, "e65")], around=later, window=timedelta(hours=1)) == 5  # 10..65
