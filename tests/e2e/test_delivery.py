"""At-least-once on the wire, exactly-once in effect: crashes, duplicates, poison, late groups."""

import json
import uuid

import httpx
import pytest

from shared.envelope import Envelope
from tests.support.flow import VISIT, book_and_check_in, complete, wait_for_charges
from tests.support.kafka_tools import produce, read_all, wait_caught_up
from tests.support.suite import ADMIN_A
from tests.support.when import shift_day, utc

pytestmark = pytest.mark.integration
COMPLETED = "scheduling.appointment.completed"


def completed_event(appointment_id: str, event_id: str | None = None) -> Envelope:
    data = {
        "appointment_id": appointment_id,
        "patient_id": "pat-1",
        "provider_id": "prov-7",
        "location_id": "loc-a",
        "date_of_service": shift_day(0),
        "completed_at": utc(0, "15:20"),
        **VISIT,
    }
    return Envelope(
        id=event_id or str(uuid.uuid4()),
        type=COMPLETED,
        source="/tests",
        subject=appointment_id,
        location_id="loc-a",
        data=data,
    )


async def publish(suite, envelope: Envelope) -> None:
    await produce(
        suite.bootstrap,
        suite.topic("scheduling.appointment"),
        envelope.kafka_value(),
        key=envelope.subject.encode(),
        headers=envelope.kafka_headers(),
    )


async def count_charges(suite, appointment_id: str) -> int:
    return await suite.scalar("billing", "SELECT count(*) FROM charge WHERE appointment_id = :a", a=appointment_id)


async def test_the_same_event_delivered_twice_makes_one_set_of_charges(make_suite):
    suite = make_suite()
    await suite.start("billing")
    event = completed_event("appt-dup")
    await publish(suite, event)
    await publish(suite, event)  # a redelivery: same CloudEvent id

    await wait_caught_up(suite.bootstrap, suite.topic("billing"), suite.topic("scheduling.appointment"))
    assert await count_charges(suite, "appt-dup") == 2
    assert await suite.scalar("billing", "SELECT count(*) FROM processed_event WHERE event_id = :e", e=event.id) == 1
    assert any("duplicate event skipped" in line and event.id in line for line in suite.log_lines("billing"))


async def test_relay_killed_between_commit_and_publish_still_delivers_after_restart(make_suite):
    suite = make_suite()
    await suite.start("scheduling", failpoints=f"outbox.after_commit:{COMPLETED}")
    await suite.start("billing")
    async with suite.client("scheduling", ADMIN_A) as scheduling:
        appointment_id = await book_and_check_in(suite, scheduling)
        with pytest.raises(httpx.TransportError):
            await complete(scheduling, appointment_id)  # the process dies right after its commit
    suite.wait_exit("scheduling")
    unpublished = (
        "SELECT count(*) FROM outbox WHERE key = :a AND published_at IS NULL "
        "AND CAST(headers AS TEXT) LIKE '%appointment.completed%'"
    )
    assert await suite.scalar("scheduling", unpublished, a=appointment_id) == 1  # committed, never sent
    assert await count_charges(suite, appointment_id) == 0

    await suite.start("scheduling")  # no failpoint: the relay sweeps what the crash left behind
    async with suite.client("billing", ADMIN_A) as billing:
        assert len(await wait_for_charges(billing, appointment_id)) == 2
    assert await suite.scalar("scheduling", unpublished, a=appointment_id) == 0


@pytest.mark.parametrize("failpoint", ["consumer.before_commit", "consumer.before_ack"])
async def test_consumer_killed_mid_event_gets_it_again_and_charges_once(make_suite, failpoint):
    suite = make_suite()
    await suite.start(
        "billing",
        failpoints=f"{failpoint}:{COMPLETED}"
        if "commit" in failpoint
        else f"{failpoint}:{suite.topic('scheduling.appointment')}",
    )
    event = completed_event("appt-crash")
    await publish(suite, event)
    suite.wait_exit("billing")  # died inside the handler (before_commit) or after it (before_ack)
    expected_before = 0 if failpoint == "consumer.before_commit" else 2
    assert await count_charges(suite, "appt-crash") == expected_before

    await suite.start("billing")
    await wait_caught_up(suite.bootstrap, suite.topic("billing"), suite.topic("scheduling.appointment"))
    assert await count_charges(suite, "appt-crash") == 2
    redelivered_as = "event handled" if failpoint == "consumer.before_commit" else "duplicate event skipped"
    assert any(redelivered_as in line and event.id in line for line in suite.log_lines("billing"))


async def test_poison_messages_go_to_the_dead_letter_topic_and_later_events_still_flow(make_suite):
    suite = make_suite()
    await suite.start("billing")
    topic = suite.topic("scheduling.appointment")
    await produce(suite.bootstrap, topic, b"{not json", key=b"appt-x", headers={"ce_specversion": "1.0"})
    bad_cpt = completed_event("appt-bad")
    bad_cpt.data["service_lines"] = [{"cpt": "ABC", "diagnosis_pointers": [1]}]
    await publish(suite, bad_cpt)
    await publish(suite, completed_event("appt-good"))

    await wait_caught_up(suite.bootstrap, suite.topic("billing"), topic)
    assert await count_charges(suite, "appt-good") == 2
    assert await count_charges(suite, "appt-bad") == 0
    dead = await read_all(suite.bootstrap, f"{topic}.dlt", expect=2)
    errors = {r.key: {k: v.decode() for k, v in r.headers} for r in dead}
    assert set(errors) == {b"appt-x", b"appt-bad"}
    assert errors[b"appt-x"]["dlt_error_type"] == "MalformedEvent"
    assert "ABC" in errors[b"appt-bad"]["dlt_error"] and errors[b"appt-bad"]["dlt_error_type"] == "ValidationError"
    assert errors[b"appt-bad"]["dlt_original_topic"] == topic
    assert errors[b"appt-bad"]["ce_id"] == bad_cpt.id  # the original headers travel along
    assert json.loads(dead[[r.key for r in dead].index(b"appt-bad")].value)["appointment_id"] == "appt-bad"


async def test_a_consumer_group_created_later_sees_events_from_before_it_existed(make_suite):
    suite = make_suite()
    await suite.start("scheduling")
    async with suite.client("scheduling", ADMIN_A) as scheduling:
        appointment_id = await book_and_check_in(suite, scheduling)
        assert (await complete(scheduling, appointment_id)).status_code == 200
    await read_all(suite.bootstrap, suite.topic("scheduling.appointment"), expect=3)  # it is on the broker

    await suite.start("billing")  # its group did not exist when the event was produced
    async with suite.client("billing", ADMIN_A) as billing:
        assert len(await wait_for_charges(billing, appointment_id)) == 2
