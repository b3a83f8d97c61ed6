"""The local Kafka broker and PostgreSQL cluster that the integration tests run against.

Both come from the session fixtures in tests/conftest.py (kafka.start / postgres.start, idempotent).
"""

from __future__ import annotations

import asyncio
import uuid

import asyncpg
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from clinicops.infra import SERVICE_DATABASES, kafka

pytestmark = pytest.mark.integration


async def test_produce_then_consume(kafka_bootstrap):
    topic = f"infra.check.{uuid.uuid4().hex[:8]}"
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap, acks="all", enable_idempotence=True)
    await producer.start()
    try:
        await producer.send_and_wait(topic, b"ping", key=b"k1")
    finally:
        await producer.stop()
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=kafka_bootstrap,
        group_id=f"{topic}.group",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    try:
        message = await asyncio.wait_for(consumer.getone(), timeout=30)
    finally:
        await consumer.stop()
    assert (message.key, message.value) == (b"k1", b"ping")
    assert topic in kafka.list_topics(kafka_bootstrap)


async def test_every_service_database_answers(pg_base_url):
    assert pg_base_url.startswith("postgresql+asyncpg://")
    for name in SERVICE_DATABASES:
        conn = await asyncpg.connect(f"{pg_base_url.replace('+asyncpg', '')}/{name}")
        try:
            assert await conn.fetchval("SELECT 1") == 1
            assert await conn.fetchval("SELECT count(*) FROM pg_extension WHERE extname = 'btree_gist'") == 1
        finally:
            await conn.close()
