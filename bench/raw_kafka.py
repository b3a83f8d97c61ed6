"""The floor: a bare aiokafka producer -> broker -> consumer round trip, same settings as the services."""

import asyncio
import time
import uuid

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient

from bench.pacing import Pacing, open_loop
from shared.kafka import ensure_topics


async def round_trip(bootstrap: str, *, rate: float, duration: float) -> tuple[list[float], Pacing]:
    """Send-to-receive latencies (s) of small messages produced at `rate` to a fresh topic."""
    uid = uuid.uuid4().hex[:8]
    topic = f"bench-raw-{uid}"
    await ensure_topics(bootstrap, [topic], partitions=3, replication=1)
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=f"bench-raw-{uid}",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True, linger_ms=0)
    await consumer.start()
    await producer.start()
    try:
        # Produce only once the group owns the partitions, so join time is not counted.
        while not consumer.assignment():
            await consumer.getmany(timeout_ms=100)
        sent: dict[int, float] = {}
        latencies: list[float] = []
        total = int(rate * duration)
        receiver = asyncio.create_task(_receive(consumer, sent, latencies, total))

        async def fire(i: int) -> None:
            sent[i] = time.time()
            await producer.send(topic, str(i).encode(), key=str(i).encode())

        pacing = await open_loop(rate, total, fire)
        try:
            await asyncio.wait_for(receiver, timeout=30)
        except TimeoutError:
            pass  # report what arrived; the count shows the shortfall
        return latencies, pacing
    finally:
        await producer.stop()
        await consumer.stop()
        await _delete_topic(bootstrap, topic)


async def _receive(consumer: AIOKafkaConsumer, sent: dict[int, float], out: list[float], total: int) -> None:
    while len(out) < total:
        batches = await consumer.getmany(timeout_ms=500)
        received = time.time()
        for records in batches.values():
            out.extend(received - sent[int(r.value)] for r in records)


async def _delete_topic(bootstrap: str, topic: str) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.delete_topics([topic])
    finally:
        await admin.close()
