"""The gateway's overhead: the same authenticated read direct at scheduling and through the gateway.

A front desk's `GET /locations/{id}/appointment-types` (a plain read: token, role, location, one query) in a
closed loop of a few concurrent clients, direct and via the gateway in alternating rounds on the embedded
SQLite stack; the gateway's rate limiter stays on, its limits raised by its settings. Targets: via/direct
p50 <= 1.3x and the direct p50 <= 2 ms. `python -m bench.gateway_overhead [--quick]`: prints the table and
the verdict and writes var/bench/gateway_overhead.json. Exits 0 whenever the benchmark ran.
"""

import argparse
import asyncio
import os
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path

import httpx
import uvloop

from bench import load, practice
from bench.cpu import CpuMeter
from bench.stack import Stack, bench_keys, running_stack, write_figures
from bench.stats import fmt, summary
from clinicops.infra import DEFAULT_VAR_DIR, kafka
from shared.auth import issue_token

TARGET_RATIO, TARGET_DIRECT_P50_MS = 1.3, 2.0
# Far above any bench's rate: the limiter runs (and is paid for) on every request, and refuses none.
RAISED_LIMITS = {
    "GATEWAY_RATE_LIMIT_IP_PER_MINUTE": "60000000",
    "GATEWAY_RATE_LIMIT_IP_BURST": "1000000",
    "GATEWAY_RATE_LIMIT_USER_PER_MINUTE": "60000000",
    "GATEWAY_RATE_LIMIT_USER_BURST": "1000000",
}


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def gateway_stack(var_dir: Path, bootstrap: str, backend: str):
    """Scheduling and the gateway in front of it (its rate limits raised), ready; stopped on the way out.

    Call `bench_keys()` first: both verify with the bench's JWKS, the gateway signs with its key directory.
    """

    def extra_env(name: str, stack: Stack) -> dict[str, str]:
        if name != "gateway":
            return {}
        return RAISED_LIMITS | {"GATEWAY_SCHEDULING_URL": stack.procs["scheduling"].url}

    return running_stack(var_dir, bootstrap, backend, services=["scheduling", "gateway"], extra_env=extra_env)


def client(base_url: str, token: str, connections: int) -> httpx.AsyncClient:
    """One pooled keep-alive client, a connection per concurrent caller."""
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    return httpx.AsyncClient(base_url=base_url, headers={"Authorization": f"Bearer {token}"}, limits=limits, timeout=60)


class LeanConnection:
    """One keep-alive HTTP/1.1 connection, a request at a time: the load's client costs a tenth of httpx's CPU.

    The bench shares the 2 cores with what it measures, and its latencies include its own client: httpx took
    about 1.5 ms of CPU per request here, as much as the service it measured. Answers are read by their
    Content-Length (every service and the gateway send one) or, failing that, as chunked.
    """

    def __init__(self, base_url: str, headers: dict[str, str]):
        url = httpx.URL(base_url)
        self.host, self.port = url.host, url.port
        self.fixed = "".join(f"{k}: {v}\r\n" for k, v in ({"host": f"{url.host}:{url.port}"} | headers).items())
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None):
        """(status, body) of one request; on a connection the server closed while idle, sent again on a new one.

        Sending again is safe here: the bench's reads change nothing and its bookings carry an Idempotency-Key.
        """
        reused = self.writer is not None and not self.writer.is_closing() and not self.reader.at_eof()
        if not reused:
            self.close()
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        try:
            return await self._exchange(method, path, body, headers)
        except (OSError, asyncio.IncompleteReadError):
            self.close()
            if not reused:
                raise
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            return await self._exchange(method, path, body, headers)

    async def _exchange(self, method: str, path: str, body: bytes, headers: dict[str, str] | None):
        extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
        if body:
            extra += f"content-type: application/json\r\ncontent-length: {len(body)}\r\n"
        self.writer.write(f"{method} {path} HTTP/1.1\r\n{self.fixed}{extra}\r\n".encode() + body)
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split(" ", 2)[1])
        fields = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in head[1:] if line)}
        if "content-length" in fields:
            content = await self.reader.readexactly(int(fields["content-length"]))
        else:
            content = await self._chunked()
        if fields.get("connection", "").lower() == "close":
            self.close()
        return status, content

    async def _chunked(self) -> bytes:
        parts = []
        while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
            parts.append(await self.reader.readexactly(size + 2))
        await self.reader.readuntil(b"\r\n")
        return b"".join(p[:-2] for p in parts)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.writer = None


async def closed_loop(
    one: Callable[[int], Awaitable[int]], *, clients: int, duration: float, first: int = 0
) -> tuple[list[float], Counter, float, int]:
    """`clients` callers, each sending its next request as soon as the last one was answered, for `duration` s.

    `one(i)` sends request number i (unique across the callers) and returns its status (-1: no answer).
    Returns the latencies of 2xx answers (s), every status counted, the seconds it ran and the next i.
    """
    latencies: list[float] = []
    statuses: Counter = Counter()
    counter = iter(range(first, sys.maxsize))
    started = time.perf_counter()
    deadline = started + duration

    async def caller() -> None:
        while time.perf_counter() < deadline:
            i = next(counter)
            t0 = time.perf_counter()
            try:
                status = await one(i)
            except (httpx.HTTPError, OSError, asyncio.IncompleteReadError):
                status = -1
            if 200 <= status < 300:
                latencies.append(time.perf_counter() - t0)
            statuses[status] += 1

    await asyncio.gather(*(caller() for _ in range(clients)))
    return latencies, statuses, time.perf_counter() - started, next(counter)


async def _prepare(stack: Stack, admin_token: str) -> str:
    """The location (told as facilities would) and one appointment type there; the path read."""
    scheduling = stack.procs["scheduling"]
    async with client(scheduling.url, admin_token, 1) as http:
        await practice.open_practice(stack, http, first_slot=load.FIRST_SLOT, slots=10, minutes=load.SLOT_MINUTES)
        answer = await http.post(
            f"/locations/{practice.LOCATION}/appointment-types",
            json={"name": "Follow-up", "duration_minutes": 20, "provider_roles": ["physician"]},
        )
        if answer.status_code != 201:
            raise RuntimeError(f"appointment type: {answer.status_code} {answer.text[:300]}")
    return f"/locations/{practice.LOCATION}/appointment-types"


async def measure(args: argparse.Namespace) -> dict:
    """Alternating rounds direct and via the gateway; every figure."""
    bootstrap = kafka.start(DEFAULT_VAR_DIR, log=_log)
    keys = bench_keys()

    def token(roles: list[str], locations: list[str]) -> str:
        return issue_token(sub=f"bench-{roles[0]}", roles=roles, locations=locations, key=keys.current,
                           ttl=timedelta(hours=2))  # fmt: skip

    with gateway_stack(DEFAULT_VAR_DIR, bootstrap, "sqlite") as stack:
        path = await _prepare(stack, token(["practice_admin"], ["*"]))
        desk = token(["front_desk"], [practice.LOCATION])
        targets = {
            "direct": (stack.procs["scheduling"].url, path),
            "via gateway": (stack.procs["gateway"].url, f"/api/v1/scheduling{path}"),
        }
        results = {
            name: {"latencies": [], "statuses": Counter(), "seconds": 0.0, "cpu_s": Counter()} for name in targets
        }
        pids = {"client": [os.getpid()]} | {name: [proc.pid] for name, proc in stack.procs.items()}
        auth = {"authorization": f"Bearer {desk}"}
        https = {name: [LeanConnection(url, auth) for _ in range(args.clients)] for name, (url, _) in targets.items()}
        try:
            for name, (_, target) in targets.items():  # warm: connections, caches, the statement cache
                await closed_loop(_getter(https[name], target), clients=args.clients, duration=args.warmup)
            _log(f"{args.rounds} rounds of {args.round_s:g} s each way, {args.clients} clients, on {path}")
            for _ in range(args.rounds):
                for name, (_, target) in targets.items():
                    meter = CpuMeter(pids)
                    lat, statuses, seconds, _ = await closed_loop(
                        _getter(https[name], target), clients=args.clients, duration=args.round_s
                    )
                    cores = meter.read()
                    results[name]["latencies"] += lat
                    results[name]["statuses"].update(statuses)
                    results[name]["seconds"] += seconds
                    results[name]["cpu_s"].update({p: cores[p] * seconds for p in pids})
        finally:
            for connections in https.values():
                for connection in connections:
                    connection.close()
    return _figures(args, results)


def _getter(connections: list[LeanConnection], path: str) -> Callable[[int], Awaitable[int]]:
    idle = list(connections)  # a connection per caller in flight: closed_loop runs as many callers

    async def one(_i: int) -> int:
        connection = idle.pop()
        try:
            status, _ = await connection.request("GET", path)
        except BaseException:
            connection.close()
            raise
        finally:
            idle.append(connection)
        return status

    return one


def _figures(args: argparse.Namespace, results: dict) -> dict:
    figures = {"clients": args.clients, "rounds": args.rounds, "round_s": args.round_s, "backend": "sqlite"}
    for name, r in results.items():
        figures[name] = summary(r["latencies"]) | {
            "per_s": round(len(r["latencies"]) / r["seconds"], 1) if r["seconds"] else None,
            "statuses": {str(k): v for k, v in sorted(r["statuses"].items())},
            # CPU per answered request by process: steadier than latency on a machine others share.
            "cpu_ms_per_request": {
                p: round(s * 1000 / len(r["latencies"]), 3) if r["latencies"] else None for p, s in r["cpu_s"].items()
            },
        }
    direct, via = figures["direct"]["p50"], figures["via gateway"]["p50"]
    ratio = via / direct if direct and via else None
    figures["p50_ratio"] = ratio
    figures["targets"] = {"p50_ratio": TARGET_RATIO, "direct_p50_ms": TARGET_DIRECT_P50_MS}
    errors = sum(v for r in results.values() for k, v in r["statuses"].items() if not 200 <= k < 300)
    figures["errors"] = errors
    figures["pass"] = bool(ratio and ratio <= TARGET_RATIO and direct <= TARGET_DIRECT_P50_MS and not errors)
    return figures


def show(f: dict) -> None:
    print(f"\ngateway overhead: GET appointment types, {f['clients']} clients closed loop, "
          f"{f['rounds']} x {f['round_s']:g} s each way, SQLite")  # fmt: skip
    print(f"{'path':>12} {'requests':>9} {'per s':>8} {'p50 ms':>8} {'p99 ms':>8}  target   statuses")
    for name in ("direct", "via gateway"):
        r = f[name]
        target = f"p50 <= {TARGET_DIRECT_P50_MS:g} ms" if name == "direct" else ""
        print(f"{name:>12} {r['count']:>9} {r['per_s'] or 0:>8.0f} {fmt(r['p50'])} {fmt(r['p99'])}  "
              f"{target:<15} {r['statuses']}")  # fmt: skip
    print("CPU ms per request: " + "; ".join(
        f"{name}: " + ", ".join(f"{p} {v:.2f}" for p, v in f[name]["cpu_ms_per_request"].items() if v is not None)
        for name in ("direct", "via gateway")))  # fmt: skip
    ratio = f["p50_ratio"]
    print(f"p50 via gateway / direct: {ratio:.2f}x (target <= {TARGET_RATIO:g}x)" if ratio else "p50 ratio: -")
    if f["errors"]:
        print(f"non-2xx answers: {f['errors']}")
    print(f"verdict: {'PASS' if f['pass'] else 'FAIL'}")


def main(argv: list[str] | None = None) -> int:
    """Parse options, run, print the report and write the JSON figures."""
    parser = argparse.ArgumentParser(prog="python -m bench.gateway_overhead", description=__doc__)
    parser.add_argument("--clients", type=int, default=4, help="concurrent callers")
    parser.add_argument("--rounds", type=int, default=4, help="rounds, each direct then via the gateway")
    parser.add_argument("--round-s", type=float, default=15.0, help="seconds of each path per round")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of each path before measuring")
    parser.add_argument("--quick", action="store_true", help="2 rounds of 3 s: for make bench-quick")
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.round_s, args.warmup = 2, 3.0, 1.0
    # uvloop, as the services run: the load generator shares the 2 cores with what it measures.
    figures = uvloop.run(measure(args))
    show(figures)
    write_figures("gateway_overhead", figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
