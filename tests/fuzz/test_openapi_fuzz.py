"""`make fuzz`: schemathesis with every check over each service's OpenAPI and the gateway's combined one.

The whole practice runs on the real broker and PostgreSQL with one location opened through the APIs; every
case goes with a token of a role (tests/fuzz/hooks.py). A run passes with no failure of any kind: no server
error, no answer outside the schema or its content type, no status the OpenAPI does not list.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.dates import days_ahead
from tests.support.practice_api import add_room, hire_physician, open_location, staff_knows_location
from tests.support.stack import SERVICES, start_practice, unthrottled
from tests.support.suite import Suite, token

pytestmark = [pytest.mark.integration, pytest.mark.fuzz]

LOCATION = "loc-fuzz"
EXAMPLES = os.environ.get("FUZZ_EXAMPLES", "10")  # per operation and phase; the gateway's run takes half
SEED = os.environ.get("FUZZ_SEED", "14")  # the same cases on every run, so CI does not flip; change it to explore
HERE = Path(__file__).parent
ST = Path(sys.executable).with_name("st")


@pytest.fixture(scope="module")
async def practice(var_dir, kafka_bootstrap, pg_base_url, tmp_path_factory):
    suite = Suite(
        backend="postgresql",
        var_dir=var_dir,
        kafka_bootstrap=kafka_bootstrap,
        pg_base_url=pg_base_url,
        tmp_path=tmp_path_factory.mktemp("fuzz"),
    )
    try:
        await start_practice(suite, gateway_env=unthrottled("IP", "USER"))  # one caller sending thousands
        admin = token(roles=["practice_admin"], locations=[LOCATION])
        async with suite.client("facilities", admin) as facilities, suite.client("staff", admin) as staff:
            await open_location(facilities, LOCATION)
            await add_room(facilities, LOCATION, "exam-1")
            await staff_knows_location(staff, LOCATION, days_ahead(7))
            await hire_physician(staff, LOCATION)
        yield suite
    finally:
        await suite.close()


@pytest.mark.parametrize("target", [*SERVICES, "gateway"])
def test_no_input_breaks_the_contract(practice, target, tmp_path):
    base = practice.procs[target].url
    schema = f"{base}/api/v1/openapi.json" if target == "gateway" else f"{base}/openapi.json"
    # the gateway's document is every service's again behind the proxy: fewer examples there
    examples = str(max(1, int(EXAMPLES) // 2)) if target == "gateway" else EXAMPLES
    tally = tmp_path / "statuses.json"
    env = os.environ | {
        "SCHEMATHESIS_HOOKS": "tests.fuzz.hooks",
        "FUZZ_LOCATION": LOCATION,
        "FUZZ_TALLY": str(tally),
    }
    # one worker: hypothesis's lambda descriptions call ast.parse, which is not thread-safe on Python 3.11
    command = [str(ST), "--config-file", str(HERE / "schemathesis.toml"), "run", schema, "--checks", "all"]
    command += ["-n", examples, "--phases", "examples,coverage,fuzzing", "-w", "1", "--no-color"]
    command += ["--report", "json", "--report-dir", str(tmp_path), "--generation-deterministic", "--seed", SEED]
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=HERE.parent.parent, timeout=1800)
    report = json.loads(next(tmp_path.glob("json-*.json")).read_text())
    statuses = json.loads(tally.read_text())
    print(_figures(target, report, statuses))
    assert (report["failures"], report["errors"]) == ([], []), _failures(done.stdout)
    assert report["operations"]["tested"] == report["operations"]["selected"] > 0
    assert done.returncode == 0, done.stdout[-3000:]


def _failures(output: str) -> str:
    """The run's FAILURES and ERRORS sections: each failing case with its answer and a curl to reproduce it."""
    start = min((i for i in (output.find("= ERRORS ="), output.find("= FAILURES =")) if i >= 0), default=0)
    end = output.find("= WARNINGS =", start)
    return output[start : end if end > 0 else None][:30000]


def _figures(target: str, report: dict, statuses: dict[str, int]) -> str:
    failures = ", ".join(f"{f['code']} {f['title']} × {f['count']}" for f in report["failures"]) or "none"
    by_status = " ".join(f"{status}×{n}" for status, n in statuses.items())
    return (
        f"\nfuzz {target}: {report['operations']['tested']} operations, {sum(statuses.values())} requests "
        f"in {report['running_time']:.0f} s ({report['test_cases']['generated']} cases); "
        f"statuses {by_status}; failures: {failures}; errors: {len(report['errors'])}"
    )
