"""Turns the measurements into figures, a verdict and the printed tables."""

from bench.breakdown import stages
from bench.stats import fmt, summary

TARGET_RATIO = 3.0  # e2e p99 within 3x the raw broker round trip
# Issue 19's targets, every second of the run counted (no warm-up left out).
TARGET_P50_MS, TARGET_P99_MS = 10.0, 30.0
TARGET_CPU_MS = 5.0  # CPU per completion, scheduling and billing together
GROWTH_LIMIT = 2.0  # last-window p99 above 2x the first-window p99 means latency grows
LAG_LIMIT = 100  # messages left for billing when the completions stop


def figures(
    args,
    *,
    raw,
    raw_pacing,
    samples,
    pacing,
    arrived,
    lag_series,
    end_lag,
    drained_lag,
    points,
    relay_ack,
    cpu,
    memory,
    sweep,
    logs,
) -> dict:
    """Every figure of one run, JSON-ready."""
    ok = [s for s in samples if s.status == 200]
    e2e = {s.correlation_id: arrived[s.correlation_id] - s.t0 for s in ok if s.correlation_id in arrived}
    first_t0 = samples[0].t0 if samples else 0.0
    span = samples[-1].t0 - first_t0 if samples else 0.0

    def window(lo: float, hi: float) -> dict:
        return summary([e2e[s.correlation_id] for s in ok if s.correlation_id in e2e and lo <= s.t0 - first_t0 < hi])

    e2e_summary = summary(list(e2e.values())) | {"missing": len(ok) - len(e2e), "http_errors": len(samples) - len(ok)}
    raw_summary = summary(raw) | {"expected": raw_pacing.sent}
    first, last = window(0, args.window), window(span - args.window, span + 1)
    # Every window's p99 too: tells a trend from one unlucky window.
    count = max(1, round(span / args.window))
    p99s = [window(i * args.window, (i + 1) * args.window if i < count - 1 else span + 1)["p99"] for i in range(count)]
    ratio = e2e_summary["p99"] / raw_summary["p99"] if e2e_summary["p99"] and raw_summary["p99"] else None
    slower = first["p99"] is not None and last["p99"] is not None and last["p99"] > GROWTH_LIMIT * first["p99"]
    growing = slower or end_lag > LAG_LIMIT
    per_completion = 1000 / pacing.rate if pacing.rate else 0.0
    cpu_ms = round((cpu.get("scheduling", 0) + cpu.get("billing", 0)) * per_completion, 2)
    targets = {
        "e2e_p50_ms": {"ours": e2e_summary["p50"], "target": TARGET_P50_MS},
        "e2e_p99_ms": {"ours": e2e_summary["p99"], "target": TARGET_P99_MS},
        "cpu_ms_per_completion": {"ours": cpu_ms, "target": TARGET_CPU_MS},
    }
    met = all(t["ours"] is not None and t["ours"] <= t["target"] for t in targets.values())
    # The run itself is the sweep's first step: the steps above it count only when it held.
    main_steady = e2e_summary["p99"] is not None and e2e_summary["p99"] <= sweep["p99_limit_ms"] and not growing
    highest = (sweep["highest_steady_rate"] or args.rate) if main_steady else None
    sweep = sweep | {"highest_steady_rate": highest}
    leaking = any(m["grew"] for m in memory.values())
    passed = met and not growing and not leaking and e2e_summary["missing"] == 0 and e2e_summary["http_errors"] == 0
    return {
        "config": {
            "db": args.db,
            "rate": args.rate,
            "duration_s": args.duration,
            "raw_duration_s": args.raw_duration,
            "window_s": args.window,
        },
        "raw_round_trip_ms": raw_summary | {"achieved_rate": round(raw_pacing.rate, 1)},
        "e2e_ms": e2e_summary
        | {"achieved_rate": round(pacing.rate, 1), "max_start_late_ms": round(pacing.max_late_ms, 1)},
        "http_response_ms": summary([s.t_response - s.t0 for s in ok]),
        "first_window_ms": first,
        "last_window_ms": last,
        "window_p99_ms": p99s,
        "lag_series": lag_series,
        "lag_at_end": end_lag,
        "lag_after_drain": drained_lag,
        "ratio_p99": ratio,
        "growing_lag": growing,
        "breakdown": {"chain": stages(ok, points), "relay_record_sent_to_marked_published": summary(relay_ack)},
        "cpu_cores_used": cpu,
        "targets": targets,
        "memory": memory,
        "sweep": sweep,
        # Each completion's (seconds into the run, e2e ms): the plot of latency over the run.
        "timeline": [
            (round(s.t0 - first_t0, 3), round(e2e[s.correlation_id] * 1000, 2)) for s in ok if s.correlation_id in e2e
        ],
        "verdict": "PASS" if passed else "FAIL",
        "logs": logs,
    }


def show(f: dict) -> None:
    """Print the figures as aligned table lines."""
    print("\n== clinicops end-to-end latency ({db}, {rate:g}/s for {duration_s:g} s) ==".format(**f["config"]))
    print(f"{'':44}{'p50':>8} {'p90':>8} {'p99':>8} {'max':>8}  count  (ms)")
    _row("raw broker round trip", f["raw_round_trip_ms"])
    _row("end to end: request -> billing commit", f["e2e_ms"])
    _row("  HTTP /complete response", f["http_response_ms"])
    _row(f"  first {f['config']['window_s']:g} s of requests", f["first_window_ms"])
    _row(f"  last {f['config']['window_s']:g} s of requests", f["last_window_ms"])
    e2e = f["e2e_ms"]
    print(
        f"rates: raw {f['raw_round_trip_ms']['achieved_rate']}/s, completions {e2e['achieved_rate']}/s "
        f"(worst start {e2e['max_start_late_ms']} ms late); never arrived: {e2e['missing']}, "
        f"HTTP errors: {e2e['http_errors']}"
    )
    print(f"p99 per {f['config']['window_s']:g} s window: " + ", ".join(fmt(v).strip() for v in f["window_p99_ms"]))
    print(
        "billing lag every 5 s: "
        + ", ".join(f"{t:g}s={lag}" for t, lag in f["lag_series"])
        + f"; after drain: {f['lag_after_drain']}"
    )
    print("\nwhere the time goes: (point p50/p99 since t0 | segment p50/p99 since previous point)")
    for name, entry in f["breakdown"]["chain"].items():
        seg = entry.get("segment", {})
        print(
            f"  {name:40}{fmt(entry['from_t0']['p50'])} {fmt(entry['from_t0']['p99'])} |"
            f"{fmt(seg.get('p50'))} {fmt(seg.get('p99'))}"
        )
    _row("  (relay: record sent -> row marked published)", f["breakdown"]["relay_record_sent_to_marked_published"])
    per = 1000 / f["e2e_ms"]["achieved_rate"] if f["e2e_ms"]["achieved_rate"] else 0
    print(
        "CPU while completing, cores (ms per completion): "
        + ", ".join(f"{k} {v} ({v * per:.1f})" for k, v in f["cpu_cores_used"].items())
    )
    print(
        "resident memory, MiB (first -> last, max): "
        + ", ".join(
            f"{name} {m['first_mib']:g} -> {m['last_mib']:g} ({m['max_mib']:g}){' GROWS' if m['grew'] else ''}"
            for name, m in f["memory"].items()
        )
    )
    _show_sweep(f["sweep"])
    ratio = "n/a" if f["ratio_p99"] is None else f"{f['ratio_p99']:.2f}"
    print(
        f"\ne2e p99 / raw p99 = {ratio} (anchor: <= {TARGET_RATIO:g}); "
        f"growing lag: {'yes' if f['growing_lag'] else 'no'} (lag at end {f['lag_at_end']})"
    )
    print(f"{'target':32}{'ours':>9} {'target':>8}  ratio")
    for name, t in f["targets"].items():
        ours = "-" if t["ours"] is None else f"{t['ours']:.1f}"
        share = "-" if t["ours"] is None else f"{t['ours'] / t['target']:.2f}"
        print(f"  {name:30}{ours:>9} {t['target']:8g}  {share}")
    print(
        f"VERDICT: {f['verdict']}  (e2e p50 <= {TARGET_P50_MS:g} ms, p99 <= {TARGET_P99_MS:g} ms, "
        f"CPU <= {TARGET_CPU_MS:g} ms per completion, no growing lag or memory)"
    )


def _show_sweep(sweep: dict) -> None:
    steps = ", ".join(
        f"{s['rate']:g}/s: p99 {fmt(s['e2e_ms']['p99']).strip()} ms, lag {s['lag_at_end']}" for s in sweep["steps"]
    )
    print(
        f"rate sweep ({steps}); highest steady rate (p99 <= {sweep['p99_limit_ms']:g} ms, flat lag): "
        f"{sweep['highest_steady_rate'] or 'none of the steps'}"
    )


def _row(label: str, s: dict, width: int = 44) -> None:
    print(f"{label:{width}}{fmt(s['p50'])} {fmt(s['p90'])} {fmt(s['p99'])} {fmt(s['max'])} {s['count']:6d}")
