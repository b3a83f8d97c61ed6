"""The inbox's role queue (a front desk's open tasks at their locations, most pressing first) with 1,000
and with 100,000 open tasks: p50/p99 of the list use case, the 100,000 figure beside its 1,000 anchor.

`python -m bench.inbox_queue` (PostgreSQL from CLINICOPS_TEST_PG_URL, or the local cluster it starts).
"""

import argparse
import asyncio
import itertools
import time
import uuid
from datetime import timedelta
from pathlib import Path

from sqlalchemy import insert, text

from bench.stack import pg_url, scratch_database
from bench.stats import fmt, summary
from services.inbox.tables import metadata
from services.inbox.tasks.listing import TaskFilter, list_tasks
from services.inbox.tasks.models import Task
from shared.auth import Principal, Role
from shared.clock import utcnow
from shared.db import create_engine, session_factory
from shared.messaging_tables import MessagingTables
from shared.migrations import upgrade
from shared.uow import UnitOfWork

MIGRATIONS = Path(__file__).parents[1] / "services" / "inbox" / "migrations"
LOCATIONS = [f"loc-{n}" for n in range(20)]
PRIORITIES = [("routine", 1), ("urgent", 2), ("asap", 3), ("stat", 4)]
DESK = Principal(sub="desk-1", roles=frozenset({"front_desk"}), locations=frozenset({"loc-0", "loc-1"}))


def _rows(count: int, start: int):
    """Open tasks spread over 20 locations and every role, due over the next weeks (some overdue)."""
    now, roles = utcnow(), [r.value for r in Role]
    for n in range(start, start + count):
        priority, rank = PRIORITIES[n % 4]
        yield dict(
            id=str(uuid.uuid4()),
            cause=f"bench:{n}",
            status="requested" if n % 3 else "accepted",
            category="claim",
            priority=priority,
            priority_rank=rank,
            location_id=LOCATIONS[n % len(LOCATIONS)],
            role=roles[(n // len(LOCATIONS)) % len(roles)],
            owner=None,
            title=f"bench task {n}",
            description="",
            due_at=now + timedelta(minutes=(n * 37) % 40000 - 2000),
            created_by="bench",
            created_at=now,
            updated_at=now,
            version=1,
        )


async def _fill(sessions, upto: int, have: int) -> None:
    rows = _rows(upto - have, have)
    while chunk := list(itertools.islice(rows, 5000)):
        async with sessions.begin() as session:
            await session.execute(insert(Task), chunk)
    async with sessions.begin() as session:
        await session.execute(text("ANALYZE task"))


async def _measure(sessions, tables, runs: int) -> dict:
    filters = TaskFilter(view="queue", limit=50)
    latencies = []
    for _ in range(runs):
        uow = UnitOfWork(sessions, tables, source="/clinicops/inbox", topic=str)
        started = time.perf_counter()
        page = await list_tasks(uow=uow, filters=filters, actor=DESK)
        latencies.append(time.perf_counter() - started)
    return summary(latencies) | {"total": page.total}


async def main(base_url: str, runs: int) -> None:
    async with scratch_database(base_url, "inbox_bench") as url:
        await asyncio.to_thread(upgrade, MIGRATIONS, url)
        engine = create_engine(url)
        sessions = session_factory(engine)
        tables = MessagingTables(metadata.tables["outbox"], metadata.tables["processed_event"])
        results, have = {}, 0
        for size in (1_000, 100_000):
            await _fill(sessions, size, have)
            have = size
            await _measure(sessions, tables, 20)  # warm the cache and the statement cache
            results[size] = await _measure(sessions, tables, runs)
        await engine.dispose()
    anchor = results[1_000]
    print(f"inbox role queue (front desk at 2 of 20 locations, page of 50, {runs} runs each)")
    print(f"{'open tasks':>12} {'in queue':>9} {'p50 ms':>8} {'p99 ms':>8} {'p99 vs 1,000':>13}")
    for size, figures in results.items():
        ratio = figures["p99"] / anchor["p99"] if anchor["p99"] else float("nan")
        print(f"{size:>12,} {figures['total']:>9,} {fmt(figures['p50'])} {fmt(figures['p99'])} {ratio:>12.1f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=500, help="queries per size")
    args = parser.parse_args()
    asyncio.run(main(pg_url(), args.runs))
