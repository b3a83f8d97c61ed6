"""Resident memory of the services over a run, to tell a steady process from a leaking one."""

import asyncio
import time
from pathlib import Path

GROWTH_LIMIT = 1.10  # resident memory at the end above 110 % of the first sample under load: it grows


def resident_mib(pid: int) -> float | None:
    """VmRSS of a process in MiB; None once it has exited."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


class MemoryProbe:
    """`probe = MemoryProbe({"billing": pid})`; `await probe.sample(every, started)` until cancelled."""

    def __init__(self, pids: dict[str, int]):
        self._pids = pids
        self.series: dict[str, list[tuple[float, float]]] = {name: [] for name in pids}

    def take(self, started: float) -> None:
        """One sample of every process, at seconds since `started`."""
        at = round(time.time() - started, 1)
        for name, pid in self._pids.items():
            if (mib := resident_mib(pid)) is not None:
                self.series[name].append((at, mib))

    async def sample(self, every: float, started: float) -> None:
        while True:
            self.take(started)
            await asyncio.sleep(every)

    def figures(self) -> dict[str, dict]:
        """Per process: first, last and highest MiB, and whether it grew past the limit."""
        out = {}
        for name, points in self.series.items():
            if not points:
                continue
            first, last = points[0][1], points[-1][1]
            out[name] = {
                "first_mib": first,
                "last_mib": last,
                "max_mib": max(m for _, m in points),
                "grew": last > GROWTH_LIMIT * first,
                "series": points,
            }
        return out
