"""Idempotent, retrying event consumers with a dead-letter topic.

At-least-once on the wire, exactly-once in effect: the handler's writes and the
processed-event row commit together, the offset is committed only after that, and
a message that keeps failing goes to `<topic>.dlt` so the partition keeps moving.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from itertools import chain

from aiokafka import TopicPartition
from faststream.kafka import KafkaBroker, KafkaMessage
from faststream.kafka.subscriber.usecase import BatchSubscriber
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
POLL_WAIT_MS = 500  # an idle consumer's wait for records; one that arrives ends it at once


class _PromptBatchSubscriber(BatchSubscriber):
    """FastStream's batch subscriber without its sleep after an empty poll.

    FastStream sleeps `batch_timeout_ms` again after a poll that found nothing: a record arriving
    in that sleep waited for it (up to 10 ms at our old setting, 2.5 ms on average). aiokafka's
    getmany already returns as soon as a record is fetched, so a long poll alone is both prompt
    and idle-cheap.
    """

    __slots__ = ()

    async def get_msg(self, consumer):
        records = await consumer.getmany(timeout_ms=self.batch_timeout_ms, max_records=self.max_records)
        return tuple(chain(*records.values()))


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
    max_batch: int = 200
    _committing: asyncio.Task | None = None

    def subscribe(self) -> None:
        topics = sorted({self.topic(h.payload.topic()) for h in self.handlers.values()})
        # Defaults are unsafe for us: ACK_FIRST is at-most-once, "latest" skips history.
        # Batches: under load one transaction and one offset commit serve many events;
        # a poll returns as soon as anything is there, so a lone event does not wait.
        subscriber = self.broker.subscriber(
            *topics,
            group_id=self.group_id,
            auto_offset_reset="earliest",
            ack_policy=AckPolicy.MANUAL,
            batch=True,
            max_records=self.max_batch,
            batch_timeout_ms=POLL_WAIT_MS,
            title=f"{self.name}:consumer",
        )
        subscriber.__class__ = _PromptBatchSubscriber  # same slots: only get_msg differs
        subscriber(self.on_batch)

    async def on_batch(self, msg: KafkaMessage) -> None:
        records = msg.raw_message if isinstance(msg.raw_message, (tuple, list)) else (msg.raw_message,)
        try:
            await self.handle_batch(records)
        except Exception as exc:
            # Someone in the batch failed: nothing of it was committed. Go one by one, so
            # only the culprit is retried and dead-lettered.
            log.warning("batch failed, handling its records one by one", extra={"error": repr(exc)})
            for record in records:
                await self.handle_with_retries(record)
        failpoints.hit("consumer.before_ack", records[-1].topic)
        self._commit_in_background(msg, records)

    def _commit_in_background(self, msg: KafkaMessage, records) -> None:
        """Commit this batch's offsets while the next batch is handled.

        The commit is a broker round trip the next event need not wait for: what it guards against,
        handling a batch again after a crash, the processed-event rows already absorb. The offsets are
        this batch's own (not the consumer's position, which the next poll moves on), and each commit
        waits for the one before it, so they reach the broker in order.
        """
        offsets: dict[TopicPartition, int] = {}
        for record in records:
            partition = TopicPartition(record.topic, record.partition)
            offsets[partition] = max(offsets.get(partition, 0), record.offset + 1)
        self._committing = asyncio.create_task(self._commit(msg.consumer, offsets, after=self._committing))

    async def _commit(self, consumer, offsets: dict[TopicPartition, int], *, after: asyncio.Task | None) -> None:
        if after is not None:
            await asyncio.gather(after, return_exceptions=True)
        try:
            await consumer.commit(offsets)
        except Exception as exc:  # e.g. a rebalance took the partition: its next owner redelivers, we skipped nothing
            log.warning("offset commit failed; those events come again and are skipped", extra={"error": repr(exc)})

    async def handle_batch(self, records) -> None:
        """Handle every record in one transaction; raises (and rolls back) if any fails."""
        parsed = [self._parse(record) for record in records]
        handled = []
        async with self.new_uow() as uow:
            for envelope, handler, event in filter(None, parsed):
                if await self._apply(uow, envelope, handler, event):
                    handled.append(envelope)
            failpoints.hit("consumer.before_commit", *(e.type for e in handled))
        self._log_handled(handled)

    async def handle_with_retries(self, record) -> None:
        for attempt in range(1, self.max_retries + 1):
            try:
                return await self.handle_batch((record,))
            except POISON as exc:
                return await self._dead_letter(record, exc, attempt)
            except Exception as exc:
                if attempt == self.max_retries:
                    return await self._dead_letter(record, exc, attempt)
                log.warning("handler failed, retrying", extra={"attempt": attempt, "error": repr(exc)})
                await asyncio.sleep(self.retry_backoff_s * 2 ** (attempt - 1))

    def _parse(self, record) -> tuple[Envelope, Handler, EventPayload] | None:
        """The envelope, handler and payload of a record; None when it is not for us."""
        envelope = Envelope.from_kafka(dict(record.headers), record.value)
        handler = self.handlers.get(envelope.type)
        if handler is None or envelope.data_version != handler.payload.data_version:
            return None  # not ours, or a version we do not read: the producer sends ours too
        return envelope, handler, handler.payload.model_validate(envelope.data)

    async def _apply(self, uow: UnitOfWork, envelope: Envelope, handler: Handler, event: EventPayload) -> bool:
        correlation_id.set(envelope.correlation_id)
        causation_id.set(envelope.id)
        if not await claim_event(uow.session, uow.tables.processed_events, consumer=self.name, event=envelope):
            log.info("duplicate event skipped", extra={"consumer": self.name, "event_id": envelope.id})
            return False
        await handler.func(uow=uow, event=event, envelope=envelope)
        return True

    def _log_handled(self, envelopes: list[Envelope]) -> None:
        for envelope in envelopes:  # after the commit: this line means "durably handled"
            correlation_id.set(envelope.correlation_id)
            log.info(
                "event handled", extra={"consumer": self.name, "event_type": envelope.type, "event_id": envelope.id}
            )

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
