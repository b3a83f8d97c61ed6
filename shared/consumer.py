"""Idempotent, retrying event consumers with a dead-letter topic.

At-least-once on the wire, exactly-once in effect: the handler's writes and the
processed-event row commit together, the offset is committed only after that, and
a message that keeps failing goes to `<topic>.dlt` so the partition keeps moving.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from faststream.kafka import KafkaBroker, KafkaMessage
from faststream.middlewares import AckPolicy
from pydantic import ValidationError

from shared import failpoints
from shared.contracts import EventPayload
from shared.envelope import Envelope, MalformedEvent
from shared.inbox import claim_event
from shared.logs import correlation_id
from shared.uow import UnitOfWork, causation_id

log = logging.getLogger("clinicops.consumer")
POISON = (MalformedEvent, ValidationError)


@dataclass(frozen=True)
class Handler:
    """A use case run for one event type: `await func(uow=..., event=..., envelope=...)`."""

    payload: type[EventPayload]
    func: Callable[..., Awaitable[None]]


@dataclass
class EventConsumer:
    """One consumer group of a service, over the topics of its handlers."""

    name: str
    group_id: str
    handlers: dict[str, Handler]
    new_uow: Callable[[], UnitOfWork]
    broker: KafkaBroker
    topic: Callable[[str], str]
    max_retries: int = 3
    retry_backoff_s: float = 0.2

    def subscribe(self) -> None:
        topics = sorted({self.topic(h.payload.topic()) for h in self.handlers.values()})
        # Defaults are unsafe for us: ACK_FIRST is at-most-once, "latest" skips history.
        subscriber = self.broker.subscriber(
            *topics,
            group_id=self.group_id,
            auto_offset_reset="earliest",
            ack_policy=AckPolicy.MANUAL,
            title=f"{self.name}:consumer",
        )
        subscriber(self.on_message)

    async def on_message(self, msg: KafkaMessage) -> None:
        record = msg.raw_message
        for attempt in range(1, self.max_retries + 1):
            try:
                await self.handle(dict(record.headers), record.value)
                break
            except POISON as exc:
                await self._dead_letter(record, exc, attempt)
                break
            except Exception as exc:
                if attempt == self.max_retries:
                    await self._dead_letter(record, exc, attempt)
                    break
                log.warning("handler failed, retrying", extra={"attempt": attempt, "error": repr(exc)})
                await asyncio.sleep(self.retry_backoff_s * 2 ** (attempt - 1))
        failpoints.hit("consumer.before_ack", record.topic)
        await msg.ack()

    async def handle(self, headers: dict, value: bytes | None) -> bool:
        """Run the handler for one record; False when skipped (unknown or already processed)."""
        envelope = Envelope.from_kafka(headers, value)
        handler = self.handlers.get(envelope.type)
        if handler is None or envelope.data_version != handler.payload.data_version:
            return False  # not ours, or a version we do not read: the producer sends ours too
        event = handler.payload.model_validate(envelope.data)
        correlation_id.set(envelope.correlation_id)
        causation_id.set(envelope.id)
        async with self.new_uow() as uow:
            if not await claim_event(uow.session, uow.tables.processed_events, consumer=self.name, event=envelope):
                log.info("duplicate event skipped", extra={"consumer": self.name, "event_id": envelope.id})
                return False
            await handler.func(uow=uow, event=event, envelope=envelope)
            failpoints.hit("consumer.before_commit", envelope.type)
        log.info("event handled", extra={"consumer": self.name, "event_type": envelope.type, "event_id": envelope.id})
        return True

    async def _dead_letter(self, record, exc: Exception, attempts: int) -> None:
        headers = {k: v.decode(errors="replace") for k, v in record.headers}
        headers |= {
            "dlt_error": f"{type(exc).__name__}: {exc}"[:2000],
            "dlt_error_type": type(exc).__name__,
            "dlt_original_topic": record.topic,
            "dlt_original_partition": str(record.partition),
            "dlt_original_offset": str(record.offset),
            "dlt_consumer": self.name,
            "dlt_attempts": str(attempts),
        }
        log.error("event dead-lettered", extra={"topic": record.topic, "offset": record.offset, "error": repr(exc)})
        await self.broker.publish(record.value or b"", f"{record.topic}.dlt", key=record.key, headers=headers)
