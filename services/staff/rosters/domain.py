"""Rosters' pure rules: local wall-clock times at a location, coverage gaps, time off cut out of shifts."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

MAX_RANGE_DAYS = 92  # the longest span of days one roster read or generation covers


def aware_at(moment: datetime, timezone: str) -> datetime:
    """An aware instant as given, or a wall-clock time read in the location's timezone."""
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(timezone))


def local_instant(day: date, at: time, timezone: str) -> datetime:
    """A local wall-clock time of a day at a location, as an aware datetime (DST aware)."""
    return datetime.combine(day, at, ZoneInfo(timezone))


def local_span(day: date, start: time, end: time, timezone: str) -> tuple[datetime, datetime]:
    """[start, end) of a local day; an end at or before the start is on the next day (night shifts)."""
    end_day = day if end > start else day + timedelta(days=1)
    return local_instant(day, start, timezone), local_instant(end_day, end, timezone)


@dataclass(frozen=True)
class Gap:
    role: str
    required: int
    scheduled: int
    start: datetime
    end: datetime


def coverage_gaps(
    *, role: str, required: int, window: tuple[datetime, datetime], on_duty: Iterable[tuple[datetime, datetime]]
) -> list[Gap]:
    """Intervals of `window` where fewer than `required` people of `role` are on duty."""
    start, end = window
    spans = [(max(s, start), min(e, end)) for s, e in on_duty if s < end and e > start]
    points = sorted({start, end, *(p for span in spans for p in span)})
    gaps: list[Gap] = []
    for left, right in pairwise(points):
        scheduled = sum(1 for s, e in spans if s <= left and e >= right)
        if scheduled >= required:
            continue
        if gaps and gaps[-1].end == left and gaps[-1].scheduled == scheduled:
            gaps[-1] = Gap(role, required, scheduled, gaps[-1].start, right)
        else:
            gaps.append(Gap(role, required, scheduled, left, right))
    return gaps


Span = tuple[datetime, datetime]


def subtract(span: Span, holes: Iterable[Span]) -> list[Span]:
    """What remains of `span` outside `holes` (a shift minus its member's approved time off)."""
    pieces = [span]
    for hole_start, hole_end in holes:
        next_pieces = []
        for s, e in pieces:
            if hole_end <= s or hole_start >= e:
                next_pieces.append((s, e))
                continue
            if s < hole_start:
                next_pieces.append((s, hole_start))
            if hole_end < e:
                next_pieces.append((hole_end, e))
        pieces = next_pieces
    return pieces
