"""The whole stack for a demo run (tests/support/stack.py), and the demo run against it as an operator runs it."""

import os
import subprocess
import sys

from tests.support.stack import start_practice
from tests.support.suite import Suite

# The snapshot reads every part of the practice back as one user, faster than a person's rate allows.
READER_LIMITS = {f"GATEWAY_RATE_LIMIT_USER_{k}": "100000" for k in ("PER_MINUTE", "BURST")}


async def start_stack(suite: Suite) -> str:
    """The whole practice (the snapshot's reader unthrottled); the gateway's URL."""
    return await start_practice(suite, gateway_env=READER_LIMITS)


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
