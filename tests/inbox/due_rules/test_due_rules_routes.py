"""Due rules on a running inbox: seeded defaults, edited by the office manager, applied in the location's
business hours and timezone (from facilities' LocationOpened on the real broker)."""

import asyncio
from datetime import datetime, time, timedelta

import pytest

from services.inbox.due_rules.domain import Hours, add_business_minutes
from shared.contracts.facilities import LocationOpened, OpeningHours
from tests.support.suite import token
from tests.support.upstream import publish

pytestmark = pytest.mark.integration

MANAGER = token(roles=["office_manager"], locations=["loc-a"], sub="om-a")
DESK = token(roles=["front_desk"], locations=["loc-a"], sub="desk-a")
TASK = {"category": "claim", "location_id": "loc-a", "role": "biller", "title": "Look at the claim"}


async def test_rules_are_seeded_edited_by_managers_and_count_business_hours(make_suite):
    suite = make_suite()
    await suite.start("inbox")
    hours = [OpeningHours(weekday=d, opens="08:00", closes="12:00") for d in range(5)]
    await publish(
        suite,
        LocationOpened(
            location_id="loc-a", name="Main", state="CA", timezone="America/Los_Angeles", opening_hours=hours
        ),
        "loc-a",
    )
    async with suite.client("inbox", MANAGER) as manager, suite.client("inbox", DESK) as desk:
        rules = (await desk.get("/due-rules")).json()
        assert {(r["category"], r["priority"], r["minutes"], r["business_hours"]) for r in rules} == {
            ("*", "routine", 1440, True),
            ("*", "urgent", 480, True),
            ("*", "asap", 120, True),
            ("*", "stat", 30, False),
        }
        assert (await desk.put("/due-rules/claim/urgent", json={"minutes": 60})).status_code == 403
        bad = await manager.put("/due-rules/claim/urgent", json={"minutes": 0})
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.minutes"
        assert (await manager.put("/due-rules/claim/whenever", json={"minutes": 5})).status_code == 422
        set_ = await manager.put("/due-rules/claim/urgent", json={"minutes": 60, "business_hours": False})
        assert set_.status_code == 200 and set_.json()["updated_by"] == "om-a"

        wall_clock = (await manager.post("/tasks", json=TASK | {"priority": "urgent"})).json()
        created = datetime.fromisoformat(wall_clock["created_at"])
        assert datetime.fromisoformat(wall_clock["due_at"]) - created == timedelta(minutes=60)

        for _ in range(150):  # the location's hours arrive from the broker
            if await suite.scalar("inbox", "SELECT count(*) FROM location"):
                break
            await asyncio.sleep(0.2)
        routine = (await manager.post("/tasks", json=TASK | {"priority": "routine"})).json()
    created = datetime.fromisoformat(routine["created_at"])
    expected = add_business_minutes(
        created,
        1440,
        timezone="America/Los_Angeles",
        hours=[Hours(d, time(8), time(12)) for d in range(5)],
        closed_on=set(),
    )
    due = datetime.fromisoformat(routine["due_at"])
    assert abs(due - expected) < timedelta(seconds=1)
    assert due - created >= timedelta(days=6)  # 24 working hours of 4-hour days: six working days at least
