"""A front end's view: users made by the admin API, tokens from sign-in, every service behind /api/v1/<service>."""

import httpx

from tests.gateway.conftest import SECOND_FACTORS, credentials

PASSWORD = "a-long-password-1"


async def sign_in(stack, email: str, password: str = PASSWORD) -> str:
    async with stack.client() as gw:
        response = await gw.post("/api/v1/auth/sign-in", json=credentials(email, password))
        assert response.status_code == 200, response.text
        return response.json()["access_token"]


async def signed_in_user(
    stack, admin_token: str, email: str, roles: list[str], locations: list[str], staff_id: str | None = None
) -> str:
    """Create the user as a practice admin would, then sign in as them: their access token."""
    async with stack.client(admin_token) as gw:
        response = await gw.post(
            "/api/v1/users",
            json={"email": email, "password": PASSWORD, "roles": roles, "locations": locations, "staff_id": staff_id},
        )
        assert response.status_code == 201, response.text
        if factor := response.json()["second_factor"]:  # an officer or admin: enrolled in TOTP, shown once
            SECOND_FACTORS[email.lower()] = factor["secret"]
    return await sign_in(stack, email)


def service(stack, bearer: str, name: str) -> httpx.AsyncClient:
    """A client whose relative paths are the service's own, reached only through the gateway's proxy."""
    client = stack.client(bearer)
    client.base_url = f"{stack.url}/api/v1/{name}"
    return client
