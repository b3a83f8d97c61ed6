"""The periodic coverage check on PostgreSQL: tomorrow's gap of a role is announced once, and its closing too."""

import asyncio
import json
import uuid
from datetime import time, timedelta
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy import select

from services.staff.members.models import StaffMember
from services.staff.projections.models import Location
from services.staff.rosters import coverage
from services.staff.rosters.models import Shift, StaffingRule
from services.staff.tables import metadata
from shared.clock import local_today, utcnow
from shared.db import create_engine, session_factory
from shared.messaging_tables import MessagingTables
from shared.migrations import upgrade
from shared.uow import UnitOfWork
from tests.support.dates import at_local, days_ago

pytestmark = pytest.mark.integration
LA = "America/Los_Angeles"
MIGRATIONS = Path(__file__).parents[3] / "services" / "staff" / "migrations"


@pytest.fixture
async def staff_db(pg_base_url):
    database = f"staff_gaps_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(pg_base_url.replace("+asyncpg", "") + "/postgres")
    await admin.execute(f'CREATE DATABASE "{database}"')
    url = f"{pg_base_url}/{database}"
    await asyncio.to_thread(upgrade, MIGRATIONS, url)
    engine = create_engine(url)
    yield session_factory(engine)
    await engine.dispose()
    await admin.execute(f'DROP DATABASE "{database}" WITH (FORCE)')
    await admin.close()


async def test_tomorrows_gap_is_announced_once_and_closed_when_covered(staff_db):
    sessions = staff_db
    tables = MessagingTables(metadata.tables["outbox"], metadata.tables["processed_event"])

    def uow() -> UnitOfWork:
        return UnitOfWork(sessions, tables, source="/clinicops/staff", topic=str)

    now = utcnow()
    async with sessions.begin() as session:
        session.add(Location(location_id="loc-a", name="Main", state="CA", timezone=LA, snapshot_time=now))
        session.add(
            StaffingRule(
                id="rule-1", location_id="loc-a", role="medical_assistant", minimum=1, start=time(9), end=time(17)
            )
        )
    assert await coverage.announce_gaps(uow=uow()) == 1
    assert await coverage.announce_gaps(uow=uow()) == 0  # the next run announces nothing new

    tomorrow = local_today(LA) + timedelta(days=1)
    async with sessions.begin() as session:
        session.add(
            StaffMember(
                id="ma-1",
                given_name="Sam",
                family_name="Ortiz",
                role="medical_assistant",
                home_location_id="loc-a",
                hired_on=days_ago(400),
                created_at=now,
                updated_at=now,
            )
        )
        await session.flush()
        session.add(
            Shift(
                id="shift-1",
                staff_id="ma-1",
                location_id="loc-a",
                start=at_local(tomorrow, 8, tz=LA),
                end=at_local(tomorrow, 18, tz=LA),
                status="scheduled",
                created_by="test",
                created_at=now,
            )
        )
    assert await coverage.announce_gaps(uow=uow()) == 1
    async with sessions() as session:
        rows = (await session.execute(select(tables.outbox.c.headers, tables.outbox.c.payload))).all()
    announced = [(h["ce_type"], json.loads(p)) for h, p in rows]
    assert [t for t, _ in announced] == ["staff.coverage.gap_found", "staff.coverage.gap_closed"]
    found = announced[0][1]
    assert (found["location_id"], found["day"], found["role"], found["required"], found["scheduled"]) == (
        "loc-a",
        tomorrow.isoformat(),
        "medical_assistant",
        1,
        0,
    )
