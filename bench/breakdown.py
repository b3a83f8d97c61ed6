"""Where the time goes: per-completion timestamps read from logs, databases and the topic."""

import asyncio
import json
import time
from datetime import datetime
from pathlib import Path

from aiokafka import AIOKafkaConsumer
from aiokafka.admin import AIOKafkaAdminClient
from sqlalchemy import select

from bench.lag import partitions_of
from bench.load import Sample
from bench.stats import summary
from shared.db import create_engine, new_metadata
from shared.messaging_tables import add_messaging_tables

COMPLETED = "scheduling.appointment.completed"
TABLES = add_messaging_tables(new_metadata())  # same shape in every service's database


def log_entries(log_file: Path, message: str) -> dict[str, dict]:
    """correlation id -> the first JSON log line with this message, its `time` as epoch seconds."""
    found: dict[str, dict] = {}
    for line in log_file.read_text(errors="replace").splitlines():
        if f'"{message}"' not in line:
            continue
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if (cid := entry.get("correlation_id")) and cid not in found and entry.get("message") == message:
            found[cid] = entry | {"time": datetime.fromisoformat(entry["time"]).timestamp()}
    return found


async def wait_arrivals(log_file: Path, samples: list[Sample], timeout: float) -> dict[str, float]:
    """correlation id -> billing's commit time, once all arrived or after timeout."""
    wanted = {s.correlation_id for s in samples if s.status == 200}
    deadline = time.monotonic() + timeout
    while True:
        handled = log_entries(log_file, "event handled")
        if wanted <= handled.keys() or time.monotonic() > deadline:
            return {cid: entry["time"] for cid, entry in handled.items() if cid in wanted}
        await asyncio.sleep(0.5)


async def outbox_times(db_url: str, topic: str) -> dict[str, tuple[str, float, float | None]]:
    """correlation id -> (event id, outbox row written, row marked published) of completed events."""
    outbox = TABLES.outbox
    query = select(outbox.c.event_id, outbox.c.headers, outbox.c.created_at, outbox.c.published_at).where(
        outbox.c.topic == topic
    )
    rows = await _fetch(db_url, query)
    return {
        r.headers.get("ce_correlationid"): (
            r.event_id,
            r.created_at.timestamp(),
            r.published_at.timestamp() if r.published_at else None,
        )
        for r in rows
        if r.headers.get("ce_type") == COMPLETED
    }


async def claim_times(db_url: str) -> dict[str, float]:
    """event id -> when billing's handler claimed it (before its transaction took any lock)."""
    table = TABLES.processed_events
    rows = await _fetch(db_url, select(table.c.event_id, table.c.processed_at).where(table.c.event_type == COMPLETED))
    return {r.event_id: r.processed_at.timestamp() for r in rows}


async def record_times(bootstrap: str, topic: str) -> dict[str, float]:
    """correlation id -> the record timestamp (set when the relay handed it to the producer)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        partitions = await partitions_of(admin, topic)
    finally:
        await admin.close()
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends, found = await consumer.end_offsets(partitions), {}
        while [tp for tp, end in ends.items() if await consumer.position(tp) < end]:
            for records in (await consumer.getmany(timeout_ms=1000, max_records=5000)).values():
                for r in records:
                    headers = {k: v.decode() for k, v in r.headers}
                    if headers.get("ce_type") == COMPLETED:
                        found[headers.get("ce_correlationid")] = r.timestamp / 1000
        return found
    finally:
        await consumer.stop()


def stages(samples: list[Sample], points: dict[str, dict[str, float]]) -> dict[str, dict]:
    """For each named point (in order): latency from t0, and the segment from the previous point."""
    result, previous = {}, None
    for name, times in points.items():
        both = [s for s in samples if s.correlation_id in times]
        since_t0 = [times[s.correlation_id] - s.t0 for s in both]
        entry = {"from_t0": summary(since_t0)}
        if previous is not None:
            prev = points[previous]
            entry["segment"] = summary(
                [times[s.correlation_id] - prev[s.correlation_id] for s in both if s.correlation_id in prev]
            )
        result[name], previous = entry, name
    return result


async def _fetch(db_url: str, query) -> list:
    engine = create_engine(db_url)
    try:
        async with engine.connect() as conn:
            return list((await conn.execute(query)).all())
    finally:
        await engine.dispose()
