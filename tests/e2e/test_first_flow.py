"""A visit completed in scheduling becomes billing's charges, through the real broker."""

import json

import pytest

from tests.support.flow import book_and_check_in, complete, wait_for_charges
from tests.support.kafka_tools import read_all
from tests.support.suite import ADMIN_A
from tests.support.when import shift_day

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_completed_visit_becomes_one_charge_per_cpt_line(make_suite, backend):
    suite = make_suite(backend)
    await suite.start("scheduling")
    await suite.start("billing")
    async with suite.client("scheduling", ADMIN_A) as scheduling, suite.client("billing", ADMIN_A) as billing:
        appointment_id = await book_and_check_in(suite, scheduling)
        response = await complete(scheduling, appointment_id, **{"X-Correlation-ID": f"corr-{suite.uid}"})
        assert response.status_code == 200, response.text
        assert response.json()["status"] == "fulfilled"

        charges = await wait_for_charges(billing, appointment_id)

    assert [(c["line_number"], c["cpt"], c["modifiers"], c["units"]) for c in charges] == [
        (1, "99213", ["25"], 1),
        (2, "83036", ["QW"], 1),
    ]
    # Diagnosis pointers are resolved to the visit's ICD-10 codes, in pointer order.
    assert [c["diagnosis_codes"] for c in charges] == [["E11.9", "I10"], ["E11.9"]]
    # 15:00 UTC is the early morning of the same date in Los Angeles.
    assert {c["date_of_service"] for c in charges} == {shift_day(0)}
    assert {c["provider_id"] for c in charges} == {"prov-7"}


async def test_events_are_cloudevents_in_binary_mode(make_suite):
    suite = make_suite("sqlite")
    await suite.start("scheduling")
    async with suite.client("scheduling", ADMIN_A) as scheduling:
        appointment_id = await book_and_check_in(suite, scheduling)
        await complete(scheduling, appointment_id, **{"X-Correlation-ID": "corr-ce"})

    records = await read_all(suite.bootstrap, suite.topic("scheduling.appointment"), expect=3)  # booked, in, done
    completed = [r for r in records if dict(r.headers)["ce_type"] == b"scheduling.appointment.completed"]
    assert len(completed) == 1
    record = completed[0]
    headers = {k: v.decode() for k, v in record.headers}
    assert record.key == appointment_id.encode()
    assert headers["ce_specversion"] == "1.0"
    assert headers["ce_source"] == "/clinicops/scheduling"
    assert headers["ce_subject"] == appointment_id
    assert headers["ce_correlationid"] == "corr-ce"
    assert headers["ce_locationid"] == "loc-a"
    assert headers["ce_dataversion"] == "1"
    assert headers["content-type"] == "application/json"
    assert json.loads(record.value)["service_lines"][0]["cpt"] == "99213"


async def test_correlation_id_travels_from_request_to_consumer_logs(make_suite):
    suite = make_suite("sqlite")
    await suite.start("scheduling")
    await suite.start("billing")
    correlation = f"corr-trace-{suite.uid}"
    async with suite.client("scheduling", ADMIN_A) as scheduling, suite.client("billing", ADMIN_A) as billing:
        appointment_id = await book_and_check_in(suite, scheduling)
        await complete(scheduling, appointment_id, **{"X-Correlation-ID": correlation})
        await wait_for_charges(billing, appointment_id)

    handled = [json.loads(line) for line in suite.log_lines("billing") if '"event handled"' in line]
    assert any(
        entry.get("correlation_id") == correlation and entry["event_type"] == "scheduling.appointment.completed"
        for entry in handled
    ), handled
