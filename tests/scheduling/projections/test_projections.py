"""Scheduling's projections on a real SQLite file: staff and facilities events in, bookability out."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from services.scheduling import consumers
from services.scheduling.projections import models as projections
from services.scheduling.projections import service as ps
from services.scheduling.projections.bookability import bookability
from services.scheduling.projections.models import Provider, Shift
from services.scheduling.tables import metadata
from shared.clock import utcnow
from shared.contracts import facilities, staff
from shared.db import create_engine, session_factory
from shared.envelope import Envelope
from shared.messaging_tables import MessagingTables
from shared.uow import UnitOfWork
from tests.support.dates import days_ago, days_ahead, next_monday_at

MONDAY_9AM_PACIFIC = next_monday_at(9, tz="America/Los_Angeles").astimezone(UTC)  # two weeks or more out
VISIT_DAY = next_monday_at(9, tz="America/Los_Angeles").date()  # the local date the rules name
BEFORE_THE_VISIT = VISIT_DAY - timedelta(days=8)
SHIFT = (MONDAY_9AM_PACIFIC, MONDAY_9AM_PACIFIC + timedelta(hours=8))
VISIT = (MONDAY_9AM_PACIFIC + timedelta(hours=1), MONDAY_9AM_PACIFIC + timedelta(hours=1, minutes=30))
HIRED = dict(
    staff_id="dr-lee",
    given_name="Ana",
    family_name="Lee",
    role="physician",
    npi="1234567893",
    home_location_id="sf",
    location_ids=["sf"],
    hired_on=days_ago(2000),
)
LICENCE = dict(
    credential_id="lic-ca",
    staff_id="dr-lee",
    kind="state_license",
    number="A123",
    issuer="MBC",
    state="CA",
    issued_on=days_ago(1000),
    expires_on=days_ahead(730),
    verified=True,
)
BLS = dict(
    credential_id="bls",
    staff_id="dr-lee",
    kind="bls",
    number="B1",
    issuer="AHA",
    issued_on=days_ago(300),
    expires_on=days_ahead(365),
)


def new_uow(sessions) -> UnitOfWork:
    """A unit of work as the consumer builds it (topic names unprefixed)."""
    tables = MessagingTables(metadata.tables["outbox"], metadata.tables["processed_event"])
    return UnitOfWork(sessions, tables, source="/test", topic=str)


@pytest.fixture
async def db(tmp_path):
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path}/scheduling.db")
    async with engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
    sessions = session_factory(engine)

    async def apply(use_case, event, *, at: datetime | None = None) -> None:
        """Run one use case as the consumer does: in its own unit of work."""
        envelope = Envelope(
            type=event.event_type,
            source="/test",
            subject="s",
            data=event.model_dump(mode="json"),
            **({"time": at} if at else {}),
        )
        async with new_uow(sessions) as uow:
            await use_case(uow=uow, event=event, envelope=envelope)

    async def reasons(start=VISIT[0], end=VISIT[1], **kwargs) -> list[str]:
        async with sessions() as session:
            return await bookability(
                session=session, staff_id="dr-lee", location_id="sf", start=start, end=end, **kwargs
            )

    async def count(model) -> int:
        async with sessions() as session:
            return await session.scalar(select(func.count()).select_from(model))

    yield apply, reasons, count, sessions
    await engine.dispose()


@pytest.fixture
async def bookable_physician(db):
    apply, reasons, count, sessions = db
    # A credential before its member, as it may come on another topic: it must still count.
    await apply(ps.on_credential_added, staff.CredentialAdded(**LICENCE))
    await apply(ps.on_member_hired, staff.StaffMemberHired(**HIRED))
    await apply(ps.on_credential_added, staff.CredentialAdded(**BLS))
    await apply(
        ps.on_location_opened,
        facilities.LocationOpened(location_id="sf", name="San Francisco", state="CA", timezone="America/Los_Angeles"),
    )
    await apply(
        ps.on_shift_scheduled,
        staff.ShiftScheduled(shift_id="sh1", staff_id="dr-lee", location_id="sf", start=SHIFT[0], end=SHIFT[1]),
    )
    return db


async def test_a_licensed_physician_is_bookable_within_their_shift_only(bookable_physician):
    apply, reasons, count, sessions = bookable_physician
    assert await reasons() == []
    evening = (SHIFT[1] - timedelta(minutes=15), SHIFT[1] + timedelta(minutes=15))
    start, end = (t.isoformat() for t in evening)
    assert await reasons(*evening) == [f"no shift at sf covering {start} to {end}"]
    assert await reasons(requires_dea=True) == [f"no active DEA registration for CA on {VISIT_DAY}"]


async def test_an_expired_licence_makes_them_unbookable(bookable_physician):
    apply, reasons, count, sessions = bookable_physician
    await apply(
        ps.on_credential_expired,
        staff.CredentialExpired(
            credential_id="lic-ca", staff_id="dr-lee", kind="state_license", state="CA", expired_on=BEFORE_THE_VISIT
        ),
    )
    assert await reasons() == [f"no active CA state licence on {VISIT_DAY}"]
    await apply(ps.on_credential_added, staff.CredentialAdded(**LICENCE))  # redelivered: must not revive it
    assert await reasons() == [f"no active CA state licence on {VISIT_DAY}"]


async def test_a_suspended_bls_makes_them_unbookable(bookable_physician):
    apply, reasons, count, sessions = bookable_physician
    await apply(
        ps.on_credential_suspended,
        staff.CredentialSuspended(credential_id="bls", staff_id="dr-lee", kind="bls", reason="audit"),
    )
    assert await reasons() == [f"no active BLS certification on {VISIT_DAY}"]


async def test_time_off_and_a_cancelled_shift_make_them_unbookable(bookable_physician):
    apply, reasons, count, sessions = bookable_physician
    await apply(
        ps.on_time_off_approved,
        staff.TimeOffApproved(
            time_off_id="to1",
            staff_id="dr-lee",
            start=VISIT[0] - timedelta(hours=1),
            end=VISIT[0] + timedelta(minutes=5),
        ),
    )  # overlaps the visit's start
    assert await reasons() == ["on approved time off"]
    await apply(ps.on_shift_cancelled, staff.ShiftCancelled(shift_id="sh1", staff_id="dr-lee", location_id="sf"))
    assert [r.split(" ")[:2] for r in await reasons()] == [["no", "shift"], ["on", "approved"]]


async def test_termination_makes_them_unbookable_even_if_an_update_follows(bookable_physician):
    apply, reasons, count, sessions = bookable_physician
    terminated = staff.StaffMemberTerminated(staff_id="dr-lee", terminated_on=BEFORE_THE_VISIT)
    await apply(ps.on_member_terminated, terminated)
    assert await reasons() == [f"terminated on {BEFORE_THE_VISIT}"]
    await apply(ps.on_member_updated, staff.StaffMemberUpdated(**HIRED))
    assert await reasons() == [f"terminated on {BEFORE_THE_VISIT}"]


async def test_an_update_replaces_the_member_and_an_older_snapshot_does_not(bookable_physician):
    apply, reasons, count, sessions = bookable_physician
    now = utcnow()
    moved = HIRED | dict(family_name="Lee-Park", home_location_id="la", location_ids=["la"])
    await apply(ps.on_member_updated, staff.StaffMemberUpdated(**moved), at=now)
    await apply(ps.on_member_hired, staff.StaffMemberHired(**HIRED), at=now - timedelta(days=1))  # late, stale
    async with sessions() as session:
        provider = await session.get(Provider, "dr-lee")
    assert (provider.name, provider.location_ids) == ("Ana Lee-Park", ["la"])
    assert await reasons() == ["not assigned to location sf"]


async def test_applying_the_same_events_twice_leaves_one_row_each(bookable_physician):
    apply, reasons, count, sessions = bookable_physician
    await apply(ps.on_member_hired, staff.StaffMemberHired(**HIRED))
    await apply(
        ps.on_shift_scheduled,
        staff.ShiftScheduled(shift_id="sh1", staff_id="dr-lee", location_id="sf", start=SHIFT[0], end=SHIFT[1]),
    )
    assert (await count(Provider), await count(Shift)) == (1, 1)
    assert await reasons() == []


async def test_events_of_one_consumer_batch_share_a_transaction(db):
    apply, reasons, count, sessions = db
    events = [
        (
            ps.on_credential_suspended,
            staff.CredentialSuspended(credential_id="bls", staff_id="dr-lee", kind="bls", reason="audit"),
        ),
        (ps.on_credential_added, staff.CredentialAdded(**BLS)),
        (
            ps.on_room_out_of_service,
            facilities.RoomOutOfService(room_id="r1", location_id="sf", reason="leak", since=SHIFT[0]),
        ),
        (ps.on_room_created, facilities.RoomCreated(room_id="r1", location_id="sf", name="Exam 1", kind="exam")),
    ]
    async with new_uow(sessions) as uow:
        for use_case, event in events:  # rows not flushed yet must be found, not added twice
            envelope = Envelope(type=event.event_type, source="/t", subject="s", data={})
            await use_case(uow=uow, event=event, envelope=envelope)
    async with sessions() as session:
        room = await session.get(projections.Room, "r1")
        bls = await session.get(projections.Credential, "bls")
    assert (room.name, room.in_service, room.out_of_service_reason) == ("Exam 1", False, "leak")
    assert bls.status == "suspended"


def test_register_subscribes_every_projected_event():
    class Runtime:
        def consume(self, handlers):
            self.handlers = handlers

    runtime = Runtime()
    consumers.register(runtime)
    assert set(runtime.handlers) == {h.payload.event_type for h in runtime.handlers.values()}
    assert {t.rsplit(".", 1)[0] for t in runtime.handlers} == {
        "staff.member",
        "staff.credential",
        "staff.shift",
        "staff.time_off",
        "facilities.location",
        "facilities.room",
        "inbox.appointment",  # emailed appointment requests, kept as proposed ones (issue 15)
    }
    assert len(runtime.handlers) == 15
