"""Everything a running service holds: database, broker, outbox relay and consumers."""

import asyncio
import gc
import logging
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import timedelta

from sqlalchemy import MetaData, text

from shared.clock import utcnow
from shared.consumer import EventConsumer, Handler
from shared.contracts.gateway import TokensRevoked
from shared.db import create_engine, is_sqlite, session_factory
from shared.inbox import forget_processed_before
from shared.kafka import create_broker, ensure_topics, relay_publish
from shared.messaging_tables import MessagingTables
from shared.outbox import OutboxRelay
from shared.public_keys import PublicKeys
from shared.revocations import RevocationFeed
from shared.settings import ServiceSettings
from shared.uow import UnitOfWork

log = logging.getLogger("clinicops.runtime")


def _tune_interpreter_for_serving() -> None:
    """Once start-up is done, take its objects out of the garbage collector's way."""
    # Modules, models and compiled statements live as long as the process, yet every full
    # collection walked them all again: 90-230 ms pauses of the whole service under load.
    # Frozen, they are never scanned; what requests create is collected as before.
    gc.collect()
    gc.freeze()


class ServiceRuntime:
    """Built once per process by the service's create_app; owns every connection."""

    def __init__(self, settings: ServiceSettings, metadata: MetaData, *, produces: list[str]):
        self.settings = settings
        self.metadata = metadata
        self.tables = MessagingTables(metadata.tables["outbox"], metadata.tables["processed_event"])
        self.engine = create_engine(settings.db_url)
        self.sessions = session_factory(self.engine)
        self.broker = create_broker(settings)
        self.public_keys = PublicKeys.from_source(settings.jwks_url)
        self.revocations = RevocationFeed(
            bootstrap=settings.kafka_bootstrap_servers,
            topic=settings.topic(TokensRevoked.topic()),
            look_back=timedelta(seconds=settings.revocation_look_back_s),
        )
        self.produces = [settings.topic(t) for t in produces]
        self.consumers: list[EventConsumer] = []
        self._periodic: list[tuple[float, Callable[[], Awaitable[None]], str]] = []
        self._alongside: list[tuple[Callable[[], Awaitable[Callable[[], Awaitable[None]]]], str]] = []
        self._tasks: list[asyncio.Task] = []
        self.relay = OutboxRelay(
            sessions=self.sessions,
            outbox=self.tables.outbox,
            publish=relay_publish(self.broker),
            sweep_interval_s=settings.outbox_sweep_interval_s,
            row_locking=not is_sqlite(settings.db_url),
            retention=timedelta(seconds=settings.outbox_retention_s),
        )

    def uow(self) -> UnitOfWork:
        """A fresh unit of work; its commit wakes the relay."""
        return UnitOfWork(
            self.sessions,
            self.tables,
            source=f"/clinicops/{self.settings.service_name}",
            topic=self.settings.topic,
            after_commit=self.relay.wake,
        )

    def consume(self, handlers: dict[str, Handler], *, group: str | None = None) -> None:
        """Subscribe a consumer group (default: the service name) to these handlers."""
        name = group or self.settings.service_name
        consumer = EventConsumer(
            name=name,
            group_id=self.settings.topic(name),  # the topic prefix namespaces groups too
            handlers=handlers,
            new_uow=self.uow,
            broker=self.broker,
            topic=self.settings.topic,
            max_retries=self.settings.consumer_max_retries,
            retry_backoff_s=self.settings.consumer_retry_backoff_s,
        )
        if self.settings.run_consumers:
            consumer.subscribe()
        self.consumers.append(consumer)

    def every(self, seconds: float, job: Callable[[], Awaitable[None]], *, name: str) -> None:
        """Run `job` every `seconds` while the service runs (e.g. expiring holds); errors are logged."""
        self._periodic.append((seconds, job, name))

    def alongside(self, start: Callable[[], Awaitable[Callable[[], Awaitable[None]]]], *, name: str) -> None:
        """Run another listener (e.g. an SMTP server) while the service runs: `start()` returns its async stop."""
        self._alongside.append((start, name))

    async def forget_old_processed_events(self) -> int:
        """Retention of the consumers' dedup rows (see `processed_event_retention_s`)."""
        cutoff = utcnow() - timedelta(seconds=self.settings.processed_event_retention_s)
        async with self.sessions.begin() as session:
            return await forget_processed_before(session, self.tables.processed_events, cutoff=cutoff)

    async def _repeat(self, seconds: float, job: Callable[[], Awaitable[None]], name: str) -> None:
        while True:
            await asyncio.sleep(seconds)
            try:
                await job()
            except Exception:
                log.exception("periodic job failed", extra={"job": name})

    def all_topics(self) -> list[str]:
        consumed = [self.settings.topic(h.payload.topic()) for c in self.consumers for h in c.handlers.values()]
        revocations = self.settings.topic(TokensRevoked.topic())
        return sorted({*self.produces, *consumed, *(f"{t}.dlt" for t in consumed), revocations})

    @asynccontextmanager
    async def running(self):
        """Start the broker, consumers and relay; stop them in reverse order."""
        settings = self.settings
        await ensure_topics(
            settings.kafka_bootstrap_servers,
            self.all_topics(),
            partitions=settings.topic_partitions,
            replication=settings.topic_replication,
        )
        await self.broker.start()
        await self.revocations.start()
        try:
            # Serving before the look-back is read would honour a token revoked a minute ago.
            await asyncio.wait_for(self.revocations.caught_up.wait(), timeout=30)
        except TimeoutError:
            log.warning("revocations not caught up within 30 s; serving anyway")
        _tune_interpreter_for_serving()
        if settings.run_relay:
            self.relay.start()
        periodic = list(self._periodic)
        if self.consumers:
            periodic.append((3600.0, self.forget_old_processed_events, "inbox.retention"))
        self._tasks = [asyncio.create_task(self._repeat(*p), name=p[2]) for p in periodic]
        stops = []
        try:
            for start, name in self._alongside:
                stops.append(await start())
                log.info("listener started", extra={"listener": name})
            yield self
        finally:
            for stop in reversed(stops):
                await stop()
            for task in self._tasks:
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
            await self.relay.stop()
            await self.revocations.stop()
            # aiokafka#659: stop() can loop while the brokers are down; bound it.
            try:
                await asyncio.wait_for(self.broker.stop(), timeout=15)
            except TimeoutError:
                log.warning("broker did not stop within 15 s")
            await self.engine.dispose()

    async def database_ready(self) -> bool:
        try:
            async with self.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
            return True
        except Exception:
            return False

    async def broker_ready(self) -> bool:
        try:
            return bool(await asyncio.wait_for(self.broker.ping(timeout=2.0), timeout=3.0))
        except Exception:
            return False
