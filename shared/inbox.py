"""Idempotent consumption: a processed-event row per (consumer, event id), same transaction."""

from sqlalchemy import Table, insert
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from shared.db import utcnow
from shared.envelope import Envelope


async def claim_event(session: AsyncSession, table: Table, *, consumer: str, event: Envelope) -> bool:
    """Record the event as processed by `consumer`; False if it already was."""
    values = dict(consumer=consumer, event_id=event.id, event_type=event.type, processed_at=utcnow())
    dialect = session.bind.dialect.name
    if dialect == "postgresql":
        stmt = pg_insert(table).values(values).on_conflict_do_nothing()
    elif dialect == "sqlite":
        stmt = sqlite_insert(table).values(values).on_conflict_do_nothing()
    else:  # pragma: no cover - other dialects would need their own upsert
        stmt = insert(table).values(values)
    result = await session.execute(stmt)
    return result.rowcount == 1
