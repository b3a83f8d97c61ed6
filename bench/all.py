"""Every benchmark in one go, one process each, then the plot: `python -m bench.all [--quick]`.

Issue 19's set runs first (pipeline on both backends, slot search, booking throughput, gateway
overhead, outbox relay); `--quick` runs only that set, each with short durations, for a
developer's loop. Each bench prints its figures beside its anchor and writes var/bench/<name>.json;
a bench that crashes is reported and the rest still run (exit 1 at the end), a FAIL verdict is a figure.
"""

import argparse
import subprocess
import sys
import time

# (name, arguments of the full run, arguments of the quick run; None: left out of the quick run)
BENCHES: list[tuple[str, list[str], list[str] | None]] = [
    ("e2e_latency", ["--db", "sqlite"], ["--db", "sqlite", "--quick"]),
    ("e2e_latency", ["--db", "postgresql"], ["--db", "postgresql", "--quick"]),
    ("slot_search", [], ["--sizes", "500", "50000", "--runs", "30"]),
    ("booking_throughput", [], ["--quick"]),
    ("gateway_overhead", [], ["--quick"]),
    ("relay_throughput", [], ["--quick"]),
    ("inbox_queue", [], None),
    ("inbox_mail", [], None),
    ("console_load", [], None),
    ("week_view", [], None),
    ("demo_build", [], None),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.all", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="issue 19's benches only, with short durations")
    parser.add_argument("--performance", action="store_true", help="issue 19's benches only, full length")
    args = parser.parse_args(argv)
    took, crashed = [], []
    for name, full, quick in BENCHES:
        arguments = quick if args.quick else full
        if arguments is None or (args.performance and quick is None):
            continue
        command = [sys.executable, "-m", f"bench.{name}", *arguments]
        print(f"\n##### {' '.join(command[1:])}", flush=True)
        started = time.monotonic()
        if subprocess.run(command).returncode != 0:
            crashed.append(" ".join(command[2:]))
        took.append((" ".join(command[2:]), time.monotonic() - started))
    if not args.quick:  # a full run is the one docs/performance.md shows
        subprocess.run([sys.executable, "-m", "bench.plot"])
        run = "make bench" if not args.performance else "python -m bench.all --performance"
        subprocess.run([sys.executable, "-m", "bench.performance_doc", run])
    print("\n##### time per bench: " + ", ".join(f"{name} {seconds:.0f} s" for name, seconds in took))
    print(f"##### all in {sum(s for _, s in took) / 60:.1f} min; crashed: {', '.join(crashed) or 'none'}")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
