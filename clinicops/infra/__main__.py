"""python -m clinicops.infra {kafka|pg} {start|stop|status} [--var DIR]: run the local infrastructure."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from clinicops.infra import DEFAULT_VAR_DIR, SERVICE_DATABASES, kafka, postgres


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run one action; the exit code is 0 on success."""
    parser = argparse.ArgumentParser(prog="python -m clinicops.infra", description=__doc__)
    parser.add_argument("component", choices=["kafka", "pg"])
    parser.add_argument("action", choices=["start", "stop", "status"])
    parser.add_argument("--var", type=Path, default=DEFAULT_VAR_DIR, help=f"state directory ({DEFAULT_VAR_DIR})")
    parser.add_argument("--port", type=int, default=9092, help="Kafka listener port (kafka start)")
    parser.add_argument("--databases", nargs="+", default=SERVICE_DATABASES, help="databases (pg start)")
    args = parser.parse_args(argv)
    if args.component == "kafka":
        actions = {
            "start": lambda: print(kafka.start(args.var, port=args.port, log=_err)),
            "stop": lambda: kafka.stop(args.var),
            "status": lambda: print(json.dumps(kafka.status(args.var))),
        }
    else:
        actions = {
            "start": lambda: print(postgres.start(args.var, databases=args.databases, log=_err)),
            "stop": lambda: postgres.stop(args.var),
            "status": lambda: print(json.dumps(postgres.status(args.var))),
        }
    actions[args.action]()
    return 0


def _err(message: str) -> None:
    # Progress goes to stderr so that stdout of `start` is just the URL, for shell capture.
    print(message, file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
