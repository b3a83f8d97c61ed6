"""The gateway in front of all five services on the real broker: identity, scope, dashboard, failures."""

import asyncio

import pytest

from tests.gateway.conftest import ADMIN_EMAIL, ADMIN_PASSWORD, SECOND_FACTORS, credentials, logged
from tests.gateway.oidc_provider import OTHER_KEY, provider_token
from tests.support.flow import register_patient
from tests.support.upstream import SHIFT_DAYS, SLOT_END, SLOT_START, seed_practice, wait_bookable

pytestmark = pytest.mark.integration
DAY = SHIFT_DAYS[0]  # the seeded providers' first shift, weeks from now


async def sign_in(gw, email: str, password: str):
    return await gw.post("/api/v1/auth/sign-in", json=credentials(email, password))


async def new_user(stack, admin_token: str, email: str, roles: list[str], locations: list[str]) -> dict:
    async with stack.client(admin_token) as gw:
        response = await gw.post(
            "/api/v1/users",
            json={"email": email, "password": "a-long-password-1", "roles": roles, "locations": locations},
        )
        assert response.status_code == 201, response.text
        if factor := response.json()["second_factor"]:  # an admin: enrolled in TOTP, shown once
            SECOND_FACTORS[email.lower()] = factor["secret"]
    async with stack.client() as gw:
        response = await sign_in(gw, email, "a-long-password-1")
        assert response.status_code == 200, response.text
        return response.json()


async def test_sign_in_refresh_rotation_lockout_and_sign_out(stack):
    async with stack.client() as gw:
        assert (await sign_in(gw, ADMIN_EMAIL, "wrong-password")).status_code == 401
        assert (await sign_in(gw, "nobody@example.com", ADMIN_PASSWORD)).status_code == 401
        admin = (await sign_in(gw, ADMIN_EMAIL.upper(), ADMIN_PASSWORD)).json()
        assert admin["token_type"] == "bearer" and admin["expires_in"] == 900
        assert (await gw.get("/api/v1/scheduling/patients", params={"location_id": "loc-a"})).status_code == 401
        forged = {"Authorization": "Bearer not-a-jwt"}
        assert (await gw.get("/api/v1/scheduling/patients", headers=forged)).status_code == 401

    # The access token is the JWT every service verifies; ids travel with the request.
    async with stack.client(admin["access_token"], **{"X-Correlation-ID": "corr-gw-1"}) as gw:
        response = await gw.post(
            "/api/v1/scheduling/patients",
            json={
                "family_name": "Rivera",
                "given_name": "Ana",
                "birth_date": "1975-04-12",
                "sex": "female",
                "location_id": "loc-a",
            },
        )
        assert response.status_code == 201, response.text
        assert response.headers.get_list("x-correlation-id") == ["corr-gw-1"]
        await logged(stack.suite, "scheduling", "corr-gw-1")

    desk = await new_user(stack, admin["access_token"], "desk@example.com", ["front_desk"], ["loc-a"])
    async with stack.client() as gw:
        # At once: the row lock counts each failure, none is lost to a concurrent update.
        failures = await asyncio.gather(*(sign_in(gw, "desk@example.com", "not-the-password") for _ in range(3)))
        assert [f.status_code for f in failures] == [401] * 3
        assert (await sign_in(gw, "desk@example.com", "a-long-password-1")).status_code == 401  # locked
        locked = await stack.suite.scalar(
            "gateway", "SELECT locked_until FROM user_account WHERE email = :e", e="desk@example.com"
        )
        assert locked is not None

        # Rotation: each refresh token works once; replaying a used one revokes the whole session.
        rotated = await gw.post("/api/v1/auth/refresh", json={"refresh_token": desk["refresh_token"]})
        assert rotated.status_code == 200
        assert rotated.json()["refresh_token"] != desk["refresh_token"]
        assert (await gw.post("/api/v1/auth/refresh", json={"refresh_token": desk["refresh_token"]})).status_code == 401
        assert (
            await gw.post("/api/v1/auth/refresh", json={"refresh_token": rotated.json()["refresh_token"]})
        ).status_code == 401

    session = (await sign_in(stack.client(), ADMIN_EMAIL, ADMIN_PASSWORD)).json()
    async with stack.client(session["access_token"]) as gw:
        assert (await gw.get("/api/v1/users")).status_code == 200
        assert (
            await gw.post("/api/v1/auth/sign-out", json={"refresh_token": session["refresh_token"]})
        ).status_code == 204
        refused = await gw.get("/api/v1/scheduling/patients", params={"location_id": "loc-a"})
        assert refused.status_code == 401 and "revoked" in refused.json()["message"]
        assert (await gw.get(f"/api/v1/dashboard/locations/loc-a?day={DAY}")).status_code == 401
        assert (
            await gw.post("/api/v1/auth/refresh", json={"refresh_token": session["refresh_token"]})
        ).status_code == 401


async def test_dashboard_aggregates_every_section_and_refuses_another_location(stack):
    admin = (await sign_in(stack.client(), ADMIN_EMAIL, ADMIN_PASSWORD)).json()["access_token"]
    manager_a = (await new_user(stack, admin, "manager-a@example.com", ["practice_admin"], ["loc-a"]))["access_token"]
    await seed_practice(stack.suite)
    async with stack.client(manager_a) as gw, stack.client(manager_a) as scheduling:
        scheduling.base_url = f"{stack.url}/api/v1/scheduling"
        await wait_bookable(scheduling, "prov-7")
        patient_id = await register_patient(scheduling)
        booked = await scheduling.post(
            "/appointments",
            json={
                "patient_id": patient_id,
                "provider_id": "prov-7",
                "location_id": "loc-a",
                "start": SLOT_START,
                "end": SLOT_END,
            },
        )
        assert booked.status_code == 201, booked.text

        dashboard = (await gw.get("/api/v1/dashboard/locations/loc-a", params={"day": DAY})).json()
        assert dashboard["appointments"] == {"available": True, "reason": None, "total": 1, "by_status": {"booked": 1}}
        sections = {k: v for k, v in dashboard.items() if isinstance(v, dict)}
        assert len(sections) == 7
        # A practice admin with every service up: each section answers, so the screen is whole.
        assert {name: (s["available"], s["reason"]) for name, s in sections.items()} == {
            name: (True, None) for name in sections
        }
        assert dashboard["partial"] is False

        page = await gw.get("/api/v1/")
        assert all(link in page.text for link in ('"/api/v1/openapi.json"', '"/api/v1/asyncapi.json"', '"/docs"'))
        events = (await gw.get("/api/v1/asyncapi.json")).json()
        assert events["channels"]["scheduling.appointment"]["address"] == stack.suite.topic("scheduling.appointment")
        # Another location's dashboard is refused; every other route is walked in test_location_walk.py.
        assert (await gw.get("/api/v1/dashboard/locations/loc-b", params={"day": DAY})).status_code == 403


async def test_a_trusted_providers_token_reaches_the_services_as_an_internal_token_and_signs_out(stack):
    external = provider_token()  # office_manager at loc-a, after the role mapping
    async with stack.client(external) as gw:
        day_sheet = await gw.get("/api/v1/scheduling/locations/loc-a/day-sheet", params={"day": DAY})
        assert day_sheet.status_code == 200, day_sheet.text
        assert (await gw.get("/api/v1/scheduling/locations/loc-b/day-sheet", params={"day": DAY})).status_code == 403
        assert (await gw.get("/api/v1/users")).status_code == 403  # not a practice admin
        assert (await gw.post("/api/v1/auth/sign-out")).status_code == 204
        assert (await gw.get("/api/v1/scheduling/locations/loc-a/day-sheet", params={"day": DAY})).status_code == 401
    async with stack.client(provider_token(key=OTHER_KEY, jti="forged")) as gw:
        assert (await gw.get("/api/v1/scheduling/locations/loc-a/day-sheet", params={"day": DAY})).status_code == 401


async def test_a_stopped_service_is_a_503_naming_it_while_the_others_answer_and_the_dashboard_is_partial(stack):
    """Runs last in this module: it stops billing for good."""
    admin = (await sign_in(stack.client(), ADMIN_EMAIL, ADMIN_PASSWORD)).json()["access_token"]
    stack.suite.kill("billing")
    async with stack.client(admin) as gw:
        for method, path in (("GET", "/api/v1/billing/locations/loc-a/claims"), ("POST", "/api/v1/billing/payers")):
            response = await gw.request(method, path, json={})
            assert response.status_code == 503, response.text
            assert response.json()["error"] == "ServiceUnavailable" and response.json()["service"] == "billing"
        assert (await gw.get("/api/v1/scheduling/locations/loc-a/day-sheet", params={"day": DAY})).status_code == 200

        dashboard = (await gw.get("/api/v1/dashboard/locations/loc-a", params={"day": DAY})).json()
        assert dashboard["partial"] is True
        unavailable = [k for k, v in dashboard.items() if isinstance(v, dict) and not v["available"]]
        assert unavailable == ["claims"] and "billing" in dashboard["claims"]["reason"], dashboard
        assert dashboard["appointments"]["available"] is True and dashboard["appointments"]["total"] == 1

        spec = (await gw.get("/api/v1/openapi.json")).json()
        assert spec["x-unavailable-services"] == ["billing"]
        assert any(path.startswith("/api/v1/scheduling/") for path in spec["paths"])
        assert not any(path.startswith("/api/v1/billing/") for path in spec["paths"])
