"""Idempotent consumption: a processed-event row per (consumer, event id), same transaction."""

from datetime import datetime
from functools import cache

from sqlalchemy import Table, delete
from sqlalchemy.ext.asyncio import AsyncSession

from shared.clock import utcnow
from shared.db import dialect_insert
from shared.envelope import Envelope


@cache
def _claim_statement(table: Table, dialect: str):
    # Built once: a constant statement lets SQLAlchemy reuse its compiled form.
    return dialect_insert(dialect)(table).on_conflict_do_nothing()


async def claim_event(session: AsyncSession, table: Table, *, consumer: str, event: Envelope) -> bool:
    """Record the event as processed by `consumer`; False if it already was."""
    statement = _claim_statement(table, session.bind.dialect.name)
    values = dict(consumer=consumer, event_id=event.id, event_type=event.type, processed_at=utcnow())
    result = await session.execute(statement, values)
    return result.rowcount == 1


async def forget_processed_before(session: AsyncSession, table: Table, *, cutoff: datetime) -> int:
    """Drop dedup rows older than `cutoff`; the broker no longer holds those events to redeliver."""
    result = await session.execute(delete(table).where(table.c.processed_at < cutoff))
    return result.rowcount
