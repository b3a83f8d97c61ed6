"""The gateway refuses an oversized body with 413 before proxying it; an 835 upload may be larger."""

import asyncio
import json
from urllib.parse import urlsplit

import httpx
import pytest

from tests.support.suite import token

pytestmark = pytest.mark.integration
NOBODY_LISTENS = "http://127.0.0.1:1"  # a request that passes the gateway's checks answers 503
ADMIN = token(roles=["practice_admin"], locations=["*"])


async def test_ten_megabytes_are_refused_unread_and_an_835_of_two_passes_on(make_suite):
    suite = make_suite()
    upstreams = {
        f"GATEWAY_{n}_URL": NOBODY_LISTENS for n in ("SCHEDULING", "STAFF", "BILLING", "COMPLIANCE", "FACILITIES")
    }
    await suite.start("gateway", env=upstreams)
    headers = {"Authorization": f"Bearer {ADMIN}", "content-type": "application/json"}
    async with httpx.AsyncClient(base_url=suite.procs["gateway"].url, timeout=30) as gw:
        # Headers announcing 10 MB and not one byte of body: the answer comes without waiting for it.
        status, body = await _announce_only(suite.procs["gateway"].url, "/api/v1/scheduling/patients", 10_000_000)
        assert status == 413 and json.loads(body)["field"] == "body", body
        passed = await gw.post(
            "/api/v1/billing/remittances",
            content=b"ISA*" + b"0" * 2_000_000,
            headers=headers | {"content-type": "text/plain"},
        )
        assert passed.status_code == 503, passed.text  # past the gateway's limit, on to a stopped billing


async def _announce_only(url: str, path: str, length: int) -> tuple[int, bytes]:
    where = urlsplit(url)
    reader, writer = await asyncio.open_connection(where.hostname, where.port)
    writer.write(
        f"POST {path} HTTP/1.1\r\nHost: {where.netloc}\r\nAuthorization: Bearer {ADMIN}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n".encode()
    )
    await writer.drain()
    try:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=5)
        size = int(
            next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length"))
        )
        return int(head.split(b" ")[1]), await reader.readexactly(size)
    finally:
        writer.close()
