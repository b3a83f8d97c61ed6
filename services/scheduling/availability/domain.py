"""Slot arithmetic: open appointment slots from shifts, bookings, buffers, closures and rooms. No I/O.

Everything is computed on UTC instants; the location's timezone only decides where the
wall-clock grid (:00, :15, ...) and the opening hours fall. Choices at DST changes:
- Candidate starts are local wall-clock times on the step grid counted from local midnight.
  A time that does not exist (spring-forward gap) gives no candidate; a time that happens
  twice (fall-back overlap) gives one candidate for each of its two instants.
- Durations and buffers are elapsed time: a 30-minute visit starting 01:45 in Berlin on the
  spring-forward day ends at 03:15 local, 30 real minutes later.
- Opening-hour boundaries use zoneinfo's fold=0 (PEP 495): an ambiguous time is its earlier
  instant; a nonexistent one is read with the offset before the jump (02:30 -> 03:30 EDT).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

OpeningHours = dict[int, list[tuple[time, time]]]  # local weekday (0 = Monday) -> [(opens, closes)]
ZERO = timedelta(0)
STEP = timedelta(minutes=15)  # the wall-clock grid slots start on


@dataclass(frozen=True, order=True)
class Interval:
    """A half-open span [start, end) of time, held in UTC."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("Interval needs timezone-aware datetimes")
        # Held in UTC so that equality, hashing and ordering compare instants, never wall clocks. Most come from
        # the database or from other intervals already in UTC: those are kept as they are (a search makes many).
        if self.start.tzinfo is not UTC:
            object.__setattr__(self, "start", self.start.astimezone(UTC))
        if self.end.tzinfo is not UTC:
            object.__setattr__(self, "end", self.end.astimezone(UTC))
        if self.start >= self.end:
            raise ValueError(f"Interval must start before it ends: {self.start} >= {self.end}")

    def overlaps(self, other: Interval) -> bool:
        """True when the two spans share an instant (touching ends do not)."""
        return self.start < other.end and other.start < self.end

    def contains(self, other: Interval) -> bool:
        """True when `other` lies wholly inside this span."""
        return self.start <= other.start and other.end <= self.end

    def widen(self, by: timedelta) -> Interval:
        """This span grown by `by` on both sides."""
        return Interval(self.start - by, self.end + by)

    def subtract(self, intervals: Iterable[Interval]) -> list[Interval]:
        """The parts of this span that no interval in `intervals` covers, in order."""
        pieces, cursor = [], self.start
        for cut in merge(i for i in intervals if i.overlaps(self)):
            if cut.start > cursor:
                pieces.append(Interval(cursor, cut.start))
            cursor = max(cursor, cut.end)
        if cursor < self.end:
            pieces.append(Interval(cursor, self.end))
        return pieces


@dataclass(frozen=True, slots=True)
class OpenSlot:
    """A bookable time of one provider and the rooms free for it (the route's SlotOut, without validating it)."""

    start: datetime
    end: datetime
    provider_id: str
    room_ids: list[str]


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """The union as sorted, disjoint spans; overlapping or touching spans join."""
    merged: list[Interval] = []
    for span in sorted(intervals):
        if merged and span.start <= merged[-1].end:
            if span.end > merged[-1].end:
                merged[-1] = Interval(merged[-1].start, span.end)
        else:
            merged.append(span)
    return merged


def intersect(a: Iterable[Interval], b: Iterable[Interval]) -> list[Interval]:
    """The instants in both unions, as sorted disjoint spans."""
    b = merge(b)
    clipped = [Interval(max(x.start, y.start), min(x.end, y.end)) for x in merge(a) for y in b if x.overlaps(y)]
    return merge(clipped)


def free_time(*, available: Iterable[Interval], busy: Iterable[Interval]) -> list[Interval]:
    """The union of `available` minus every `busy` span, as sorted disjoint spans."""
    busy = merge(busy)
    return [piece for span in merge(available) for piece in span.subtract(busy)]


def _instant(day: date, wall: time, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, wall.replace(tzinfo=None), tzinfo=tz).astimezone(UTC)


def _local_days(window: Interval, tz: ZoneInfo) -> list[date]:
    first, last = window.start.astimezone(tz).date(), window.end.astimezone(tz).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _opening_spans(
    days: list[date], tz: ZoneInfo, hours: OpeningHours | None, closed_on: Iterable[date]
) -> list[Interval]:
    closed = set(closed_on)
    open_days = [d for d in days if d not in closed]
    if hours is None:  # no opening hours known: whole local days, still minus closed dates
        return [Interval(_instant(d, time(0), tz), _instant(d + timedelta(days=1), time(0), tz)) for d in open_days]
    return [
        Interval(_instant(d, opens, tz), _instant(d, closes, tz))
        for d in open_days
        for opens, closes in hours.get(d.weekday(), ())
    ]


def _grid(day: date, tz: ZoneInfo, step: timedelta) -> Iterator[datetime]:
    """UTC instants whose local wall clock on `day` is on the step grid; both folds of a repeated time."""
    wall = datetime.combine(day, time(0))
    while wall.date() == day:
        for fold in (0, 1):
            instant = wall.replace(tzinfo=tz, fold=fold).astimezone(UTC)
            # A time in the spring-forward gap does not survive the round trip; naive == ignores fold.
            if instant.astimezone(tz).replace(tzinfo=None) == wall:
                yield instant
        wall += step  # naive arithmetic: the grid is on the wall clock, not on elapsed time


def next_grid_start(moment: datetime, tz: ZoneInfo, step: timedelta = STEP) -> datetime:
    """The first instant at or after `moment` that is on the local step grid, as open_slots' starts are."""
    if step <= ZERO or step > timedelta(days=1):
        raise ValueError("step must be positive and at most a day")
    day = moment.astimezone(tz).date()
    # Two local days: the grid of `moment`'s day may end before it (a step that does not divide the day).
    return min(s for d in (day, day + timedelta(days=1)) for s in _grid(d, tz, step) if s >= moment)


@lru_cache(maxsize=512)
def _grid_starts(days: tuple[date, ...], tz: ZoneInfo, step: timedelta) -> tuple[datetime, ...]:
    """Every candidate start of the days, sorted: the same for each provider of a search, so made once."""
    return tuple(sorted({s for d in days for s in _grid(d, tz, step)}))


def open_slots(
    *,
    shifts: Iterable[Interval],
    bookings: Iterable[Interval],
    blocked: Iterable[Interval],
    duration: timedelta,
    buffer: timedelta,
    step: timedelta,
    window: Interval,
    tz: ZoneInfo,
    opening_hours: OpeningHours | None = None,
    closed_on: Iterable[date] = frozenset(),
) -> list[Interval]:
    """Bookable [start, start + duration) spans in UTC, sorted by start (see the module doc for DST)."""
    if duration <= ZERO or step <= ZERO or buffer < ZERO:
        raise ValueError("duration and step must be positive, buffer not negative")
    days = _local_days(window, tz)
    available = intersect(intersect(shifts, [window]), _opening_spans(days, tz, opening_hours, closed_on))
    # A booking keeps `buffer` clear on both sides; time off and closures are used as they are.
    busy = [b.widen(buffer) for b in bookings] + list(blocked)
    starts = _grid_starts(tuple(days), tz, step)
    slots = []
    # The free spans are sorted and disjoint: each start that fits lies in exactly one, found by bisection, so a
    # search costs the slots it finds rather than every grid point of the week.
    for span in free_time(available=available, busy=busy):
        latest = span.end - duration
        for i in range(bisect_left(starts, span.start), bisect_right(starts, latest)):
            slots.append(Interval(starts[i], starts[i] + duration))
    return slots


def rooms_free(*, slot: Interval, rooms: dict[str, list[Interval]]) -> list[str]:
    """Ids of the rooms whose busy list (bookings, out of service) leaves `slot` clear, sorted."""
    return sorted(room for room, busy in rooms.items() if not any(b.overlaps(slot) for b in busy))


def open_slots_with_rooms(*, rooms: dict[str, list[Interval]], **search: Any) -> list[tuple[Interval, list[str]]]:
    """open_slots(**search) paired with their free rooms; a slot with no free room is dropped."""
    paired = ((slot, rooms_free(slot=slot, rooms=rooms)) for slot in open_slots(**search))
    return [(slot, free) for slot, free in paired if free]
