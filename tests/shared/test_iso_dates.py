"""Every date and datetime a route takes is ISO 8601 text within 1900-2199: numbers and far years are 422s."""

from datetime import date

import httpx
import pytest
from pydantic import TypeAdapter, ValidationError

from services.billing.app import create_app as billing_app
from services.billing.settings import Settings as BillingSettings
from services.compliance.app import create_app as compliance_app
from services.compliance.settings import Settings as ComplianceSettings
from services.facilities.app import create_app as facilities_app
from services.facilities.settings import Settings as FacilitiesSettings
from services.scheduling.app import create_app as scheduling_app
from services.scheduling.settings import Settings as SchedulingSettings
from services.staff.app import create_app as staff_app
from services.staff.settings import Settings as StaffSettings
from shared.fields import Day, Instant
from tests.support.suite import token

MEMORY = "sqlite+aiosqlite:///:memory:"
ADMIN = {"Authorization": f"Bearer {token(roles=['practice_admin'], locations=['*'])}"}
PATIENT = {"family_name": "Rivera", "given_name": "Ana", "sex": "female", "location_id": "loc-a"}


@pytest.mark.parametrize("number", [0, 0.5, "0", "-2.2e-311", "1700000000", True])
def test_a_number_is_not_a_date_or_a_time(number):
    for kind in (Day, Instant):
        with pytest.raises(ValidationError, match="ISO 8601 text"):
            TypeAdapter(kind).validate_python(number)


@pytest.mark.parametrize("text", ["0001-01-01", "1899-12-31", "2200-01-01", "9999-12-31"])
def test_years_outside_1900_to_2199_are_refused(text):
    with pytest.raises(ValidationError, match="between 1900-01-01 and 2199-12-31"):
        TypeAdapter(Day).validate_python(text)
    with pytest.raises(ValidationError, match="between"):
        TypeAdapter(Instant).validate_python(f"{text}T12:00:00+00:00")


@pytest.mark.parametrize(
    ("kind", "text"),
    [(Day, "2030-W05-1"), (Day, "20300131"), (Instant, "2030-01-31 09:00:00Z"), (Instant, "2030-01-31T09:00:00")],
)
def test_only_the_forms_the_openapi_pattern_names_are_read(kind, text):
    # the pattern is the contract: a week date, a space for the T or a missing offset is refused, not guessed
    with pytest.raises(ValidationError, match="must be ISO 8601 text"):
        TypeAdapter(kind).validate_python(text)


def test_iso_text_within_the_range_passes():
    assert TypeAdapter(Day).validate_python("2030-01-31") == date(2030, 1, 31)
    assert TypeAdapter(Instant).validate_python("2030-01-31T09:00:00Z").isoformat() == "2030-01-31T09:00:00+00:00"


CASES = [  # the reproductions of issue 14: each answered 500, or read a number as 1970
    (billing_app, BillingSettings, "GET", "/reports/ar-aging?as_of=0", None, "query.as_of"),
    (
        billing_app,
        BillingSettings,
        "GET",
        "/locations/loc-a/budget-vs-actual?start=0000-01&end=2030-01",
        None,
        "query.start",
    ),
    (billing_app, BillingSettings, "GET", "/reports/collections?start=2030-01-01&end=9999-12-31", None, "query.end"),
    (compliance_app, ComplianceSettings, "GET", "/audit/records?until=0.5", None, "query.until"),
    (facilities_app, FacilitiesSettings, "POST", "/locations/loc-a/maintenance/run", {"as_of": "0"}, "body.as_of"),
    (scheduling_app, SchedulingSettings, "POST", "/patients", PATIENT | {"birth_date": -2.2e-311}, "body.birth_date"),
    (
        scheduling_app,
        SchedulingSettings,
        "POST",
        "/patients",
        PATIENT | {"birth_date": "0001-01-01"},
        "body.birth_date",
    ),
    (scheduling_app, SchedulingSettings, "GET", "/locations/loc-a/day-sheet?day=9999-12-31", None, "query.day"),
    (
        staff_app,
        StaffSettings,
        "POST",
        "/shifts",
        {"staff_id": "s1", "location_id": "loc-a", "start": "9999-12-31T20:00:00", "end": "9999-12-31T23:00:00"},
        "body.start",
    ),
    (  # found by `make fuzz`: a number read as seconds past midnight in UTC, compared with naive times → 500
        facilities_app,
        FacilitiesSettings,
        "PATCH",
        "/locations/loc-a",
        {"opening_hours": [{"weekday": 0, "opens": 0, "closes": "00:00"}]},
        "body.opening_hours.0.opens",
    ),
]


@pytest.mark.parametrize(("create", "settings", "method", "path", "body", "field"), CASES)
async def test_the_reproductions_are_422_naming_the_field(create, settings, method, path, body, field):
    app = create(settings(database_url=MEMORY))  # no lifespan: validation answers before any database work
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        response = await client.request(method, path, json=body, headers=ADMIN)
    assert response.status_code == 422, response.text
    assert field in [e["field"] for e in response.json()["errors"]], response.text
