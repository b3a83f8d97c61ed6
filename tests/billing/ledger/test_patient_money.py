"""Patient payments, refunds, balances and statements over HTTP and the real broker."""

import asyncio
import json
from collections import Counter

import pytest

from tests.support.dates import days_ahead, today_utc
from tests.support.kafka_tools import read_all
from tests.support.suite import token

pytestmark = pytest.mark.integration

BILLER = token(roles=["biller"], locations=["loc-a"], sub="biller-1")
FRONT_DESK = token(roles=["front_desk"], locations=["loc-a"], sub="desk-1")
OTHER_LOCATION = token(roles=["biller"], locations=["loc-b"], sub="biller-2")


def payment(amount: str, **overrides) -> dict:
    return {
        "patient_id": "pat-1",
        "location_id": "loc-a",
        "method": "card",
        "card_last4": "4242",
        "amount": amount,
    } | overrides


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
async def test_payments_refunds_and_statement_reconcile_to_the_cent(make_suite, backend):
    suite = make_suite(backend)
    await suite.start("billing")
    today, tomorrow = today_utc().isoformat(), days_ahead(1).isoformat()
    async with (
        suite.client("billing", BILLER) as biller,
        suite.client("billing", FRONT_DESK) as desk,
        suite.client("billing", OTHER_LOCATION) as outsider,
    ):
        # The front desk takes a copay at check-in; replaying its key returns the same payment.
        copay = payment("25.00", kind="copay", appointment_id="appt-1")
        first = await desk.post("/payments", json=copay, headers={"Idempotency-Key": "desk-copay-1"})
        assert first.status_code == 201, first.text
        replay = await desk.post("/payments", json=copay, headers={"Idempotency-Key": "desk-copay-1"})
        assert (replay.status_code, replay.json()["id"]) == (200, first.json()["id"])
        assert first.json()["card_last4"] == "4242" and first.json()["amount"] == "25.00"
        other_use = await desk.post(
            "/payments", json=copay | {"amount": "30.00"}, headers={"Idempotency-Key": "desk-copay-1"}
        )
        assert other_use.status_code == 409, other_use.text
        # ...but nothing else, and nothing without a key or with a bad shape.
        assert (await desk.post("/payments", json=payment("5.00", client_reference="d-2"))).status_code == 403
        assert (await biller.post("/payments", json=payment("5.00"))).json()["field"] == "Idempotency-Key"
        no_check_number = await biller.post(
            "/payments", json=payment("5.00", method="check", card_last4=None, client_reference="c-0")
        )
        assert no_check_number.status_code == 422, no_check_number.text
        assert no_check_number.json()["errors"][0]["field"] == "body.check_number"
        assert (await biller.post("/payments", json=payment("5.001", client_reference="c-1"))).status_code == 422
        assert (await outsider.post("/payments", json=payment("5.00", client_reference="c-2"))).status_code == 403

        check = await biller.post(
            "/payments",
            json=payment("100.00", method="check", card_last4=None, check_number="1001", client_reference="chk-1001"),
        )
        assert check.status_code == 201, check.text
        check_id = check.json()["id"]

        # Refunds never exceed what was paid, even when they race each other.
        too_much = await biller.post(f"/payments/{check_id}/refunds", json={"amount": "100.01", "reason": "x"})
        assert too_much.status_code == 409, too_much.text
        assert too_much.json()["field"] == "amount" and too_much.json()["refundable"] == "100.00"
        racing = await asyncio.gather(
            *[
                biller.post(f"/payments/{check_id}/refunds", json={"amount": "30.00", "reason": "overpaid"})
                for _ in range(5)
            ]
        )
        assert sorted(r.status_code for r in racing) == [201, 201, 201, 409, 409]
        # A retried refund with its key refunds once; the 10.00 left is still refundable.
        retry = {"json": {"amount": "10.00", "reason": "retry"}, "headers": {"Idempotency-Key": "refund-r1"}}
        once = await biller.post(f"/payments/{check_id}/refunds", **retry)
        again = await biller.post(f"/payments/{check_id}/refunds", **retry)
        assert (once.status_code, again.status_code, again.json()["id"]) == (201, 200, once.json()["id"])
        refreshed = (await biller.get(f"/payments/{check_id}")).json()
        assert refreshed["refunded_amount"] == "100.00"
        assert (await outsider.get(f"/payments/{check_id}")).status_code == 403

        # -25.00 - 100.00 + 3 x 30.00 + 10.00 = -25.00: a credit of the patient.
        balance = await desk.get("/patients/pat-1/balance", params={"location_id": "loc-a"})
        assert balance.json()["balance"] == "-25.00", balance.text
        statement = await biller.get(
            "/patients/pat-1/statement", params={"location_id": "loc-a", "start": today, "end": today}
        )
        assert statement.status_code == 200, statement.text
        body = statement.json()
        assert (body["opening_balance"], body["credits"], body["charges"], body["closing_balance"]) == (
            "0.00",
            "-125.00",
            "100.00",
            "-25.00",
        )
        assert [line["reason"] for line in body["lines"]] == ["copay", "payment"] + ["refund"] * 4
        assert [line["balance_after"] for line in body["lines"]][-1] == "-25.00"
        later = (
            await biller.get(
                "/patients/pat-1/statement", params={"location_id": "loc-a", "start": tomorrow, "end": tomorrow}
            )
        ).json()
        assert (later["opening_balance"], later["lines"], later["closing_balance"]) == ("-25.00", [], "-25.00")
        printed = await biller.get(
            "/patients/pat-1/statement.csv", params={"location_id": "loc-a", "start": today, "end": today}
        )
        assert printed.headers["content-type"].startswith("text/csv")
        assert printed.text.splitlines()[-1] == f"{today},closing balance,,,-25.00"
        assert (
            await outsider.get(
                "/patients/pat-1/statement", params={"location_id": "loc-a", "start": today, "end": today}
            )
        ).status_code == 403

    # Each move is on the balance topic with the new balance; the copay once, on the payment topic.
    balance_events = await read_all(suite.bootstrap, suite.topic("billing.balance"), expect=6)
    assert [json.loads(r.value)["balance"] for r in balance_events] == [
        "-25.00",
        "-125.00",
        "-95.00",
        "-65.00",
        "-35.00",
        "-25.00",
    ]
    assert {r.key for r in balance_events} == {b"pat-1"}
    posted = await read_all(suite.bootstrap, suite.topic("billing.payment"), expect=2)
    assert sorted(json.loads(r.value)["amount"] for r in posted) == ["100.00", "25.00"]
    # Reading a patient's money is audited.
    audit = [json.loads(r.value) for r in await read_all(suite.bootstrap, suite.topic("billing.audit"), expect=14)]
    assert {(a["action"], a["resource"]) for a in audit} >= {
        ("read", "Statement"),
        ("read", "Balance"),
        ("create", "Payment"),
        ("create", "Refund"),
    }
    # ...and so is every refusal of another location's biller, in a transaction of its own.
    denied = [
        (a["actor"], a["action"], a["resource"], a["resource_id"], a["location_id"])
        for a in audit
        if a["outcome"] == "denied"
    ]
    assert Counter(denied) == Counter(
        [
            ("biller-2", "create", "Payment", None, "loc-a"),
            ("biller-2", "read", "Payment", check_id, "loc-a"),
            ("biller-2", "read", "Statement", None, "loc-a"),
        ]
    )
