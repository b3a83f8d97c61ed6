"""Projections: a service's own copy of another service's aggregates, kept from their events."""

from sqlalchemy.ext.asyncio import AsyncSession

from shared.envelope import Envelope
from shared.uow import UnitOfWork


async def get_or_add(session: AsyncSession, model, pk: str, **defaults):
    """The row with this primary key, or a new one with these defaults: events may come in any order."""
    row = await session.get(model, pk)
    if row is None:
        row = model(**{model.__mapper__.primary_key[0].key: pk}, **defaults)
        session.add(row)
    return row


async def newer_snapshot(uow: UnitOfWork, model, pk: str, envelope: Envelope, **defaults):
    """The row this event's snapshot overwrites, stamped with the event's time (`snapshot_time`).

    None when the row already holds a newer snapshot: an older event redelivered late must not
    undo a newer one.
    """
    row = await get_or_add(uow.session, model, pk, **defaults)
    if row.snapshot_time and envelope.time < row.snapshot_time:
        return None
    row.snapshot_time = envelope.time
    return row
