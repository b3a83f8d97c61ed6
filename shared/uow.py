"""Unit of work: one use case = one transaction, state and outbox rows together."""

import contextvars
from collections.abc import Callable

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from shared import failpoints
from shared.clock import utcnow
from shared.contracts import EventPayload
from shared.envelope import Envelope
from shared.errors import Conflict
from shared.logs import correlation_id
from shared.messaging_tables import MessagingTables

# The event being handled, so events a consumer emits name it as their cause.
causation_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("causation_id", default=None)


class UnitOfWork:
    """`async with uow:` commits on success and rolls back on error; use once."""

    def __init__(
        self,
        sessions: async_sessionmaker,
        tables: MessagingTables,
        *,
        source: str,
        topic: Callable[[str], str],
        after_commit: Callable[[], None] = lambda: None,
    ):
        self._sessions = sessions
        self.tables = tables
        self.source = source
        self._topic = topic
        self._after_commit = after_commit
        self.session: AsyncSession | None = None
        self.emitted: list[Envelope] = []
        self._outbox_rows: list[dict] = []

    async def __aenter__(self) -> "UnitOfWork":
        self.session = self._sessions()
        await self.session.begin()
        return self

    async def __aexit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                if self._outbox_rows:  # every event of the transaction in one statement, just before its commit
                    await self.session.execute(self.tables.outbox.insert(), self._outbox_rows)
                await self.session.commit()
            else:
                await self.session.rollback()
        finally:
            await self.session.close()
        if exc_type is None and self.emitted:
            failpoints.hit("outbox.after_commit", *(e.type for e in self.emitted))
            self._after_commit()

    async def add_unique(self, *rows, conflict: str, field: str | None = None, constraint: str | None = None) -> None:
        """Add `rows` and flush now, so that a unique or exclusion constraint's refusal is a 409.

        The database, not a check before the insert, decides races. With `constraint`, only a
        violation of that named constraint is the conflict; any other integrity error propagates.
        """
        self.session.add_all(rows)
        try:
            await self.session.flush()
        except IntegrityError as exc:
            if constraint is not None and constraint not in str(exc.orig):
                raise
            raise Conflict(conflict, field=field) from exc

    async def emit(
        self,
        payload: EventPayload,
        *,
        subject: str,
        location_id: str | None = None,
        event_type: str | None = None,
    ) -> Envelope:
        """Write the event to the outbox in this transaction; the relay publishes it."""
        envelope = Envelope(
            type=event_type or payload.event_type,
            source=self.source,
            subject=subject,
            correlation_id=correlation_id.get(),
            causation_id=causation_id.get(),
            location_id=location_id,
            data_version=payload.data_version,
            data=payload.model_dump(mode="json"),
        )
        # Written at commit, all at once: a consumer's batch of a hundred events emits two hundred.
        self._outbox_rows.append(
            dict(
                event_id=envelope.id,
                topic=self._topic(envelope.topic),
                key=subject,
                headers=envelope.kafka_headers(),
                payload=envelope.kafka_value(),
                created_at=utcnow(),
            )
        )
        self.emitted.append(envelope)
        return envelope
