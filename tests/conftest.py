"""Session infrastructure: the local Kafka broker and the private PostgreSQL cluster.

`make test` starts both first (`clinicops infra up`); these fixtures reuse them, or start
them when pytest runs on its own.
"""

import pytest

from clinicops.infra import DEFAULT_VAR_DIR, SERVICE_DATABASES, kafka, postgres
from tests.support.keys import use_test_keys
from tests.support.suite import Suite

use_test_keys()


@pytest.fixture(scope="session")
def var_dir():
    DEFAULT_VAR_DIR.mkdir(exist_ok=True)
    return DEFAULT_VAR_DIR


@pytest.fixture(scope="session")
def kafka_bootstrap(var_dir) -> str:
    return kafka.start(var_dir)


@pytest.fixture(scope="session")
def pg_base_url(var_dir) -> str:
    return postgres.start(var_dir, databases=SERVICE_DATABASES)


@pytest.fixture
async def make_suite(var_dir, kafka_bootstrap, pg_base_url, tmp_path):
    """Factory of isolated suites; every process they started is stopped afterwards."""
    suites: list[Suite] = []

    def make(backend: str = "postgresql") -> Suite:
        suite = Suite(
            backend=backend,
            var_dir=var_dir,
            kafka_bootstrap=kafka_bootstrap,
            pg_base_url=pg_base_url,
            tmp_path=tmp_path,
        )
        suites.append(suite)
        return suite

    yield make
    for suite in suites:
        await suite.close()


# The slowest modules go first: spread over workers (`make test`), a long module started last is the run's tail.
SLOWEST_FIRST = (
    "tests/demo/test_console_day.py",
    "tests/demo/test_demo.py",
    "tests/shared/test_health_ready.py",
    "tests/billing/claims/test_claim_path.py",
    "tests/gateway/revocations/test_revocations_reach_services.py",
    "tests/gateway/dashboards/test_dashboard_with_data.py",
    "tests/gateway/revocations/test_revocations.py",
    "tests/inbox/test_service_runs.py",
    "tests/gateway/test_location_walk.py",
    "tests/gateway/test_gateway.py",
    "tests/e2e/test_whole_practice.py",
    "tests/inbox/invoices/test_three_way_match_flow.py",
)


def pytest_collection_modifyitems(items):
    rank = {path: n for n, path in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank)))  # stable: the rest keep order
