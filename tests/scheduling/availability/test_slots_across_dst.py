"""Slot arithmetic right across DST: local wall-clock grids on the days clocks spring forward and fall back."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from services.scheduling.availability.domain import Interval, next_grid_start, open_slots
from tests.scheduling.availability.wall_clock import (
    BERLIN,
    MIN,
    NY,
    dst_day,
    local,
    search,
    span,
    wall_starts,
    whole_days,
)


@pytest.mark.parametrize(
    "tz, spring, offset",
    [
        (NY, True, "-0400"),  # spring forward at 02:00
        (NY, False, "-0500"),  # fall back at 02:00
        (BERLIN, True, "+0200"),  # spring forward at 02:00
        (BERLIN, False, "+0100"),  # fall back at 03:00
    ],
)
def test_an_eight_to_five_day_on_a_dst_change_is_nine_hours_on_the_local_grid(tz, spring, offset):
    day = dst_day(tz, spring=spring)
    shift = span(tz, day, (8, 0), (17, 0))
    assert shift.end - shift.start == timedelta(hours=9)
    slots = open_slots(**search(tz, day, shifts=[shift], opening_hours={day.weekday(): [(time(8), time(17))]}))
    assert len(slots) == (9 * 60 - 30) // 15 + 1 == 35
    assert wall_starts(slots, tz)[:3] == [f"08:00{offset}", f"08:15{offset}", f"08:30{offset}"]
    assert wall_starts(slots, tz)[-1] == f"16:30{offset}"
    assert all(s.end - s.start == 30 * MIN for s in slots)


def test_the_day_before_and_after_a_change_keep_their_own_offsets():
    change = dst_day(NY, spring=True)
    days = [change - timedelta(days=1), change]
    slots = open_slots(
        **search(
            NY,
            days[0],
            shifts=[span(NY, d, (8, 0), (9, 0)) for d in days],
            step=30 * MIN,
            window=whole_days(NY, days[0], 2),
        )
    )
    utc = [datetime.combine(d, time(h, m), UTC) for d, h in ((days[0], 13), (days[1], 12)) for m in (0, 30)]
    assert [s.start for s in slots] == utc  # 08:00 EST is 13:00 UTC, 08:00 EDT the next day 12:00 UTC


def test_opening_hours_apply_in_local_time_on_both_sides_of_a_change():
    change = dst_day(BERLIN, spring=False)
    days = [change - timedelta(days=1), change]  # Saturday (CEST), Sunday (CET)
    hours = {d.weekday(): [(time(8), time(17))] for d in days}
    slots = open_slots(
        **search(
            BERLIN,
            days[0],
            shifts=[whole_days(BERLIN, days[0], 2)],
            duration=9 * 60 * MIN,
            opening_hours=hours,
            window=whole_days(BERLIN, days[0], 2),
        )
    )
    assert [(s.start.astimezone(BERLIN).isoformat(), s.end.astimezone(BERLIN).isoformat()) for s in slots] == [
        (f"{days[0]}T08:00:00+02:00", f"{days[0]}T17:00:00+02:00"),
        (f"{days[1]}T08:00:00+01:00", f"{days[1]}T17:00:00+01:00"),
    ]


def test_a_slot_across_the_spring_forward_gap_lasts_its_real_duration_and_gap_times_are_skipped():
    day = dst_day(BERLIN, spring=True)  # 02:00 CET jumps to 03:00 CEST
    shift = Interval(local(BERLIN, day, 1), local(BERLIN, day, 4))  # 2 real hours
    slots = open_slots(**search(BERLIN, day, shifts=[shift], duration=60 * MIN, step=30 * MIN))
    assert [
        (s.start.astimezone(BERLIN).strftime("%H:%M%z"), s.end.astimezone(BERLIN).strftime("%H:%M%z")) for s in slots
    ] == [("01:00+0100", "03:00+0200"), ("01:30+0100", "03:30+0200"), ("03:00+0200", "04:00+0200")]


def test_a_repeated_hour_at_fall_back_gives_a_slot_for_each_of_its_instants():
    day = dst_day(BERLIN, spring=False)  # 03:00 CEST falls back to 02:00 CET; 02:00-02:59 happens twice
    shift = Interval(local(BERLIN, day, 1), local(BERLIN, day, 4))  # 4 real hours
    slots = open_slots(**search(BERLIN, day, shifts=[shift], duration=60 * MIN, step=60 * MIN))
    assert wall_starts(slots, BERLIN) == ["01:00+0200", "02:00+0200", "02:00+0100", "03:00+0100"]
    assert [s.start.hour for s in slots] == [23, 0, 1, 2]  # UTC


def test_a_whole_spring_forward_day_in_new_york_has_23_hours_of_slots():
    day = dst_day(NY, spring=True)
    slots = open_slots(**search(NY, day, shifts=[whole_days(NY, day)], duration=15 * MIN))
    assert len(slots) == 23 * 4
    assert not any(s.start.astimezone(NY).hour == 2 for s in slots)


@pytest.mark.parametrize(
    "zone, step, count",
    [
        ("Australia/Lord_Howe", 60, 23),  # 02:00 jumps to 02:30: 02:00 is skipped
        ("America/New_York", 45, 31),  # 02:15 does not exist; 03:15 is off the grid
    ],
)
def test_a_start_in_the_gap_is_skipped_not_moved_off_the_grid(zone, step, count):
    tz = ZoneInfo(zone)
    day = dst_day(tz, spring=True)
    slots = open_slots(**search(tz, day, shifts=[whole_days(tz, day)], duration=15 * MIN, step=step * MIN))
    walls = [s.start.astimezone(tz) for s in slots]
    assert walls and all((w.hour * 60 + w.minute) % step == 0 for w in walls)
    assert len(slots) == count


def test_the_next_grid_start_across_both_dst_changes():
    spring, fall = dst_day(NY, spring=True), dst_day(NY, spring=False)
    # 01:50 EST, then the clocks jump to 03:00 EDT: ten real minutes later.
    # (Elapsed time is UTC arithmetic: the same zone's aware datetimes add on the wall clock.)
    assert next_grid_start(local(NY, spring, 1, 50), NY) == local(NY, spring, 1, 50).astimezone(UTC) + 10 * MIN
    # 01:50 EDT, then the clocks fall back to 01:00 EST: the repeated 01:00 is next, ten real minutes later.
    after = next_grid_start(local(NY, fall, 1, 50), NY)
    assert after == local(NY, fall, 1, 50).astimezone(UTC) + 10 * MIN
    assert after.astimezone(NY).strftime("%H:%M%z") == "01:00-0500"
