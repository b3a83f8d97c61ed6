"""Access reviews and terminations reach the gateway over the real broker: roles go, tokens stop working."""

import httpx
import jwt
import pytest

from shared.clock import utcnow
from shared.contracts import EventPayload
from shared.contracts.compliance import AccessRevoked
from shared.contracts.staff import StaffMemberTerminated
from shared.envelope import Envelope
from tests.gateway.conftest import ADMIN_EMAIL, ADMIN_PASSWORD, create_user_with_cli, credentials, logged
from tests.support.dates import days_ahead, today_utc
from tests.support.kafka_tools import produce
from tests.support.polling import eventually
from tests.support.upstream import publish

pytestmark = pytest.mark.integration
PASSWORD = "a-long-password-1"
DASHBOARD = f"/api/v1/dashboard/locations/loc-a?day={days_ahead(14)}"
NOBODY_LISTENS = "http://127.0.0.1:1"  # every upstream is down: a proxied request that passes auth is a 503


async def sign_in(gw: httpx.AsyncClient, email: str, password: str = PASSWORD) -> httpx.Response:
    return await gw.post("/api/v1/auth/sign-in", json=credentials(email, password))


def claims(tokens: dict) -> dict:
    return jwt.decode(tokens["access_token"], options={"verify_signature": False})


async def status(gw: httpx.AsyncClient, tokens: dict, path: str) -> int:
    return (await gw.get(path, headers={"Authorization": f"Bearer {tokens['access_token']}"})).status_code


async def refreshed(gw: httpx.AsyncClient, tokens: dict) -> int:
    return (await gw.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})).status_code


async def publish_twice(suite, payload: EventPayload, subject: str) -> None:
    """One event delivered twice (same ce_id), as at-least-once delivery may."""
    envelope = Envelope(
        type=payload.event_type, source="/tests/compliance", subject=subject, data=payload.model_dump(mode="json")
    )
    for _ in range(2):
        await produce(
            suite.bootstrap,
            suite.topic(payload.topic()),
            envelope.kafka_value(),
            key=subject.encode(),
            headers=envelope.kafka_headers(),
        )


def revoked(staff_id: str, **taken) -> AccessRevoked:
    return AccessRevoked(
        campaign_id="camp-1",
        item_id=f"item-{staff_id}",
        staff_id=staff_id,
        reason="left billing",
        decided_at=utcnow(),
        **taken,
    )


async def test_a_revocation_refuses_old_tokens_and_narrows_new_ones_and_termination_disables(make_suite):
    suite = make_suite()
    upstreams = {
        f"GATEWAY_{name}_URL": NOBODY_LISTENS for name in ("SCHEDULING", "STAFF", "BILLING", "COMPLIANCE", "FACILITIES")
    }
    await suite.start("gateway", env=upstreams)
    database = await suite.database_url("gateway")
    create_user_with_cli(database, email=ADMIN_EMAIL, password=ADMIN_PASSWORD, role="practice_admin", locations="*")
    create_user_with_cli(
        database, email="desk@example.com", password=PASSWORD, role="front_desk", locations="loc-a", staff_id="stf-2"
    )
    gw = httpx.AsyncClient(base_url=suite.procs["gateway"].url, timeout=20)
    async with gw:
        admin = {"Authorization": f"Bearer {(await sign_in(gw, ADMIN_EMAIL, ADMIN_PASSWORD)).json()['access_token']}"}
        new_user = {
            "email": "om@example.com",
            "password": PASSWORD,
            "roles": ["office_manager", "biller"],
            "locations": ["loc-a", "loc-b"],
            "staff_id": "stf-1",
        }
        created = await gw.post("/api/v1/users", json=new_user, headers=admin)
        assert created.status_code == 201 and created.json()["staff_id"] == "stf-1", created.text
        taken = await gw.post(
            "/api/v1/users", json=new_user | {"email": "x@example.com", "staff_id": "stf-2"}, headers=admin
        )
        assert taken.status_code == 409 and taken.json()["field"] == "staff_id", taken.text

        # Linked: services see the staff member as the actor; the gateway keeps its user id beside it.
        manager, desk = (await sign_in(gw, "om@example.com")).json(), (await sign_in(gw, "desk@example.com")).json()
        assert claims(manager)["sub"] == "stf-1" and claims(manager)["uid"] == created.json()["id"]
        assert claims(desk)["sub"] == "stf-2"
        assert await status(gw, manager, DASHBOARD) == 200
        assert await status(gw, manager, "/api/v1/staff/members") == 503  # through auth, to a stopped service
        # Sign-out finds the session by the user id, not by `sub`.
        second = (await sign_in(gw, "om@example.com")).json()
        signed_out = await gw.post(
            "/api/v1/auth/sign-out",
            json={"refresh_token": second["refresh_token"]},
            headers={"Authorization": f"Bearer {second['access_token']}"},
        )
        assert signed_out.status_code == 204
        assert await refreshed(gw, second) == 401

        await publish(suite, revoked("stf-unknown", revoked_roles=["biller"]), "stf-unknown")  # nobody: a no-op
        await publish_twice(
            suite, revoked("stf-1", revoked_roles=["office_manager"], revoked_location_ids=["loc-b"]), "stf-1"
        )

        async def manager_token_refused():
            return await status(gw, manager, "/api/v1/staff/members") == 401

        await eventually(manager_token_refused, what="the revocation")
        assert await status(gw, manager, DASHBOARD) == 401
        assert await refreshed(gw, manager) == 401
        assert await status(gw, desk, "/api/v1/staff/members") == 503  # someone else's tokens stand
        narrowed = (await sign_in(gw, "om@example.com")).json()
        assert (claims(narrowed)["roles"], claims(narrowed)["locations"]) == (["biller"], ["loc-a"])
        assert await status(gw, narrowed, DASHBOARD) == 403
        assert await status(gw, narrowed, "/api/v1/billing/claims") == 503
        # Delivered twice, applied once; an unknown staff member changes nothing.
        await logged(suite, "gateway", "duplicate event skipped")
        await logged(suite, "gateway", "no user linked to this staff member")
        generation = "SELECT token_generation FROM user_account WHERE staff_id = :s"
        assert await suite.scalar("gateway", generation, s="stf-1") == 1

        await publish(suite, StaffMemberTerminated(staff_id="stf-1", terminated_on=today_utc()), "stf-1")

        async def sign_in_refused():
            return (await sign_in(gw, "om@example.com")).status_code == 401

        await eventually(sign_in_refused, what="the termination")
        assert await status(gw, narrowed, "/api/v1/billing/claims") == 401
        assert await refreshed(gw, narrowed) == 401
        assert await suite.scalar("gateway", "SELECT active FROM user_account WHERE staff_id = :s", s="stf-1") is False
        assert await status(gw, desk, "/api/v1/staff/members") == 503
