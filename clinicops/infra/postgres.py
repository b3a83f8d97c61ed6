"""A private PostgreSQL cluster for tests under var_dir/pg, one database per service."""

from __future__ import annotations

import glob
import hashlib
import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from clinicops.infra import procs

EXTERNAL_ENV = "CLINICOPS_TEST_PG_URL"
URL = "postgresql+asyncpg://postgres@127.0.0.1:{}"  # no database: callers append /<service>
SERVER_OPTIONS = (  # durability off: test data is thrown away, and fsync dominates test time
    "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
    " -c full_page_writes=off -c max_connections=300"
)


def _home(var_dir: Path) -> Path:
    return Path(var_dir).resolve() / "pg"


def _as_postgres() -> list[str]:
    # initdb and the server refuse to run as root: use the OS user the Debian package creates.
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def _initdbs() -> list[str]:
    return sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))


def bin_dir(log: Callable[[str], None] = print) -> Path:
    """The newest /usr/lib/postgresql/*/bin, installing Debian's postgresql when there is none."""
    if not _initdbs():
        log("postgres: no server binaries; installing Debian's postgresql package")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for step in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "postgresql"]):
            subprocess.run(step, check=True, env=env, stdout=subprocess.DEVNULL)
    return Path(_initdbs()[-1]).parent


def _cluster_dir(var_dir: Path) -> Path:
    """Where the cluster lives: var_dir/pg, or the /tmp place recorded when postgres cannot reach it."""
    record = _home(var_dir) / "cluster-dir"
    return Path(record.read_text().strip()) if record.exists() else _home(var_dir)


def _choose_cluster_dir(var_dir: Path, log: Callable[[str], None]) -> Path:
    home = _home(var_dir)
    if os.geteuid() != 0 or (home / "cluster-dir").exists():
        return _cluster_dir(var_dir)
    subprocess.run(["chown", "postgres:postgres", str(home)], check=True)
    if subprocess.run([*_as_postgres(), "test", "-w", str(home)]).returncode == 0:
        return home
    # A checkout under a 0700 directory (e.g. /root) is closed to the postgres user: use /tmp.
    place = Path("/tmp") / f"clinicops-pg-{hashlib.sha1(str(home).encode()).hexdigest()[:10]}"
    subprocess.run(["install", "-d", "-o", "postgres", "-g", "postgres", str(place)], check=True)
    (home / "cluster-dir").write_text(f"{place}\n")
    log(f"postgres: user postgres cannot reach {home}; the cluster lives in {place}")
    return place


def _pid(var_dir: Path) -> int | None:
    pid = procs.read_pid(_cluster_dir(var_dir) / "data" / "postmaster.pid")  # first line is the pid
    return pid if procs.alive(pid, "postgres") else None


def _port(var_dir: Path) -> int | None:
    return procs.read_pid(_home(var_dir) / "port")


def _run(cmd: list[str]) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, start_new_session=True)
    if done.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")


async def _ensure_databases(base_url: str, databases: list[str]) -> None:
    import asyncpg

    parts = urlsplit(base_url.replace("+asyncpg", ""))
    dsn = lambda db: urlunsplit(parts._replace(path=f"/{db}"))  # noqa: E731
    admin = await asyncpg.connect(dsn("postgres"))
    try:
        existing = {r[0] for r in await admin.fetch("SELECT datname FROM pg_database")}
        for name in databases:
            if name not in existing:
                await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    for name in databases:  # scheduling's no-double-booking EXCLUDE constraint needs btree_gist
        conn = await asyncpg.connect(dsn(name))
        try:
            await conn.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        finally:
            await conn.close()


def start(var_dir: Path, *, databases: list[str], log: Callable[[str], None] = print) -> str:
    """Start (or reuse) the cluster, create the databases, and return its base URL without a database."""
    if external := os.environ.get(EXTERNAL_ENV):
        try:
            procs.run_coro(_ensure_databases(external, databases))
        except Exception as exc:  # the external server may not let us create databases: its owner did
            log(f"postgres: could not create databases on {EXTERNAL_ENV}: {exc}")
        return external
    started = time.monotonic()
    _home(var_dir).mkdir(parents=True, exist_ok=True)
    with procs.locked(_home(var_dir) / "start.lock"):  # two callers at once must not both run initdb
        if _pid(var_dir) is None:
            _launch(var_dir, log)
        url = URL.format(_port(var_dir))
        procs.run_coro(_ensure_databases(url, databases))
    log(f"postgres: {url} ready in {time.monotonic() - started:.1f} s ({len(databases)} databases)")
    return url


def _launch(var_dir: Path, log: Callable[[str], None]) -> None:
    pg_bin, cluster = bin_dir(log), _choose_cluster_dir(var_dir, log)
    data = cluster / "data"
    if not (data / "PG_VERSION").exists():
        _run(
            [
                *_as_postgres(),
                str(pg_bin / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
                "--no-instructions",
            ]
        )
    port = procs.free_port(_port(var_dir))  # keep last run's port when it is still free
    (_home(var_dir) / "port").write_text(f"{port}\n")
    _run(
        [
            *_as_postgres(),
            str(pg_bin / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(cluster / "server.log"),
            "-o",
            f"-p {port} -k {data} {SERVER_OPTIONS}",
            "-w",
            "-t",
            "60",
            "start",
        ]
    )


def stop(var_dir: Path) -> None:
    """Stop the cluster of var_dir (fast mode); a no-op when external or not running."""
    if os.environ.get(EXTERNAL_ENV) or _pid(var_dir) is None:
        return
    data = _cluster_dir(var_dir) / "data"
    _run([*_as_postgres(), str(bin_dir() / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"])


def status(var_dir: Path) -> dict:
    """Whether the cluster of var_dir runs: running, pid, port, url, external."""
    if external := os.environ.get(EXTERNAL_ENV):
        return {"running": None, "pid": None, "port": None, "url": external, "external": True}
    pid, port = _pid(var_dir), _port(var_dir)
    return {
        "running": pid is not None,
        "pid": pid,
        "port": port,
        "url": URL.format(port) if port else None,
        "external": False,
    }
