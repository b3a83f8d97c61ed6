"""The outbox relay on a real PostgreSQL: several instances, each row published exactly once."""

import asyncio
import uuid
from datetime import timedelta

import asyncpg
import pytest
from sqlalchemy import func, select, text

from shared.clock import utcnow
from shared.db import create_engine, new_metadata, session_factory
from shared.messaging_tables import add_messaging_tables
from shared.outbox import _INDEX_ORDER, OutboxRelay

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


@pytest.fixture
async def sqlite_outbox(tmp_path):
    metadata = new_metadata()
    tables = add_messaging_tables(metadata)
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'outbox.db'}")
    async with engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
    yield engine, tables.outbox
    await engine.dispose()


def _rows(count: int) -> list[dict]:
    return [
        dict(
            event_id=f"e{i}", topic="t", key=f"k{i % 7}", headers={"ce_id": f"e{i}"}, payload=b"{}", created_at=utcnow()
        )
        for i in range(count)
    ]


class _Broker:
    """Acks arrive later, as from a broker; records keep the order they were handed over in."""

    def __init__(self, fail_after: int | None = None, ack_s: float = 0.002):
        self._ack_s = ack_s
        self.sent: list[str] = []
        self.in_producer = 0  # handed over, not yet acknowledged
        self.most_in_producer = 0
        self._fail_after = fail_after

    async def publish(self, topic, key, headers, payload):
        loop = asyncio.get_running_loop()
        self.sent.append(headers["ce_id"])
        self.in_producer += 1
        self.most_in_producer = max(self.most_in_producer, self.in_producer)
        done = loop.create_future()
        failed = self._fail_after is not None and len(self.sent) > self._fail_after

        def ack():
            self.in_producer -= 1
            done.set_exception(ConnectionError("no ack")) if failed else done.set_result(None)

        loop.call_later(self._ack_s, ack)
        return done


async def _unpublished(engine, outbox) -> list[str]:
    async with engine.connect() as connection:
        query = select(outbox.c.event_id).where(outbox.c.published_at.is_(None)).order_by(outbox.c.id)
        return (await connection.execute(query)).scalars().all()


async def test_sqlite_relay_hands_rows_over_in_order_a_batch_ahead_and_marks_them_all(sqlite_outbox):
    engine, outbox = sqlite_outbox
    async with engine.begin() as connection:
        await connection.execute(outbox.insert(), _rows(230))
    broker = _Broker(ack_s=0.2)  # slow acks: the next batch is read meanwhile
    relay = OutboxRelay(sessions=session_factory(engine), outbox=outbox, publish=broker.publish,
                        batch_size=50, row_locking=False)  # fmt: skip

    assert await relay.drain() == 230
    assert broker.sent == [f"e{i}" for i in range(230)]  # each once, in id order: every key keeps its order
    assert broker.most_in_producer == 100  # the next batch was handed over while one awaited its acks, no more
    assert await _unpublished(engine, outbox) == []


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_an_unacknowledged_batch_stays_unmarked_and_the_next_drain_sends_it_again(
    backend, sqlite_outbox, outbox_db
):
    engine, outbox = sqlite_outbox if backend == "sqlite" else outbox_db
    async with engine.begin() as connection:
        await connection.execute(outbox.insert(), _rows(200))
    broker = _Broker(fail_after=120)  # the acks from the third batch's 21st record on fail
    relay = OutboxRelay(sessions=session_factory(engine), outbox=outbox, publish=broker.publish,
                        batch_size=50, row_locking=backend == "postgresql")  # fmt: skip

    with pytest.raises(ConnectionError):
        await relay.drain()
    left = await _unpublished(engine, outbox)
    assert left == [f"e{i}" for i in range(100, 200)]  # marked batch by batch, only once all of it was acked

    broker._fail_after = None
    assert await relay.drain() == len(left)  # the sweeper's next drain: nothing lost
    assert await _unpublished(engine, outbox) == []


async def test_a_backlog_is_taken_in_the_index_order_not_read_and_sorted_whole_for_each_batch(outbox_db):
    engine, outbox = outbox_db
    async with engine.begin() as connection:
        await connection.execute(outbox.insert(), _rows(5000))  # never analyzed: as a backlog after an outage
    relay = OutboxRelay(sessions=session_factory(engine), outbox=outbox, publish=None, batch_size=50)
    take = str(relay._take().compile(engine.sync_engine, compile_kwargs={"literal_binds": True}))
    async with engine.begin() as connection:
        await connection.execute(_INDEX_ORDER)
        plan = "\n".join((await connection.execute(text(f"EXPLAIN ANALYZE {take}"))).scalars())
        await connection.rollback()
    assert "Index Scan using ix_outbox_unpublished" in plan and "Sort" not in plan, plan
