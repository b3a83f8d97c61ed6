"""The producer side of shared.kafka: the partitioner, the settings, and the relay's publish on a real broker."""

import os
import random
import uuid

import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.partitioner import DefaultPartitioner
from aiokafka.partitioner import murmur2 as aiokafka_murmur2
from faststream.exceptions import IncorrectState

from shared.kafka import create_broker, ensure_topics, murmur2, partition_of, producer_settings, relay_publish
from shared.settings import ServiceSettings


def test_murmur2_is_the_java_clients_hash_of_every_length():
    rng = random.Random(19)
    keys = [rng.randbytes(n) for n in range(80) for _ in range(50)] + [str(uuid.uuid4()).encode() for _ in range(500)]
    assert [murmur2(k) for k in keys] == [aiokafka_murmur2(k) for k in keys]


def test_a_key_lands_on_the_partition_aiokafkas_default_partitioner_picks():
    for count in (1, 3, 7, 12):
        partitions = list(range(count))
        for _ in range(300):
            key = os.urandom(random.randint(1, 64))
            assert partition_of(key, partitions, partitions) == DefaultPartitioner()(key, partitions, partitions)
    assert partition_of(None, [0, 1, 2], [2]) == 2  # no key: an available partition


def test_the_producer_never_loses_nor_duplicates_and_sends_a_lone_event_at_once():
    settings = producer_settings()
    assert settings["acks"] == "all" and settings["enable_idempotence"] is True
    assert settings.get("linger_ms", 0) == 0
    assert settings["partitioner"] is partition_of


@pytest.mark.integration
async def test_relay_publish_sends_cloudevents_headers_and_resolves_once_acked(kafka_bootstrap):
    topic = f"test-relay-publish-{uuid.uuid4().hex[:8]}"
    await ensure_topics(kafka_bootstrap, [topic], partitions=3, replication=1)
    broker = create_broker(ServiceSettings(service_name="test", kafka_bootstrap_servers=kafka_bootstrap))
    publish = relay_publish(broker)
    with pytest.raises(IncorrectState):  # before the broker is started
        await publish(topic, b"k", {}, b"{}")
    await broker.start()
    try:
        headers = {"ce_specversion": "1.0", "ce_id": "e1", "content-type": "application/json"}
        ack = await publish(topic, b"appt-1", headers, b'{"a":1}')
        metadata = await ack
        assert metadata.topic == topic and metadata.offset == 0
        assert metadata.partition == partition_of(b"appt-1", [0, 1, 2], [0, 1, 2])
    finally:
        await broker.stop()
    consumer = AIOKafkaConsumer(bootstrap_servers=kafka_bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        partition = TopicPartition(topic, metadata.partition)
        consumer.assign([partition])
        await consumer.seek_to_beginning(partition)
        record = await consumer.getone()
    finally:
        await consumer.stop()
    assert (record.key, record.value) == (b"appt-1", b'{"a":1}')
    assert dict(record.headers) == {k: v.encode() for k, v in headers.items()}  # and nothing of FastStream's
