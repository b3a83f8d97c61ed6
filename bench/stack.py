"""The services under test as real processes, isolated by topic prefix, databases and ports."""

import contextlib
import os
import shutil
import sys
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
from aiokafka.admin import AIOKafkaAdminClient

from clinicops import supervisor
from clinicops.infra import postgres, procs

SERVICES = ["scheduling", "billing"]


@dataclass
class Stack:
    """The running services of one benchmark and what isolates them."""

    uid: str
    prefix: str
    db_urls: dict[str, str]
    bootstrap: str
    procs: dict[str, supervisor.ServiceProcess] = field(default_factory=dict)

    def topic(self, name: str) -> str:
        return f"{self.prefix}{name}"


@contextlib.contextmanager
def running_stack(var_dir: Path, bootstrap: str, backend: str) -> Iterator[Stack]:
    """Scheduling and billing, ready; stopped (and their databases dropped) on the way out."""
    uid = uuid.uuid4().hex[:8]
    tmp = Path(tempfile.mkdtemp(prefix=f"bench-{uid}-"))
    pg_base = None
    if backend == "postgresql":
        names = [f"bench_{uid}_{s}" for s in SERVICES]
        pg_base = postgres.start(var_dir, databases=names, log=lambda m: print(m, file=sys.stderr))
        urls = {s: f"{pg_base}/{n}" for s, n in zip(SERVICES, names, strict=True)}
    else:
        urls = {s: f"sqlite+aiosqlite:///{tmp / f'{s}.db'}" for s in SERVICES}
    stack = Stack(uid, f"bench{uid}.", urls, bootstrap)
    try:
        for name in SERVICES:
            env = {
                f"{name.upper()}_DATABASE_URL": urls[name],
                "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
                "KAFKA_TOPIC_PREFIX": stack.prefix,
                "CLINICOPS_FAILPOINTS": "",
                "CLINICOPS_LOG_LEVEL": "INFO",
            }
            stack.procs[name] = supervisor.spawn(name, var_dir, port=procs.free_port(), env=env, tag=f"-bench{uid}")
        for proc in stack.procs.values():
            supervisor.wait_ready(proc)
        yield stack
    finally:
        for name in stack.procs:
            supervisor.stop(name, var_dir, tag=f"-bench{uid}", timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)
        _best_effort(_delete_topics(bootstrap, stack.prefix), "delete the bench topics")  # keep the broker lean
        if pg_base:
            _best_effort(
                _drop_databases(pg_base, [url.rsplit("/", 1)[1] for url in urls.values()]), "drop the bench databases"
            )


def _best_effort(coro, what: str) -> None:
    # Tidying up must not hide the error that brought us here, nor stop the rest of it.
    try:
        procs.run_coro(coro)
    except Exception as exc:
        print(f"bench: could not {what}: {exc!r}", file=sys.stderr)


async def _drop_databases(base_url: str, names: list[str]) -> None:
    conn = await asyncpg.connect(base_url.replace("+asyncpg", "") + "/postgres")
    try:
        for name in names:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


async def _delete_topics(bootstrap: str, prefix: str) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        if ours := [t for t in await admin.list_topics() if t.startswith(prefix)]:
            await admin.delete_topics(ours)
    finally:
        await admin.close()


def pg_url() -> str:
    """The PostgreSQL of CLINICOPS_TEST_PG_URL, or the local cluster (started when it is not running)."""
    if url := os.environ.get("CLINICOPS_TEST_PG_URL"):
        return url
    from clinicops.infra import DEFAULT_VAR_DIR, SERVICE_DATABASES

    return postgres.start(DEFAULT_VAR_DIR, databases=SERVICE_DATABASES)


@contextlib.asynccontextmanager
async def scratch_database(base_url: str, name: str) -> AsyncIterator[str]:
    """A new database on the cluster for one benchmark, dropped after it."""
    database = f"{name}_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(base_url.replace("+asyncpg", "") + "/postgres")
    await admin.execute(f'CREATE DATABASE "{database}"')
    try:
        yield f"{base_url}/{database}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        await admin.close()
