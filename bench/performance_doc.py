"""The figures of the last `make bench` into docs/performance.md, between its figure markers.

`python -m bench.performance_doc` (bench.all runs it after a full run): reads var/bench/*.json and
rewrites the part of docs/performance.md between `<!-- figures:begin -->` and `<!-- figures:end -->`
with the date, the machine, the commit and one table per benchmark, each figure beside its target
or anchor. The prose around the markers (what each change bought) is left as written.
"""

import json
import os
import platform
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from clinicops.infra import DEFAULT_VAR_DIR

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
FIGURES = DEFAULT_VAR_DIR / "bench"
BEGIN, END = "<!-- figures:begin -->", "<!-- figures:end -->"


def _load(name: str) -> dict | None:
    path = FIGURES / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def _ms(value) -> str:
    return "-" if value is None else f"{value:.1f}"


def _verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def _machine() -> str:
    memory = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    gib = int(memory.split()[1]) / 1024 / 1024
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return (
        f"{os.cpu_count()} cores ({model}), {gib:.0f} GiB, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}; commit {commit.stdout.strip() or 'unknown'}"
    )


def _pipeline() -> list[str]:
    rows = []
    for db in ("sqlite", "postgresql"):
        if not (f := _load(f"e2e_latency-{db}")):
            continue
        t, e2e, memory = f["targets"], f["e2e_ms"], f["memory"]
        cfg = f["config"]
        rows.append(
            f"| {db} | {cfg['rate']:g}/s for {cfg['duration_s']:g} s | {_ms(e2e['p50'])} / {_ms(e2e['p99'])} "
            f"(10 / 30) | {t['cpu_ms_per_completion']['ours']:.1f} (5) | "
            f"{f['sweep']['highest_steady_rate'] or 'below the run rate'} | "
            + ", ".join(f"{n} {m['first_mib']:g} -> {m['last_mib']:g}" for n, m in memory.items())
            + f" | {e2e['missing']} lost, lag after drain {f['lag_after_drain']} |"
        )
    if not rows:
        return []
    out = [
        "### 1. Pipeline: completed visit -> billing's commit",
        "",
        "| backend | load | e2e p50 / p99 ms (target) | CPU ms per completion, scheduling + billing (target) "
        "| highest steady rate, p99 <= 100 ms | resident MiB, first -> last | delivery |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        *rows,
        "",
    ]
    if f := _load("e2e_latency-sqlite"):
        out += ["Where the time goes on SQLite (p50 / p99 ms of each segment):", ""]
        out += ["| step | p50 | p99 |", "| --- | --- | --- |"]
        for name, entry in f["breakdown"]["chain"].items():
            seg = entry.get("segment") or {}
            out.append(f"| {name} | {_ms(seg.get('p50'))} | {_ms(seg.get('p99'))} |")
        out.append("")
    return out


def _slot_search() -> list[str]:
    if not (f := _load("slot_search")):
        return []
    out = [
        "### 2. Slot search: one location, one week, 50 providers",
        "",
        "| backend | stored | p50 ms | p99 ms | p50 vs smallest (target 1.2x) | p50 target 20 ms |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for backend, sizes in f.items():
        first = sizes[min(sizes, key=int)]
        for size, r in sorted(sizes.items(), key=lambda kv: int(kv[0])):
            ratio = r["p50"] / first["p50"]
            out.append(
                f"| {backend} | {int(size):,} | {_ms(r['p50'])} | {_ms(r['p99'])} | {ratio:.2f}x "
                f"{_verdict(ratio <= 1.2)} | {_verdict(r['p50'] <= 20)} |"
            )
    return out + [""]


def _booking() -> list[str]:
    if not (f := _load("booking_throughput")):
        return []
    target = f.get("target_per_s", 300)
    out = [
        "### 3. Booking throughput through the gateway (closed loop, distinct free slots, Idempotency-Key)",
        "",
        f"| backend | clients | bookings/s (target {target:g}) | p50 ms | p99 ms | non-201 | CPU ms per booking |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for backend, by_clients in f["results"].items():
        for clients, r in by_clients.items():
            cpu = ", ".join(f"{k} {v}" for k, v in r.get("cpu_ms_per_booking", {}).items())
            out.append(
                f"| {backend} | {clients} | {r['bookings_per_s']} {_verdict(r['bookings_per_s'] >= target)} "
                f"| {_ms(r['p50'])} | {_ms(r['p99'])} | {r.get('errors', 0)} | {cpu} |"
            )
    anchors = "; ".join(f"{a['name']} {a['per_s']:g}/s ({a['what']})" for a in f.get("anchors", []))
    return out + ["", f"Anchors: {anchors}.", ""]


def _gateway() -> list[str]:
    if not (f := _load("gateway_overhead")):
        return []
    direct, via, targets = f["direct"], f["via gateway"], f["targets"]
    return [
        "### 4. Gateway overhead: the same authenticated GET, direct and through the gateway",
        "",
        "| path | p50 ms | p99 ms | requests/s | CPU ms per request |",
        "| --- | --- | --- | --- | --- |",
        *(
            f"| {name} | {_ms(r['p50'])} | {_ms(r['p99'])} | {r['per_s']} | "
            + ", ".join(f"{k} {v}" for k, v in r["cpu_ms_per_request"].items())
            + " |"
            for name, r in (("direct", direct), ("via gateway", via))
        ),
        "",
        f"p50 ratio {f['p50_ratio']:.2f} (target {targets['p50_ratio']:g}): "
        f"{_verdict(f['p50_ratio'] <= targets['p50_ratio'])}; "
        f"direct p50 {_ms(direct['p50'])} ms (target {targets['direct_p50_ms']:g}): "
        f"{_verdict(direct['p50'] <= targets['direct_p50_ms'])}.",
        "",
    ]


def _relay() -> list[str]:
    if not (f := _load("relay_throughput")):
        return []
    out = [
        "### 5. Outbox relay: 100,000 committed rows to acknowledged publish",
        "",
        "| backend | relay rows/s | raw aiokafka acks=all rows/s | ratio (target 0.5) | lost / doubled |",
        "| --- | --- | --- | --- | --- |",
    ]
    for backend, r in f.items():
        if not isinstance(r, dict) or "relay" not in r:
            continue
        relay, raw = r["relay"], r["raw"]
        out.append(
            f"| {backend} | {relay['rows_per_s']:,} | {raw['rows_per_s']:,} | {r['ratio']:.2f} "
            f"{_verdict(r['ratio'] >= 0.5)} | {relay.get('missing', '-')} / {relay.get('duplicates', '-')} |"
        )
    return out + [""]


def figures_section(command: str) -> str:
    lines = [
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `{command}` on {_machine()}.",
        "",
        *_pipeline(),
        *_slot_search(),
        *_booking(),
        *_gateway(),
        *_relay(),
        "![pipeline latency over the run](performance/pipeline-latency.png)",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    command = " ".join(argv if argv is not None else sys.argv[1:]) or "make bench"  # what produced the figures
    text = DOC.read_text()
    if BEGIN not in text or END not in text:
        print(f"bench.performance_doc: {DOC} has no {BEGIN} ... {END} markers", file=sys.stderr)
        return 1
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    DOC.write_text(pattern.sub(lambda _: f"{BEGIN}\n{figures_section(command)}\n{END}", text))
    print(f"figures written into {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
