"""The trail's retention purge and append-only triggers, on both backends, migrated as in production;
records chained before the `reason` column existed still verify after the migration adds it."""

import asyncio
import uuid

import asyncpg
import pytest
from sqlalchemy import Column, MetaData, Table, insert, text
from sqlalchemy.exc import DBAPIError

from clinicops.infra import REPO_ROOT
from clinicops.supervisor import migrate
from services.compliance.audits import service as trail
from services.compliance.audits.domain import GENESIS_HASH, record_hash
from services.compliance.audits.models import AuditRecord, ChainHead
from services.compliance.settings import Settings
from services.compliance.tables import metadata
from shared.clock import utcnow
from shared.contracts.audit import phi_accessed_of
from shared.db import create_engine, session_factory
from shared.envelope import Envelope
from shared.messaging_tables import MessagingTables
from shared.migrations import upgrade
from shared.uow import UnitOfWork

pytestmark = pytest.mark.integration
SETTINGS = Settings()
Accessed = phi_accessed_of("scheduling")


async def _url(backend: str, pg_base_url: str, tmp_path) -> str:
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'compliance.db'}"
    database = f"retention_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(pg_base_url.replace("+asyncpg", "") + "/postgres")
    await conn.execute(f'CREATE DATABASE "{database}"')
    await conn.close()
    return f"{pg_base_url}/{database}"


async def _append_one(sessions, i: int) -> None:
    event = Accessed(
        actor="ana",
        actor_roles=["front_desk"],
        actor_locations=["loc-a"],
        action="read",
        resource="Patient",
        resource_id=f"p{i}",
        patient_id=f"p{i}",
        location_id="loc-a",
        outcome="success",
        occurred_at=utcnow(),
    )
    envelope = Envelope(type=Accessed.event_type, source="/test", subject=f"p{i}", data={})
    async with _uow(sessions) as uow:
        await trail.append(uow=uow, event=event, envelope=envelope, settings=SETTINGS)


async def _append(sessions, n: int) -> None:
    for i in range(n):
        await _append_one(sessions, i)


def _uow(sessions) -> UnitOfWork:
    tables = MessagingTables(metadata.tables["outbox"], metadata.tables["processed_event"])
    return UnitOfWork(sessions, tables, source="/clinicops/compliance", topic=str)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_purge_keeps_the_chain_verifiable_and_nothing_else_may_delete(backend, pg_base_url, tmp_path):
    url = await _url(backend, pg_base_url, tmp_path)
    await asyncio.to_thread(migrate, "compliance", url)
    engine = create_engine(url)
    sessions = session_factory(engine)
    try:
        await _append(sessions, 3)
        for statement in (
            "UPDATE audit_record SET actor = 'x' WHERE sequence = 1",
            "DELETE FROM audit_record WHERE sequence = 1",
        ):
            with pytest.raises(DBAPIError, match="append-only"):
                async with engine.begin() as conn:
                    await conn.execute(text(statement))

        assert await trail.purge_expired(uow=_uow(sessions), retention_days=3650) == 0
        assert await trail.purge_expired(uow=_uow(sessions), retention_days=0) == 3
        assert await trail.verify(uow=_uow(sessions)) == {"ok": True, "checked": 0, "first_broken": None}
        await _append(sessions, 2)  # the chain goes on from the purged record's hash
        assert await trail.verify(uow=_uow(sessions)) == {"ok": True, "checked": 2, "first_broken": None}
        async with engine.connect() as conn:
            first = (await conn.execute(text("SELECT sequence FROM audit_record ORDER BY sequence"))).scalars().all()
        assert first == [4, 5]

        # Concurrent appenders (several consumer instances) queue on the chain head: still one line.
        await asyncio.gather(*(_append_one(sessions, i) for i in range(10, 20)))
        assert await trail.verify(uow=_uow(sessions)) == {"ok": True, "checked": 12, "first_broken": None}
    finally:
        await engine.dispose()


BEFORE_REASON = "79434c152d11"  # the revision before audit_record.reason


async def _chain_old_records(engine, n: int) -> None:
    """Write records as the service did before `reason`: the old columns, hashed without it."""
    old_columns = [Column(c.name, c.type) for c in AuditRecord.__table__.columns if c.name != "reason"]
    old_table = Table("audit_record", MetaData(), *old_columns)
    previous, now = GENESIS_HASH, utcnow()
    async with engine.begin() as conn:
        for sequence in range(1, n + 1):
            fields = dict(
                sequence=sequence,
                event_id=f"old-{sequence}",
                service="scheduling",
                actor="ana",
                actor_roles=["front_desk"],
                actor_locations=["loc-a"],
                action="read",
                resource="Patient",
                resource_id="p1",
                patient_id="p1",
                location_id="loc-a",
                outcome="success",
                occurred_at=now,
                source_ip=None,
                break_glass=False,
                recorded_at=now,
                prev_hash=previous,
            )
            previous = record_hash(fields)
            await conn.execute(insert(old_table).values(**fields, hash=previous))
        await conn.execute(
            insert(ChainHead.__table__).values(
                id=trail.HEAD_ID, sequence=n, hash=previous, genesis_sequence=0, genesis_hash=GENESIS_HASH
            )
        )


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_adding_the_reason_keeps_old_hashes_valid_and_the_trail_append_only(backend, pg_base_url, tmp_path):
    url = await _url(backend, pg_base_url, tmp_path)
    migrations = REPO_ROOT / "services" / "compliance" / "migrations"
    await asyncio.to_thread(upgrade, migrations, url, BEFORE_REASON)
    engine = create_engine(url)
    sessions = session_factory(engine)
    try:
        await _chain_old_records(engine, 2)
        await asyncio.to_thread(migrate, "compliance", url)
        # The column was added in place: the append-only triggers are still there.
        with pytest.raises(DBAPIError, match="append-only"):
            async with engine.begin() as conn:
                await conn.execute(text("UPDATE audit_record SET reason = 'x' WHERE sequence = 1"))
        assert await trail.verify(uow=_uow(sessions)) == {"ok": True, "checked": 2, "first_broken": None}

        event = Accessed(
            actor="er-doc",
            actor_roles=["clinician"],
            actor_locations=["loc-b"],
            action="read",
            resource="Patient",
            resource_id="p1",
            patient_id="p1",
            location_id="loc-a",
            outcome="success",
            occurred_at=utcnow(),
            break_glass=True,
            reason="unconscious in our ER",
        )
        async with _uow(sessions) as uow:
            await trail.append(
                uow=uow,
                event=event,
                envelope=Envelope(type=Accessed.event_type, source="/test", subject="p1", data={}),
                settings=SETTINGS,
            )
        assert await trail.verify(uow=_uow(sessions)) == {"ok": True, "checked": 3, "first_broken": None}
        async with engine.connect() as conn:
            reasons = (await conn.execute(text("SELECT reason FROM audit_record ORDER BY sequence"))).scalars().all()
        assert reasons == [None, None, "unconscious in our ER"]
    finally:
        await engine.dispose()
