"""Each service's Alembic history builds exactly the schema its models declare."""

import asyncio
import uuid
from importlib import import_module

import asyncpg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from clinicops.supervisor import SERVICES, migrate
from shared.db import create_engine

pytestmark = pytest.mark.integration


async def _database_url(backend: str, name: str, pg_base_url: str, tmp_path) -> str:
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / f'{name}.db'}"
    database = f"mig_{name}_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(pg_base_url.replace("+asyncpg", "") + "/postgres")
    await conn.execute(f'CREATE DATABASE "{database}"')
    await conn.close()
    return f"{pg_base_url}/{database}"


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@pytest.mark.parametrize("service", SERVICES)
async def test_migrations_match_the_models(service, backend, pg_base_url, tmp_path):
    url = await _database_url(backend, service, pg_base_url, tmp_path)
    await asyncio.to_thread(migrate, service, url)  # Alembic runs its own event loop
    metadata = import_module(f"services.{service}.tables").metadata  # every feature's models, gathered once
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            diff = await conn.run_sync(
                lambda sync: compare_metadata(MigrationContext.configure(sync, opts={"compare_type": True}), metadata)
            )
    finally:
        await engine.dispose()
    assert diff == []
