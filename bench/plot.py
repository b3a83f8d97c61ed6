"""The pipeline's latency over its run, per backend, as the PNG docs/performance.md shows.

`python -m bench.plot`: reads var/bench/e2e_latency-<db>.json (from bench.e2e_latency) and writes
docs/performance/pipeline-latency.png: every completion's end-to-end latency by the second it was
sent, the p50 and p99 of each second, the targets as lines, and each service's resident memory.
"""

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display: a file only
import matplotlib.pyplot as plt  # noqa: E402

from bench.report import TARGET_P50_MS, TARGET_P99_MS  # noqa: E402
from bench.stats import percentile  # noqa: E402
from clinicops.infra import DEFAULT_VAR_DIR  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "docs" / "performance" / "pipeline-latency.png"
BACKENDS = ("sqlite", "postgresql")


def per_second(timeline: list[tuple[float, float]]) -> tuple[list[int], list[float], list[float]]:
    """Seconds into the run, and the p50 and p99 of the completions sent in each."""
    buckets: dict[int, list[float]] = {}
    for at, ms in timeline:
        buckets.setdefault(int(at), []).append(ms)
    seconds = sorted(buckets)
    return seconds, [percentile(buckets[s], 50) for s in seconds], [percentile(buckets[s], 99) for s in seconds]


def main() -> int:
    runs = {db: path for db in BACKENDS if (path := DEFAULT_VAR_DIR / "bench" / f"e2e_latency-{db}.json").exists()}
    if not runs:
        print("bench.plot: no var/bench/e2e_latency-<db>.json yet; run python -m bench.e2e_latency first")
        return 1
    figure, axes = plt.subplots(2, len(runs), figsize=(6.5 * len(runs), 7), squeeze=False, height_ratios=[3, 1])
    for column, (db, path) in enumerate(runs.items()):
        figures = json.loads(path.read_text())
        config, timeline = figures["config"], figures["timeline"]
        latency, memory = axes[0][column], axes[1][column]
        latency.scatter([t for t, _ in timeline], [ms for _, ms in timeline], s=2, alpha=0.25, color="tab:gray")
        seconds, p50, p99 = per_second(timeline)
        latency.plot(seconds, p50, color="tab:blue", label="p50 of each second")
        latency.plot(seconds, p99, color="tab:red", label="p99 of each second")
        latency.axhline(TARGET_P50_MS, color="tab:blue", linestyle=":", label=f"target p50 {TARGET_P50_MS:g} ms")
        latency.axhline(TARGET_P99_MS, color="tab:red", linestyle=":", label=f"target p99 {TARGET_P99_MS:g} ms")
        latency.set_yscale("log")
        latency.set_ylabel("request -> billing commit, ms")
        e2e = figures["e2e_ms"]
        latency.set_title(
            f"{db}, {config['rate']:g} completions/s for {config['duration_s']:g} s: "
            f"p50 {e2e['p50']:.1f} ms, p99 {e2e['p99']:.1f} ms"
        )
        latency.legend(loc="upper right", fontsize="small")
        for name, entry in figures["memory"].items():
            memory.plot([t for t, _ in entry["series"]], [m for _, m in entry["series"]], label=name)
        memory.set_xlabel("seconds into the run")
        memory.set_ylabel("resident MiB")
        memory.set_ylim(bottom=0)
        memory.legend(loc="lower right", fontsize="small")
    figure.tight_layout()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(OUT, dpi=110)
    print(f"plot written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
