"""What every console browser test starts from: the practice's services, the gateway serving the built console,
its users made as `clinicops user create` makes them, and their sign-ins."""

import asyncio
import json
import os
import subprocess
from datetime import datetime

import httpx

from clinicops.infra import REPO_ROOT
from tests.gateway.conftest import create_user_with_cli, credentials
from tests.support.stack import start_practice
from tests.support.suite import Suite

WEB = REPO_ROOT / "web"
ARTIFACTS = REPO_ROOT / "var" / "artifacts" / "console"
Account = tuple[str, str]  # email, password


async def start_console(
    suite: Suite,
    *,
    services: tuple[str, ...],
    users: list[tuple[Account, str, str]],
    service_env: dict[str, dict[str, str]] | None = None,
    gateway_env: dict[str, str] | None = None,
) -> str:
    """Start the services and the gateway serving web/dist; make each (account, role, locations); the URL."""
    assert (WEB / "dist" / "index.html").exists(), "the console is not built: run `make web`"
    url = await start_practice(
        suite,
        services=services,
        service_env=service_env,
        gateway_env={"GATEWAY_CONSOLE_DIR": str(WEB / "dist")} | (gateway_env or {}),
    )
    database = await suite.database_url("gateway")
    for (email, password), role, locations in users:
        create_user_with_cli(database, email=email, password=password, role=role, locations=locations)
    return url


async def bearers_of(url: str, *accounts: Account) -> dict[Account, str]:
    """Each account signed in at the gateway: its access token."""
    bearers = {}
    async with httpx.AsyncClient(base_url=url, timeout=20) as client:
        for account in accounts:
            signed_in = await client.post("/api/v1/auth/sign-in", json=credentials(*account))
            assert signed_in.status_code == 200, signed_in.text
            bearers[account] = signed_in.json()["access_token"]
    return bearers


def run_browser_script(script: str, variable: str, config: dict, *, timeout: float = 240) -> str:
    """`node e2e/<script>` with its config as JSON in `variable`; asserts it passed, returns what it printed."""
    done = subprocess.run(
        ["node", f"e2e/{script}"],
        cwd=WEB,
        env=os.environ | {variable: json.dumps(config)},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    print(done.stdout, done.stderr)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


async def browsed(
    script: str, variable: str, config: dict, *, says: tuple[str, ...], shows: tuple[str, ...] = ()
) -> str:
    """run_browser_script off the event loop; asserts the script said each step and saved each screenshot."""
    stdout = await asyncio.to_thread(run_browser_script, script, variable, config)
    assert not [step for step in says if step not in stdout], stdout
    assert not [shot for shot in shows if not (ARTIFACTS / shot).exists()], shows
    return stdout


def local_zone(now: datetime) -> str:
    """A fixed-offset zone where it is about noon now: the day's shifts never cross midnight."""
    offset = max(-12, min(14, 12 - now.hour))
    return "Etc/GMT" + (f"{-offset:+d}" if offset else "")


def npi(first_nine: str) -> str:
    """A valid NPI: the Luhn check digit over the 80840 prefix and the first nine digits."""
    digits = [int(d) for d in "80840" + first_nine]
    total = sum(sum(divmod(d * 2, 10)) if i % 2 == 0 else d for i, d in enumerate(reversed(digits)))
    return first_nine + str((10 - total % 10) % 10)


def api(url: str, service: str, bearer: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=f"{url}/api/v1/{service}", headers={"Authorization": f"Bearer {bearer}"}, timeout=20
    )
