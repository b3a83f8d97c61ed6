"""Billing's reports over seeded claims, remittances and charges, a patient payment and missed visits."""

import asyncio
import time
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time

import pytest

from shared.clock import local_today
from shared.contracts.scheduling import AppointmentCancelled, AppointmentNoShow
from tests.billing.reports.report_seed import AS_OF, DEC, NOV, dec, seed_reports
from tests.support.dates import month_start
from tests.support.suite import token
from tests.support.upstream import publish

pytestmark = pytest.mark.integration

ADMIN = token(roles=["practice_admin"], locations=["*"])
BILLER_A = token(roles=["biller"], locations=["loc-a"])
FRONT_DESK = token(roles=["front_desk"], locations=["loc-a"])
NOSHOW_START = datetime.combine(dec(15), clock_time(16), UTC)
DEC_RANGE = {"start": DEC.isoformat(), "end": AS_OF.isoformat()}
NOV_RANGE = {"location_id": "loc-a", "start": NOV.isoformat(), "end": (DEC - timedelta(days=1)).isoformat()}


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
    await publish(
        suite,
        AppointmentNoShow(
            appointment_id="appt-4", patient_id="pat-2", provider_id="dr-1", location_id="loc-a", start=NOSHOW_START
        ),
        "appt-4",
    )
    await publish(
        suite,
        AppointmentCancelled(
            appointment_id="appt-5",
            patient_id="pat-3",
            provider_id="dr-1",
            location_id="loc-a",
            start=NOSHOW_START,
            cancelled_by="practice",
            reason="provider ill",
            late=True,
        ),
        "appt-5",
    )
    async with (
        suite.client("billing", ADMIN) as admin,
        suite.client("billing", BILLER_A) as biller,
        suite.client("billing", FRONT_DESK) as desk,
    ):
        copay = await desk.post(
            "/payments",
            headers={"Idempotency-Key": "k-1"},
            json={
                "patient_id": "pat-1",
                "location_id": "loc-a",
                "appointment_id": "appt-1",
                "kind": "copay",
                "method": "cash",
                "amount": "25.00",
            },
        )
        assert copay.status_code == 201, copay.text

        aging = (await admin.get("/reports/ar-aging", params={"as_of": AS_OF.isoformat()})).json()
        zero = "0.00"
        assert rows(aging["by_payer"]) == {
            "aetna": ({"0-30": "110.00", "31-60": zero, "61-90": zero, "91-120": zero, "120+": zero}, "110.00"),
            "bcbs": ({"0-30": zero, "31-60": zero, "61-90": zero, "91-120": "200.00", "120+": zero}, "200.00"),
        }
        assert {r["key"]: r["total"] for r in aging["by_location"]} == {"loc-a": "230.00", "loc-b": "80.00"}
        assert aging["total"]["total"] == "310.00" and aging["basis"] == "date_of_service"
        scoped = (await biller.get("/reports/ar-aging", params={"as_of": AS_OF.isoformat()})).json()
        assert scoped["total"]["total"] == "230.00"  # loc-b is not the biller's
        assert (await biller.get("/reports/ar-aging", params={"location_id": "loc-b"})).status_code == 403
        assert (await desk.get("/reports/ar-aging")).status_code == 403

        denials = (await admin.get("/reports/denials", params=DEC_RANGE)).json()
        assert [(d["key"], d["count"], d["amount"]) for d in denials["by_carc"]] == [
            ("50", 1, "200.00"),
            ("97", 1, "50.00"),
        ]
        assert [(d["key"], d["amount"]) for d in denials["by_payer"]] == [("bcbs", "200.00"), ("aetna", "50.00")]
        assert [(d["key"], d["amount"]) for d in denials["by_provider"]] == [("dr-2", "200.00"), ("dr-1", "50.00")]

        async def fee_charged():
            report = (await admin.get("/reports/missed-visits", params=DEC_RANGE)).json()
            return report if report["rows"] and report["fees_charged"] == "40.00" else None

        missed = await wait_for(fee_charged)
        assert missed, "the no-show and its fee never arrived"
        assert [
            (r["location_id"], r["kind"], r["count"], r["fees_charged"], r["revenue_lost"], r["net_cost"])
            for r in missed["rows"]
        ] == [("loc-a", "no_show", 1, "40.00", "150.00", "110.00")]

        # From NOV to the end of this month, so that today's copay is in it too.
        this_month_end = (month_start(1) - timedelta(days=1)).isoformat()
        money = (
            await admin.get("/reports/collections", params={"start": NOV.isoformat(), "end": this_month_end})
        ).json()
        billed = {
            (r["month"], r["location_id"], r["provider_id"]): (r["revenue"], r["payer_collections"])
            for r in money["rows"]
            if r["revenue"] != "0.00" or r["payer_collections"] != "0.00"
        }
        december, november = DEC.strftime("%Y-%m"), NOV.strftime("%Y-%m")
        assert billed == {
            (december, "loc-a", "dr-1"): ("190.00", "90.00"),  # 150 visit + 40 no-show fee
            (december, "loc-b", "dr-1"): ("80.00", "0.00"),
        }
        # The copay was taken today (Los Angeles time) and counts for appt-1's provider; the payment at
        # 23:30 on NOV's last day in Los Angeles is NOV's although it was DEC in UTC, and the one
        # at 23:30 on OCT's last day is OCT's, outside the report, although it was NOV in UTC.
        this_month = local_today("America/Los_Angeles").strftime("%Y-%m")
        assert sorted(
            (r["month"], r["provider_id"], r["patient_collections"])
            for r in money["rows"]
            if r["patient_collections"] != "0.00"
        ) == sorted([(november, "unattributed", "60.00"), (this_month, "dr-1", "25.00")])
        assert (money["revenue"], money["collections"]) == ("270.00", "175.00")
        # A statement of NOV is of Los Angeles' NOV: the payment at 23:30 on its last day is in it, the
        # one at 23:30 on OCT's last day (NOV in UTC) is before it, the fee at 00:30 on DEC 1st after it.
        statement = await biller.get("/patients/pat-9/statement", params=NOV_RANGE)
        assert statement.status_code == 200, statement.text
        body = statement.json()
        assert (
            body["timezone"],
            body["opening_balance"],
            [line["seq"] for line in body["lines"]],
            body["closing_balance"],
        ) == ("America/Los_Angeles", "-7.00", [2], "-67.00")
        printed = (await biller.get("/patients/pat-9/statement.csv", params=NOV_RANGE)).text.splitlines()
        assert printed[2] == f"{NOV_RANGE['end']},payment,seed:2,-60.00,-67.00"
        # Aging without a day: each claim ages until today at its own location.
        today = (await admin.get("/reports/ar-aging")).json()
        assert (today["as_of"], today["as_of_by_location"]) == (
            None,
            {"loc-a": local_today("America/Los_Angeles").isoformat(), "loc-b": local_today("UTC").isoformat()},
        )
