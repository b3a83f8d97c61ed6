"""Test-side Kafka helpers: raw produce, read a topic, wait for a group to catch up."""

import asyncio
import time

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient


async def produce(bootstrap: str, topic: str, value: bytes, *, key: bytes, headers: dict[str, str]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True)
    await producer.start()
    try:
        await producer.send_and_wait(topic, value, key=key, headers=[(k, v.encode()) for k, v in headers.items()])
    finally:
        await producer.stop()


async def read_all(bootstrap: str, topic: str, *, expect: int, timeout: float = 30.0) -> list:
    """Read a topic from the start until `expect` records arrived (or the timeout)."""
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", enable_auto_commit=False, group_id=None
    )
    await consumer.start()
    records, deadline = [], time.monotonic() + timeout
    try:
        while len(records) < expect and time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=500)
            for part in batch.values():
                records.extend(part)
    finally:
        await consumer.stop()
    return records


async def wait_caught_up(bootstrap: str, group: str, topic: str, timeout: float = 60.0) -> None:
    """Wait until `group` has committed every partition of `topic` up to its end offset."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    probe = AIOKafkaConsumer(bootstrap_servers=bootstrap)
    await admin.start()
    await probe.start()
    try:
        (described,) = await admin.describe_topics([topic])
        partitions = [TopicPartition(topic, p["partition"]) for p in described["partitions"]]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ends = await probe.end_offsets(partitions)
            committed = await admin.list_consumer_group_offsets(group)
            # A partition that never held a record has nothing to commit: its lag is 0 as it stands.
            if all((committed[tp].offset if tp in committed else 0) >= end for tp, end in ends.items()):
                return
            await asyncio.sleep(0.3)
        raise TimeoutError(f"group {group} did not catch up on {topic}: {committed} vs {ends}")
    finally:
        await probe.stop()
        await admin.close()
