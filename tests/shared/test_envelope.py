"""CloudEvents binary mode: attributes in headers, the payload as the value."""

import pytest

from shared.envelope import Envelope, MalformedEvent


def test_round_trip_through_kafka_headers():
    sent = Envelope(
        type="scheduling.appointment.completed",
        source="/clinicops/scheduling",
        subject="appt-1",
        correlation_id="c-1",
        causation_id="e-0",
        location_id="loc-a",
        data={"appointment_id": "appt-1"},
    )
    headers = {k: v.encode() for k, v in sent.kafka_headers().items()}
    received = Envelope.from_kafka(headers, sent.kafka_value())
    assert received == sent
    assert received.topic == "scheduling.appointment"
    assert headers["ce_specversion"] == b"1.0" and headers["content-type"] == b"application/json"


@pytest.mark.parametrize(
    "headers, value",
    [
        ({}, b"{}"),
        ({"ce_specversion": b"0.3", "ce_id": b"1"}, b"{}"),
        ({"ce_specversion": b"1.0"}, b"{}"),  # no id, type, source, subject
        (
            {"ce_specversion": b"1.0", "ce_id": b"1", "ce_type": b"a.b.c", "ce_source": b"/s", "ce_subject": b"x"},
            b"{not json",
        ),
    ],
)
def test_unreadable_records_are_malformed(headers, value):
    with pytest.raises(MalformedEvent):
        Envelope.from_kafka(headers, value)
