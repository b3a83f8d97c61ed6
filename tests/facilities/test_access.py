"""Facilities' routes serve managers (and admins); only reporting a work order is open to all staff."""

import httpx

from services.facilities.app import create_app
from services.facilities.settings import Settings
from tests.support.routes import routes
from tests.support.suite import token

OPEN_TO_ALL_STAFF = {("POST", "/locations/x/work-orders")}
ADMINS_ONLY = {("POST", "/locations")}


async def test_a_biller_is_refused_everywhere_but_reporting_a_work_order_and_only_admins_open_locations():
    app = create_app(Settings(database_url="sqlite+aiosqlite:///:memory:"))
    biller = {"Authorization": f"Bearer {token(roles=['biller'], locations=['*'])}"}
    coordinator = {"Authorization": f"Bearer {token(roles=['facilities_coordinator'], locations=['*'])}"}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        for method, path in routes(app):
            answer = await client.request(method, path, json={}, headers=biller)
            if (method, path) in OPEN_TO_ALL_STAFF:
                assert answer.status_code == 422, (method, path, answer.text)  # past auth, into validation
            else:
                assert answer.status_code == 403, (method, path, answer.text)
        for method, path in ADMINS_ONLY:
            assert (await client.request(method, path, json={}, headers=coordinator)).status_code == 403
