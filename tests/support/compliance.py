"""Helpers of compliance's integration tests: tokens, waiting on eventually consistent reads, an OSHA case."""

import time
from datetime import UTC, datetime, timedelta

from shared.clock import local_date, utcnow
from tests.support.dates import days_ago
from tests.support.suite import token

OFFICER = token(roles=["compliance_officer"], locations=["*"], sub="officer-olga")
OFFICER_A = token(roles=["compliance_officer"], locations=["loc-a"], sub="officer-ann")


def zones_off_utc_date(*, margin: timedelta = timedelta(minutes=10)) -> dict[str, str]:
    """Zones on another date than UTC now and for `margin` more: {"ahead": zone, "behind": zone}.

    UTC+14 is a day ahead from 10:00 to 24:00 UTC, UTC-11 a day behind until 11:00 UTC, so at
    least one direction is always found (both between 10:00 and 11:00).
    """
    now, found = utcnow(), {}
    if (now + margin).date() != now.date():
        # In the last minutes before UTC midnight no zone stays on another date for the whole window:
        # wait for the UTC date to turn (at most `margin`), then a zone behind UTC is a day behind.
        time.sleep(
            (datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), UTC) - now).total_seconds() + 1
        )
        now = utcnow()
    for direction, step, zones in (
        ("ahead", 1, ("Pacific/Kiritimati", "Pacific/Tongatapu")),
        ("behind", -1, ("Pacific/Pago_Pago", "Etc/GMT+12")),
    ):
        for zone in zones:
            if all(local_date(moment, zone) == moment.date() + timedelta(days=step) for moment in (now, now + margin)):
                found[direction] = zone
                break
    assert found, f"no zone found on another date than UTC at {now}"
    return found


# A month-old case: OSHA logs are per calendar year, so a test counting cases reads this one's year.
CASE_OCCURRED = days_ago(30)
CASE_DETAILS_301 = {
    "activity_before": "recapping a needle",
    "what_happened": "needle slipped",
    "injury_and_body_part": "puncture, left index finger",
}


def osha_case(**overrides) -> dict:
    """The body of POST /osha/cases for a needlestick at loc-a; `overrides` replace its fields."""
    return {
        "location_id": "loc-a",
        "employee_name": "Sam Poe",
        "job_title": "Medical assistant",
        "occurred_on": CASE_OCCURRED.isoformat(),
        "where": "Exam room 2",
        "description": "needlestick",
        "classification": "other_recordable",
        "injury_type": "injury",
        "details_301": CASE_DETAILS_301,
    } | overrides


async def json_of(client, path: str, **params):
    response = await client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()
