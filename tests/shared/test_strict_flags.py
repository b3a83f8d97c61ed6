"""Body fields take their JSON type only (found by `make fuzz`): a flag true or false, a count a whole number,
a wall-clock time HH:MM text; 0 for false, false for 0 or 0 for midnight is a 422 naming the field."""

import httpx
import pytest

from services.compliance.app import create_app as compliance_app
from services.compliance.settings import Settings as ComplianceSettings
from services.facilities.app import create_app as facilities_app
from services.facilities.settings import Settings as FacilitiesSettings
from services.scheduling.app import create_app as scheduling_app
from services.scheduling.settings import Settings as SchedulingSettings
from services.staff.app import create_app as staff_app
from services.staff.settings import Settings as StaffSettings
from tests.support.suite import token

MEMORY = "sqlite+aiosqlite:///:memory:"
ADMIN = {"Authorization": f"Bearer {token(roles=['practice_admin'], locations=['*'])}"}

CASES = [
    (scheduling_app, SchedulingSettings, "/locations/loc-a/appointment-types", "requires_dea"),
    (compliance_app, ComplianceSettings, "/osha/cases", "privacy_case"),
]


@pytest.mark.parametrize(("create", "settings", "path", "flag"), CASES)
@pytest.mark.parametrize("value", [0, 1, "yes"])
async def test_a_flag_is_true_or_false_not_a_number_or_a_word(create, settings, path, flag, value):
    app = create(settings(database_url=MEMORY))  # no lifespan: validation answers before any database work
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        response = await client.post(path, json={flag: value}, headers=ADMIN)
    assert response.status_code == 422, response.text
    assert f"body.{flag}" in [e["field"] for e in response.json()["errors"]], response.text


WRONG_TYPES = [
    (compliance_app, ComplianceSettings, "POST", "/osha/cases", {"days_restricted": True}, "body.days_restricted"),
    (
        facilities_app,
        FacilitiesSettings,
        "PATCH",
        "/locations/loc-a",
        {"cancellation_notice_hours": False},
        "body.cancellation_notice_hours",
    ),
    (
        staff_app,
        StaffSettings,
        "POST",
        "/locations/loc-a/roster-templates",
        {"name": "week", "entries": [{"staff_id": "s1", "weekday": 0, "start": "00:00:00Z", "end": 0}]},
        "body.entries.0.end",
    ),
    (scheduling_app, SchedulingSettings, "POST", "/waitlist", {"priority": 1.5}, "body.priority"),
]


@pytest.mark.parametrize(("create", "settings", "method", "path", "body", "field"), WRONG_TYPES)
async def test_a_count_is_a_whole_number_and_a_wall_clock_time_is_text(create, settings, method, path, body, field):
    app = create(settings(database_url=MEMORY))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        response = await client.request(method, path, json=body, headers=ADMIN)
    assert response.status_code == 422, response.text
    fields = [e["field"] for e in response.json()["errors"]]
    assert field in fields, response.text
