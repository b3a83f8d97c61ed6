"""The hub: one Kafka consumer of the gateway's own fills the ring and fans each event out to open streams."""

import asyncio
import logging
import uuid

from aiokafka import AIOKafkaConsumer

from services.gateway.live.domain import STREAMS, LiveEvent, Ring, live_event
from shared.envelope import Envelope, MalformedEvent

log = logging.getLogger("clinicops.live")
STOP_TIMEOUT_S = 5.0  # aiokafka#659: stop() can hang while the broker is down


class LiveHub:
    """Events since this process started, for the streams of the users connected to it."""

    def __init__(self, *, bootstrap: str, topic_of, group_prefix: str, ring_size: int, queue_size: int = 500):
        self.epoch = uuid.uuid4().hex[:12]
        self.ring = Ring(epoch=self.epoch, size=ring_size)
        self._bootstrap = bootstrap
        self._topics = [topic_of(t) for t in STREAMS]
        # A group per process: each gateway instance needs every partition for the users connected to it,
        # and starts at the end (a live view, not a replay); what came before is the routes' to tell.
        self._group = f"{group_prefix}.{self.epoch}"
        self._queue_size = queue_size
        self._streams: set[asyncio.Queue] = set()
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._consume(), name="gateway.live")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    def publish(self, envelope: Envelope) -> LiveEvent | None:
        """Keep the event in the ring and hand it to every open stream (a stream too slow to keep up is closed)."""
        event = live_event(envelope, event_id=self.ring.next_id())
        if event is None:
            return None
        self.ring.add(event)
        for queue in list(self._streams):
            try:
                queue.put_nowait(event)
            except asyncio.QueueFull:
                self._streams.discard(queue)  # its stream ends; the client reconnects and refetches
        return event

    def open(self) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue(maxsize=self._queue_size)
        self._streams.add(queue)
        return queue

    def close(self, queue: asyncio.Queue) -> None:
        self._streams.discard(queue)

    def is_open(self, queue: asyncio.Queue) -> bool:
        return queue in self._streams

    async def _consume(self) -> None:
        while True:
            consumer = AIOKafkaConsumer(
                *self._topics,
                bootstrap_servers=self._bootstrap,
                group_id=self._group,
                auto_offset_reset="latest",
                enable_auto_commit=False,
                metadata_max_age_ms=5000,  # topics made after the gateway started are joined within seconds
                fetch_max_wait_ms=100,
            )
            try:
                await consumer.start()
                async for record in consumer:
                    try:
                        self.publish(Envelope.from_kafka(dict(record.headers), record.value))
                    except MalformedEvent:
                        log.warning("unreadable event skipped", extra={"topic": record.topic})
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("live consumer failed; starting again")
                await asyncio.sleep(1)
            finally:
                try:
                    await asyncio.wait_for(consumer.stop(), STOP_TIMEOUT_S)
                except (TimeoutError, Exception):
                    pass
