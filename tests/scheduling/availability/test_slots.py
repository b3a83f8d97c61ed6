"""Slot arithmetic: shifts minus bookings, buffers, time off, closures and rooms, right across DST."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.scheduling.slots import (
    Interval,
    free_time,
    intersect,
    merge,
    next_grid_start,
    open_slots,
    open_slots_with_rooms,
    rooms_free,
)
from services.scheduling.waitlist_rules import offerable_rest
from tests.support.dates import FRIDAY, MONDAY, next_dst_day, next_weekday

NY, BERLIN = ZoneInfo("America/New_York"), ZoneInfo("Europe/Berlin")
MIN = timedelta(minutes=1)
# Dates from now (the rules never read the clock, but no test depends on a calendar year either):
MONDAY_NY = next_weekday(MONDAY, tz="America/New_York")  # an ordinary weekday, never a DST change
FRIDAY_NY = next_weekday(FRIDAY, tz="America/New_York")


def local(tz, day, hh, mm=0, fold=0):
    return datetime(day.year, day.month, day.day, hh, mm, fold=fold, tzinfo=tz)


def span(tz, day, start, end):
    """Local (hh, mm) to (hh, mm) on one day."""
    return Interval(local(tz, day, *start), local(tz, day, *end))


def whole_days(tz, first, days=1):
    return Interval(local(tz, first, 0), local(tz, first + timedelta(days=days), 0))


def search(tz, day, **overrides):
    params = dict(shifts=[], bookings=[], blocked=[], duration=30 * MIN, buffer=0 * MIN, step=15 * MIN,
                  window=whole_days(tz, day), tz=tz)
    return params | overrides


def wall_starts(slots, tz):
    return [s.start.astimezone(tz).strftime("%H:%M%z") for s in slots]


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
        span(UTC, day, (9, 0), (10, 0)), span(UTC, day, (11, 0), (12, 0))]
    assert whole.subtract([span(UTC, day, (8, 0), (13, 0))]) == []
    assert not span(UTC, day, (9, 0), (10, 0)).overlaps(span(UTC, day, (10, 0), (11, 0)))  # half-open
    assert merge([span(UTC, day, (10, 0), (11, 0)), span(UTC, day, (9, 0), (10, 0))]) == [
        span(UTC, day, (9, 0), (11, 0))]
    assert intersect([whole], [span(UTC, day, (11, 0), (13, 0))]) == [span(UTC, day, (11, 0), (12, 0))]


def test_free_time_is_available_minus_busy():
    day = MONDAY_NY
    free = free_time(available=[span(UTC, day, (9, 0), (12, 0)), span(UTC, day, (11, 0), (14, 0))],
                     busy=[span(UTC, day, (12, 0), (13, 0))])
    assert free == [span(UTC, day, (9, 0), (12, 0)), span(UTC, day, (13, 0), (14, 0))]


# --- A plain day ----------------------------------------------------------------------------------------

def test_a_simple_day_with_one_booking_and_a_ten_minute_buffer():
    day = MONDAY_NY
    slots = open_slots(**search(NY, day, shifts=[span(NY, day, (9, 0), (12, 0))],
                                bookings=[span(NY, day, (10, 0), (10, 30))], buffer=10 * MIN))
    # The booking holds [09:50, 10:40); 10:40 is off the grid, so the next start is 10:45.
    assert slots == [Interval(local(NY, day, h, m), local(NY, day, h, m) + 30 * MIN)
                     for h, m in [(9, 0), (9, 15), (10, 45), (11, 0), (11, 15), (11, 30)]]


def test_opening_hours_and_the_window_clip_a_longer_shift():
    day = MONDAY_NY
    slots = open_slots(**search(NY, day, shifts=[span(NY, day, (6, 0), (20, 0))], duration=60 * MIN,
                                step=60 * MIN, opening_hours={0: [(time(8), time(12)), (time(13), time(17))]},
                                window=Interval(local(NY, day, 9), local(NY, day, 16))))
    offset = local(NY, day, 9).strftime("%z")  # EST or EDT, whichever that Monday has
    assert wall_starts(slots, NY) == [f"{h:02d}:00{offset}" for h in (9, 10, 11, 13, 14, 15)]


def test_time_off_removes_the_slots_it_overlaps():
    day = MONDAY_NY
    slots = open_slots(**search(NY, day, shifts=[span(NY, day, (9, 0), (11, 0))], step=30 * MIN,
                                blocked=[span(NY, day, (9, 45), (10, 15))]))
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
    rooms = {"exam-1": [span(NY, day, (10, 0), (11, 0))],  # out of service
             "exam-2": [span(NY, day, (9, 0), (10, 0)), span(NY, day, (10, 30), (11, 0))]}  # bookings
    paired = open_slots_with_rooms(rooms=rooms, **search(NY, day, shifts=[span(NY, day, (9, 0), (11, 30))],
                                                         step=30 * MIN))
    assert [(s.start.astimezone(NY).strftime("%H:%M"), r) for s, r in paired] == [
        ("09:00", ["exam-1"]), ("09:30", ["exam-1"]), ("10:00", ["exam-2"]), ("11:00", ["exam-1", "exam-2"])]
    assert rooms_free(slot=span(NY, day, (10, 30), (11, 0)), rooms=rooms) == []


# --- DST ------------------------------------------------------------------------------------------------

# Each zone's next changes, found in zoneinfo: the tests keep testing a real DST day every year.
def dst_day(tz: ZoneInfo, *, spring: bool) -> date:
    day = next_dst_day(tz.key, spring=spring)
    assert local(tz, day, 0).utcoffset() != local(tz, day + timedelta(days=1), 0).utcoffset()
    return day


@pytest.mark.parametrize("tz, spring, offset", [
    (NY, True, "-0400"),       # spring forward at 02:00
    (NY, False, "-0500"),      # fall back at 02:00
    (BERLIN, True, "+0200"),   # spring forward at 02:00
    (BERLIN, False, "+0100"),  # fall back at 03:00
])
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
    slots = open_slots(**search(NY, days[0], shifts=[span(NY, d, (8, 0), (9, 0)) for d in days], step=30 * MIN,
                                window=whole_days(NY, days[0], 2)))
    utc = [datetime.combine(d, time(h, m), UTC) for d, h in ((days[0], 13), (days[1], 12)) for m in (0, 30)]
    assert [s.start for s in slots] == utc  # 08:00 EST is 13:00 UTC, 08:00 EDT the next day 12:00 UTC


def test_opening_hours_apply_in_local_time_on_both_sides_of_a_change():
    change = dst_day(BERLIN, spring=False)
    days = [change - timedelta(days=1), change]  # Saturday (CEST), Sunday (CET)
    hours = {d.weekday(): [(time(8), time(17))] for d in days}
    slots = open_slots(**search(BERLIN, days[0], shifts=[whole_days(BERLIN, days[0], 2)], duration=9 * 60 * MIN,
                                opening_hours=hours, window=whole_days(BERLIN, days[0], 2)))
    assert [(s.start.astimezone(BERLIN).isoformat(), s.end.astimezone(BERLIN).isoformat()) for s in slots] == [
        (f"{days[0]}T08:00:00+02:00", f"{days[0]}T17:00:00+02:00"),
        (f"{days[1]}T08:00:00+01:00", f"{days[1]}T17:00:00+01:00")]


def test_a_slot_across_the_spring_forward_gap_lasts_its_real_duration_and_gap_times_are_skipped():
    day = dst_day(BERLIN, spring=True)  # 02:00 CET jumps to 03:00 CEST
    shift = Interval(local(BERLIN, day, 1), local(BERLIN, day, 4))  # 2 real hours
    slots = open_slots(**search(BERLIN, day, shifts=[shift], duration=60 * MIN, step=30 * MIN))
    assert [(s.start.astimezone(BERLIN).strftime("%H:%M%z"), s.end.astimezone(BERLIN).strftime("%H:%M%z"))
            for s in slots] == [("01:00+0100", "03:00+0200"), ("01:30+0100", "03:30+0200"),
                                ("03:00+0200", "04:00+0200")]


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


@pytest.mark.parametrize("zone, step, count", [
    ("Australia/Lord_Howe", 60, 23),  # 02:00 jumps to 02:30: 02:00 is skipped
    ("America/New_York", 45, 31),     # 02:15 does not exist; 03:15 is off the grid
])
def test_a_start_in_the_gap_is_skipped_not_moved_off_the_grid(zone, step, count):
    tz = ZoneInfo(zone)
    day = dst_day(tz, spring=True)
    slots = open_slots(**search(tz, day, shifts=[whole_days(tz, day)], duration=15 * MIN, step=step * MIN))
    walls = [s.start.astimezone(tz) for s in slots]
    assert walls and all((w.hour * 60 + w.minute) % step == 0 for w in walls)
    assert len(slots) == count


# --- The next start on the grid, and the rest of freed time (the waitlist after a no-show) ----------------

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


def test_the_next_grid_start_across_both_dst_changes():
    spring, fall = dst_day(NY, spring=True), dst_day(NY, spring=False)
    # 01:50 EST, then the clocks jump to 03:00 EDT: ten real minutes later.
    # (Elapsed time is UTC arithmetic: the same zone's aware datetimes add on the wall clock.)
    assert next_grid_start(local(NY, spring, 1, 50), NY) == local(NY, spring, 1, 50).astimezone(UTC) + 10 * MIN
    # 01:50 EDT, then the clocks fall back to 01:00 EST: the repeated 01:00 is next, ten real minutes later.
    after = next_grid_start(local(NY, fall, 1, 50), NY)
    assert after == local(NY, fall, 1, 50).astimezone(UTC) + 10 * MIN
    assert after.astimezone(NY).strftime("%H:%M%z") == "01:00-0500"


def test_freed_time_ahead_is_offered_whole_and_begun_time_from_the_next_grid_start():
    day = MONDAY_NY
    start, end = local(NY, day, 10), local(NY, day, 11)
    assert offerable_rest(start=start, end=end, now=local(NY, day, 8), tz=NY) == Interval(start, end)
    # A no-show noticed at 10:07: 10:15 to 11:00 is left, 45 minutes for whoever's visit fits.
    assert offerable_rest(start=start, end=end, now=local(NY, day, 10, 7), tz=NY) == Interval(
        local(NY, day, 10, 15), end)
    assert offerable_rest(start=start, end=end, now=start, tz=NY) == Interval(start, end)  # exactly at the start
    # At 10:50 the next start is 11:00, the end: nothing is left.
    assert offerable_rest(start=start, end=end, now=local(NY, day, 10, 50), tz=NY) is None
    assert offerable_rest(start=start, end=end, now=local(NY, day, 12), tz=NY) is None


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
            if (window.contains(slot) and any(s.contains(slot) for s in merge(shifts))
                    and not any(b.widen(buffer).overlaps(slot) for b in bookings)
                    and not any(b.overlaps(slot) for b in blocked)):
                slots.append(slot)
        minute += MIN
    return slots


@settings(max_examples=60, deadline=None)
@given(zone=st.sampled_from(ZONES), day=st.sampled_from(DAYS), shifts=st.lists(spans, min_size=1, max_size=4),
       bookings=st.lists(spans.map(lambda p: (p[0], p[1] % 90 + 1)), max_size=6),
       blocked=st.lists(spans, max_size=2), duration=st.sampled_from([15, 30, 45, 60]),
       buffer=st.integers(0, 30), step=st.sampled_from([5, 10, 15, 20, 30, 45, 60]))
def test_slots_respect_every_rule_and_match_a_brute_force_search(zone, day, shifts, bookings, blocked, duration,
                                                                  buffer, step):
    tz = ZoneInfo(zone)
    base = datetime.combine(day - timedelta(days=1), time(0), tzinfo=UTC)
    params = dict(shifts=to_intervals(base, shifts), bookings=to_intervals(base, bookings),
                  blocked=to_intervals(base, blocked), duration=duration * MIN, buffer=buffer * MIN,
                  step=step * MIN, window=Interval(base + 6 * 60 * MIN, base + 42 * 60 * MIN), tz=tz)
    slots = open_slots(**params)

    assert [s.start for s in slots] == sorted({s.start for s in slots})  # sorted and unique
    for slot in slots:
        assert slot.end - slot.start == duration * MIN
        assert not any(b.widen(buffer * MIN).overlaps(slot) for b in params["bookings"])
        assert any(s.contains(slot) for s in merge(params["shifts"]))
        wall = slot.start.astimezone(tz)
        assert (wall.hour * 60 + wall.minute) % step == 0 and wall.second == 0
    assert slots == oracle(**params)
