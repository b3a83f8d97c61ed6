"""EventConsumer's retry, dead-letter and dedupe logic, on FastStream's in-memory broker."""

import pytest
from faststream.kafka import KafkaMessage, TestKafkaBroker
from sqlalchemy import func, select

from shared.consumer import EventConsumer, Handler
from shared.contracts.billing import ChargeCreated
from shared.db import create_engine, new_metadata, session_factory
from shared.envelope import Envelope
from shared.kafka import create_broker
from shared.messaging_tables import add_messaging_tables
from shared.settings import ServiceSettings
from shared.uow import UnitOfWork
from tests.support.dates import days_ago

EVENT = {
    "charge_id": "c1",
    "appointment_id": "a1",
    "patient_id": "p1",
    "provider_id": "d1",
    "location_id": "l1",
    "date_of_service": days_ago(3).isoformat(),
    "line_number": 1,
    "cpt": "99213",
    "modifiers": [],
    "units": 1,
    "diagnosis_codes": ["I10"],
}


@pytest.fixture
async def setup(tmp_path):
    metadata = new_metadata()
    tables = add_messaging_tables(metadata)
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path}/unit.db")
    async with engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
    sessions = session_factory(engine)
    broker = create_broker(ServiceSettings(service_name="unit"))
    calls: list[str] = []
    dead: list = []

    @broker.subscriber("billing.charge.dlt")
    async def dead_letters(message: KafkaMessage) -> None:
        dead.append(message.headers)

    def consumer(func) -> EventConsumer:
        c = EventConsumer(
            name="unit",
            group_id="unit",
            handlers={ChargeCreated.event_type: Handler(ChargeCreated, func)},
            new_uow=lambda: UnitOfWork(sessions, tables, source="/unit", topic=str),
            broker=broker,
            topic=str,
            max_retries=3,
            retry_backoff_s=0.001,
        )
        c.subscribe()
        return c

    yield broker, consumer, calls, dead, sessions, tables
    await engine.dispose()


async def processed(sessions, tables) -> int:
    async with sessions() as session:
        return await session.scalar(select(func.count()).select_from(tables.processed_events))


async def send(broker, envelope: Envelope) -> None:
    await broker.publish(envelope.kafka_value(), "billing.charge", key=b"c1", headers=envelope.kafka_headers())


def envelope(event_id="e1") -> Envelope:
    return Envelope(id=event_id, type=ChargeCreated.event_type, source="/t", subject="c1", data=EVENT)


async def test_a_transient_failure_is_retried_then_processed_once(setup):
    broker, consumer, calls, dead, sessions, tables = setup

    async def flaky(*, uow, event, envelope):
        calls.append(event.charge_id)
        if len(calls) < 3:
            raise ConnectionError("database hiccup")

    consumer(flaky)
    async with TestKafkaBroker(broker):
        await send(broker, envelope())
        await send(broker, envelope())  # redelivery of the same event
    assert calls == ["c1", "c1", "c1"]  # failed in its batch, failed alone, succeeded; duplicate skipped
    assert dead == []
    assert await processed(sessions, tables) == 1


async def test_a_handler_that_keeps_failing_sends_the_event_to_the_dlt(setup):
    broker, consumer, calls, dead, sessions, tables = setup

    async def broken(*, uow, event, envelope):
        calls.append(event.charge_id)
        raise RuntimeError("bug")

    consumer(broken)
    async with TestKafkaBroker(broker):
        await send(broker, envelope())
    assert len(calls) == 4  # once in its batch, then three attempts alone
    assert dead[0]["dlt_error"] == "RuntimeError: bug" and dead[0]["dlt_attempts"] == "3"
    assert await processed(sessions, tables) == 0  # the failed attempts left nothing behind
