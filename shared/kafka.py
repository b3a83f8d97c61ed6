"""The Kafka client side: a safe producer configuration and topic creation."""

import logging

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError
from faststream.kafka import KafkaBroker

from shared.settings import ServiceSettings

log = logging.getLogger("clinicops.kafka")


def producer_settings() -> dict:
    """The producer's settings (AIOKafkaProducer keywords), for the services and the benches alike."""
    # aiokafka's defaults (acks=1, no idempotence) can lose or duplicate events.
    return dict(acks="all", enable_idempotence=True)


def create_broker(settings: ServiceSettings) -> KafkaBroker:
    """A broker whose producer waits for every in-sync replica and never duplicates."""
    return KafkaBroker(
        settings.kafka_bootstrap_servers,
        **producer_settings(),
        client_id=f"clinicops-{settings.service_name}",
        logger=logging.getLogger(f"clinicops.{settings.service_name}.broker"),
        log_level=logging.DEBUG,
        graceful_timeout=10.0,
    )


async def ensure_topics(bootstrap: str, topics: list[str], *, partitions: int, replication: int) -> list[str]:
    """Create the topics that do not exist yet; returns the ones created."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, client_id="clinicops-admin")
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [t for t in dict.fromkeys(topics) if t not in existing]
        if not missing:
            return []
        new = [NewTopic(t, num_partitions=partitions, replication_factor=replication) for t in missing]
        try:
            await admin.create_topics(new)
        except TopicAlreadyExistsError:
            pass  # another instance created it between our list and create
        log.info("created topics", extra={"topics": missing})
        return missing
    finally:
        await admin.close()
