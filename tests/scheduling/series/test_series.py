"""Recurring series: the same local time every week across DST, all or none, one occurrence moving alone."""

from datetime import date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from shared.clock import utcnow
from shared.contracts.staff import ShiftScheduled
from tests.support.dates import TUESDAY, at_local, iso_utc, next_dst_day, next_weekday
from tests.support.flow import practice, register_patient
from tests.support.suite import ADMIN_A
from tests.support.upstream import publish, wait_bookable
from tests.support.when import LA, span

pytestmark = pytest.mark.integration
SLOT = {"provider_id": "prov-1", "location_id": "loc-a", **span(2, "14:00", 30)}  # the shift's first half hour


def _tuesday_before_a_dst_change(tz: str, *, after: datetime) -> date:
    """The local date of the Tuesday before the zone's first UTC-offset change after `after` (from zoneinfo)."""
    change_day = next_dst_day(tz, after=after)
    return change_day - timedelta(days=(change_day.weekday() - TUESDAY) % 7 or 7)


async def test_a_weekly_series_keeps_its_local_time_across_dst_and_one_occurrence_moves_alone(make_suite):
    suite = make_suite("postgresql")
    await suite.start("scheduling")
    async with suite.client("scheduling", ADMIN_A) as scheduling:
        await practice(suite, scheduling, providers=("prov-1",))
        # Weekly from the Tuesday before Los Angeles' next clock change two weeks or more out: one before, two after.
        first = _tuesday_before_a_dst_change(LA, after=utcnow() + timedelta(weeks=2))
        days = [first + timedelta(weeks=n) for n in range(3)]
        for day in days:  # on shift 08:00-17:00 local those days, whatever the offset
            await publish(
                suite,
                ShiftScheduled(
                    shift_id=f"prov-1-{day}",
                    staff_id="prov-1",
                    location_id="loc-a",
                    start=at_local(day, 8, tz=LA),
                    end=at_local(day, 17, tz=LA),
                ),
                "prov-1",
            )
        await wait_bookable(
            scheduling,
            "prov-1",
            start=iso_utc(at_local(days[-1], 10, tz=LA)),
            end=iso_utc(at_local(days[-1], 10, 20, tz=LA)),
        )
        patient = await register_patient(scheduling)
        weekly = {
            **SLOT,
            "patient_id": patient,
            "start": iso_utc(at_local(first, 10, tz=LA)),
            "end": iso_utc(at_local(first, 10, 20, tz=LA)),
            "every": 1,
            "unit": "week",
            "count": 3,
        }
        series = await scheduling.post("/appointment-series", json=weekly)
        assert series.status_code == 201, series.text
        booked = series.json()
        starts = [datetime.fromisoformat(a["start"]).astimezone(ZoneInfo(LA)) for a in booked]
        # The same 10:00 wall clock every week, though the UTC offset changed between the first two.
        assert [(s.date(), s.strftime("%H:%M")) for s in starts] == [(d, "10:00") for d in days]
        assert starts[0].utcoffset() != starts[1].utcoffset() == starts[2].utcoffset()
        elapsed = [
            datetime.fromisoformat(b["start"]) - datetime.fromisoformat(a["start"])  # in UTC: real time
            for a, b in pairwise(booked)
        ]
        assert elapsed[0] in (timedelta(weeks=1, hours=-1), timedelta(weeks=1, hours=1))
        assert elapsed[1] == timedelta(weeks=1)
        assert len({a["series_id"] for a in booked}) == 1

        # The second occurrence moves to 11:00 alone; the others keep their times and have no history.
        moved = await scheduling.post(
            f"/appointments/{booked[1]['id']}/reschedule",
            json={"start": iso_utc(at_local(days[1], 11, tz=LA)), "end": iso_utc(at_local(days[1], 11, 20, tz=LA))},
        )
        assert moved.status_code == 200, moved.text
        now = [(await scheduling.get(f"/appointments/{a['id']}")).json() for a in booked]
        assert [(a["start"], a["end"], a["status"], a["series_id"]) for a in now] == [
            (booked[0]["start"], booked[0]["end"], "booked", booked[0]["series_id"]),
            (moved.json()["start"], moved.json()["end"], "booked", booked[0]["series_id"]),
            (booked[2]["start"], booked[2]["end"], "booked", booked[0]["series_id"]),
        ]
        assert datetime.fromisoformat(now[1]["start"]).astimezone(ZoneInfo(LA)).strftime("%H:%M") == "11:00"
        histories = [(await scheduling.get(f"/appointments/{a['id']}/history")).json() for a in booked]
        assert [[h["previous_start"] for h in history] for history in histories] == [[], [booked[1]["start"]], []]
        # One occurrence cancelled alone; the others stay booked.
        await scheduling.post(f"/appointments/{booked[2]['id']}/cancel", json={"by": "patient", "reason": "trip"})
        statuses = [(await scheduling.get(f"/appointments/{a['id']}")).json()["status"] for a in booked]
        assert statuses == ["booked", "booked", "cancelled"]

        # A series that runs into a week without a shift is refused whole, naming the occurrence.
        clash = await scheduling.post(
            "/appointment-series",
            json=weekly
            | {
                "patient_id": await register_patient(scheduling),
                "start": iso_utc(at_local(first, 12, tz=LA)),
                "end": iso_utc(at_local(first, 12, 20, tz=LA)),
                "count": 4,
            },
        )
        assert clash.status_code == 409 and clash.json()["occurrence"] == 4, clash.text  # no shift that week
        both = await scheduling.post("/appointment-series", json=weekly | {"until": str(days[-1])})
        assert [e["field"] for e in both.json()["errors"]] == ["body.count"]
    assert await suite.scalar("scheduling", "SELECT count(*) FROM appointment") == 3


def test_weekly_occurrences_keep_the_local_wall_clock_across_dst():
    from services.scheduling.series.schemas import SeriesIn
    from services.scheduling.series.service import occurrences

    ny = ZoneInfo("America/New_York")
    first = _tuesday_before_a_dst_change(ny.key, after=utcnow())
    rule = SeriesIn(
        patient_id="p",
        provider_id="d",
        location_id="l",
        start=at_local(first, 12, tz=ny.key),
        end=at_local(first, 12, 30, tz=ny.key),
        every=1,
        unit="week",
        count=3,
    )
    starts = [o.start.astimezone(ny) for o in occurrences(rule, ny)]
    assert [(s.date(), s.strftime("%H:%M")) for s in starts] == [
        (first + timedelta(weeks=n), "12:00") for n in range(3)
    ]
    assert starts[0].utcoffset() != starts[1].utcoffset() == starts[2].utcoffset()  # the change is in between


def test_a_series_whose_until_is_before_its_first_occurrence_is_refused_naming_until():
    from services.scheduling.series.schemas import SeriesIn
    from services.scheduling.series.service import occurrences
    from shared.errors import Unprocessable

    la = ZoneInfo("America/Los_Angeles")
    first = next_weekday(TUESDAY, tz=la.key)
    # 20:00 in Los Angeles is already the next day in UTC: `until` is compared with the local date.
    rule = dict(
        patient_id="p",
        provider_id="d",
        location_id="l",
        start=at_local(first, 20, tz=la.key),
        end=at_local(first, 20, 30, tz=la.key),
        every=1,
        unit="week",
    )
    with pytest.raises(Unprocessable) as refused:
        occurrences(SeriesIn(**rule, until=first - timedelta(days=1)), la)
    assert refused.value.field == "body.until" and str(first) in refused.value.message
    assert len(occurrences(SeriesIn(**rule, until=first), la)) == 1
