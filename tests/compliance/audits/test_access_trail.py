"""Acceptance: every PHI read in scheduling and billing lands in compliance's hash-chained trail,
and tampering with any stored record is detected by verification."""

import json
from datetime import datetime

import asyncpg
import pytest

from services.compliance.audits.domain import CHAINED_FIELDS, OPTIONAL_CHAINED_FIELDS, record_hash
from shared.clock import utcnow
from tests.support.compliance import OFFICER, OFFICER_A, json_of
from tests.support.flow import complete, practice, register_patient, wait_for_charges
from tests.support.kafka_tools import read_all
from tests.support.polling import eventually
from tests.support.suite import ADMIN_A, token
from tests.support.upstream import SLOT_END, SLOT_START

pytestmark = pytest.mark.integration

FRONT_DESK = token(roles=["front_desk"], locations=["loc-a"], sub="frontdesk-ana")
BILLER = token(roles=["biller"], locations=["loc-a"], sub="biller-bo")


async def visit_and_reads(suite, scheduling, front_desk, billing) -> tuple[str, datetime]:
    """Register a patient, read them, complete a visit and read its charges; returns (patient, start)."""
    await practice(suite, scheduling)
    patient_id = await register_patient(scheduling)
    started = utcnow()
    assert (await front_desk.get(f"/patients/{patient_id}")).status_code == 200
    response = await scheduling.post(
        "/appointments",
        json={
            "patient_id": patient_id,
            "provider_id": "prov-7",
            "location_id": "loc-a",
            "start": SLOT_START,
            "end": SLOT_END,
        },
    )  # the first seeded shift day, two weeks or more out
    appointment_id = response.json()["id"]
    assert (await scheduling.post(f"/appointments/{appointment_id}/check-in")).status_code == 200
    assert (await complete(scheduling, appointment_id)).status_code == 200
    await wait_for_charges(billing, appointment_id)
    return patient_id, started


class Database:
    """Direct SQL on compliance's database: what an attacker with database access could do."""

    def __init__(self, url: str):
        self.dsn = url.replace("+asyncpg", "")

    async def run(self, *statements: str, bypass_triggers: bool = True) -> None:
        conn = await asyncpg.connect(self.dsn)
        try:
            async with conn.transaction():
                if bypass_triggers:  # a superuser can switch the append-only triggers off
                    await conn.execute("SET LOCAL session_replication_role = replica")
                for statement in statements:
                    await conn.execute(statement)
        finally:
            await conn.close()

    async def rows(self, sql: str) -> list[dict]:
        conn = await asyncpg.connect(self.dsn)
        try:
            return [dict(r) for r in await conn.fetch(sql)]
        finally:
            await conn.close()


async def rewrite_from(db: Database, sequence: int) -> None:
    """Change one record and recompute every hash after it, head included: a consistent forgery."""
    rows = await db.rows(f"SELECT * FROM audit_record WHERE sequence >= {sequence - 1} ORDER BY sequence")
    statements, previous = [], rows[0]["hash"]
    for row in rows[1:]:
        fields = {k: json.loads(v) if k in ("actor_roles", "actor_locations") else v for k, v in row.items()}
        if row["sequence"] == sequence:
            fields["actor"] = "mallory"
        fields["prev_hash"] = previous
        previous = record_hash({k: fields[k] for k in (*CHAINED_FIELDS, *OPTIONAL_CHAINED_FIELDS)})
        statements.append(
            f"UPDATE audit_record SET actor = '{fields['actor']}', prev_hash = '{fields['prev_hash']}', "
            f"hash = '{previous}' WHERE sequence = {row['sequence']}"
        )
    statements.append(f"UPDATE audit_chain_head SET hash = '{previous}'")
    await db.run(*statements)


async def test_phi_reads_are_in_the_trail_and_tampering_is_detected(make_suite):
    suite = make_suite()
    await suite.start("compliance")
    await suite.start("scheduling")
    await suite.start("billing")
    async with (
        suite.client("scheduling", ADMIN_A) as scheduling,
        suite.client("scheduling", FRONT_DESK) as desk,
        suite.client("billing", BILLER) as billing,
        suite.client("compliance", OFFICER) as compliance,
        suite.client("compliance", OFFICER_A) as local_officer,
    ):
        patient_id, started = await visit_and_reads(suite, scheduling, desk, billing)

        accounting = await eventually(
            lambda: json_of(compliance, f"/audit/patients/{patient_id}/accounting"),
            lambda rows: (
                {("scheduling", "frontdesk-ana"), ("billing", "biller-bo")}
                <= {(r["service"], r["actor"]) for r in rows}
            ),
        )
        reads = {(r["service"], r["actor"], r["resource"]): r for r in accounting if r["action"] == "read"}
        for key in (("scheduling", "frontdesk-ana", "Patient"), ("billing", "biller-bo", "Charge")):
            read = reads[key]
            assert read["patient_id"] == patient_id and read["location_id"] == "loc-a"
            assert read["actor_locations"] == ["loc-a"] and read["outcome"] == "success"
            assert started <= datetime.fromisoformat(read["occurred_at"]) <= utcnow()
        assert any(r["action"] == "create" and r["resource"] == "Patient" for r in accounting)
        # The same filters answer "what did this user access", also as CSV.
        by_user = await json_of(compliance, "/audit/records", actor="biller-bo", action="read")
        assert {r["resource"] for r in by_user} == {"Charge"}
        csv = await compliance.get("/audit/records.csv", params={"patient_id": patient_id})
        assert csv.headers["content-type"].startswith("text/csv") and "frontdesk-ana" in csv.text
        assert (await local_officer.get("/audit/records", params={"location_id": "loc-b"})).status_code == 403
        assert (await local_officer.get("/audit/verify")).status_code == 403
        # The reads above were audited too; wait for the last one, so the trail is quiet while tampered with.
        await eventually(
            lambda: json_of(compliance, "/audit/records", actor="officer-olga", action="export"),
            lambda rows: len(rows) == 1,
        )

        anchor = (await compliance.post("/audit/anchors")).json()
        published = await read_all(suite.bootstrap, suite.topic("compliance.audit_chain"), expect=1)
        assert json.loads(published[0].value)["head_hash"] == anchor["head_hash"]
        assert (await json_of(compliance, "/audit/verify"))["ok"] is True

        db = Database(await suite.database_url("compliance"))
        with pytest.raises(asyncpg.PostgresError, match="append-only"):
            await db.run("UPDATE audit_record SET actor = 'mallory' WHERE sequence = 2", bypass_triggers=False)
        with pytest.raises(asyncpg.PostgresError, match="append-only"):
            await db.run("DELETE FROM audit_record WHERE sequence = 2", bypass_triggers=False)

        async def first_broken() -> dict | None:
            return (await json_of(compliance, "/audit/verify"))["first_broken"]

        original_actor = (await db.rows("SELECT actor FROM audit_record WHERE sequence = 2"))[0]["actor"]
        await db.run("UPDATE audit_record SET actor = 'mallory' WHERE sequence = 2")
        assert (broken := await first_broken())["sequence"] == 2 and "changed" in broken["reason"]
        await db.run(f"UPDATE audit_record SET actor = '{original_actor}' WHERE sequence = 2")
        assert await first_broken() is None

        swap = [
            "UPDATE audit_record SET sequence = -1 WHERE sequence = 2",
            "UPDATE audit_record SET sequence = 2 WHERE sequence = 3",
            "UPDATE audit_record SET sequence = 3 WHERE sequence = -1",
        ]
        await db.run(*swap)
        assert (broken := await first_broken())["sequence"] == 2 and "reordered" in broken["reason"]
        await db.run(*swap)
        assert await first_broken() is None

        (saved,) = await db.rows("SELECT * FROM audit_record WHERE sequence = 3")
        await db.run("DELETE FROM audit_record WHERE sequence = 3")
        assert (broken := await first_broken())["sequence"] == 3 and "missing" in broken["reason"]
        conn = await asyncpg.connect(db.dsn)
        try:
            columns = list(saved)
            await conn.execute(
                f"INSERT INTO audit_record ({', '.join(columns)}) VALUES "
                f"({', '.join(f'${i + 1}' for i in range(len(columns)))})",
                *saved.values(),
            )
        finally:
            await conn.close()
        assert await first_broken() is None

        # A consistent forgery of the whole chain fails against the stored anchor, and even when
        # the stored anchors are removed too, against the one published to the broker.
        await rewrite_from(db, 2)
        assert (broken := await first_broken())["sequence"] == anchor["sequence"]
        assert "anchored" in broken["reason"]
        await db.run("DELETE FROM audit_anchor")
        assert await first_broken() is None  # internally consistent...
        external = await json_of(
            compliance, "/audit/verify", anchor_sequence=anchor["sequence"], anchor_hash=anchor["head_hash"]
        )
        assert external["first_broken"]["sequence"] == anchor["sequence"]  # ...but not with the broker's copy
