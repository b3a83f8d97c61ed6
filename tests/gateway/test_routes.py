"""The gateway's own routes refuse the roles they do not serve before touching any database."""

import httpx
import pytest

from services.gateway.app import create_app
from services.gateway.settings import Settings
from services.gateway.upstreams.client import Upstreams
from tests.support.dates import days_ahead
from tests.support.suite import token


@pytest.fixture
async def client():
    app = create_app(Settings(database_url="sqlite+aiosqlite:///:memory:"))  # no lifespan: no broker, no tables
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        yield client


async def test_the_dashboard_is_for_managers_and_user_admin_for_practice_admins(client):
    front_desk = {"Authorization": f"Bearer {token(roles=['front_desk'], locations=['*'])}"}
    manager = {"Authorization": f"Bearer {token(roles=['office_manager'], locations=['*'])}"}
    assert (
        await client.get(f"/api/v1/dashboard/locations/loc-a?day={days_ahead(14)}", headers=front_desk)
    ).status_code == 403
    assert (await client.get("/api/v1/users", headers=manager)).status_code == 403
    assert (await client.post("/api/v1/users", json={}, headers=manager)).status_code == 403


async def test_sign_in_input_is_validated_naming_the_field(client):
    response = await client.post("/api/v1/auth/sign-in", json={"email": "not-an-email", "password": "x"})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["body.email"]


async def test_the_integrators_page_links_both_documents(client):
    page = await client.get("/api/v1/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "/api/v1/openapi.json" in page.text and "/api/v1/asyncapi.json" in page.text
    events = (await client.get("/api/v1/asyncapi.json")).json()
    assert "scheduling.appointment" in events["channels"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/scheduling/patients/p-1%00",
        "/api/v1/scheduling/patients/p%1B1",
        "/api/v1/billing/claims/c%7F",
        "/api/v1/staff/locations/a%09/shifts",
        "/api/v1/facilities/purchase-orders/%09po/order",
    ],
)
async def test_a_control_character_in_the_path_is_400_before_proxying(client, url):
    admin = {"Authorization": f"Bearer {token(roles=['practice_admin'], locations=['*'])}"}
    response = await client.get(url, headers=admin)
    assert response.status_code == 400, response.text
    assert response.json()["field"] == "path" and "control character" in response.json()["message"]


async def test_an_id_holding_url_delimiters_reaches_the_service_as_one_segment(tmp_path):
    # found by `make fuzz`: a decoded `?` ended the forwarded path, and another route answered 405
    reached: list[httpx.Request] = []

    def service(request: httpx.Request) -> httpx.Response:
        reached.append(request)
        return httpx.Response(422, stream=httpx.ByteStream(b'{"error": "ValidationError"}'))

    app = create_app(Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/gateway.db"))
    runtime = app.state.runtime
    async with runtime.engine.begin() as connection:  # the revocation check reads its table
        await connection.run_sync(runtime.metadata.create_all)
    app.state.upstreams = Upstreams(Settings(), transport=httpx.MockTransport(service))
    admin = {"Authorization": f"Bearer {token(roles=['practice_admin'], locations=['*'])}"}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        response = await client.post("/api/v1/facilities/purchase-orders/a%3Fb%23c%25d%2Fe%20f/order", headers=admin)
    await runtime.engine.dispose()
    assert response.status_code == 422, response.text
    (request,) = reached
    assert request.url.raw_path == b"/purchase-orders/a%3Fb%23c%25d/e%20f/order" and request.url.query == b""


async def test_a_control_character_in_a_query_value_is_422_naming_it_before_proxying(client):
    admin = {"Authorization": f"Bearer {token(roles=['practice_admin'], locations=['*'])}"}
    response = await client.get("/api/v1/scheduling/patients?name=Lee%00&limit=5", headers=admin)
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == ["query.name"]


async def test_a_newline_in_a_query_value_is_text_not_a_refused_path():
    # found by `make fuzz`: the path check refused any control character in the query with an undocumented 400
    from fastapi import Request

    from services.gateway.upstreams.api import _refuse_control_characters

    scope = {"type": "http", "path": "/api/v1/inbox/tasks", "query_string": b"category=a%0Ab", "headers": []}
    _refuse_control_characters(Request(scope))  # passes: the text guard judges query text (newlines are text)


async def test_another_method_on_a_gateway_route_is_405_with_allow_not_a_proxied_404(client):
    # found by `make fuzz`: the proxy took `auth` for a service's name and answered 404
    refused = await client.put("/api/v1/auth/refresh", json={"refresh_token": "x" * 40})
    assert refused.status_code == 405 and refused.headers["allow"] == "POST", refused.text
    unknown = await client.get("/api/v1/no-such-service/x")
    assert unknown.status_code == 404 and unknown.json()["error"] == "NotFound"


async def test_the_sign_in_documents_its_refusal_and_every_body_its_validation_error(client):
    document = (await client.get("/openapi.json")).json()
    responses = document["paths"]["/api/v1/auth/sign-in"]["post"]["responses"]
    assert {"401", "413", "422", "429"} <= set(responses)
    assert "HTTPValidationError" not in str(document)  # FastAPI's 422 body, which the handler never sends
