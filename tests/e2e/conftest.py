import pytest

from tests.support.suite import Suite, token

pytestmark = pytest.mark.integration

ADMIN_A = token(roles=["practice_admin"], locations=["loc-a"])


@pytest.fixture
async def make_suite(var_dir, kafka_bootstrap, pg_base_url, tmp_path):
    """Factory of isolated suites; every process they started is stopped afterwards."""
    suites: list[Suite] = []

    def make(backend: str = "postgresql") -> Suite:
        suite = Suite(backend=backend, var_dir=var_dir, kafka_bootstrap=kafka_bootstrap,
                      pg_base_url=pg_base_url, tmp_path=tmp_path)
        suites.append(suite)
        return suite

    yield make
    for suite in suites:
        await suite.close()
