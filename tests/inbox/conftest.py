"""The inbox's use cases on a fresh PostgreSQL database migrated to head (units of work as the runtime builds them)."""

import asyncio
import json
import uuid
from pathlib import Path

import asyncpg
import pytest

from services.inbox.tables import metadata
from shared.db import create_engine, session_factory
from shared.messaging_tables import MessagingTables
from shared.migrations import upgrade
from shared.uow import UnitOfWork

MIGRATIONS = Path(__file__).parents[2] / "services" / "inbox" / "migrations"


class InboxDb:
    def __init__(self, url: str):
        self.url = url
        self.engine = create_engine(url)
        self.sessions = session_factory(self.engine)
        self.tables = MessagingTables(metadata.tables["outbox"], metadata.tables["processed_event"])

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.sessions, self.tables, source="/clinicops/inbox", topic=str)

    async def emitted(self, event_type: str) -> list[dict]:
        """The outbox rows of one event type, oldest first (their JSON payloads)."""
        async with self.sessions() as session:
            rows = (await session.execute(self.tables.outbox.select().order_by(self.tables.outbox.c.id))).all()
        return [json.loads(r.payload) for r in rows if dict(r.headers).get("ce_type") == event_type]


@pytest.fixture
async def inbox_db(pg_base_url):
    database = f"inbox_unit_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(pg_base_url.replace("+asyncpg", "") + "/postgres")
    try:
        await conn.execute(f'CREATE DATABASE "{database}"')
    finally:
        await conn.close()
    url = f"{pg_base_url}/{database}"
    await asyncio.to_thread(upgrade, MIGRATIONS, url)  # Alembic runs its own event loop
    db = InboxDb(url)
    yield db
    await db.engine.dispose()
    conn = await asyncpg.connect(pg_base_url.replace("+asyncpg", "") + "/postgres")
    try:
        await conn.execute(f'DROP DATABASE "{database}" WITH (FORCE)')
    finally:
        await conn.close()
