"""The whole stack for a demo run: five services on the real broker and PostgreSQL, the gateway in front."""

import os
import subprocess
import sys

from clinicops import supervisor
from tests.support.suite import Suite

SERVICES = ("scheduling", "staff", "billing", "compliance", "facilities")


async def start_stack(suite: Suite) -> str:
    """Every service started at once, then the gateway; the gateway's URL."""
    for name in SERVICES:
        await suite.start(name, wait=False)
    for name in SERVICES:
        supervisor.wait_ready(suite.procs[name], timeout=120)
    upstreams = {f"GATEWAY_{name.upper()}_URL": suite.procs[name].url for name in SERVICES}
    await suite.start("gateway", env=upstreams | {"GATEWAY_OPENAPI_CACHE_S": "0"})
    return suite.procs["gateway"].url


async def run_demo(suite: Suite, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """`clinicops demo` against this stack, as an operator runs it (its first admin in the gateway's database)."""
    return subprocess.run(
        [sys.executable, "-m", "clinicops.cli", "--var", str(suite.tmp_path / f"var-{suite.uid}"), "demo",
         "--gateway-url", suite.procs["gateway"].url, *args],
        text=True,
        capture_output=True,
        timeout=timeout,
        env=os.environ | {"GATEWAY_DATABASE_URL": await suite.database_url("gateway")},
    )  # fmt: skip
