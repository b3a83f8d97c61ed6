"""Dedup rows are kept as long as the broker may redeliver, and dropped after."""

from datetime import timedelta

from sqlalchemy import func, insert, select

from shared.clock import utcnow
from shared.messaging_tables import service_base
from shared.runtime import ServiceRuntime
from shared.settings import ServiceSettings


async def test_processed_events_older_than_the_retention_are_forgotten(tmp_path):
    metadata = service_base().metadata
    settings = ServiceSettings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'inbox.db'}", processed_event_retention_s=7 * 86400
    )
    runtime = ServiceRuntime(settings, metadata, produces=[])
    table = runtime.tables.processed_events
    async with runtime.engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
        await conn.execute(
            insert(table),
            [
                dict(consumer="c", event_id=event_id, event_type="t", processed_at=utcnow() - age)
                for event_id, age in (("old", timedelta(days=8)), ("recent", timedelta(days=6)))
            ],
        )
    try:
        assert await runtime.forget_old_processed_events() == 1
        async with runtime.engine.connect() as conn:
            kept = (await conn.execute(select(table.c.event_id))).scalars().all()
            assert kept == ["recent"]
            assert (await conn.execute(select(func.count()).select_from(table))).scalar() == 1
    finally:
        await runtime.engine.dispose()
