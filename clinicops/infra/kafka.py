"""A local single-node Apache Kafka (KRaft) run from the Maven Central jars with the machine's Java."""

from __future__ import annotations

import base64
import os
import re
import subprocess
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from clinicops.infra import REPO_ROOT, procs

DEPLOY_DIR = REPO_ROOT / "deploy" / "kafka"
DEFAULT_BOOTSTRAP = "127.0.0.1:9092"
START_TIMEOUT = 90.0
_MARKER = "kafka.Kafka"  # in the broker's command line: tells our broker from a recycled pid


def bootstrap_servers() -> str:
    """The bootstrap servers to use: $KAFKA_BOOTSTRAP_SERVERS or the local broker."""
    return os.environ.get("KAFKA_BOOTSTRAP_SERVERS") or DEFAULT_BOOTSTRAP


def is_external() -> bool:
    """True when $KAFKA_BOOTSTRAP_SERVERS points at a broker that someone else runs."""
    return bool(os.environ.get("KAFKA_BOOTSTRAP_SERVERS"))


def _home(var_dir: Path) -> Path:
    return Path(var_dir).resolve() / "kafka"  # resolved: the pid and log paths stay valid after a chdir


def _pid(var_dir: Path) -> int | None:
    return pid if procs.alive(pid := procs.read_pid(_home(var_dir) / "kafka.pid"), _MARKER) else None


def list_topics(bootstrap: str | None = None) -> list[str]:
    """Names of the topics on the cluster (works from sync and async callers)."""
    from aiokafka.admin import AIOKafkaAdminClient

    async def fetch() -> list[str]:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap or bootstrap_servers(), request_timeout_ms=5000)
        await admin.start()
        try:
            return sorted(await admin.list_topics())
        finally:
            await admin.close()

    return procs.run_coro(fetch())


def _answers(bootstrap: str) -> bool:
    host, _, port = bootstrap.split(",")[0].rpartition(":")
    try:  # the cheap port check first: aiokafka logs an error for every refused connection
        return procs.port_open(int(port), host or "127.0.0.1") and list_topics(bootstrap) is not None
    except Exception:
        return False


def _wait_ready(bootstrap: str, *, pid: int | None, log_file: Path | None, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _answers(bootstrap):
            return
        # No command-line check here: a child we just spawned may not have exec'd java yet.
        if pid is not None and not procs.alive(pid):
            raise RuntimeError(f"Kafka exited during start-up; {log_file} ends:\n{procs.tail(log_file)}")
        time.sleep(0.5)
    raise TimeoutError(f"Kafka at {bootstrap} did not answer in {timeout:.0f} s\n{procs.tail(log_file)}")


def _fetch_jars(libs: Path, log: Callable[[str], None]) -> None:
    version = re.search(r"<kafka.version>(.+?)</kafka.version>", (DEPLOY_DIR / "pom.xml").read_text())[1]
    if (libs / f"kafka_2.13-{version}.jar").exists():
        return
    log(f"kafka: fetching Apache Kafka {version} jars with Maven into {libs}")
    for stale in libs.glob("*.jar"):  # another version's jars would clash on the classpath
        stale.unlink()
    done = subprocess.run(
        [
            "mvn",
            "-q",
            "-B",
            "-Dstyle.color=never",
            "-f",
            str(DEPLOY_DIR / "pom.xml"),
            "dependency:copy-dependencies",
            f"-DoutputDirectory={libs}",
            "-DincludeScope=runtime",
        ],
        capture_output=True,
        text=True,
    )  # keep stdout clean: `start` prints only the URL
    if done.returncode:
        raise RuntimeError(f"mvn could not fetch the Kafka jars:\n{done.stdout}{done.stderr}")


def _cluster_id() -> str:
    # Kafka's Uuid text form: url-safe base64 of 16 random bytes; Kafka never makes one starting "-".
    return "A" + base64.urlsafe_b64encode(uuid.uuid4().bytes).decode()[1:22]


def _java(home: Path, *args: str) -> list[str]:
    return [
        "java",
        "-Xms256m",
        "-Xmx768m",
        "-XX:+ExitOnOutOfMemoryError",
        "-Djava.awt.headless=true",
        f"-Dlog4j2.configurationFile={DEPLOY_DIR / 'log4j2.properties'}",
        "-cp",
        str(home / "libs" / "*"),
        *args,
    ]


def start(var_dir: Path, *, port: int = 9092, log: Callable[[str], None] = print) -> str:
    """Start the local broker (or reuse a running one) and return its bootstrap servers once it answers."""
    if is_external():
        _wait_ready(bootstrap_servers(), pid=None, log_file=None, timeout=START_TIMEOUT)
        return bootstrap_servers()
    home, bootstrap = _home(var_dir), f"127.0.0.1:{port}"
    (home / "libs").mkdir(parents=True, exist_ok=True)
    with procs.locked(home / "start.lock"):  # two callers at once must not launch two brokers
        if pid := _pid(var_dir):
            _wait_ready(bootstrap, pid=pid, log_file=home / "server.log", timeout=START_TIMEOUT)
            return bootstrap
        if procs.port_open(port):
            if not _answers(bootstrap):
                raise RuntimeError(f"port {port} is taken by something that is not a Kafka broker")
            log(f"kafka: reusing the broker that already answers on {bootstrap} (not started here)")
            return bootstrap
        _launch(home, port, log)
        return bootstrap


def _launch(home: Path, port: int, log: Callable[[str], None]) -> None:
    started = time.monotonic()
    _fetch_jars(home / "libs", log)
    data_dir, props, log_file = home / "data", home / "server.properties", home / "server.log"
    template = (DEPLOY_DIR / "server.properties.template").read_text()
    props.write_text(template.format(port=port, controller_port=procs.free_port(port + 1000), data_dir=data_dir))
    if not (data_dir / "meta.properties").exists():
        subprocess.run(
            _java(home, "kafka.tools.StorageTool", "format", "-t", _cluster_id(), "-c", str(props)),
            check=True,
            stdout=subprocess.DEVNULL,
        )
    pid = procs.spawn_detached(
        _java(home, _MARKER, str(props)), cwd=home, log_file=log_file, pid_file=home / "kafka.pid"
    )
    _wait_ready(f"127.0.0.1:{port}", pid=pid, log_file=log_file, timeout=START_TIMEOUT)
    log(f"kafka: broker 127.0.0.1:{port} up in {time.monotonic() - started:.1f} s (pid {pid}, log {log_file})")


def stop(var_dir: Path, timeout: float = 30.0) -> None:
    """Stop the local broker started from var_dir; a no-op when external or not running."""
    if not is_external() and (pid := _pid(var_dir)):
        procs.terminate(pid, timeout=timeout)
    (_home(var_dir) / "kafka.pid").unlink(missing_ok=True)


def status(var_dir: Path) -> dict:
    """Whether the broker of var_dir runs: running, pid, bootstrap, external."""
    if is_external():
        return {
            "running": _answers(bootstrap := bootstrap_servers()),
            "pid": None,
            "bootstrap": bootstrap,
            "external": True,
        }
    props = _home(var_dir) / "server.properties"
    found = re.search(r"^advertised.listeners=PLAINTEXT://(\S+)", props.read_text(), re.M) if props.exists() else None
    pid = _pid(var_dir)
    return {
        "running": pid is not None,
        "pid": pid,
        "bootstrap": found[1] if found else DEFAULT_BOOTSTRAP,
        "external": False,
    }
