"""The services under test as real processes, isolated by topic prefix, databases and ports."""

import contextlib
import json
import os
import shutil
import sys
import tempfile
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import asyncpg
from aiokafka.admin import AIOKafkaAdminClient

from clinicops import supervisor
from clinicops.infra import DEFAULT_VAR_DIR, postgres, procs
from shared.keys import KeyRing

SERVICES = ["scheduling", "billing"]
FIGURES_DIR = DEFAULT_VAR_DIR / "bench"


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
def running_stack(
    var_dir: Path,
    bootstrap: str,
    backend: str,
    *,
    services: list[str] = SERVICES,
    extra_env: Callable[[str, Stack], dict[str, str]] = lambda name, stack: {},
) -> Iterator[Stack]:
    """The services, started in order and each ready before the next; stopped (databases dropped) on the way out.

    `extra_env(name, stack)` adds settings per service, e.g. the gateway's URL of a service started before it.
    """
    uid = uuid.uuid4().hex[:8]
    tmp = Path(tempfile.mkdtemp(prefix=f"bench-{uid}-"))
    pg_base = None
    if backend == "postgresql":
        names = [f"bench_{uid}_{s}" for s in services]
        pg_base = postgres.start(var_dir, databases=names, log=lambda m: print(m, file=sys.stderr))
        urls = {s: f"{pg_base}/{n}" for s, n in zip(services, names, strict=True)}
    else:
        urls = {s: f"sqlite+aiosqlite:///{tmp / f'{s}.db'}" for s in services}
    stack = Stack(uid, f"bench{uid}.", urls, bootstrap)
    try:
        for name in services:
            env = {
                f"{name.upper()}_DATABASE_URL": urls[name],
                "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
                "KAFKA_TOPIC_PREFIX": stack.prefix,
                "CLINICOPS_FAILPOINTS": "",
                "CLINICOPS_LOG_LEVEL": "INFO",
            } | extra_env(name, stack)
            stack.procs[name] = supervisor.spawn(name, var_dir, port=procs.free_port(), env=env, tag=f"-bench{uid}")
            supervisor.wait_ready(stack.procs[name])
        yield stack
    finally:
        for name in reversed(list(stack.procs)):  # a dependant before what it depends on
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


def bench_keys() -> KeyRing:
    """A signing key of the bench's own, whose JWKS the services it starts verify with (the gateway signs with it)."""
    ring = KeyRing.open(Path(tempfile.mkdtemp(prefix="clinicops-bench-keys-")), token_lifetime=timedelta(hours=2))
    os.environ["CLINICOPS_JWKS_URL"] = str(ring.write_jwks(ring.directory / "jwks.json"))
    os.environ["GATEWAY_SIGNING_KEY_DIR"] = str(ring.directory)
    return ring


def write_figures(name: str, figures: dict) -> Path:
    """A bench's figures as var/bench/<name>.json; says where."""
    out = FIGURES_DIR / f"{name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2))
    print(f"figures written to {out}")
    return out


def pg_url() -> str:
    """The PostgreSQL of CLINICOPS_TEST_PG_URL, or the local cluster (started when it is not running)."""
    if url := os.environ.get("CLINICOPS_TEST_PG_URL"):
        return url
    from clinicops.infra import SERVICE_DATABASES

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
