"""Walks every route of every service: none answers without a valid token, none to a role it does not serve.

The roles a route serves are read from its role dependency (`require_roles` and the gateway's
`require_user` record them), so each route is tried with every role it does not list.
"""

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
from services.inbox.app import create_app as inbox_app
from services.inbox.settings import Settings as InboxSettings
from services.scheduling.app import create_app as scheduling_app
from services.scheduling.settings import Settings as SchedulingSettings
from services.staff.app import create_app as staff_app
from services.staff.settings import Settings as StaffSettings
from shared.auth import Role
from tests.support.routes import guarded_routes
from tests.support.suite import token

MEMORY = "sqlite+aiosqlite:///:memory:"
APPS = {
    "scheduling": lambda: scheduling_app(SchedulingSettings(database_url=MEMORY)),
    "billing": lambda: billing_app(BillingSettings(database_url=MEMORY)),
    "staff": lambda: staff_app(StaffSettings(database_url=MEMORY)),
    "compliance": lambda: compliance_app(ComplianceSettings(database_url=MEMORY)),
    "gateway": lambda: gateway_app(GatewaySettings(database_url=MEMORY)),
    "facilities": lambda: facilities_app(FacilitiesSettings(database_url=MEMORY)),
    "inbox": lambda: inbox_app(InboxSettings(database_url=MEMORY)),
}
ROLELESS = token(roles=[], locations=["*"])


@pytest.mark.parametrize("service", APPS)
async def test_every_route_refuses_a_missing_token_and_every_role_it_does_not_serve(service):
    app = APPS[service]()  # no lifespan: the auth dependency answers before any database or broker work
    found = list(guarded_routes(app))
    assert found, "no routes found"
    unguarded = [(method, path) for method, path, roles in found if roles is None]
    assert not unguarded, f"routes without a role dependency: {unguarded}"
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        for method, path, roles in found:
            anonymous = await client.request(method, path, json={})
            assert anonymous.status_code == 401, (method, path, anonymous.text)
            for outsider in [ROLELESS] + [token(roles=[r], locations=["*"]) for r in Role if r not in roles]:
                refused = await client.request(method, path, json={}, headers={"Authorization": f"Bearer {outsider}"})
                assert refused.status_code == 403, (method, path, refused.text)
