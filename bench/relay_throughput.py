"""Outbox relay throughput: a committed backlog of 100,000 rows to acknowledged publishes, beside raw aiokafka.

For each backend (SQLite, PostgreSQL) a scratch outbox table (the services' schema, shared/messaging_tables.py)
gets 100,000 committed rows as a unit of work writes them: CloudEvents headers and the JSON of a
scheduling.appointment.completed event, keyed by appointment (four events per key, so per-key order is checked).
A ServiceRuntime built on that database (its relay, broker and publish exactly as every service wires them)
then drains it to a fresh topic; the clock runs from the start of the drain to the last row marked published.
Then every row must be marked, and the topic must hold exactly as many records, each event once, in outbox order
per key. On PostgreSQL the scratch outbox is left unanalyzed (autovacuum off for it), as a backlog after an outage
is before statistics catch up. Beside it, the anchor: a bare AIOKafkaProducer with acks=all and idempotence
(aiokafka's defaults otherwise) sending the same records, all awaited; and, for reference, the same with the
services' producer settings (shared.kafka.producer_settings). Target: the relay at >= 50 % of the anchor, nothing lost.

`python -m bench.relay_throughput [--db sqlite|postgresql|both] [--rows N] [--quick] [--publish ...]` (the broker
of KAFKA_BOOTSTRAP_SERVERS or the local one it starts; PostgreSQL from CLINICOPS_TEST_PG_URL or the local cluster);
figures in var/bench/relay_throughput.json. `--quick` is 10,000 rows. Exits 0 whenever it ran, whatever the verdict.
"""

import argparse
import asyncio
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta

import uvloop
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from sqlalchemy import func, select, text

from bench.raw_kafka import _delete_topic
from bench.stack import pg_url, scratch_database, write_figures
from clinicops.infra import DEFAULT_VAR_DIR, kafka
from shared.contracts.scheduling import AppointmentCompleted
from shared.db import new_metadata
from shared.envelope import Envelope
from shared.kafka import ensure_topics, producer_settings, relay_publish
from shared.messaging_tables import add_messaging_tables
from shared.runtime import ServiceRuntime
from shared.settings import ServiceSettings

ROWS, QUICK_ROWS, EVENTS_PER_KEY, TARGET = 100_000, 10_000, 4, 0.5
STEP_TIMEOUT_S = 150.0
RAW = dict(acks="all", enable_idempotence=True)  # the anchor: aiokafka's defaults otherwise
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


def backlog(rows: int) -> list[dict]:
    """`rows` outbox rows as UnitOfWork.emit writes them (shared/uow.py), the topic left to each run."""
    rows_ = []
    for n in range(rows):
        envelope = _event(n)
        rows_.append(
            dict(
                event_id=envelope.id,
                key=envelope.subject,
                headers=envelope.kafka_headers(),
                payload=envelope.kafka_value(),
                created_at=NOW,
            )
        )
    return rows_


async def _commit(engine, outbox, topic: str, rows: list[dict]) -> None:
    for start in range(0, len(rows), 10_000):
        async with engine.begin() as connection:
            await connection.execute(outbox.insert(), [r | {"topic": topic} for r in rows[start : start + 10_000]])


async def relay_run(url: str, bootstrap: str, rows: list[dict], *, publish: str = "services") -> dict:
    """A fresh outbox of these rows, committed, drained by a service runtime's relay to a fresh topic."""
    settings = ServiceSettings(service_name="bench", database_url=url, kafka_bootstrap_servers=bootstrap)
    topic = f"bench-relay-{uuid.uuid4().hex[:8]}"
    await ensure_topics(bootstrap, [topic], partitions=settings.topic_partitions, replication=1)
    metadata = new_metadata()
    outbox = add_messaging_tables(metadata).outbox
    # The relay exactly as every service wires it (shared/runtime.py): its engine, broker and publish,
    # SKIP LOCKED on PostgreSQL, unlocked on SQLite.
    runtime = ServiceRuntime(settings, metadata, produces=[])
    if publish == "direct":
        runtime.relay._publish = relay_publish(runtime.broker)
    elif publish == "broker":
        runtime.relay._publish = _broker_publish(runtime.broker)
    try:
        async with runtime.engine.begin() as connection:
            await connection.run_sync(metadata.create_all)
            if connection.dialect.name == "postgresql":
                # A backlog the planner's statistics have not caught up with (a service's outbox is
                # analyzed when nearly every row is published), whatever autovacuum's timing.
                await connection.execute(text("ALTER TABLE outbox SET (autovacuum_enabled = false)"))
        started = time.perf_counter()
        await _commit(runtime.engine, outbox, topic, rows)
        _log(f"  {len(rows):,} rows committed in {time.perf_counter() - started:.1f} s")
        await runtime.broker.start()
        started, cpu = time.perf_counter(), time.process_time()
        published = await runtime.relay.drain()
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        async with runtime.engine.connect() as connection:
            unmarked = await connection.scalar(select(func.count()).where(outbox.c.published_at.is_(None)))
        check = await _topic_check(bootstrap, topic, {r["event_id"]: n for n, r in enumerate(rows)})
        return {
            "rows": len(rows),
            "publish": publish,
            "seconds": round(elapsed, 3),
            "rows_per_s": round(len(rows) / elapsed),
            "cpu_us_per_row": round(cpu / len(rows) * 1e6, 1),
            "drained": published,
            "unmarked": unmarked,
            **check,
            "nothing_lost": published == len(rows) and unmarked == 0 and check["ok"],
        }
    finally:
        await runtime.broker.stop()
        await runtime.engine.dispose()
        await _delete_topic(bootstrap, topic)


def _broker_publish(broker):
    # What shared/runtime.py handed the relay before shared.kafka.relay_publish: FastStream's publish.
    async def publish(topic: str, key: bytes, headers: dict[str, str], payload: bytes):
        return await broker.publish(payload, topic, key=key, headers=headers, no_confirm=True)

    return publish


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


async def raw_run(bootstrap: str, rows: list[dict], settings: dict) -> dict:
    """A bare producer: the same records (key, headers, value) to a fresh topic, all awaited."""
    topic = f"bench-relay-raw-{uuid.uuid4().hex[:8]}"
    await ensure_topics(bootstrap, [topic], partitions=ServiceSettings().topic_partitions, replication=1)
    records = [(r["key"].encode(), [(k, v.encode()) for k, v in r["headers"].items()], r["payload"]) for r in rows]
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, **settings)
    await producer.start()
    try:
        started, cpu = time.perf_counter(), time.process_time()
        acks = [await producer.send(topic, value, key=key, headers=headers) for key, headers, value in records]
        await asyncio.gather(*acks)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    finally:
        await producer.stop()
        await _delete_topic(bootstrap, topic)
    per_row = round(cpu / len(rows) * 1e6, 1)
    return {
        "rows": len(rows),
        "seconds": round(elapsed, 3),
        "rows_per_s": round(len(rows) / elapsed),
        "cpu_us_per_row": per_row,
    }


async def _bounded(coro, what: str, timeout: float = STEP_TIMEOUT_S):
    """A step of the run, which fails, showing where every task waits, rather than hang `make bench`."""
    try:
        return await asyncio.wait_for(coro, timeout)
    except TimeoutError:
        _log(f"bench: {what} took over {timeout:.0f} s; where each task waits:")
        for task in asyncio.all_tasks():
            task.print_stack(limit=12, file=sys.stderr)
        raise


async def one_backend(backend: str, bootstrap: str, rows: list[dict], publish: str) -> dict:
    _log(f"[{backend}] raw aiokafka (acks=all, idempotence, aiokafka's defaults otherwise), {len(rows):,} records")
    raw = await _bounded(raw_run(bootstrap, rows, RAW), "the raw run")
    _log(f"  {raw['rows_per_s']:,} records/s, {raw['cpu_us_per_row']} µs CPU each")
    _log(f"[{backend}] outbox relay, {len(rows):,} rows")
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite+aiosqlite:///{folder}/outbox.db"
            relay = await _bounded(relay_run(url, bootstrap, rows, publish=publish), "the relay run")
    else:
        async with scratch_database(pg_url(), "relay_bench") as url:
            relay = await _bounded(relay_run(url, bootstrap, rows, publish=publish), "the relay run")
    _log(f"  {relay['rows_per_s']:,} rows/s, {relay['cpu_us_per_row']} µs CPU each")
    _log(f"[{backend}] raw aiokafka with the services' producer settings (shared.kafka.producer_settings)")
    tuned = await _bounded(raw_run(bootstrap, rows, producer_settings()), "the raw run")
    _log(f"  {tuned['rows_per_s']:,} records/s, {tuned['cpu_us_per_row']} µs CPU each")
    ratio = relay["rows_per_s"] / raw["rows_per_s"]
    return {
        "raw": raw,
        "relay": relay,
        "raw_our_settings": tuned,
        "ratio": round(ratio, 3),
        "pass": ratio >= TARGET and relay["nothing_lost"],
    }


async def main(backends: list[str], rows: int, publish: str) -> dict:
    bootstrap = kafka.start(DEFAULT_VAR_DIR, log=_log)
    started = time.perf_counter()
    made = backlog(rows)
    size = sum(len(r["payload"]) for r in made) / rows
    _log(f"{rows:,} events made in {time.perf_counter() - started:.1f} s, payload {size:.0f} bytes on average")
    return {backend: await one_backend(backend, bootstrap, made, publish) for backend in backends}


def report(figures: dict) -> None:
    print("\noutbox relay: committed backlog -> acknowledged publish and marked, beside raw aiokafka acks=all")
    print(f"{'backend':>11} {'rows':>8} {'relay/s':>9} {'raw/s':>9} {'ratio':>6} {'lost/dup/order':>15}  verdict"
          f"  {'relay µs':>8} {'raw µs':>7}  {'raw, our settings':>17}")  # fmt: skip
    for backend, f in figures.items():
        relay, raw = f["relay"], f["raw"]
        tuned = f["raw_our_settings"]["rows_per_s"]
        checks = f"{relay['missing'] + relay['unmarked']}/{relay['duplicates']}/{relay['out_of_order']}"
        print(f"{backend:>11} {relay['rows']:>8,} {relay['rows_per_s']:>9,} {raw['rows_per_s']:>9,} "
              f"{f['ratio']:>5.0%} {checks:>15}  {'PASS' if f['pass'] else 'FAIL':>7}  "
              f"{relay['cpu_us_per_row']:>8} {raw['cpu_us_per_row']:>7}  {tuned:>15,}/s")  # fmt: skip
    print(f"target: the relay at >= {TARGET:.0%} of raw, every row published once and marked (µs: CPU per row)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.relay_throughput", description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--rows", type=int, default=None, help=f"backlog size (default {ROWS:,})")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_ROWS:,} rows (make bench-quick)")
    parser.add_argument(
        "--publish",
        choices=("services", "direct", "broker"),
        default="services",
        help="the relay's publish: as shared/runtime.py wires it (default), shared.kafka.relay_publish, "
        "or FastStream's broker.publish",
    )
    args = parser.parse_args()
    size = args.rows or (QUICK_ROWS if args.quick else ROWS)
    # uvloop, as the services run under uvicorn.
    figures = uvloop.run(main(["sqlite", "postgresql"] if args.db == "both" else [args.db], size, args.publish))
    report(figures)
    write_figures("relay_throughput", figures)
