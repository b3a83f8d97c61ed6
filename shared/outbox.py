"""Outbox relay: publishes committed outbox rows at once, and sweeps up leftovers."""

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta

from sqlalchemy import Table, delete, select, update
from sqlalchemy.ext.asyncio import async_sessionmaker

from shared.clock import utcnow

log = logging.getLogger("clinicops.outbox")

# publish(topic, key, headers, payload) -> awaitable that resolves once the broker acked.
Publish = Callable[[str, bytes, dict[str, str], bytes], Awaitable[Awaitable[object]]]


class OutboxRelay:
    """Woken by each commit; also sweeps on a timer for rows a crash left behind."""

    def __init__(
        self,
        *,
        sessions: async_sessionmaker,
        outbox: Table,
        publish: Publish,
        sweep_interval_s: float = 5.0,
        batch_size: int = 500,
        row_locking: bool = True,
        retention: timedelta = timedelta(hours=1),
    ):
        self._sessions = sessions
        self._outbox = outbox
        self._publish = publish
        self._sweep_interval_s = sweep_interval_s
        self._batch_size = batch_size
        self._row_locking = row_locking  # False on SQLite, where one writer at a time is the rule
        self._retention = retention
        self._next_purge = 0.0
        self._wakeup = asyncio.Event()
        self._task: asyncio.Task | None = None

    def wake(self) -> None:
        """Called right after a commit that wrote outbox rows."""
        self._wakeup.set()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="outbox-relay")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _run(self) -> None:
        while True:
            try:
                await self.drain()
                await self._purge_published()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("outbox relay failed; retrying at the next sweep")
            try:
                await asyncio.wait_for(self._wakeup.wait(), self._sweep_interval_s)
            except TimeoutError:
                pass
            self._wakeup.clear()

    async def drain(self) -> int:
        """Publish every unpublished row; returns how many were published."""
        total = 0
        while published := await self._publish_batch():
            total += published
        return total

    async def _purge_published(self) -> None:
        # Published rows are history only; an unbounded outbox slows every relay scan
        # (and on PostgreSQL leaves autovacuum a growing pile of dead rows).
        now = time.monotonic()
        if now < self._next_purge:
            return
        self._next_purge = now + self._sweep_interval_s * 12
        async with self._sessions() as session, session.begin():
            await session.execute(delete(self._outbox).where(self._outbox.c.published_at < utcnow() - self._retention))

    async def _publish_batch(self) -> int:
        if self._row_locking:
            return await self._publish_batch_locked()
        return await self._publish_batch_unlocked()

    async def _publish_batch_locked(self) -> int:
        # SKIP LOCKED lets several relay instances share the work on PostgreSQL: the row
        # locks are held until the rows are marked, so no two instances send the same row.
        async with self._sessions() as session, session.begin():
            rows = (await session.execute(self._unpublished().with_for_update(skip_locked=True))).all()
            if rows:
                await self._send(rows)
                await self._mark_published(session, rows)
        return len(rows)

    async def _publish_batch_unlocked(self) -> int:
        # SQLite has one writer at a time (BEGIN IMMEDIATE) and one relay per database file:
        # holding the write lock while waiting for the broker would stall every request.
        async with self._sessions() as session:
            async with session.begin():
                rows = (await session.execute(self._unpublished())).all()
            if rows:
                await self._send(rows)
                async with session.begin():
                    await self._mark_published(session, rows)
        return len(rows)

    def _unpublished(self):
        outbox = self._outbox
        return (
            select(outbox.c.id, outbox.c.topic, outbox.c.key, outbox.c.headers, outbox.c.payload)
            .where(outbox.c.published_at.is_(None))
            .order_by(outbox.c.id)
            .limit(self._batch_size)
        )

    async def _send(self, rows) -> None:
        # Enqueue in id order (the producer keeps that order per partition), then wait
        # for every acknowledgement before the rows may be marked published.
        pending = [await self._publish(r.topic, r.key.encode(), r.headers, r.payload) for r in rows]
        await asyncio.gather(*pending)

    async def _mark_published(self, session, rows) -> None:
        outbox = self._outbox
        await session.execute(update(outbox).where(outbox.c.id.in_([r.id for r in rows])).values(published_at=utcnow()))
