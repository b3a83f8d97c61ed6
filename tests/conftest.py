"""Session infrastructure: the local Kafka broker and the private PostgreSQL cluster.

`make test` starts both first (`clinicops infra up`); these fixtures reuse them, or start
them when pytest runs on its own.
"""

import pytest

from clinicops.infra import DEFAULT_VAR_DIR, SERVICE_DATABASES, kafka, postgres


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
