"""The schedule's week view of a location with 25 providers, rendered in headless Chromium, beside its 300 ms target.

`python -m bench.week_view` (after `make web`): web/e2e/week_view_bench.mjs serves the built console with a
synthetic gateway (25 physicians, 8 visits each a day: 175 columns, 1,400 appointments) and times the switch from
the day view to the week: once cold (the seven day-sheet reads included), then seven times from the cache (the
render alone). Prints the figures and writes var/bench/week_view.json. Exits 0 whenever it ran.
"""

import json
import subprocess
import sys

from clinicops.infra import DEFAULT_VAR_DIR, REPO_ROOT

WEB = REPO_ROOT / "web"
OUT = DEFAULT_VAR_DIR / "bench" / "week_view.json"
TARGET_MS = 300  # issue 16: the week view of a location with 25 providers


def main() -> int:
    if not (WEB / "dist" / "index.html").exists():
        print("the console is not built: run `make web`", file=sys.stderr)
        return 1
    done = subprocess.run(
        ["node", "e2e/week_view_bench.mjs"], cwd=WEB, capture_output=True, text=True, timeout=300, check=False
    )
    if done.returncode != 0:
        print(done.stdout + done.stderr, file=sys.stderr)
        return 1
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"\nschedule week view: {figures['providers']} providers, {figures['columns']} columns, "
          f"{figures['appointments']} appointments, headless Chromium")  # fmt: skip
    print(f"  rendered from the cache: median {figures['median_ms']} ms, slowest {figures['max_ms']} ms "
          f"(target <= {TARGET_MS} ms); runs {figures['render_ms']}")  # fmt: skip
    print(f"  first switch, its seven day-sheet reads included: {figures['first_ms']} ms")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(figures | {"target_ms": TARGET_MS}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
