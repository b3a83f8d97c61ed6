"""A yes/no field of a request body takes true or false only: 0, 1 or "yes" is a 422 naming it (found by fuzz)."""

import httpx
import pytest

from services.compliance.app import create_app as compliance_app
from services.compliance.settings import Settings as ComplianceSettings
from services.scheduling.app import create_app as scheduling_app
from services.scheduling.settings import Settings as SchedulingSettings
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
