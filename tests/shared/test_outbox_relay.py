"""The outbox relay on a real PostgreSQL: several instances, each row published exactly once."""

import asyncio
import uuid
from datetime import timedelta

import asyncpg
import pytest
from sqlalchemy import func, select

from shared.clock import utcnow
from shared.db import create_engine, new_metadata, session_factory
from shared.messaging_tables import add_messaging_tables
from shared.outbox import OutboxRelay

pytestmark = pytest.mark.integration


@pytest.fixture
async def outbox_db(pg_base_url):
    database = f"outbox_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(pg_base_url.replace("+asyncpg", "") + "/postgres")
    await conn.execute(f'CREATE DATABASE "{database}"')
    await conn.close()
    metadata = new_metadata()
    tables = add_messaging_tables(metadata)
    engine = create_engine(f"{pg_base_url}/{database}")
    async with engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
    yield engine, tables.outbox
    await engine.dispose()


async def test_concurrent_relays_publish_every_row_exactly_once(outbox_db):
    engine, outbox = outbox_db
    rows = [
        dict(event_id=str(uuid.uuid4()), topic="t", key=f"k{i}", headers={}, payload=b"{}", created_at=utcnow())
        for i in range(600)
    ]
    async with engine.begin() as connection:
        await connection.execute(outbox.insert(), rows)
    published: list[str] = []

    async def publish(topic, key, headers, payload):
        published.append(key.decode())
        done = asyncio.get_running_loop().create_future()
        # Acks arrive later, as from a broker: other relays run meanwhile.
        asyncio.get_running_loop().call_later(0.005, done.set_result, None)
        return done

    relays = [
        OutboxRelay(sessions=session_factory(engine), outbox=outbox, publish=publish, batch_size=50) for _ in range(4)
    ]
    counts = await asyncio.gather(*(relay.drain() for relay in relays))

    assert sorted(published) == sorted(r["key"] for r in rows)  # all of them, none twice
    assert sum(counts) == 600 and sum(1 for c in counts if c) > 1  # the work was shared
    async with engine.connect() as connection:
        left = await connection.scalar(select(func.count()).where(outbox.c.published_at.is_(None)))
    assert left == 0


async def test_a_failed_publish_leaves_rows_for_the_sweeper(outbox_db):
    engine, outbox = outbox_db
    async with engine.begin() as connection:
        await connection.execute(
            outbox.insert(), [dict(event_id="e1", topic="t", key="k", headers={}, payload=b"{}", created_at=utcnow())]
        )

    async def broker_down(*_):
        raise ConnectionError("no broker")

    with pytest.raises(ConnectionError):
        await OutboxRelay(sessions=session_factory(engine), outbox=outbox, publish=broker_down).drain()
    async with engine.connect() as connection:
        assert await connection.scalar(select(func.count()).where(outbox.c.published_at.is_(None))) == 1


async def test_published_rows_past_retention_are_purged(outbox_db):
    engine, outbox = outbox_db
    old, recent = utcnow() - timedelta(hours=2), utcnow()
    async with engine.begin() as connection:
        await connection.execute(
            outbox.insert(),
            [
                dict(event_id="old", topic="t", key="k", headers={}, payload=b"{}", created_at=old, published_at=old),
                dict(
                    event_id="new",
                    topic="t",
                    key="k",
                    headers={},
                    payload=b"{}",
                    created_at=recent,
                    published_at=recent,
                ),
                dict(event_id="todo", topic="t", key="k", headers={}, payload=b"{}", created_at=old, published_at=None),
            ],
        )
    relay = OutboxRelay(sessions=session_factory(engine), outbox=outbox, publish=None, retention=timedelta(hours=1))
    await relay._purge_published()
    async with engine.connect() as connection:
        left = (await connection.execute(select(outbox.c.event_id).order_by(outbox.c.event_id))).scalars().all()
    assert left == ["new", "todo"]  # unpublished rows are never purged, whatever their age
