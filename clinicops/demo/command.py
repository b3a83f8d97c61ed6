"""`clinicops demo`: its arguments, and one run against a gateway (the first admin made as `user create` does)."""

import argparse
import os
import sys
import time
from pathlib import Path

from clinicops import supervisor


def add_demo_command(commands, *, default_seed: int) -> None:
    demo_cmd = commands.add_parser("demo", help="build the demo practice group through the running gateway")
    demo_cmd.add_argument("--seed", type=int, default=default_seed, help="the same seed builds the same practice")
    demo_cmd.add_argument("--patients", type=int, default=800, choices=range(3, 3001), metavar="3..3000")
    demo_cmd.add_argument(
        "--visits-per-day", type=int, default=3, choices=range(1, 61), metavar="1..60", help="per location and day"
    )
    demo_cmd.add_argument(
        "--gateway-url", help="default: the local gateway of `clinicops up` (and the local services' ports)"
    )
    demo_cmd.add_argument(
        "--service",
        action="append",
        default=[],
        type=_service_url,
        metavar="NAME=URL",
        help="a service's own address, called with the gateway's tokens past its rate limits (repeatable)",
    )
    demo_cmd.add_argument("--parallel", type=int, default=8, choices=range(1, 65), metavar="1..64")
    demo_cmd.add_argument(
        "--rate", type=float, default=19.0, help="requests a second (the gateway allows 20 per address by default)"
    )
    demo_cmd.add_argument("--inbox-smtp", help="HOST:PORT of the inbox's SMTP receiver (skipped without it)")


def _service_url(text: str) -> tuple[str, str]:
    name, _, url = text.partition("=")
    if name not in supervisor.SERVICES or name == "gateway" or not url.startswith(("http://", "https://")):
        raise argparse.ArgumentTypeError(f"{text!r}: NAME=URL with NAME one of {', '.join(supervisor.SERVICES[:-1])}")
    return name, url


def run(
    var_dir: Path,
    *,
    seed: int,
    patients: int = 800,
    visits_per_day: int = 3,
    gateway_url: str | None = None,
    services: list[tuple[str, str]] = (),
    **options,
) -> int:
    """Make the demo's admin in the gateway's database, then build the practice through the gateway's API."""
    import asyncio

    import httpx

    from clinicops.demo.client import Account, DemoError
    from clinicops.demo.plan import ADMIN_EMAIL, build_practice
    from clinicops.demo.runner import Options, build, report
    from services.gateway.users.bootstrap import create_user_from_cli
    from shared.clock import utc_today
    from shared.errors import DomainError

    practice = build_practice(seed, patients=patients, today=utc_today())
    password = practice.passwords[ADMIN_EMAIL]
    database_url = os.environ.get("GATEWAY_DATABASE_URL") or supervisor.sqlite_url(var_dir, "gateway")
    try:
        _, enrollment = create_user_from_cli(
            database_url=database_url, email=ADMIN_EMAIL, password=password, roles=["practice_admin"], locations=["*"]
        )
    except DomainError as exc:
        print(f"{exc.message}: the demo builds its practice once, on a gateway without it", file=sys.stderr)
        return 1
    admin = Account(ADMIN_EMAIL, password, ["practice_admin"], ["*"], enrollment.secret if enrollment else None)
    service_urls = dict(services)
    if gateway_url is None:  # the stack of `clinicops up` on this machine: its services' ports are ours to call
        gateway_url = f"http://127.0.0.1:{supervisor.PORTS['gateway']}"
        service_urls = {name: f"http://127.0.0.1:{port}" for name, port in supervisor.PORTS.items()} | service_urls
        service_urls.pop("gateway")
    settings = Options(
        gateway_url=gateway_url,
        service_urls=service_urls,
        seed=seed,
        patients=patients,
        visits_per_day=visits_per_day,
        **options,
    )
    started = time.monotonic()
    try:
        made = asyncio.run(build(practice, admin, settings))
    except (DemoError, httpx.HTTPError) as exc:
        print(f"demo stopped: {exc!r}", file=sys.stderr)
        return 1
    print(report(made, seconds=time.monotonic() - started, var_dir=var_dir))
    return 0
