"""Walks every route of every service: none answers without a valid token, none to a role it does not serve."""

import re

import httpx
import pytest

from services.billing.app import create_app as billing_app
from services.billing.settings import Settings as BillingSettings
from services.compliance.app import create_app as compliance_app
from services.compliance.settings import Settings as ComplianceSettings
from services.facilities.app import create_app as facilities_app
from services.facilities.settings import Settings as FacilitiesSettings
from services.gateway.app import create_app as gateway_app
from services.gateway.settings import Settings as GatewaySettings
from services.scheduling.app import create_app as scheduling_app
from services.scheduling.settings import Settings as SchedulingSettings
from services.staff.app import create_app as staff_app
from services.staff.settings import Settings as StaffSettings
from tests.support.suite import token

APPS = {
    "scheduling": (lambda: scheduling_app(SchedulingSettings(database_url="sqlite+aiosqlite:///:memory:")),
                   "biller"),
    "billing": (lambda: billing_app(BillingSettings(database_url="sqlite+aiosqlite:///:memory:")),
                "clinician"),  # the front desk takes copays at check-in
    "staff": (lambda: staff_app(StaffSettings(database_url="sqlite+aiosqlite:///:memory:")), "biller"),
    # Every staff member attests for themselves; tests/compliance/unit/test_access.py refuses the rest.
    "compliance": (lambda: compliance_app(ComplianceSettings(database_url="sqlite+aiosqlite:///:memory:")),
                   "patient"),
    # Sign-out serves every clinicops role, so only a token without one is a foreign role there.
    "gateway": (lambda: gateway_app(GatewaySettings(database_url="sqlite+aiosqlite:///:memory:")), "patient"),
    # Anyone on staff may report a work order; tests/facilities/unit/test_access.py refuses a biller elsewhere.
    "facilities": (lambda: facilities_app(FacilitiesSettings(database_url="sqlite+aiosqlite:///:memory:")),
                   "patient"),
}
PUBLIC = re.compile(r"^/(health/|openapi.json|docs|redoc|api/v1/auth/(sign-in|refresh)$)")


def routes(app):
    """Every (method, path) the service documents, path parameters filled in."""
    for path, operations in app.openapi()["paths"].items():
        if not PUBLIC.match(path):
            for method in operations:
                yield method.upper(), re.sub(r"{[^}]+}", "x", path)


@pytest.mark.parametrize("service", APPS)
async def test_every_route_refuses_a_missing_token_and_a_foreign_role(service):
    make_app, outsider_role = APPS[service]
    app = make_app()  # no lifespan: the auth dependency answers before any database or broker work
    found = list(routes(app))
    assert found, "no routes found"
    outsider = token(roles=[outsider_role], locations=["*"])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        for method, path in found:
            anonymous = await client.request(method, path, json={})
            assert anonymous.status_code == 401, (method, path, anonymous.text)
            foreign = await client.request(method, path, json={}, headers={"Authorization": f"Bearer {outsider}"})
            assert foreign.status_code == 403, (method, path, foreign.text)
