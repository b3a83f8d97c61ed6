"""Facilities' routes serve managers and admins; reading locations and reporting a work order are open to all."""

import httpx

from services.facilities.app import create_app
from services.facilities.settings import Settings
from tests.support.routes import routes
from tests.support.suite import token

# What a biller gets past the role check: a work order's validation, the (empty) list, an unknown location.
OPEN_TO_ALL_STAFF = {
    ("POST", "/locations/x/work-orders"): 422,
    ("GET", "/locations"): 200,
    ("GET", "/locations/x"): 404,
}
ADMINS_ONLY = {("POST", "/locations")}


async def test_a_biller_reads_locations_and_reports_work_orders_only_and_only_admins_open_locations():
    app = create_app(Settings(database_url="sqlite+aiosqlite:///:memory:"))
    biller = {"Authorization": f"Bearer {token(roles=['biller'], locations=['*'])}"}
    coordinator = {"Authorization": f"Bearer {token(roles=['facilities_coordinator'], locations=['*'])}"}
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, raise_app_exceptions=False), base_url="http://t"
    ) as client:
        for method, path in routes(app):
            answer = await client.request(method, path, json={}, headers=biller)
            if (method, path) in OPEN_TO_ALL_STAFF:
                # Past the role check: a work order into validation; the reads (no tables here) into the database.
                assert answer.status_code in (422, 500), (method, path, answer.text)
            else:
                assert answer.status_code == 403, (method, path, answer.text)
        for method, path in ADMINS_ONLY:
            assert (await client.request(method, path, json={}, headers=coordinator)).status_code == 403
