"""Slot search of one location for one week with 50 providers, at 10,000 and at 1,000,000 stored appointments,
on SQLite and on PostgreSQL: p50/p99 side by side, the 1M figure beside its 10k anchor (target: at most 1.2x,
p50 <= 20 ms at 1M).

The searched week is the same in both sizes (each provider's days two weeks ahead, about 70 % booked); the
other appointments are the practice's history, written backwards from there, as years of visits would be.
`python -m bench.slot_search [--db sqlite|postgresql|both]` (PostgreSQL from CLINICOPS_TEST_PG_URL, or the
local cluster it starts); figures in var/bench/slot_search.json.
"""

import argparse
import asyncio
import gc
import itertools
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import insert, text

from bench.stack import pg_url, scratch_database, write_figures
from bench.stats import fmt, summary
from services.scheduling.appointments import held_time
from services.scheduling.appointments.models import Appointment, AppointmentType
from services.scheduling.availability.slot_search import search
from services.scheduling.patients.models import Patient
from services.scheduling.projections.models import Credential, Location, Provider, Shift
from services.scheduling.tables import metadata
from services.scheduling.waitlist.models import live_holds
from shared.auth import Principal
from shared.db import create_engine, session_factory
from shared.messaging_tables import MessagingTables
from shared.migrations import upgrade
from shared.uow import UnitOfWork

MIGRATIONS = Path(__file__).parents[1] / "services" / "scheduling" / "migrations"
LOC, TYPE, ZONE = "loc-bench", "type-bench", ZoneInfo("America/Los_Angeles")
PROVIDERS = [f"prov-{n:02d}" for n in range(50)]
PATIENTS = 20_000
SLOT_MIN, DAY_SLOTS = 30, 18  # 08:00-17:00 in 30-minute visits
SIZES = (10_000, 1_000_000)
DESK = Principal(sub="desk-bench", roles=frozenset({"front_desk"}), locations=frozenset({LOC}))
NOW = datetime.now(UTC)


def searched_week() -> date:
    """The Monday two weeks ahead, at the location."""
    today = NOW.astimezone(ZONE).date()
    return today + timedelta(days=14 - today.weekday())


def _booked(day: date, slot: int, provider: int) -> bool:
    """About 70 % of slots are taken; which ones depends on the day and slot alone, not on the size stored."""
    return (day.toordinal() * 7919 + slot * 104_729 + provider * 1_299_709) % 10 < 7


def _day_rows(day: date):
    for slot in range(DAY_SLOTS):
        start = datetime(day.year, day.month, day.day, 8, tzinfo=ZONE) + timedelta(minutes=SLOT_MIN * slot)
        for p in range(len(PROVIDERS)):
            if _booked(day, slot, p):
                yield slot, p, start


def _first_days(count: int) -> tuple[date, int]:
    """The oldest weekday to store (going back from the searched week's Friday) and how many of its rows to skip."""
    day, stored = searched_week() + timedelta(days=4), 0
    while True:
        if day.weekday() < 5:
            stored += sum(1 for _ in _day_rows(day))
            if stored >= count:
                return day, stored - count
        day -= timedelta(days=1)


def _appointments(count: int):
    """`count` appointments ending with the searched week, written oldest first (as a practice's years are)."""
    day, skip = _first_days(count)
    last, made = searched_week() + timedelta(days=4), 0
    while day <= last:
        rows = _day_rows(day) if day.weekday() < 5 else ()
        for slot, p, start in rows:
            made += 1
            if made <= skip:
                continue
            start_utc, end_utc = start.astimezone(UTC), (start + timedelta(minutes=SLOT_MIN)).astimezone(UTC)
            status = "booked" if start_utc > NOW else ("fulfilled", "fulfilled", "noshow", "cancelled")[made % 4]
            yield dict(
                id=str(uuid.UUID(int=made)),
                patient_id=f"pat-{(slot * len(PROVIDERS) + p + day.toordinal()) % PATIENTS}",
                provider_id=PROVIDERS[p],
                location_id=LOC,
                appointment_type_id=TYPE,
                start=start_utc,
                end=end_utc,
                status=status,
                needs_reschedule=False,
                created_at=NOW,
                updated_at=NOW,
            )
        day += timedelta(days=1)


async def _practice(sessions) -> None:
    """The location, the type, 50 providers with licence and BLS, their shifts for the searched week, patients."""
    hours = [{"weekday": d, "opens": "08:00", "closes": "17:00"} for d in range(5)]
    monday = searched_week()
    async with sessions.begin() as session:
        session.add(Location(location_id=LOC, name="Bench", state="CA", timezone=ZONE.key, opening_hours=hours))
        session.add(AppointmentType(id=TYPE, location_id=LOC, name="Follow-up", duration_minutes=SLOT_MIN,
                                    buffer_minutes=0, provider_roles=["physician"], default_cpt_codes=[]))  # fmt: skip
        for staff_id in PROVIDERS:
            session.add(Provider(staff_id=staff_id, name=staff_id, role="physician", location_ids=[LOC], active=True))
            for kind, state in (("state_license", "CA"), ("bls", None)):
                session.add(Credential(credential_id=f"{staff_id}-{kind}", staff_id=staff_id, kind=kind, state=state,
                                       expires_on=monday + timedelta(days=400), status="active"))  # fmt: skip
            for offset in range(5):
                day = monday + timedelta(days=offset)
                start = datetime(day.year, day.month, day.day, 8, tzinfo=ZONE)
                end = start + timedelta(hours=9)
                session.add(Shift(shift_id=f"{staff_id}-{day}", staff_id=staff_id, location_id=LOC, cancelled=False,
                                  start=start.astimezone(UTC), end=end.astimezone(UTC)))  # fmt: skip
        patients = [
            dict(
                id=f"pat-{n}",
                family_name=f"Bench{n}",
                given_name="Pat",
                birth_date=date(1970, 1, 1) + timedelta(n),
                sex="female",
                location_id=LOC,
                created_at=NOW,
            )  # fmt: skip
            for n in range(PATIENTS)
        ]
        await session.execute(insert(Patient), patients)


async def _fill(sessions, count: int) -> float:
    started = time.perf_counter()
    rows = _appointments(count)
    while chunk := list(itertools.islice(rows, 10_000)):
        async with sessions.begin() as session:
            await session.execute(insert(Appointment), chunk)
    async with sessions.begin() as session:
        await session.execute(text("ANALYZE"))
    return time.perf_counter() - started


async def _measure(sessions, tables, runs: int) -> dict:
    monday, latencies, found = searched_week(), [], 0
    for _ in range(runs):
        uow = UnitOfWork(sessions, tables, source="/clinicops/scheduling", topic=str)
        started = time.perf_counter()
        slots = await search(uow=uow, location_id=LOC, appointment_type_id=TYPE, first_day=monday,
                             last_day=monday + timedelta(days=6), provider_id=None, actor=DESK)  # fmt: skip
        latencies.append(time.perf_counter() - started)
        found = len(slots)
    return summary(latencies) | {"slots": found}


async def one_size(url: str, size: int, runs: int) -> dict:
    """A fresh database of `size` appointments, then the searches."""
    await asyncio.to_thread(upgrade, MIGRATIONS, url)
    engine = create_engine(url)
    sessions = session_factory(engine)
    tables = MessagingTables(metadata.tables["outbox"], metadata.tables["processed_event"])
    try:
        await _practice(sessions)
        filled = await _fill(sessions, size)
        print(f"  {size:,} appointments stored in {filled:.0f} s", flush=True)
        await _measure(sessions, tables, 10)  # warm the caches and the statement cache
        gc.collect()
        gc.freeze()  # as a service does once started (shared.web): the set-up's objects are not walked again
        return await _measure(sessions, tables, runs) | {"fill_s": round(filled, 1)}
    finally:
        await engine.dispose()


async def main(backends: list[str], sizes: tuple[int, ...], runs: int) -> None:
    held_time.plug_in(held_time.Holder(live_holds=live_holds, offer_freed_slot=None))  # as the service root does
    figures = {}
    for backend in backends:
        print(f"[{backend}]", flush=True)
        figures[backend] = {}
        for size in sizes:
            if backend == "sqlite":
                with tempfile.TemporaryDirectory() as folder:
                    url = f"sqlite+aiosqlite:///{folder}/scheduling.db"
                    figures[backend][size] = await one_size(url, size, runs)
            else:
                figures[backend][size] = await _on_postgres(size, runs)
    report(figures, sizes, runs)
    write_figures("slot_search", {b: {str(k): v for k, v in r.items()} for b, r in figures.items()})


async def _on_postgres(size: int, runs: int) -> dict:
    async with scratch_database(pg_url(), "scheduling_bench") as url:
        return await one_size(url, size, runs)


def report(figures: dict, sizes: tuple[int, ...], runs: int) -> None:
    print(f"\nslot search: one location, one week, {len(PROVIDERS)} providers, {runs} searches per size")
    print(
        f"{'backend':>11} {'stored':>10} {'slots':>6} {'p50 ms':>8} {'p99 ms':>8} {'p50 vs 1st':>11} {'p99 vs 1st':>11}"
    )
    for backend, results in figures.items():
        anchor = results[sizes[0]]
        for size, r in results.items():
            print(f"{backend:>11} {size:>10,} {r['slots']:>6} {fmt(r['p50'])} {fmt(r['p99'])} "
                  f"{r['p50'] / anchor['p50']:>10.2f}x {r['p99'] / anchor['p99']:>10.2f}x")  # fmt: skip
        big = results[sizes[-1]]
        verdict = big["p50"] / anchor["p50"] <= 1.2 and big["p50"] <= 20
        print(
            f"{backend:>11} target: the largest p50 <= 1.2x the smallest and <= 20 ms: {'PASS' if verdict else 'FAIL'}"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--runs", type=int, default=200, help="searches per size")
    parser.add_argument("--sizes", type=int, nargs="+", default=SIZES, help="stored appointments, smallest first")
    args = parser.parse_args()
    asyncio.run(main(["sqlite", "postgresql"] if args.db == "both" else [args.db], tuple(args.sizes), args.runs))
