"""Helpers for detached processes: pid files, liveness, ports, log tails."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import fcntl
import os
import signal
import socket
import subprocess
import time
from collections.abc import Coroutine, Iterator, Sequence
from pathlib import Path
from typing import Any


def read_pid(pid_file: Path) -> int | None:
    """The number on the first line of pid_file, or None when the file is missing or garbled."""
    try:
        return int(pid_file.read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return None


def alive(pid: int | None, cmdline_marker: str | None = None) -> bool:
    """True when pid is a live (non-zombie) process whose command line contains the marker."""
    if not pid:
        return False
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    if stat.rsplit(")", 1)[1].split()[0] == "Z":
        return False  # exited; left for its parent to reap (reaping here would hide its exit code)
    if cmdline_marker is None:
        return True
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
    except OSError:
        return False
    # A recycled pid belongs to some other program: treat the old process as gone.
    return cmdline_marker.encode() in cmdline


def spawn_detached(
    cmd: Sequence[str], *, cwd: Path, log_file: Path, pid_file: Path, env: dict[str, str] | None = None
) -> int:
    """Start cmd in its own session with output appended to log_file; write and return its pid."""
    with open(log_file, "ab") as out:
        proc = subprocess.Popen(
            list(cmd),
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # survives our exit and can be stopped as a process group
        )
    pid_file.write_text(f"{proc.pid}\n")
    return proc.pid


@contextlib.contextmanager
def locked(lock_file: Path) -> Iterator[None]:
    """Hold an exclusive lock on lock_file (created if missing) for the duration of the block."""
    with open(lock_file, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file closes, even if we crash
        yield


def terminate(pid: int, *, timeout: float = 30.0) -> None:
    """SIGTERM the process group of pid, then SIGKILL it if it is still alive after timeout."""
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if not alive(pid):
                return
            time.sleep(0.2)


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    """True when something accepts TCP connections on host:port."""
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def free_port(preferred: int | None = None) -> int:
    """preferred when nothing listens there, else a port the kernel reports free."""
    if preferred and not port_open(preferred):
        return preferred
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tail(path: Path | None, lines: int = 40) -> str:
    """The last lines of a text file, or an empty string when there is none."""
    if path is None:
        return ""
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def run_coro(coro: Coroutine[Any, Any, Any]) -> Any:
    """Run a coroutine to completion from sync code, even when an event loop is already running."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    # Called from async code (e.g. an async pytest fixture): use a private loop in a thread.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()
