"""Runs the services as local processes: migrate, spawn, wait until ready, stop."""

import json
import os
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from clinicops.infra import REPO_ROOT, procs

# Start order: the gateway last, once the services it fronts answer.
PORTS = {
    "scheduling": 8001,
    "staff": 8002,
    "billing": 8003,
    "compliance": 8004,
    "facilities": 8005,
    "inbox": 8006,
    "gateway": 8000,
}
SERVICES = list(PORTS)


@dataclass(frozen=True)
class ServiceProcess:
    name: str
    pid: int
    url: str
    log_file: Path


def _run_dir(var_dir: Path) -> Path:
    path = Path(var_dir).resolve() / "run"
    path.mkdir(parents=True, exist_ok=True)
    return path


def sqlite_url(var_dir: Path, name: str) -> str:
    return f"sqlite+aiosqlite:///{Path(var_dir).resolve() / f'{name}.db'}"


def migrate(name: str, database_url: str) -> None:
    """Bring one service's database to the newest revision."""
    from shared.migrations import upgrade

    upgrade(REPO_ROOT / "services" / name / "migrations", database_url)


def gateway_key_dir(var_dir: Path) -> Path:
    return var_dir / "keys" / "gateway"


def spawn(
    name: str, var_dir: Path, *, port: int | None = None, env: dict[str, str] | None = None, tag: str = ""
) -> ServiceProcess:
    """Start `python -m services.<name>` detached; `env` overrides settings for this process."""
    port = port or PORTS[name]
    prefix = name.upper()
    child_env = os.environ | {f"{prefix}_PORT": str(port), f"{prefix}_HOST": "127.0.0.1"} | (env or {})
    child_env.setdefault(f"{prefix}_DATABASE_URL", sqlite_url(var_dir, name))
    if name == "gateway":  # the only process holding a private key: services verify with its JWKS
        child_env.setdefault("GATEWAY_SIGNING_KEY_DIR", str(gateway_key_dir(var_dir)))
    run = _run_dir(var_dir)
    log_file = run / f"{name}{tag}.log"
    pid_file = run / f"{name}{tag}.pid"
    pid = procs.spawn_detached(
        [sys.executable, "-m", f"services.{name}"], cwd=REPO_ROOT, log_file=log_file, pid_file=pid_file, env=child_env
    )
    return ServiceProcess(name, pid, f"http://127.0.0.1:{port}", log_file)


def readiness(url: str) -> dict | None:
    """The service's /health/ready body, or None when it does not answer."""
    try:
        with urllib.request.urlopen(f"{url}/health/ready", timeout=2) as response:
            return json.load(response)
    except urllib.error.HTTPError as exc:
        return json.load(exc)
    except OSError:
        return None


def wait_ready(proc: ServiceProcess, timeout: float = 60.0) -> float:
    """Seconds until the service reports ready; raises with its log tail if it dies or stalls."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if not procs.alive(proc.pid):
            raise RuntimeError(f"{proc.name} exited during start-up:\n{procs.tail(proc.log_file)}")
        body = readiness(proc.url)
        if body and body.get("status") == "ready":
            return time.monotonic() - started
        time.sleep(0.2)
    raise TimeoutError(f"{proc.name} not ready after {timeout:.0f} s:\n{procs.tail(proc.log_file)}")


def stop(name: str, var_dir: Path, *, tag: str = "", timeout: float = 15.0) -> bool:
    """SIGTERM the service (SIGKILL after timeout); True if it was running."""
    pid_file = _run_dir(var_dir) / f"{name}{tag}.pid"
    pid = procs.read_pid(pid_file)
    running = procs.alive(pid, "services.")
    if running:
        procs.terminate(pid, timeout=timeout)
    pid_file.unlink(missing_ok=True)
    return running


def running_pid(name: str, var_dir: Path) -> int | None:
    pid = procs.read_pid(_run_dir(var_dir) / f"{name}.pid")
    return pid if procs.alive(pid, f"services.{name}") else None
