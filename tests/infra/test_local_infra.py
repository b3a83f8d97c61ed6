"""The local Kafka broker and PostgreSQL cluster that the integration tests run against."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from clinicops.infra import DEFAULT_VAR_DIR, SERVICE_DATABASES, kafka, postgres

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def bootstrap():
    """The session's broker; started (and stopped again) here only when nobody else started it."""
    started_here = not kafka.is_external() and not kafka.status(DEFAULT_VAR_DIR)["running"]
    yield kafka.start(DEFAULT_VAR_DIR)
    if started_here:
        kafka.stop(DEFAULT_VAR_DIR)


@pytest.fixture(scope="module")
def pg_url():
    """The session's PostgreSQL base URL, managed like the broker above."""
    status = postgres.status(DEFAULT_VAR_DIR)
    started_here = not status["external"] and not status["running"]
    yield postgres.start(DEFAULT_VAR_DIR, databases=SERVICE_DATABASES)
    if started_here:
        postgres.stop(DEFAULT_VAR_DIR)


async def test_produce_then_consume(bootstrap):
    from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

    topic = f"infra.check.{uuid.uuid4().hex[:8]}"
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True)
    await producer.start()
    try:
        await producer.send_and_wait(topic, b"ping", key=b"k1")
    finally:
        await producer.stop()
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=f"{topic}.group",
                                auto_offset_reset="earliest", enable_auto_commit=False)
    await consumer.start()
    try:
        message = await asyncio.wait_for(consumer.getone(), timeout=30)
    finally:
        await consumer.stop()
    assert (message.key, message.value) == (b"k1", b"ping")
    assert topic in kafka.list_topics(bootstrap)


async def test_every_service_database_answers(pg_url):
    import asyncpg

    assert pg_url.startswith("postgresql+asyncpg://")
    for name in SERVICE_DATABASES:
        conn = await asyncpg.connect(f"{pg_url.replace('+asyncpg', '')}/{name}")
        try:
            assert await conn.fetchval("SELECT 1") == 1
            assert await conn.fetchval("SELECT count(*) FROM pg_extension WHERE extname = 'btree_gist'") == 1
        finally:
            await conn.close()
