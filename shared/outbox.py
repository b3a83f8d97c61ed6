"""Outbox relay: publishes committed outbox rows at once, and sweeps up leftovers."""

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta

from sqlalchemy import Table, delete, select, text, update
from sqlalchemy.ext.asyncio import async_sessionmaker

from shared.clock import utcnow

log = logging.getLogger("clinicops.outbox")
_INDEX_ORDER = text("SET LOCAL enable_sort = off")  # PostgreSQL, this transaction only

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
        # Two batches overlap: while one batch's acknowledgements are awaited (then it is
        # marked), the next is read and handed to the producer, which never runs dry between
        # batches. Records still enter the producer in id order, so each key keeps its order.
        total, after, pending = 0, None, None
        try:
            while sent := await self._send_batch(after):
                after, finish = sent
                previous, pending = pending, asyncio.ensure_future(finish)
                if previous is not None:
                    total += await previous
            if pending is not None:
                total += await pending
                pending = None
        finally:
            if pending is not None:
                # A batch is in the producer and its rows are held: let it finish (it may
                # well be acknowledged) before the error that stopped us propagates.
                await asyncio.gather(pending, return_exceptions=True)
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

    async def _send_batch(self, after: int | None):
        """Hand the next batch to the producer: (its last id, a coroutine that awaits its acks and marks it)."""
        if self._row_locking:
            return await self._send_batch_locked()
        return await self._send_batch_unlocked(after)

    async def _send_batch_locked(self):
        # SKIP LOCKED lets several relay instances share the work on PostgreSQL: one statement
        # takes the batch, locking its rows and marking them, and the transaction commits only
        # once every record is acknowledged. Until then no other instance (nor this one's next
        # batch) sees or sends these rows; a failure rolls the marks back for the sweeper.
        session = self._sessions()
        try:
            await session.begin()
            # The planner believes the unpublished rows few (the partial index is tiny but for
            # a backlog), so it would read and sort the whole backlog for every batch: 100 ms a
            # batch with 50,000 rows waiting. Forbidding the sort leaves the index's own order.
            await session.execute(_INDEX_ORDER)
            rows = sorted((await session.execute(self._take())).all(), key=lambda r: r.id)
            acks = await self._enqueue(rows) if rows else None
        except BaseException:
            await session.close()
            raise
        if not rows:
            await session.close()
            return None

        async def finish() -> int:
            async with session:
                await asyncio.gather(*acks)
                await session.commit()
            return len(rows)

        return rows[-1].id, finish()

    async def _send_batch_unlocked(self, after: int | None):
        # SQLite has one writer at a time (BEGIN IMMEDIATE) and one relay per database file:
        # holding the write lock while waiting for the broker would stall every request.
        # Rows past `after` only: the batch before is sent but not marked yet.
        async with self._sessions.begin() as session:
            query = self._unpublished()
            if after is not None:
                query = query.where(self._outbox.c.id > after)
            rows = (await session.execute(query)).all()
        if not rows:
            return None
        acks = await self._enqueue(rows)

        async def finish() -> int:
            await asyncio.gather(*acks)
            async with self._sessions.begin() as session:
                await self._mark_published(session, rows)
            return len(rows)

        return rows[-1].id, finish()

    def _take(self):
        # One round trip (was a SELECT FOR UPDATE, then an UPDATE binding the batch's ids back).
        # published_at is the time the batch was taken; it counts only once the acks are in.
        outbox = self._outbox
        batch = self._unpublished().with_only_columns(outbox.c.id).with_for_update(skip_locked=True)
        return (
            update(outbox)
            .where(outbox.c.id.in_(batch.scalar_subquery()))
            .values(published_at=utcnow())
            .returning(outbox.c.id, outbox.c.topic, outbox.c.key, outbox.c.headers, outbox.c.payload)
        )

    def _unpublished(self):
        outbox = self._outbox
        return (
            select(outbox.c.id, outbox.c.topic, outbox.c.key, outbox.c.headers, outbox.c.payload)
            .where(outbox.c.published_at.is_(None))
            .order_by(outbox.c.id)
            .limit(self._batch_size)
        )

    async def _enqueue(self, rows) -> list[Awaitable[object]]:
        # In id order (the producer keeps that order per partition); every acknowledgement
        # is awaited before the rows may be marked published.
        return [await self._publish(r.topic, r.key.encode(), r.headers, r.payload) for r in rows]

    async def _mark_published(self, session, rows) -> None:
        outbox = self._outbox
        await session.execute(update(outbox).where(outbox.c.id.in_([r.id for r in rows])).values(published_at=utcnow()))
