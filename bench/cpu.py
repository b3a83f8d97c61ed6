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


def _machine_busy_seconds() -> float:
    ticks = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(ticks) - ticks[3] - ticks[4]) / _TICKS  # all but idle and iowait


class CpuMeter:
    """`meter = CpuMeter({"billing": pid, ...})`, then `meter.read()` gives cores used since creation."""

    def __init__(self, pids: dict[str, int | None]):
        self._pids = {name: pid for name, pid in pids.items() if pid}
        self._wall = time.monotonic()
        self._start = self._snapshot()

    def _snapshot(self) -> dict[str, float | None]:
        return {name: _process_seconds(pid) for name, pid in self._pids.items()} | {
            "machine": _machine_busy_seconds()}

    def read(self) -> dict[str, float]:
        """Average cores each process (and the whole machine) used since the meter started."""
        wall, now = time.monotonic() - self._wall, self._snapshot()
        return {name: round((now[name] - start) / wall, 2) for name, start in self._start.items()
                if start is not None and now[name] is not None}
