"""Admins and compliance officers sign in with a one-time password too; each code and recovery code works once."""

import httpx
import pyotp
import pytest

from tests.gateway.conftest import RECOVERY_CODES, SECOND_FACTORS, create_user_with_cli, credentials

pytestmark = pytest.mark.integration
ADMIN, PASSWORD = "second-factor-admin@example.org", "the-admins-password-1"


async def _sign_in(gw: httpx.AsyncClient, body: dict) -> int:
    return (await gw.post("/api/v1/auth/sign-in", json=body)).status_code


async def test_totp_is_required_used_once_and_recovery_codes_stand_in_once(make_suite):
    suite = make_suite()
    await suite.start("gateway")
    create_user_with_cli(
        await suite.database_url("gateway"), email=ADMIN, password=PASSWORD, role="practice_admin", locations="*"
    )
    secret, recovery = SECOND_FACTORS[ADMIN], RECOVERY_CODES[ADMIN]
    assert len(recovery) == 10
    async with httpx.AsyncClient(base_url=suite.procs["gateway"].url, timeout=20) as gw:
        plain = {"email": ADMIN, "password": PASSWORD}
        assert await _sign_in(gw, plain) == 401  # the password alone is not enough
        assert (
            await _sign_in(gw, plain | {"otp": "000000" if pyotp.TOTP(secret).now() != "000000" else "111111"}) == 401
        )
        body = credentials(ADMIN, PASSWORD)
        answer = await gw.post("/api/v1/auth/sign-in", json=body)
        assert answer.status_code == 200, answer.text
        assert await _sign_in(gw, body) == 401  # the same code again: replayed
        assert await _sign_in(gw, plain | {"otp": recovery[0]}) == 200
        assert await _sign_in(gw, plain | {"otp": recovery[0]}) == 401  # used up
        admin = {"Authorization": f"Bearer {answer.json()['access_token']}"}
        officer = await gw.post(
            "/api/v1/users",
            headers=admin,
            json={
                "email": "officer@example.org",
                "password": PASSWORD,
                "roles": ["compliance_officer"],
                "locations": ["*"],
            },
        )
        biller = await gw.post(
            "/api/v1/users",
            headers=admin,
            json={"email": "biller@example.org", "password": PASSWORD, "roles": ["biller"], "locations": ["loc-a"]},
        )
        assert officer.status_code == biller.status_code == 201, (officer.text, biller.text)
        factor = officer.json()["second_factor"]
        assert factor["uri"].startswith("otpauth://totp/") and len(factor["recovery_codes"]) == 10
        assert biller.json()["second_factor"] is None
        listed = (await gw.get("/api/v1/users", headers=admin)).json()
        assert all("second_factor" not in user and "secret" not in str(user) for user in listed)  # shown once only
        officer_code = pyotp.TOTP(factor["secret"]).now()
        assert await _sign_in(gw, {"email": "officer@example.org", "password": PASSWORD, "otp": officer_code}) == 200
        assert await _sign_in(gw, {"email": "biller@example.org", "password": PASSWORD}) == 200
    assert await suite.scalar("gateway", "SELECT count(*) FROM recovery_code WHERE used_at IS NOT NULL") == 1
