"""All six processes once per module: five services on the real broker and PostgreSQL, the gateway in front."""

import json
import os
import subprocess
import sys
from dataclasses import dataclass

import httpx
import pytest

from clinicops.one_time_codes import OneTimeCodes
from tests.gateway.oidc_provider import SETTINGS as OIDC
from tests.gateway.oidc_provider import serving_jwks
from tests.support.polling import eventually
from tests.support.stack import start_practice
from tests.support.suite import Suite

ADMIN_EMAIL, ADMIN_PASSWORD = "admin@example.com", "first-admin-password"


@dataclass
class Stack:
    suite: Suite
    url: str

    def client(self, bearer: str | None = None, **headers) -> httpx.AsyncClient:
        if bearer:
            headers["Authorization"] = f"Bearer {bearer}"
        return httpx.AsyncClient(base_url=self.url, headers=headers, timeout=20)


def create_user_with_cli(
    database_url: str, *, email: str, password: str, role: str, locations: str, staff_id: str | None = None
) -> None:
    """`clinicops user create`, as an operator runs it for the first admin."""
    linked = ["--staff-id", staff_id] if staff_id else []
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "clinicops.cli",
            "user",
            "create",
            "--email",
            email,
            "--role",
            role,
            "--locations",
            locations,
            "--password-stdin",
            *linked,
        ],
        input=password + "\n",
        text=True,
        capture_output=True,
        env=os.environ | {"GATEWAY_DATABASE_URL": database_url},
    )
    assert done.returncode == 0, done.stderr
    for line in done.stdout.splitlines():  # admins and officers are enrolled in TOTP, shown once
        if line.startswith("totp secret: "):
            SECOND_FACTORS[email.lower()] = line.removeprefix("totp secret: ")
        if line.startswith("recovery codes, each good once: "):
            RECOVERY_CODES[email.lower()] = line.split(": ", 1)[1].split()


# What `clinicops user create` showed for each enrolled user: a test signs in as the operator would.
SECOND_FACTORS: dict[str, str] = {}
RECOVERY_CODES: dict[str, list[str]] = {}
_codes = OneTimeCodes()


def credentials(email: str, password: str) -> dict:
    """The sign-in body: with a fresh one-time password when the user is enrolled."""
    body = {"email": email, "password": password}
    if secret := SECOND_FACTORS.get(email.lower()):
        body["otp"] = fresh_code(secret)
    return body


def fresh_code(secret: str) -> str:
    """A code of a step the gateway has not accepted yet (three sign-ins in one 30 s step, then a wait)."""
    return _codes.fresh(secret)


async def logged(suite: Suite, service: str, text: str) -> None:
    async def found():
        return any(text in line for line in suite.log_lines(service))

    await eventually(found, what=f"{service} logging {text!r}")


@pytest.fixture(scope="module")
async def stack(var_dir, kafka_bootstrap, pg_base_url, tmp_path_factory):
    suite = Suite(
        backend="postgresql",
        var_dir=var_dir,
        kafka_bootstrap=kafka_bootstrap,
        pg_base_url=pg_base_url,
        tmp_path=tmp_path_factory.mktemp("gateway"),
    )
    with serving_jwks() as jwks_url:
        try:
            oidc = {f"GATEWAY_{k.upper()}": json.dumps(v) if isinstance(v, dict) else v for k, v in OIDC.items()}
            url = await start_practice(
                suite,
                gateway_env=oidc
                | {
                    "GATEWAY_OIDC_JWKS_URL": jwks_url,
                    "GATEWAY_LOCKOUT_THRESHOLD": "3",
                    "GATEWAY_LOCKOUT_DURATION_S": "600",
                    "GATEWAY_OPENAPI_CACHE_S": "0",
                },
            )
            create_user_with_cli(
                await suite.database_url("gateway"),
                email=ADMIN_EMAIL,
                password=ADMIN_PASSWORD,
                role="practice_admin",
                locations="*",
            )
            yield Stack(suite, url)
        finally:
            await suite.close()
