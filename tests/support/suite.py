"""Runs real service processes for a test, isolated by topic prefix and fresh databases."""

import os
import signal
import time
import uuid
from datetime import timedelta
from pathlib import Path

import asyncpg
import httpx
from aiokafka.admin import AIOKafkaAdminClient
from sqlalchemy import text

from clinicops import supervisor
from clinicops.infra import procs
from shared.auth import issue_token
from shared.db import create_engine
from tests.support.keys import RING

# Modules mint their tokens when pytest imports them, and the whole run takes longer than the 15 minutes
# of a real access token: a test token lives for the run (expiry has tests of its own, with their own ttl).
TEST_TOKEN_TTL = timedelta(hours=6)


def token(*, roles: list[str], locations: list[str], sub: str = "tester") -> str:
    return issue_token(sub=sub, roles=roles, locations=locations, key=RING.current, ttl=TEST_TOKEN_TTL)


ADMIN_A = token(roles=["practice_admin"], locations=["loc-a"])


class Suite:
    """Services of one test: own topic prefix, own databases, own ports."""

    def __init__(self, *, backend: str, var_dir: Path, kafka_bootstrap: str, pg_base_url: str, tmp_path: Path):
        self.backend = backend
        self.var_dir = var_dir
        self.bootstrap = kafka_bootstrap
        self.pg_base_url = pg_base_url
        self.tmp_path = tmp_path
        self.uid = uuid.uuid4().hex[:8]
        self.prefix = f"t{self.uid}."
        self.db_urls: dict[str, str] = {}
        self.procs: dict[str, supervisor.ServiceProcess] = {}

    def topic(self, name: str) -> str:
        return f"{self.prefix}{name}"

    async def database_url(self, name: str) -> str:
        if name not in self.db_urls:
            if self.backend == "sqlite":
                self.db_urls[name] = f"sqlite+aiosqlite:///{self.tmp_path / f'{name}.db'}"
            else:
                database = f"{name}_{self.uid}"
                conn = await asyncpg.connect(self.pg_base_url.replace("+asyncpg", "") + "/postgres")
                try:
                    await conn.execute(f'CREATE DATABASE "{database}"')
                finally:
                    await conn.close()
                self.db_urls[name] = f"{self.pg_base_url}/{database}"
        return self.db_urls[name]

    async def start(
        self, name: str, *, failpoints: str = "", wait: bool = True, env: dict[str, str] | None = None
    ) -> supervisor.ServiceProcess:
        """Start (or restart) a service process; it migrates its database at start."""
        environment = {
            f"{name.upper()}_DATABASE_URL": await self.database_url(name),
            "KAFKA_BOOTSTRAP_SERVERS": self.bootstrap,
            "KAFKA_TOPIC_PREFIX": self.prefix,
            "CLINICOPS_FAILPOINTS": failpoints,
            f"{name.upper()}_OUTBOX_SWEEP_INTERVAL_S": "1",
            # The inbox's SMTP receiver is on by default: a port of its own, or parallel suites would clash on 2525.
            **({"INBOX_SMTP_PORT": str(procs.free_port())} if name == "inbox" else {}),
            **(env or {}),
        }
        proc = supervisor.spawn(name, self.var_dir, port=procs.free_port(), env=environment, tag=f"-{self.uid}")
        self.procs[name] = proc
        if wait:
            supervisor.wait_ready(proc)
        return proc

    def kill(self, name: str) -> None:
        os.kill(self.procs[name].pid, signal.SIGKILL)
        self.wait_exit(name)

    def wait_exit(self, name: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while procs.alive(self.procs[name].pid):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{name} still running")
            time.sleep(0.1)

    async def close(self) -> None:
        """Stop this suite's processes and delete its topics, so the broker stays tidy."""
        for name in self.procs:
            supervisor.stop(name, self.var_dir, tag=f"-{self.uid}", timeout=10)
        admin = AIOKafkaAdminClient(bootstrap_servers=self.bootstrap)
        await admin.start()
        try:
            ours = [t for t in await admin.list_topics() if t.startswith(self.prefix)]
            if ours:
                await admin.delete_topics(ours)
        finally:
            await admin.close()

    def client(self, name: str, bearer: str | None) -> httpx.AsyncClient:
        headers = {"Authorization": f"Bearer {bearer}"} if bearer else {}
        return httpx.AsyncClient(base_url=self.procs[name].url, headers=headers, timeout=15)

    async def scalar(self, name: str, sql: str, **params):
        """Read the service's own database directly, to assert on what it committed."""
        engine = create_engine(await self.database_url(name))
        try:
            async with engine.connect() as conn:
                return (await conn.execute(text(sql), params)).scalar()
        finally:
            await engine.dispose()

    def log_lines(self, name: str) -> list[str]:
        return self.procs[name].log_file.read_text().splitlines()
