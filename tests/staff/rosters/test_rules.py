"""Rosters' pure rules: local spans across midnight and DST, coverage gaps, time off cut out of shifts."""

from datetime import UTC, datetime, time, timedelta

import pytest

from services.staff.rosters.domain import coverage_gaps, local_span, subtract
from tests.support.dates import at_local, days_ahead, next_dst_day


@pytest.mark.parametrize("spring, hours", [(False, 11), (True, 9)])
def test_local_span_crosses_midnight_and_dst(spring, hours):
    tz = "America/Los_Angeles"
    eve = next_dst_day(tz, spring=spring) - timedelta(days=1)  # the night the clocks change
    start, end = local_span(eve, time(20), time(6), tz)
    assert start.astimezone(UTC) == at_local(eve, 20, tz=tz).astimezone(UTC)
    assert end.date() == eve + timedelta(days=1) and (end.hour, end.minute) == (6, 0)
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=hours)  # not 10
    assert start.utcoffset() != end.utcoffset()


DAY = days_ahead(7)


def _at(hour: int) -> datetime:
    return datetime.combine(DAY, time(hour), UTC)


def test_coverage_gaps_merge_and_count_who_is_there():
    window = (_at(8), _at(17))
    gaps = coverage_gaps(
        role="medical_assistant",
        required=2,
        window=window,
        on_duty=[(_at(8), _at(17)), (_at(8), _at(12)), (_at(13), _at(20))],
    )
    assert [(g.scheduled, g.start.hour, g.end.hour) for g in gaps] == [(1, 12, 13)]
    gaps = coverage_gaps(role="medical_assistant", required=2, window=window, on_duty=[(_at(9), _at(12))])
    assert [(g.scheduled, g.start.hour, g.end.hour) for g in gaps] == [(0, 8, 9), (1, 9, 12), (0, 12, 17)]


def test_time_off_is_cut_out_of_a_shift():
    assert subtract((_at(8), _at(17)), [(_at(10), _at(12))]) == [(_at(8), _at(10)), (_at(12), _at(17))]
    assert subtract((_at(8), _at(17)), [(_at(0), _at(23))]) == []
