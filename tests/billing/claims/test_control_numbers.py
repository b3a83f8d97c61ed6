"""Claim control numbers: CLM01 short enough for payers that keep 20 characters, and the 835 finds it again."""

import asyncio
import uuid
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy import insert, text
from sqlalchemy.exc import IntegrityError

from clinicops.infra import REPO_ROOT
from services.billing.charges.models import Charge
from services.billing.claims.control_numbers import next_claim_number
from services.billing.claims.models import Claim, ClaimLine, Coverage
from services.billing.reference.models import Payer
from services.billing.x12 import edi837
from services.billing.x12.validation import validate
from shared.clock import utcnow
from shared.contracts.scheduling import (
    AppointmentCompleted,
    PatientRegistered,
    ServiceLine,
)
from shared.db import create_engine, session_factory
from shared.migrations import upgrade
from tests.support.claim_flow import ADDRESS, claim_of, insure, set_up_billing
from tests.support.dates import at_local, days_ago
from tests.support.polling import eventually
from tests.support.suite import ADMIN_A
from tests.support.upstream import publish, seed_practice
from tests.support.x12_835 import Clp, Svc, build_835

pytestmark = pytest.mark.integration
D = Decimal
VISIT_DAY = days_ago(10)
PATIENTS = 8


async def _uncovered_visit(suite, billing, n: int) -> tuple[str, str]:
    """A patient billing knows, with a completed two-line visit charged but not claimed (no coverage yet)."""
    patient_id, appointment_id = str(uuid.uuid4()), str(uuid.uuid4())
    await publish(
        suite,
        PatientRegistered(
            patient_id=patient_id,
            family_name=f"Number{chr(65 + n)}",
            given_name="Ana",
            birth_date=days_ago(365 * 40),
            sex="female",
            location_id="loc-a",
            address=ADDRESS,
        ),
        patient_id,
    )
    await publish(
        suite,
        AppointmentCompleted(
            appointment_id=appointment_id,
            patient_id=patient_id,
            provider_id="prov-7",
            location_id="loc-a",
            date_of_service=VISIT_DAY,
            completed_at=at_local(VISIT_DAY, 10, tz="America/Los_Angeles"),
            diagnosis_codes=["I10"],
            service_lines=[ServiceLine(cpt="99213"), ServiceLine(cpt="83036", modifiers=["QW"])],
        ),
        appointment_id,
    )
    await eventually(
        lambda: billing.get(f"/appointments/{appointment_id}/charges"),
        lambda r: r.status_code == 200 and len(r.json()) == 2,
        what="the visit's charges",
    )
    return patient_id, appointment_id


def _paid_in_full(clp01: str, lines: list[str | None]) -> Clp:
    return Clp(
        clp01,
        "1",
        [
            Svc("99213", D("125"), D("100"), [("CO", "45", D("25"))], lines[0]),
            Svc("83036", D("50.50"), D("50.50"), [], lines[1], ("QW",)),
        ],
    )


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
async def test_clm01_is_short_unique_and_the_835_finds_it(make_suite, backend):
    suite = make_suite(backend)
    await suite.start("billing")
    async with suite.client("billing", ADMIN_A) as billing:
        await seed_practice(suite)
        payer_id = await set_up_billing(billing)
        visits = [await _uncovered_visit(suite, billing, n) for n in range(PATIENTS)]
        assert [(await billing.get(f"/appointments/{a}/claims")).json() for _, a in visits] == [[]] * PATIENTS
        # Coverage recorded for every patient at once: each opens its claim in its own, concurrent transaction.
        await asyncio.gather(
            *[insure(billing, p, payer_id, effective_from=days_ago(60).isoformat()) for p, _ in visits]
        )
        claims = [await claim_of(billing, a, "ready") for _, a in visits]
        numbers = [c["control_number"] for c in claims]
        assert len(set(numbers)) == PATIENTS and all(len(n) <= 20 and n.startswith("LOCA-") for n in numbers)
        line_numbers = [line["control_number"] for c in claims for line in c["lines"]]
        assert len(set(line_numbers)) == 2 * PATIENTS and all(len(n) <= 30 for n in line_numbers)

        exported = await billing.post("/claim-batches", json={"location_id": "loc-a"})
        assert exported.status_code == 201, exported.text
        content = exported.json()["content"]
        assert validate(content) == []
        sent = {c.claim_id: [line.line_id for line in c.lines] for c in edi837.parse(content)[1]}
        assert sent == {c["control_number"]: [line["control_number"] for line in c["lines"]] for c in claims}

        # What payers echo: CLM01 as sent, in lower case, cut to its first 20 characters; claims sent before
        # control numbers carried the claim id, whole (in capitals) or cut to 20.
        a, b, c, d = claims[:4]
        echoes = [
            _paid_in_full(a["control_number"], sent[a["control_number"]]),
            _paid_in_full(b["control_number"][:20].lower(), [n.lower() for n in sent[b["control_number"]]]),
            _paid_in_full(c["id"].upper(), [line["id"] for line in c["lines"]]),
            _paid_in_full(d["id"][:20], [None, None]),
            _paid_in_full("LOCA-999999", [None, None]),
        ]
        remittance = build_835(echoes, trace=f"EFT-{uuid.uuid4().hex[:8]}", paid_on=days_ago(1))
        assert validate(remittance) == []
        posted = await billing.post("/remittances", json={"x12": remittance})
        assert posted.status_code == 200, posted.text
        result = posted.json()
        assert [(p["claim_id"], p["status"]) for p in result["posted"]] == [(x["id"], "paid") for x in (a, b, c, d)], [
            (u["patient_control_number"], u["problem"]) for u in result["unmatched"]
        ]
        assert [u["patient_control_number"] for u in result["unmatched"]] == ["LOCA-999999"]
        for claim in (a, b, c, d):
            after = (await billing.get(f"/claims/{claim['id']}")).json()
            assert (after["paid_amount"], after["adjustment_amount"]) == ("150.50", "25.00")
            # Posted per line when REF*6R named the lines, by procedure code otherwise.
            assert [line["paid_amount"] for line in after["lines"]] == ["100.00", "50.50"]
        assert (
            await suite.scalar("billing", "SELECT count(*) FROM remittance_line_payment WHERE claim_line_id IS NULL")
            == 2
        )  # the unmatched CLP's lines


BEFORE_CONTROL_NUMBERS = "7506d1893068"


async def _claims_sent_before(engine, locations: list[str]) -> list[str]:
    """Claims as the revision before control numbers stored them (one line each); returns their ids, oldest first."""
    now, ids = utcnow(), []
    async with engine.begin() as conn:
        await conn.execute(
            insert(Payer.__table__).values(
                id="payer-1",
                name="Acme Health",
                x12_payer_id="ACME01",
                claim_filing_indicator="CI",
                timely_filing_days=365,
                created_at=now,
            )
        )
        await conn.execute(
            insert(Coverage.__table__).values(
                id="cov-1",
                patient_id="pat-1",
                location_id=locations[0],
                payer_id="payer-1",
                priority="primary",
                member_id="M1",
                relationship="self",
                effective_from=days_ago(90),
                created_at=now,
            )
        )
        for n, location in enumerate(locations):
            claim_id, charge_id = str(uuid.uuid4()), str(uuid.uuid4())
            await conn.execute(
                insert(Charge.__table__).values(
                    id=charge_id,
                    appointment_id=f"appt-{n}",
                    line_number=1,
                    patient_id="pat-1",
                    provider_id="prov-7",
                    location_id=location,
                    date_of_service=VISIT_DAY,
                    cpt="99213",
                    modifiers=[],
                    units=1,
                    diagnosis_codes=["I10"],
                    amount=D("125.00"),
                    created_at=now,
                )
            )
            await conn.execute(
                insert(Claim.__table__).values(
                    id=claim_id,
                    appointment_id=f"appt-{n}",
                    patient_id="pat-1",
                    location_id=location,
                    provider_id="prov-7",
                    payer_id="payer-1",
                    coverage_id="cov-1",
                    priority="primary",
                    date_of_service=VISIT_DAY,
                    diagnosis_codes=["I10"],
                    status="submitted",
                    total_charge=D("125.00"),
                    scrub_failures=[],
                    created_at=now.replace(microsecond=0) + timedelta(seconds=n),
                    updated_at=now,
                )
            )
            await conn.execute(
                insert(ClaimLine.__table__).values(
                    id=str(uuid.uuid4()),
                    claim_id=claim_id,
                    charge_id=charge_id,
                    line_number=1,
                    cpt="99213",
                    modifiers=[],
                    units=1,
                    diagnosis_pointers=[1],
                    charge_amount=D("125.00"),
                )
            )
            ids.append(claim_id)
    return ids


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
async def test_the_migration_numbers_existing_claims_and_new_ones_follow(make_suite, backend):
    url = await make_suite(backend).database_url("billing")
    migrations = REPO_ROOT / "services" / "billing" / "migrations"
    await asyncio.to_thread(upgrade, migrations, url, BEFORE_CONTROL_NUMBERS)
    engine = create_engine(url)
    try:
        ids = await _claims_sent_before(engine, ["loc-a", "loc-north-2", "***"])
        await asyncio.to_thread(upgrade, migrations, url)
        async with engine.connect() as conn:
            numbered = (
                await conn.execute(
                    text(
                        "SELECT c.id, c.control_number, l.control_number"
                        " FROM claim c JOIN claim_line l ON l.claim_id = c.id"
                    )
                )
            ).all()
        assert sorted(numbered, key=lambda row: ids.index(row[0])) == [
            (ids[0], "LOCA-000001", "LOCA-000001-1"),
            (ids[1], "LOCNOR-000002", "LOCNOR-000002-1"),
            (ids[2], "C-000003", "C-000003-1"),
        ]

        # New claims draw after the backfilled ones, each from its own transaction at the same moment.
        sessions = session_factory(engine)

        async def draw() -> str:
            async with sessions() as session, session.begin():
                return await next_claim_number(SimpleNamespace(session=session), "loc-a")

        drawn = await asyncio.gather(*[draw() for _ in range(10)])
        assert sorted(drawn) == [f"LOCA-{n:06d}" for n in range(4, 14)]
        # The database itself refuses a second claim with a number already given.
        async with engine.connect() as conn:
            with pytest.raises(IntegrityError):
                await conn.execute(
                    text("UPDATE claim SET control_number = 'LOCA-000001' WHERE id = :id"), {"id": ids[1]}
                )
    finally:
        await engine.dispose()
