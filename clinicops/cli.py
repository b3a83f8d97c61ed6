"""`clinicops up | down | status | infra`: the whole suite on one machine."""

import argparse
import os
import signal
import sys
import time
from pathlib import Path

from clinicops import supervisor
from clinicops.demo.command import add_demo_command
from clinicops.infra import DEFAULT_VAR_DIR, SERVICE_DATABASES, kafka, postgres, procs


def up(var_dir: Path, *, detach: bool, empty: bool = False) -> int:
    """Start Kafka, migrate, start every service and the gateway; stay until Ctrl-C unless detached.

    On a var/ that holds no data yet, the demo practice is built once everything is ready (not with `empty`).
    """
    fresh = not any((var_dir / f"{name}.db").exists() for name in supervisor.SERVICES)
    bootstrap = kafka.start(var_dir)
    print(f"kafka       ready   {bootstrap}")
    for name in supervisor.SERVICES:
        supervisor.migrate(name, supervisor.sqlite_url(var_dir, name))
    print(f"migrations  done    {', '.join(supervisor.SERVICES)} on SQLite under {var_dir}")
    started = []
    for name in supervisor.SERVICES:
        if supervisor.running_pid(name, var_dir):
            print(f"{name:<11} running (already)")
            continue
        if procs.port_open(supervisor.PORTS[name]):
            print(
                f"{name:<11} port {supervisor.PORTS[name]} is taken by another program; stop it first", file=sys.stderr
            )
            down(var_dir)
            return 1
        started.append(supervisor.spawn(name, var_dir))
        print(f"{name:<11} starting")
    try:
        for proc in started:
            seconds = supervisor.wait_ready(proc)
            print(f"{proc.name:<11} ready   {proc.url} ({seconds:.1f} s)")
    except (RuntimeError, TimeoutError) as exc:
        print(f"start-up failed: {exc}", file=sys.stderr)
        down(var_dir)
        return 1
    _print_urls()
    if fresh and not empty:
        print("\nvar/ holds no data yet: building the demo practice (`clinicops up --empty` skips this)")
        # The inbox's SMTP receiver, where the demo's morning emails go in (its default port unless set).
        inbox_smtp = f"127.0.0.1:{os.environ.get('INBOX_SMTP_PORT', '2525')}"
        if demo(var_dir, seed=DEMO_SEED, inbox_smtp=inbox_smtp) != 0:
            print("the demo practice failed; the services stay up (see the message above)", file=sys.stderr)
    if detach:
        return 0
    return _stay_up(var_dir)


def _print_urls() -> None:
    print(f"\nclinicops is up. Gateway: http://127.0.0.1:{supervisor.PORTS['gateway']}")
    for name, port in supervisor.PORTS.items():
        print(f"  {name:<11} http://127.0.0.1:{port}/docs")
    print("Ctrl-C here, or `clinicops down` elsewhere, stops everything.")


def _stay_up(var_dir: Path) -> int:
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    try:
        while any(supervisor.running_pid(name, var_dir) for name in supervisor.SERVICES):
            time.sleep(1)
        print("every service has stopped")
    except KeyboardInterrupt:
        print("\nstopping")
    down(var_dir)
    return 0


def down(var_dir: Path) -> int:
    """Stop the gateway, the services, then the broker; leave no process behind."""
    for name in reversed(supervisor.SERVICES):
        if supervisor.stop(name, var_dir):
            print(f"{name:<11} stopped")
    if kafka.status(var_dir)["running"]:
        kafka.stop(var_dir)
        print("kafka       stopped")
    return 0


def status(var_dir: Path) -> int:
    """Each service process and its readiness, the broker and its topics."""
    for name, port in supervisor.PORTS.items():
        pid = supervisor.running_pid(name, var_dir)
        ready = supervisor.readiness(f"http://127.0.0.1:{port}") if pid else None
        state = (ready or {}).get("status", "not answering") if pid else "stopped"
        print(f"{name:<11} {state:<13} pid={pid or '-':<8} http://127.0.0.1:{port}")
    broker = kafka.status(var_dir)
    print(
        f"{'kafka':<11} {'running' if broker['running'] else 'stopped':<13} pid={broker['pid'] or '-':<8} "
        f"{broker['bootstrap']}{' (external)' if broker['external'] else ''}"
    )
    if broker["running"]:
        topics = [t for t in kafka.list_topics(broker["bootstrap"]) if not t.startswith("__")]
        print(f"topics ({len(topics)}):")
        for topic in topics:
            print(f"  {topic}")
    return 0


def infra(var_dir: Path, action: str) -> int:
    """What the tests need: the broker and a private PostgreSQL cluster."""
    if action == "up":
        print(f"kafka    {kafka.start(var_dir)}")
        print(f"postgres {postgres.start(var_dir, databases=SERVICE_DATABASES)}")
    else:
        kafka.stop(var_dir)
        postgres.stop(var_dir)
        print("infra stopped")
    return 0


def _add_user_command(commands) -> None:
    user_cmd = commands.add_parser("user", help="gateway users (e.g. the first admin)")
    create = user_cmd.add_subparsers(dest="action", required=True).add_parser("create", help="add a user")
    create.add_argument("--email", required=True)
    create.add_argument("--role", action="append", required=True, help="repeat for several roles")
    create.add_argument("--locations", required=True, help="comma-separated location ids, or '*' for all")
    create.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    create.add_argument("--staff-id", help="the staff member this user is (access reviews then reach them)")


def user_create(var_dir: Path, args) -> int:
    """Add a user to the gateway's database (GATEWAY_DATABASE_URL, else var/gateway.db), migrating it first."""
    import getpass

    from pydantic import ValidationError

    from services.gateway.users.bootstrap import create_user_from_cli
    from shared.errors import DomainError

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("password: ")
        if password != getpass.getpass("again: "):
            print("the passwords differ", file=sys.stderr)
            return 2
    database_url = os.environ.get("GATEWAY_DATABASE_URL") or supervisor.sqlite_url(var_dir, "gateway")
    try:
        user_id, enrollment = create_user_from_cli(
            database_url=database_url,
            email=args.email,
            password=password,
            roles=args.role,
            locations=[x.strip() for x in args.locations.split(",")],
            staff_id=args.staff_id,
        )
    except ValidationError as exc:
        for error in exc.errors():
            print(f"{'.'.join(map(str, error['loc']))}: {error['msg']}", file=sys.stderr)
        return 2
    except DomainError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    print(f"user {args.email} created: {user_id}")
    if enrollment is not None:
        # Shown this once: the operator adds the secret to an authenticator app and keeps the codes offline.
        print("this role signs in with a one-time password (TOTP, RFC 6238) as well:")
        print(f"totp uri: {enrollment.uri}")
        print(f"totp secret: {enrollment.secret}")
        print("recovery codes, each good once: " + " ".join(enrollment.recovery_codes))
    return 0


DEMO_SEED = 16


def demo(var_dir: Path, **options) -> int:
    """Build the demo practice through the gateway (clinicops/demo); its first admin as `user create` makes one."""
    from clinicops.demo.command import run

    return run(var_dir, **options)


def keys_rotate(var_dir: Path) -> int:
    """Add a new signing key to the gateway's ring; the old one verifies until its tokens expire."""
    from datetime import timedelta

    from shared.keys import KeyRing

    directory = Path(os.environ.get("GATEWAY_SIGNING_KEY_DIR") or supervisor.gateway_key_dir(var_dir))
    ring = KeyRing.open(directory, token_lifetime=timedelta(days=1))
    print(f"new signing key {ring.rotate().kid} in {directory}; the gateway signs with it from its next token")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="clinicops", description=__doc__)
    parser.add_argument("--var", type=Path, default=DEFAULT_VAR_DIR, help="state directory (default: var/)")
    commands = parser.add_subparsers(dest="command", required=True)
    up_cmd = commands.add_parser("up", help="start Kafka, every service and the gateway")
    up_cmd.add_argument("--detach", action="store_true", help="return once everything is ready")
    up_cmd.add_argument("--empty", action="store_true", help="start without the demo practice on a fresh var/")
    commands.add_parser("down", help="stop everything `up` started")
    commands.add_parser("status", help="processes, broker and topics")
    infra_cmd = commands.add_parser("infra", help="start or stop what the tests need")
    infra_cmd.add_argument("action", choices=["up", "down"])
    _add_user_command(commands)
    add_demo_command(commands, default_seed=DEMO_SEED)
    keys_cmd = commands.add_parser("keys", help="the gateway's token-signing keys")
    keys_cmd.add_argument("action", choices=["rotate"])
    args = parser.parse_args(argv)
    var_dir = args.var.resolve()
    var_dir.mkdir(parents=True, exist_ok=True)
    if args.command == "user":
        return user_create(var_dir, args)
    if args.command == "keys":
        return keys_rotate(var_dir)
    if args.command == "up":
        return up(var_dir, detach=args.detach, empty=args.empty)
    if args.command == "demo":
        return demo(
            var_dir,
            seed=args.seed,
            patients=args.patients,
            visits_per_day=args.visits_per_day,
            gateway_url=args.gateway_url,
            services=args.service,
            parallel=args.parallel,
            per_second=args.rate,
            inbox_smtp=args.inbox_smtp,
        )
    if args.command == "infra":
        return infra(var_dir, args.action)
    return {"down": down, "status": status}[args.command](var_dir)


if __name__ == "__main__":
    sys.exit(main())
