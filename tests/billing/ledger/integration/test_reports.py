"""Billing's reports over seeded claims, remittances and charges, a patient payment and missed visits."""

import asyncio
import time
from datetime import UTC, datetime

import pytest

from shared.contracts.scheduling import AppointmentCancelled, AppointmentNoShow
from tests.billing.ledger.integration.report_seed import LOS_ANGELES, seed_reports
from tests.support.suite import token
from tests.support.upstream import publish

pytestmark = pytest.mark.integration

ADMIN = token(roles=["practice_admin"], locations=["*"])
BILLER_A = token(roles=["biller"], locations=["loc-a"])
FRONT_DESK = token(roles=["front_desk"], locations=["loc-a"])
NOSHOW_START = datetime(2026, 12, 15, 16, 0, tzinfo=UTC)


def rows(table: list[dict]) -> dict:
    return {row["key"]: (row["buckets"], row["total"]) for row in table}


async def wait_for(check, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while not (result := await check()) and time.monotonic() < deadline:
        await asyncio.sleep(0.3)
    return result


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
async def test_aging_denials_collections_and_missed_visits(make_suite, backend):
    suite = make_suite(backend)
    await suite.start("billing")
    await seed_reports(await suite.database_url("billing"))
    await publish(suite, AppointmentNoShow(appointment_id="appt-4", patient_id="pat-2", provider_id="dr-1",
                                           location_id="loc-a", start=NOSHOW_START), "appt-4")
    await publish(suite, AppointmentCancelled(appointment_id="appt-5", patient_id="pat-3", provider_id="dr-1",
                                              location_id="loc-a", start=NOSHOW_START, cancelled_by="practice",
                                              reason="provider ill", late=True), "appt-5")
    async with suite.client("billing", ADMIN) as admin, suite.client("billing", BILLER_A) as biller, \
            suite.client("billing", FRONT_DESK) as desk:
        copay = await desk.post("/payments", headers={"Idempotency-Key": "k-1"}, json={
            "patient_id": "pat-1", "location_id": "loc-a", "appointment_id": "appt-1", "kind": "copay",
            "method": "cash", "amount": "25.00"})
        assert copay.status_code == 201, copay.text

        aging = (await admin.get("/reports/ar-aging", params={"as_of": "2026-12-31"})).json()
        zero = "0.00"
        assert rows(aging["by_payer"]) == {
            "aetna": ({"0-30": "110.00", "31-60": zero, "61-90": zero, "91-120": zero, "120+": zero}, "110.00"),
            "bcbs": ({"0-30": zero, "31-60": zero, "61-90": zero, "91-120": "200.00", "120+": zero}, "200.00"),
        }
        assert {r["key"]: r["total"] for r in aging["by_location"]} == {"loc-a": "230.00", "loc-b": "80.00"}
        assert aging["total"]["total"] == "310.00" and aging["basis"] == "date_of_service"
        scoped = (await biller.get("/reports/ar-aging", params={"as_of": "2026-12-31"})).json()
        assert scoped["total"]["total"] == "230.00"  # loc-b is not the biller's
        assert (await biller.get("/reports/ar-aging", params={"location_id": "loc-b"})).status_code == 403
        assert (await desk.get("/reports/ar-aging")).status_code == 403

        denials = (await admin.get("/reports/denials", params={"start": "2026-12-01", "end": "2026-12-31"})).json()
        assert [(d["key"], d["count"], d["amount"]) for d in denials["by_carc"]] == [("50", 1, "200.00"),
                                                                                   ("97", 1, "50.00")]
        assert [(d["key"], d["amount"]) for d in denials["by_payer"]] == [("bcbs", "200.00"), ("aetna", "50.00")]
        assert [(d["key"], d["amount"]) for d in denials["by_provider"]] == [("dr-2", "200.00"), ("dr-1", "50.00")]

        async def fee_charged():
            report = (await admin.get("/reports/missed-visits",
                                      params={"start": "2026-12-01", "end": "2026-12-31"})).json()
            return report if report["rows"] and report["fees_charged"] == "40.00" else None

        missed = await wait_for(fee_charged)
        assert missed, "the no-show and its fee never arrived"
        assert [(r["location_id"], r["kind"], r["count"], r["fees_charged"], r["revenue_lost"], r["net_cost"])
                for r in missed["rows"]] == [("loc-a", "no_show", 1, "40.00", "150.00", "110.00")]

        money = (await admin.get("/reports/collections", params={"start": "2026-11-01", "end": "2026-12-31"})).json()
        billed = {(r["month"], r["location_id"], r["provider_id"]): (r["revenue"], r["payer_collections"])
                  for r in money["rows"] if r["revenue"] != "0.00" or r["payer_collections"] != "0.00"}
        assert billed == {("2026-12", "loc-a", "dr-1"): ("190.00", "90.00"),  # 150 visit + 40 no-show fee
                          ("2026-12", "loc-b", "dr-1"): ("80.00", "0.00")}
        # The copay was taken today (Los Angeles time) and counts for appt-1's provider; the payment at
        # 23:30 on 30 November in Los Angeles is November's although it was December in UTC, and the one
        # at 23:30 on 31 October is October's, outside the report, although it was November in UTC.
        this_month = datetime.now(LOS_ANGELES).strftime("%Y-%m")
        assert sorted((r["month"], r["provider_id"], r["patient_collections"]) for r in money["rows"]
                      if r["patient_collections"] != "0.00") == sorted([("2026-11", "unattributed", "60.00"),
                                                                       (this_month, "dr-1", "25.00")])
        assert (money["revenue"], money["collections"]) == ("270.00", "175.00")
        # A statement of November is of Los Angeles' November: the payment at 23:30 on the 30th is in it, the
        # one at 23:30 on 31 October (November in UTC) is before it, the fee at 00:30 on 1 December after it.
        november = await biller.get("/patients/pat-9/statement", params={
            "location_id": "loc-a", "start": "2026-11-01", "end": "2026-11-30"})
        assert november.status_code == 200, november.text
        body = november.json()
        assert (body["timezone"], body["opening_balance"], [line["seq"] for line in body["lines"]],
                body["closing_balance"]) == ("America/Los_Angeles", "-7.00", [2], "-67.00")
        printed = (await biller.get("/patients/pat-9/statement.csv", params={
            "location_id": "loc-a", "start": "2026-11-01", "end": "2026-11-30"})).text.splitlines()
        assert printed[2] == "2026-11-30,payment,seed:2,-60.00,-67.00"
        # Aging without a day: each claim ages until today at its own location.
        today = (await admin.get("/reports/ar-aging")).json()
        assert (today["as_of"], today["as_of_by_location"]) == (None, {
            "loc-a": datetime.now(LOS_ANGELES).date().isoformat(), "loc-b": datetime.now(UTC).date().isoformat()})
