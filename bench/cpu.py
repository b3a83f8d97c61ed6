"""CPU time per process over a phase, to see which process saturates the 2 cores."""

import os
import time
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK")


def _process_seconds(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / _TICKS  # utime + stime


def children(parent: int | None) -> list[int]:
    """Pids whose parent is `parent` (PostgreSQL's backends are the postmaster's children)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if parent and int(stat.read_text().rsplit(")", 1)[1].split()[1]) == parent:
                found.append(int(stat.parent.name))
        except (OSError, ValueError):
            continue
    return found


def _machine_busy_seconds() -> float:
    ticks = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(ticks) - ticks[3] - ticks[4]) / _TICKS  # all but idle and iowait


class CpuMeter:
    """`meter = CpuMeter({"billing": [pid], ...})`; `meter.read()` gives cores used since creation."""

    def __init__(self, pids: dict[str, list[int]]):
        self._pids = {name: group for name, group in pids.items() if group}
        self._wall = time.monotonic()
        self._start = self._snapshot()

    def _snapshot(self) -> dict[int | str, float | None]:
        return {pid: _process_seconds(pid) for group in self._pids.values() for pid in group} | {
            "machine": _machine_busy_seconds()
        }

    def read(self) -> dict[str, float]:
        """Average cores each group of processes (and the whole machine) used since the meter started."""
        wall, now, start = time.monotonic() - self._wall, self._snapshot(), self._start

        def used(keys) -> float:
            # Only processes alive at both ends: one that exited has no end figure.
            return sum(now[k] - start[k] for k in keys if start[k] is not None and now[k] is not None)

        groups = {name: used(group) for name, group in self._pids.items()} | {"machine": used(["machine"])}
        return {name: round(seconds / wall, 2) for name, seconds in groups.items()}
