"""Email intake throughput: 10,000 emails through SMTP into triaged tasks, beside a bare SMTP sink.

`python -m bench.inbox_mail [--count 10000] [--connections 8] [--db postgresql]`: the anchor is the
same client load against an aiosmtpd server that only says 250 (the floor SMTP itself costs); the
inbox answers 250 only once the message is stored, linked, triaged and its task raised, in one
transaction, so each SMTP transaction's time is that message's intake latency. Prints both rows
and writes var/bench/inbox_mail.json. Exits 0 whenever the benchmark ran.
"""

import argparse
import asyncio
import json
import sys
import tempfile
import time
import uuid
from email.message import EmailMessage
from pathlib import Path

import aiosmtplib
import asyncpg
from aiosmtpd.controller import Controller

from bench.stack import _best_effort, _delete_topics, _drop_databases
from bench.stats import fmt, summary
from clinicops import supervisor
from clinicops.infra import DEFAULT_VAR_DIR, kafka, postgres, procs

OUT = DEFAULT_VAR_DIR / "bench" / "inbox_mail.json"
DOMAIN = "bench-clinic.test"
# A mix like an office's morning: every category, a red flag now and then, a claim number.
TEMPLATES = [
    ("Appointment request", "Could I come in on Tuesday or Thursday morning?"),
    ("Question about claim 88{n:06d}", "Our EOB shows a denial for this claim."),
    ("Invoice INV-{n}", "Please find our invoice attached."),
    ("My bill", "I think I was charged twice for my last visit."),
    ("Records", "Please send my medical records to my new doctor."),
    ("Thank you", "The staff were lovely."),
    ("Urgent", "My mother has chest pain since this morning."),
]


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _mail(n: int) -> EmailMessage:
    subject, body = TEMPLATES[n % len(TEMPLATES)]
    msg = EmailMessage()
    msg["From"], msg["To"] = f"patient{n % 500}@example.org", f"office@{DOMAIN}"
    msg["Subject"], msg["Message-ID"] = subject.format(n=n), f"<bench-{n}-{uuid.uuid4().hex[:8]}@example.org>"
    msg.set_content(body.format(n=n))
    return msg


async def _drive(port: int, count: int, connections: int) -> tuple[list[float], float]:
    """Send `count` mails over `connections` persistent SMTP connections; per-message seconds and wall time."""
    latencies: list[float] = []
    next_index = iter(range(count))

    async def connection() -> None:
        async with aiosmtplib.SMTP(hostname="127.0.0.1", port=port, timeout=60) as client:
            for n in next_index:
                message = _mail(n)
                started = time.perf_counter()
                await client.send_message(message)
                latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(connection() for _ in range(connections)))
    return latencies, time.perf_counter() - started


class _Sink:
    async def handle_DATA(self, server, session, envelope):
        return "250 OK"


async def anchor(count: int, connections: int) -> dict:
    """The same load against an SMTP server that stores nothing."""
    port = procs.free_port()
    controller = Controller(_Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        latencies, wall = await _drive(port, count, connections)
    finally:
        controller.stop()
    return {"throughput": count / wall, **summary(latencies)}


async def _count_tasks(url: str) -> tuple[int, int]:
    conn = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        return await conn.fetchval("SELECT count(*) FROM message"), await conn.fetchval("SELECT count(*) FROM task")
    finally:
        await conn.close()


async def inbox(count: int, connections: int, db: str) -> dict:
    """The same load against the inbox service, then the messages and tasks it committed."""
    uid = uuid.uuid4().hex[:8]
    bootstrap = kafka.start(DEFAULT_VAR_DIR, log=_log)
    name, pg_base = f"bench_{uid}_inbox", None
    if db == "postgresql":
        pg_base = postgres.start(DEFAULT_VAR_DIR, databases=[name], log=_log)
        url = f"{pg_base}/{name}"
    else:
        url = f"sqlite+aiosqlite:///{Path(tempfile.mkdtemp(prefix='bench-inbox-')) / 'inbox.db'}"
    smtp_port = procs.free_port()
    env = {
        "INBOX_DATABASE_URL": url,
        "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
        "KAFKA_TOPIC_PREFIX": f"bench{uid}.",
        "CLINICOPS_FAILPOINTS": "",
        "INBOX_SMTP_PORT": str(smtp_port),
        "INBOX_ACCEPTED_DOMAINS": json.dumps([DOMAIN]),
        "INBOX_DEFAULT_LOCATION_ID": "loc-bench",
    }
    proc = supervisor.spawn("inbox", DEFAULT_VAR_DIR, port=procs.free_port(), env=env, tag=f"-bench{uid}")
    try:
        supervisor.wait_ready(proc)
        _log(f"inbox ready ({db}); sending {count} emails over {connections} SMTP connections")
        latencies, wall = await _drive(smtp_port, count, connections)
        messages, tasks = await _count_tasks(url) if db == "postgresql" else (None, None)
    finally:
        supervisor.stop("inbox", DEFAULT_VAR_DIR, tag=f"-bench{uid}", timeout=10)
        _best_effort(_delete_topics(bootstrap, f"bench{uid}."), "delete the bench topics")
        if pg_base:
            _best_effort(_drop_databases(pg_base, [name]), "drop the bench database")
    return {"throughput": count / wall, **summary(latencies), "messages": messages, "tasks": tasks}


def show(figures: dict) -> None:
    print(f"\n{figures['count']} emails over {figures['connections']} SMTP connections ({figures['db']})")
    print(f"{'':44}{'msg/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for label, key in (
        ("anchor: bare SMTP sink (stores nothing)", "anchor"),
        ("inbox: stored, triaged, task raised", "inbox"),
    ):
        row = figures[key]
        print(f"{label:44}{row['throughput']:9.1f}{fmt(row['p50'])}{fmt(row['p99'])}{fmt(row['max'])}")
    row = figures["inbox"]
    if row["tasks"] is not None:
        print(f"committed: {row['messages']} messages, {row['tasks']} tasks (expected {figures['count']} of each)")


async def main(args: argparse.Namespace) -> int:
    _log(f"anchor: {args.count} emails to a bare SMTP sink")
    figures = {"count": args.count, "connections": args.connections, "db": args.db}
    figures["anchor"] = await anchor(args.count, args.connections)
    figures["inbox"] = await inbox(args.count, args.connections, args.db)
    show(figures)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(figures, indent=2))
    _log(f"figures written to {OUT}")
    return 0


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="emails to send (default 10000)")
    parser.add_argument("--connections", type=int, default=8, help="concurrent SMTP connections (default 8)")
    parser.add_argument("--db", choices=["postgresql", "sqlite"], default="postgresql")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse())))
