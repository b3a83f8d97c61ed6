"""Slot arithmetic: shifts minus bookings, buffers, time off, closures and rooms (DST: test_slots_across_dst)."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.scheduling.availability.domain import (
    Interval,
    free_time,
    intersect,
    merge,
    next_grid_start,
    open_slots,
    open_slots_with_rooms,
    rooms_free,
)
from tests.scheduling.availability.wall_clock import (
    FRIDAY_NY,
    MIN,
    MONDAY_NY,
    NY,
    local,
    search,
    span,
    wall_starts,
    whole_days,
)
from tests.support.dates import next_dst_day

# --- Interval -------------------------------------------------------------------------------------------


def test_an_interval_needs_aware_datetimes_and_a_positive_length():
    with pytest.raises(ValueError):
        Interval(datetime.combine(MONDAY_NY, time(9)), datetime.combine(MONDAY_NY, time(10)))
    with pytest.raises(ValueError):
        Interval(datetime.combine(MONDAY_NY, time(10), UTC), datetime.combine(MONDAY_NY, time(10), UTC))


def test_an_interval_is_held_in_utc_so_equal_instants_are_equal():
    a = Interval(local(NY, MONDAY_NY, 9), local(NY, MONDAY_NY, 10))
    nine_utc = datetime.combine(MONDAY_NY, time(9), UTC) - local(NY, MONDAY_NY, 9).utcoffset()  # 13:00 or 14:00
    b = Interval(nine_utc, nine_utc + 60 * MIN)
    assert a == b and hash(a) == hash(b) and a.start.tzinfo is UTC


def test_subtract_overlaps_merge_and_intersect():
    day = MONDAY_NY
    whole = span(UTC, day, (9, 0), (12, 0))
    assert whole.subtract([span(UTC, day, (10, 0), (10, 30)), span(UTC, day, (10, 15), (11, 0))]) == [
        span(UTC, day, (9, 0), (10, 0)),
        span(UTC, day, (11, 0), (12, 0)),
    ]
    assert whole.subtract([span(UTC, day, (8, 0), (13, 0))]) == []
    assert not span(UTC, day, (9, 0), (10, 0)).overlaps(span(UTC, day, (10, 0), (11, 0)))  # half-open
    assert merge([span(UTC, day, (10, 0), (11, 0)), span(UTC, day, (9, 0), (10, 0))]) == [
        span(UTC, day, (9, 0), (11, 0))
    ]
    assert intersect([whole], [span(UTC, day, (11, 0), (13, 0))]) == [span(UTC, day, (11, 0), (12, 0))]


def test_free_time_is_available_minus_busy():
    day = MONDAY_NY
    free = free_time(
        available=[span(UTC, day, (9, 0), (12, 0)), span(UTC, day, (11, 0), (14, 0))],
        busy=[span(UTC, day, (12, 0), (13, 0))],
    )
    assert free == [span(UTC, day, (9, 0), (12, 0)), span(UTC, day, (13, 0), (14, 0))]


# --- A plain day ----------------------------------------------------------------------------------------


def test_a_simple_day_with_one_booking_and_a_ten_minute_buffer():
    day = MONDAY_NY
    slots = open_slots(
        **search(
            NY,
            day,
            shifts=[span(NY, day, (9, 0), (12, 0))],
            bookings=[span(NY, day, (10, 0), (10, 30))],
            buffer=10 * MIN,
        )
    )
    # The booking holds [09:50, 10:40); 10:40 is off the grid, so the next start is 10:45.
    assert slots == [
        Interval(local(NY, day, h, m), local(NY, day, h, m) + 30 * MIN)
        for h, m in [(9, 0), (9, 15), (10, 45), (11, 0), (11, 15), (11, 30)]
    ]


def test_opening_hours_and_the_window_clip_a_longer_shift():
    day = MONDAY_NY
    slots = open_slots(
        **search(
            NY,
            day,
            shifts=[span(NY, day, (6, 0), (20, 0))],
            duration=60 * MIN,
            step=60 * MIN,
            opening_hours={0: [(time(8), time(12)), (time(13), time(17))]},
            window=Interval(local(NY, day, 9), local(NY, day, 16)),
        )
    )
    offset = local(NY, day, 9).strftime("%z")  # EST or EDT, whichever that Monday has
    assert wall_starts(slots, NY) == [f"{h:02d}:00{offset}" for h in (9, 10, 11, 13, 14, 15)]


def test_time_off_removes_the_slots_it_overlaps():
    day = MONDAY_NY
    slots = open_slots(
        **search(
            NY, day, shifts=[span(NY, day, (9, 0), (11, 0))], step=30 * MIN, blocked=[span(NY, day, (9, 45), (10, 15))]
        )
    )
    offset = local(NY, day, 9).strftime("%z")
    assert wall_starts(slots, NY) == [f"09:00{offset}", f"10:30{offset}"]


def test_a_closed_date_has_no_slots_and_the_next_day_does():
    day = FRIDAY_NY
    shifts = [span(NY, day, (9, 0), (10, 0)), span(NY, day + timedelta(days=1), (9, 0), (10, 0))]
    slots = open_slots(**search(NY, day, shifts=shifts, closed_on={day}, window=whole_days(NY, day, 2)))
    assert {s.start.astimezone(NY).date() for s in slots} == {day + timedelta(days=1)}
    friday_hours = {4: [(time(8), time(17))]}
    assert open_slots(**search(NY, day, shifts=shifts[:1], closed_on={day}, opening_hours=friday_hours)) == []


def test_bad_search_parameters_are_refused():
    with pytest.raises(ValueError):
        open_slots(**search(NY, MONDAY_NY, step=0 * MIN))
    with pytest.raises(ValueError):
        open_slots(**search(NY, MONDAY_NY, buffer=-MIN))


# --- Rooms ----------------------------------------------------------------------------------------------


def test_rooms_out_of_service_or_booked_remove_themselves_and_a_slot_needs_one_room():
    day = MONDAY_NY
    rooms = {
        "exam-1": [span(NY, day, (10, 0), (11, 0))],  # out of service
        "exam-2": [span(NY, day, (9, 0), (10, 0)), span(NY, day, (10, 30), (11, 0))],
    }  # bookings
    paired = open_slots_with_rooms(
        rooms=rooms, **search(NY, day, shifts=[span(NY, day, (9, 0), (11, 30))], step=30 * MIN)
    )
    assert [(s.start.astimezone(NY).strftime("%H:%M"), r) for s, r in paired] == [
        ("09:00", ["exam-1"]),
        ("09:30", ["exam-1"]),
        ("10:00", ["exam-2"]),
        ("11:00", ["exam-1", "exam-2"]),
    ]
    assert rooms_free(slot=span(NY, day, (10, 30), (11, 0)), rooms=rooms) == []


# --- The next start on the grid -------------------------------------------------------------------------


def test_the_next_grid_start_is_on_the_local_wall_clock_grid_and_never_before_the_moment():
    day = MONDAY_NY
    assert next_grid_start(local(NY, day, 10, 7), NY) == local(NY, day, 10, 15)
    assert next_grid_start(local(NY, day, 10, 15), NY) == local(NY, day, 10, 15)  # on the grid already
    assert next_grid_start(local(NY, day, 23, 50), NY) == local(NY, day + timedelta(days=1), 0)
    kolkata = ZoneInfo("Asia/Kolkata")  # UTC+05:30: the local grid, not the UTC one
    assert next_grid_start(local(kolkata, day, 10, 7), kolkata).astimezone(kolkata).strftime("%H:%M") == "10:15"
    assert next_grid_start(local(NY, day, 10, 7), NY, 60 * MIN) == local(NY, day, 11)
    with pytest.raises(ValueError):
        next_grid_start(local(NY, day, 10), NY, 0 * MIN)


# --- Properties -----------------------------------------------------------------------------------------

ZONES = ["America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"]
# Both changes of each zone that has them, and an ordinary Monday.
DAYS = [next_dst_day(z, spring=s) for z in ZONES[:3] for s in (True, False)] + [MONDAY_NY]
spans = st.tuples(st.integers(0, 2 * 24 * 60), st.integers(1, 8 * 60))


def to_intervals(base, pairs):
    return [Interval(base + start * MIN, base + (start + length) * MIN) for start, length in pairs]


def oracle(*, shifts, bookings, blocked, duration, buffer, step, window, tz):
    """Brute force: every UTC minute whose local wall clock is on the grid, checked against each rule."""
    slots, minute = [], window.start
    while minute < window.end:
        wall = minute.astimezone(tz)
        if (wall.hour * 60 + wall.minute) % (step // MIN) == 0:
            slot = Interval(minute, minute + duration)
            if (
                window.contains(slot)
                and any(s.contains(slot) for s in merge(shifts))
                and not any(b.widen(buffer).overlaps(slot) for b in bookings)
                and not any(b.overlaps(slot) for b in blocked)
            ):
                slots.append(slot)
        minute += MIN
    return slots


@settings(max_examples=60, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    day=st.sampled_from(DAYS),
    shifts=st.lists(spans, min_size=1, max_size=4),
    bookings=st.lists(spans.map(lambda p: (p[0], p[1] % 90 + 1)), max_size=6),
    blocked=st.lists(spans, max_size=2),
    duration=st.sampled_from([15, 30, 45, 60]),
    buffer=st.integers(0, 30),
    step=st.sampled_from([5, 10, 15, 20, 30, 45, 60]),
)
def test_slots_respect_every_rule_and_match_a_brute_force_search(
    zone, day, shifts, bookings, blocked, duration, buffer, step
):
    tz = ZoneInfo(zone)
    base = datetime.combine(day - timedelta(days=1), time(0), tzinfo=UTC)
    params = dict(
        shifts=to_intervals(base, shifts),
        bookings=to_intervals(base, bookings),
        blocked=to_intervals(base, blocked),
        duration=duration * MIN,
        buffer=buffer * MIN,
        step=step * MIN,
        window=Interval(base + 6 * 60 * MIN, base + 42 * 60 * MIN),
        tz=tz,
    )
    slots = open_slots(**params)

    assert [s.start for s in slots] == sorted({s.start for s in slots})  # sorted and unique
    for slot in slots:
        assert slot.end - slot.start == duration * MIN
        assert not any(b.widen(buffer * MIN).overlaps(slot) for b in params["bookings"])
        assert any(s.contains(slot) for s in merge(params["shifts"]))
        wall = slot.start.astimezone(tz)
        assert (wall.hour * 60 + wall.minute) % step == 0 and wall.second == 0
    assert slots == oracle(**params)
