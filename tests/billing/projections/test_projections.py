"""Billing's projections and reactions on a migrated SQLite file: patients, providers, late facts, merges."""

import asyncio
import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from services.billing import consumers
from services.billing.charges.models import Charge
from services.billing.claims.models import Claim, Coverage
from services.billing.projections import service as projections
from services.billing.projections.models import BillingPatient
from services.billing.reference.models import BillingProfile, FeeScheduleEntry, Payer
from services.billing.tables import metadata
from shared.clock import utcnow
from shared.contracts import scheduling, staff
from shared.db import create_engine, session_factory
from shared.envelope import Envelope
from shared.messaging_tables import MessagingTables
from shared.migrations import upgrade
from shared.uow import UnitOfWork
from tests.support.dates import days_ago

pytestmark = pytest.mark.integration
NOW = utcnow() - timedelta(hours=1)  # when the events happened; the scrubber's today is the service's own clock
COVERED_FROM = days_ago(330)  # pat-1's open-ended primary (cov-1)
DAY = timedelta(days=1)
ADDRESS = {"line1": "12 Oak Ave", "city": "Springfield", "state": "CA", "postal_code": "90211"}
PATIENT = dict(
    patient_id="pat-1",
    family_name="Rivera",
    given_name="Ana",
    birth_date=date(1975, 4, 12),
    sex="female",
    location_id="loc-a",
    address=ADDRESS,
)
VISIT = scheduling.AppointmentCompleted(
    appointment_id="appt-1",
    patient_id="pat-1",
    provider_id="dr-lee",
    location_id="loc-a",
    date_of_service=days_ago(3),
    completed_at=NOW,
    diagnosis_codes=["I10"],
    service_lines=[{"cpt": "99213"}],
)


@pytest.fixture
async def db(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path}/billing.db"
    await asyncio.to_thread(upgrade, Path("services/billing/migrations"), url)
    engine = create_engine(url)
    sessions = session_factory(engine)
    tables = MessagingTables(metadata.tables["outbox"], metadata.tables["processed_event"])

    async def apply(handler, event, *, at: datetime = NOW):
        envelope = Envelope(
            type=event.event_type, source="/test", subject="s", time=at, data=event.model_dump(mode="json")
        )
        async with UnitOfWork(sessions, tables, source="/clinicops/billing", topic=str) as uow:
            return await handler(uow=uow, event=event, envelope=envelope)

    yield apply, sessions
    await engine.dispose()


async def _seed_reference(sessions) -> None:
    async with sessions.begin() as session:
        session.add(
            Payer(
                id="payer-1",
                name="Acme",
                x12_payer_id="ACME01",
                claim_filing_indicator="CI",
                timely_filing_days=365,
                created_at=NOW,
            )
        )
        await session.flush()  # no ORM relationships: rows go in in the order they are flushed
        session.add_all(
            [
                BillingProfile(
                    location_id="loc-a",
                    organization_name="Main St",
                    npi="1234567893",
                    tax_id="123456789",
                    address=ADDRESS | {"postal_code": "902111234"},
                    place_of_service="11",
                    contact_name="Office",
                    contact_phone="5555550100",
                    updated_at=NOW,
                ),
                FeeScheduleEntry(id="fee-1", location_id="loc-a", cpt="99213", modifier="", amount=Decimal("125")),
                Coverage(
                    id="cov-1",
                    patient_id="pat-1",
                    location_id="loc-a",
                    payer_id="payer-1",
                    priority="primary",
                    member_id="XJ1",
                    relationship="self",
                    effective_from=COVERED_FROM,
                    created_at=NOW,
                ),
            ]
        )


async def test_an_older_patient_snapshot_never_overwrites_a_newer_one(db):
    apply, sessions = db
    await apply(projections.on_patient_registered, scheduling.PatientUpdated(**PATIENT | {"family_name": "Lopez"}))
    await apply(projections.on_patient_registered, scheduling.PatientRegistered(**PATIENT), at=NOW - timedelta(1))
    async with sessions() as session:
        assert (await session.get(BillingPatient, "pat-1")).family_name == "Lopez"


async def test_a_draft_becomes_ready_when_the_provider_npi_arrives(db):
    apply, sessions = db
    await _seed_reference(sessions)
    await apply(consumers.on_patient_registered, scheduling.PatientRegistered(**PATIENT))
    await apply(consumers.on_appointment_completed, VISIT)
    async with sessions() as session:
        claim = await session.scalar(select(Claim))
        assert (claim.status, claim.total_charge) == ("draft", Decimal("125.00"))
        assert [f["field"] for f in claim.scrub_failures] == ["rendering_provider.npi"]

    await apply(
        consumers.on_member_hired,
        staff.StaffMemberHired(
            staff_id="dr-lee",
            given_name="Dana",
            family_name="Lee",
            role="physician",
            npi="1245319599",
            home_location_id="loc-a",
            location_ids=["loc-a"],
            hired_on=date(2020, 1, 6),
        ),
    )
    async with sessions() as session:
        claim = await session.scalar(select(Claim))
        assert (claim.status, claim.scrub_failures) == ("ready", [])


async def test_a_merge_moves_charges_claims_and_coverage_to_the_survivor(db):
    apply, sessions = db
    await _seed_reference(sessions)
    await apply(consumers.on_patient_registered, scheduling.PatientRegistered(**PATIENT))
    await apply(consumers.on_appointment_completed, VISIT)
    secondary = dict(
        location_id="loc-a",
        payer_id="payer-1",
        priority="secondary",
        member_id="Z",
        relationship="self",
        created_at=NOW,
    )
    async with sessions.begin() as session:
        session.add(Coverage(id="cov-2", patient_id="pat-2", effective_from=COVERED_FROM, **secondary))
        # The duplicate's own secondary overlaps the survivor's: it cannot follow (one per day).
        session.add(
            Coverage(
                id="cov-3",
                patient_id="pat-1",
                effective_from=COVERED_FROM + 150 * DAY,
                effective_to=COVERED_FROM + 179 * DAY,
                **secondary,
            )
        )

    await apply(consumers.on_patient_merged, scheduling.PatientMerged(survivor_id="pat-2", duplicate_id="pat-1"))
    async with sessions() as session:
        holders = dict((await session.execute(select(Coverage.id, Coverage.patient_id))).all())
        assert holders == {"cov-1": "pat-2", "cov-2": "pat-2", "cov-3": "pat-1"}
        assert await session.scalar(select(func.count()).select_from(Charge).where(Charge.patient_id == "pat-2")) == 1
        assert (await session.scalar(select(Claim))).patient_id == "pat-2"
        assert (await session.get(BillingPatient, "pat-1")).merged_into == "pat-2"


@pytest.mark.parametrize(
    ("effective_from", "effective_to", "refused"),
    [
        (COVERED_FROM + 59 * DAY, COVERED_FROM + 89 * DAY, True),  # inside an open-ended primary
        (COVERED_FROM - 365 * DAY, COVERED_FROM, True),  # touches its first day: dates are inclusive
        (COVERED_FROM - 365 * DAY, COVERED_FROM - DAY, False),  # ends the day before
        (COVERED_FROM + 365 * DAY, None, True),  # both open-ended
    ],
)
async def test_the_database_refuses_a_second_primary_on_any_day(db, effective_from, effective_to, refused):
    apply, sessions = db
    await _seed_reference(sessions)  # cov-1: pat-1's primary from COVERED_FROM, open-ended
    try:
        async with sessions.begin() as session:
            session.add(
                Coverage(
                    id="cov-9",
                    patient_id="pat-1",
                    location_id="loc-a",
                    payer_id="payer-1",
                    priority="primary",
                    member_id="Q",
                    relationship="self",
                    created_at=NOW,
                    effective_from=effective_from,
                    effective_to=effective_to,
                )
            )
    except IntegrityError as exc:
        assert refused and "no_coverage_overlap" in str(exc.orig)
    else:
        assert not refused
    if not refused:  # moving its end into the other's days is refused too
        async with sessions() as session:
            (await session.get(Coverage, "cov-9")).effective_to = COVERED_FROM + 31 * DAY
            with pytest.raises(IntegrityError, match="no_coverage_overlap"):
                await session.commit()


async def test_a_held_draft_is_announced_once_per_failure_set_and_when_it_passes(db):
    """billing.claim.scrub_failed raises the biller's inbox task; billing.claim.scrub_passed closes it."""
    apply, sessions = db
    await _seed_reference(sessions)
    await apply(consumers.on_patient_registered, scheduling.PatientRegistered(**PATIENT))
    await apply(consumers.on_appointment_completed, VISIT)
    await apply(consumers.on_patient_registered, scheduling.PatientUpdated(**PATIENT | {"family_name": "Lopez"}))
    await apply(
        consumers.on_member_hired,
        staff.StaffMemberHired(
            staff_id="dr-lee",
            given_name="Dana",
            family_name="Lee",
            role="physician",
            npi="1245319599",
            home_location_id="loc-a",
            location_ids=["loc-a"],
            hired_on=date(2020, 1, 6),
        ),
    )
    outbox = metadata.tables["outbox"]
    async with sessions() as session:
        rows = (await session.execute(select(outbox.c.headers, outbox.c.payload).order_by(outbox.c.id))).all()
    announced = [
        (headers["ce_type"], json.loads(payload)) for headers, payload in rows if "scrub" in headers["ce_type"]
    ]
    assert [t for t, _ in announced] == ["billing.claim.scrub_failed", "billing.claim.scrub_passed"]
    assert [f["field"] for f in announced[0][1]["failures"]] == ["rendering_provider.npi"]
    assert announced[0][1]["location_id"] == "loc-a" and announced[1][1]["claim_id"] == announced[0][1]["claim_id"]
