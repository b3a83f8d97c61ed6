"""Walks every route of every service: none answers without a valid token, none to a role it does not serve."""

import re

import httpx
import pytest

from services.billing.app import create_app as billing_app
from services.billing.settings import Settings as BillingSettings
from services.scheduling.app import create_app as scheduling_app
from services.scheduling.settings import Settings as SchedulingSettings
from tests.support.suite import token

APPS = {
    "scheduling": (lambda: scheduling_app(SchedulingSettings(database_url="sqlite+aiosqlite:///:memory:")),
                   "biller"),
    "billing": (lambda: billing_app(BillingSettings(database_url="sqlite+aiosqlite:///:memory:")),
                "front_desk"),
}
PUBLIC = re.compile(r"^/(health/|openapi.json|docs|redoc)")


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
