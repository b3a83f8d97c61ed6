import pytest

from services.billing.tables import metadata
from shared.db import create_engine, session_factory
from shared.messaging_tables import MessagingTables
from shared.uow import UnitOfWork


@pytest.fixture
async def new_uow(tmp_path):
    """Units of work over a fresh SQLite file holding billing's whole schema."""
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'billing.db'}")
    async with engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
    sessions = session_factory(engine)
    tables = MessagingTables(metadata.tables["outbox"], metadata.tables["processed_event"])
    yield lambda: UnitOfWork(sessions, tables, source="/clinicops/billing", topic=lambda t: t)
    await engine.dispose()
