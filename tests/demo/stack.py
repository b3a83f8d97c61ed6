"""The whole stack for a demo run (tests/support/stack.py), and the demo run against it as an operator runs it."""

import asyncio
import os
import subprocess
import sys

from tests.gateway.console.console_stack import WEB
from tests.support.stack import start_practice, unthrottled
from tests.support.suite import Suite

# The snapshot reads every part of the practice back as one user, faster than a person's rate allows.
READER_LIMITS = unthrottled("USER")


async def start_stack(
    suite: Suite, *, console: bool = False, service_env: dict[str, dict[str, str]] | None = None
) -> str:
    """The whole practice (the snapshot's reader unthrottled), serving the built console if asked; the gateway's URL."""
    served = {"GATEWAY_CONSOLE_DIR": str(WEB / "dist")} if console else {}
    return await start_practice(suite, service_env=service_env, gateway_env=READER_LIMITS | served)


def service_args(suite: Suite) -> list[str]:
    """`--service NAME=URL` for each of the stack's services: the demo then calls their ports, as `make up`'s does."""
    return [
        arg for name, proc in suite.procs.items() if name != "gateway" for arg in ("--service", f"{name}={proc.url}")
    ]


async def run_demo(suite: Suite, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """`clinicops demo` against this stack, as an operator runs it (its first admin in the gateway's database).

    Awaited, not blocking: the determinism test builds two stacks at once.
    """
    command = [sys.executable, "-m", "clinicops.cli", "--var", str(suite.tmp_path / f"var-{suite.uid}"), "demo",
               "--gateway-url", suite.procs["gateway"].url, *args]  # fmt: skip
    env = os.environ | {"GATEWAY_DATABASE_URL": await suite.database_url("gateway")}
    process = await asyncio.create_subprocess_exec(
        *command, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, env=env
    )
    try:
        stdout, stderr = await asyncio.wait_for(process.communicate(), timeout)
    except TimeoutError:
        process.kill()
        raise
    return subprocess.CompletedProcess(command, process.returncode, stdout.decode(), stderr.decode())
