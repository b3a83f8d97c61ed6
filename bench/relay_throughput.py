"""Outbox relay throughput: a committed backlog of 100,000 rows to acknowledged publishes, beside raw aiokafka.

For each backend (SQLite, PostgreSQL) a scratch outbox table (the services' schema, shared/messaging_tables.py)
gets 100,000 committed rows as a unit of work writes them: CloudEvents headers and the JSON of a
scheduling.appointment.completed event, keyed by appointment (four events per key, so per-key order is checked).
The services' OutboxRelay, publishing through the services' own publish function on a FastStream broker made by
shared.kafka.create_broker, then drains it to a fresh topic; the clock runs from the start of the drain to the
last row marked published. Then every row must be marked, the topic must hold exactly as many records, each
event once, in outbox order per key. Beside it: a bare AIOKafkaProducer with the services' producer settings
(acks=all, idempotence) sending as many records of the same size and headers, all awaited. Target: the relay
at >= 50 % of raw.

`python -m bench.relay_throughput [--db sqlite|postgresql|both] [--rows N] [--quick]` (the broker of
KAFKA_BOOTSTRAP_SERVERS or the local one it starts; PostgreSQL from CLINICOPS_TEST_PG_URL or the local cluster);
figures in var/bench/relay_throughput.json. `--quick` is 10,000 rows. Exits 0 whenever it ran, whatever the verdict.
"""

import argparse
import asyncio
import functools
import itertools
import json
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import uvloop
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from sqlalchemy import func, select

from bench.raw_kafka import _delete_topic
from bench.stack import pg_url, scratch_database
from clinicops.infra import DEFAULT_VAR_DIR, kafka
from shared.contracts.scheduling import AppointmentCompleted
from shared.db import create_engine, new_metadata, session_factory
from shared.envelope import Envelope
from shared.kafka import create_broker, ensure_topics, producer_settings
from shared.messaging_tables import add_messaging_tables
from shared.outbox import OutboxRelay
from shared.runtime import ServiceRuntime
from shared.settings import ServiceSettings

OUT = DEFAULT_VAR_DIR / "bench" / "relay_throughput.json"
ROWS, QUICK_ROWS, EVENTS_PER_KEY, TARGET = 100_000, 10_000, 4, 0.5
NOW = datetime.now(UTC)


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _event(n: int) -> Envelope:
    """The n-th completed visit, as scheduling emits it (tests/e2e's two CPT lines and two diagnoses)."""
    appointment_id = str(uuid.UUID(int=n // EVENTS_PER_KEY + 1))
    completed = NOW - timedelta(minutes=n)
    payload = AppointmentCompleted(
        appointment_id=appointment_id,
        patient_id=str(uuid.UUID(int=(n * 7919) % 20_000 + 1)),
        provider_id=f"prov-{n % 50:02d}",
        location_id="loc-a",
        date_of_service=completed.date(),
        completed_at=completed,
        diagnosis_codes=["E11.9", "I10"],
        service_lines=[
            {"cpt": "99213", "modifiers": ["25"], "diagnosis_pointers": [1, 2]},
            {"cpt": "83036", "modifiers": ["QW"], "units": 1, "diagnosis_pointers": [1]},
        ],
    )
    return Envelope(
        type=payload.event_type,
        source="/clinicops/scheduling",
        subject=appointment_id,
        correlation_id=str(uuid.uuid4()),
        location_id="loc-a",
        data_version=payload.data_version,
        data=payload.model_dump(mode="json"),
    )


def _row(envelope: Envelope, topic: str) -> dict:
    # The row UnitOfWork.emit writes (shared/uow.py).
    return dict(
        event_id=envelope.id,
        topic=topic,
        key=envelope.subject,
        headers=envelope.kafka_headers(),
        payload=envelope.kafka_value(),
        created_at=NOW,
    )


async def _backlog(engine, outbox, topic: str, rows: int) -> dict[str, int]:
    """Commit `rows` outbox rows in chunks; returns event id -> its place in the backlog."""
    order: dict[str, int] = {}
    events = (_event(n) for n in range(rows))
    while chunk := list(itertools.islice(events, 10_000)):
        for envelope in chunk:
            order[envelope.id] = len(order)
        async with engine.begin() as connection:
            await connection.execute(outbox.insert(), [_row(e, topic) for e in chunk])
    return order


async def relay_run(url: str, bootstrap: str, rows: int, *, row_locking: bool) -> dict:
    """A fresh outbox of `rows` committed rows drained by the services' relay to a fresh topic."""
    settings = ServiceSettings(service_name="bench", kafka_bootstrap_servers=bootstrap)
    topic = f"bench-relay-{uuid.uuid4().hex[:8]}"
    await ensure_topics(bootstrap, [topic], partitions=settings.topic_partitions, replication=1)
    metadata = new_metadata()
    outbox = add_messaging_tables(metadata).outbox
    engine = create_engine(url)
    broker = create_broker(settings)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(metadata.create_all)
        started = time.perf_counter()
        order = await _backlog(engine, outbox, topic, rows)
        _log(f"  {rows:,} rows committed in {time.perf_counter() - started:.1f} s")
        await broker.start()
        # The very function the services hand their relay (shared/runtime.py), on this broker.
        publish = functools.partial(ServiceRuntime._publish, SimpleNamespace(broker=broker))
        relay = OutboxRelay(sessions=session_factory(engine), outbox=outbox, publish=publish, row_locking=row_locking)
        started = time.perf_counter()
        published = await relay.drain()
        elapsed = time.perf_counter() - started
        async with engine.connect() as connection:
            unmarked = await connection.scalar(select(func.count()).where(outbox.c.published_at.is_(None)))
        check = await _topic_check(bootstrap, topic, order)
        return {
            "rows": rows,
            "seconds": round(elapsed, 3),
            "rows_per_s": round(rows / elapsed),
            "drained": published,
            "unmarked": unmarked,
            **check,
            "nothing_lost": published == rows and unmarked == 0 and check["ok"],
        }
    finally:
        await broker.stop()
        await engine.dispose()
        await _delete_topic(bootstrap, topic)


async def _topic_check(bootstrap: str, topic: str, order: dict[str, int]) -> dict:
    """The topic's record count, and each event read back once, in backlog order per key."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, auto_offset_reset="earliest")
    await consumer.start()
    try:
        partitions = [TopicPartition(topic, p) for p in range(ServiceSettings().topic_partitions)]
        consumer.assign(partitions)
        ends = await consumer.end_offsets(partitions)
        starts = await consumer.beginning_offsets(partitions)
        records = sum(ends[p] - starts[p] for p in partitions)
        seen: set[str] = set()
        duplicates = unknown = out_of_order = read = 0
        last_of_key: dict[bytes, int] = {}
        while read < records:
            batches = await consumer.getmany(timeout_ms=1000, max_records=10_000)
            if not batches:
                break
            for batch in batches.values():
                for record in batch:
                    read += 1
                    event_id = dict(record.headers)["ce_id"].decode()
                    place = order.get(event_id)
                    if place is None:
                        unknown += 1
                        continue
                    if event_id in seen:
                        duplicates += 1
                    seen.add(event_id)
                    if place < last_of_key.get(record.key, -1):
                        out_of_order += 1
                    last_of_key[record.key] = place
    finally:
        await consumer.stop()
    missing = len(order) - len(seen)
    ok = records == len(order) and read == records and not (duplicates or unknown or out_of_order or missing)
    return {
        "topic_records": records,
        "read_back": read,
        "missing": missing,
        "duplicates": duplicates,
        "unknown": unknown,
        "out_of_order": out_of_order,
        "ok": ok,
    }


async def raw_run(bootstrap: str, rows: int) -> dict:
    """A bare producer with the services' settings: as many records of the same size and headers, all awaited."""
    settings = ServiceSettings(service_name="bench", kafka_bootstrap_servers=bootstrap)
    topic = f"bench-relay-raw-{uuid.uuid4().hex[:8]}"
    await ensure_topics(bootstrap, [topic], partitions=settings.topic_partitions, replication=1)
    records = [_row(_event(n), topic) for n in range(rows)]
    for record in records:
        record["headers"] = [(k, v.encode()) for k, v in record["headers"].items()]
        record["key"] = record["key"].encode()
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, **producer_settings())
    await producer.start()
    try:
        started = time.perf_counter()
        acks = [await producer.send(topic, r["payload"], key=r["key"], headers=r["headers"]) for r in records]
        await asyncio.gather(*acks)
        elapsed = time.perf_counter() - started
    finally:
        await producer.stop()
        await _delete_topic(bootstrap, topic)
    payload = sum(len(r["payload"]) for r in records) / rows
    return {"rows": rows, "seconds": round(elapsed, 3), "rows_per_s": round(rows / elapsed), "payload_bytes": payload}


async def one_backend(backend: str, bootstrap: str, rows: int) -> dict:
    _log(f"[{backend}] raw aiokafka, {rows:,} records")
    raw = await raw_run(bootstrap, rows)
    _log(f"  {raw['rows_per_s']:,} records/s")
    _log(f"[{backend}] outbox relay, {rows:,} rows")
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            relay = await relay_run(f"sqlite+aiosqlite:///{folder}/outbox.db", bootstrap, rows, row_locking=False)
    else:
        async with scratch_database(pg_url(), "relay_bench") as url:
            relay = await relay_run(url, bootstrap, rows, row_locking=True)
    _log(f"  {relay['rows_per_s']:,} rows/s")
    ratio = relay["rows_per_s"] / raw["rows_per_s"]
    return {"raw": raw, "relay": relay, "ratio": round(ratio, 3), "pass": ratio >= TARGET and relay["nothing_lost"]}


async def main(backends: list[str], rows: int) -> dict:
    bootstrap = kafka.start(DEFAULT_VAR_DIR, log=_log)
    return {backend: await one_backend(backend, bootstrap, rows) for backend in backends}


def report(figures: dict) -> None:
    print("\noutbox relay: committed backlog -> acknowledged publish and marked, beside raw aiokafka acks=all")
    print(f"{'backend':>11} {'rows':>8} {'relay/s':>9} {'raw/s':>9} {'ratio':>6} {'lost/dup/order':>15}  verdict")
    for backend, f in figures.items():
        relay, raw = f["relay"], f["raw"]
        checks = f"{relay['missing'] + relay['unmarked']}/{relay['duplicates']}/{relay['out_of_order']}"
        print(f"{backend:>11} {relay['rows']:>8,} {relay['rows_per_s']:>9,} {raw['rows_per_s']:>9,} "
              f"{f['ratio']:>5.0%} {checks:>15}  "
              f"{'PASS' if f['pass'] else 'FAIL'}")  # fmt: skip
    print(f"target: the relay at >= {TARGET:.0%} of raw, every row published once and marked")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.relay_throughput", description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--rows", type=int, default=None, help=f"backlog size (default {ROWS:,})")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_ROWS:,} rows (make bench-quick)")
    args = parser.parse_args()
    size = args.rows or (QUICK_ROWS if args.quick else ROWS)
    # uvloop, as the services run under uvicorn.
    figures = uvloop.run(main(["sqlite", "postgresql"] if args.db == "both" else [args.db], size))
    report(figures)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(figures, indent=2))
    print(f"figures written to {OUT}")
