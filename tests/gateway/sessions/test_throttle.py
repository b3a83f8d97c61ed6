"""Wrong passwords from one address slow that address only: the user still signs in from another."""

import httpx
import pytest

from tests.gateway.conftest import create_user_with_cli, credentials

pytestmark = pytest.mark.integration
ADMIN, PASSWORD = "admin@example.org", "the-right-password-1"


async def _sign_in(gw: httpx.AsyncClient, password: str, *, source: str) -> int:
    # uvicorn trusts X-Forwarded-For from 127.0.0.1 (its default forwarded_allow_ips): the client address.
    # The attacker guesses the password and has no authenticator; the admin has both.
    body = credentials(ADMIN, password) if password == PASSWORD else {"email": ADMIN, "password": password}
    answer = await gw.post("/api/v1/auth/sign-in", json=body, headers={"X-Forwarded-For": source})
    return answer.status_code


async def test_an_attacker_at_one_address_cannot_lock_the_only_admin_out(make_suite):
    suite = make_suite()
    await suite.start("gateway")
    create_user_with_cli(
        await suite.database_url("gateway"), email=ADMIN, password=PASSWORD, role="practice_admin", locations="*"
    )
    async with httpx.AsyncClient(base_url=suite.procs["gateway"].url, timeout=20) as gw:
        assert [await _sign_in(gw, "guess", source="203.0.113.9") for _ in range(7)] == [401] * 7
        # That address now waits, even with the right password; it is not even checked.
        assert await _sign_in(gw, PASSWORD, source="203.0.113.9") == 401
        assert await _sign_in(gw, PASSWORD, source="198.51.100.4") == 200  # the admin, elsewhere
    # Tries while waiting are refused unchecked and uncounted: the 5th failure set the wait, the next one doubles it.
    failures = await suite.scalar("gateway", "SELECT failures FROM sign_in_throttle WHERE source = :s", s="203.0.113.9")
    assert failures == 5
    assert await suite.scalar("gateway", "SELECT locked_until FROM user_account WHERE email = :e", e=ADMIN) is None
