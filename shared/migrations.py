"""Alembic per service: each service keeps `migrations/` beside its models."""

import asyncio
from pathlib import Path

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData, pool
from sqlalchemy.ext.asyncio import create_async_engine

from shared.db import is_sqlite


def alembic_config(migrations_dir: Path, url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    config.set_main_option("sqlalchemy.url", url)
    return config


def upgrade(migrations_dir: Path, url: str, revision: str = "head") -> None:
    """Bring a service database to `revision`; safe to run at every start."""
    if is_sqlite(url):
        database = url.split(":///", 1)[-1]
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(migrations_dir, url), revision)


def run_env(metadata: MetaData) -> None:
    """The body of every service's env.py: online migrations over the async driver."""
    url = context.config.get_main_option("sqlalchemy.url")
    options = dict(target_metadata=metadata, render_as_batch=is_sqlite(url), compare_type=True)
    if context.is_offline_mode():
        context.configure(url=url, literal_binds=True, **options)
        with context.begin_transaction():
            context.run_migrations()
        return

    def migrate(connection) -> None:
        context.configure(connection=connection, **options)
        with context.begin_transaction():
            context.run_migrations()

    async def run() -> None:
        engine = create_async_engine(url, poolclass=pool.NullPool)
        async with engine.connect() as connection:
            await connection.run_sync(migrate)
        await engine.dispose()

    asyncio.run(run())
