"""The console's first load: what a browser transfers (gzip) for the sign-in screen, beside the 300 KB target.

`python -m bench.console_load` (after `make web`): the gateway app in-process serves web/dist; the bench asks for
index.html and every script, module preload and stylesheet it names, as a browser that accepts gzip would, and
sums the bytes on the wire. Prints the files and writes var/bench/console_load.json. Exits 0 whenever it ran.
"""

import asyncio
import json
import re
import sys
import tempfile
from pathlib import Path

import httpx

from clinicops.infra import DEFAULT_VAR_DIR, REPO_ROOT
from services.gateway.app import create_app
from services.gateway.settings import Settings

DIST = REPO_ROOT / "web" / "dist"
OUT = DEFAULT_VAR_DIR / "bench" / "console_load.json"
TARGET_KB = 300  # issue 16: the first screen's JavaScript, gzip
FIRST_LOAD = re.compile(r'<(?:script[^>]+src|link[^>]+href)="(/assets/[^"]+)"')


async def first_load() -> list[tuple[str, int, int]]:
    """(path, bytes on the wire with gzip, bytes unpacked) for index.html and what it loads before any screen."""
    with tempfile.TemporaryDirectory() as keys:
        settings = Settings(database_url="sqlite+aiosqlite:///:memory:", console_dir=DIST, signing_key_dir=Path(keys))
        transport = httpx.ASGITransport(app=create_app(settings))
        async with httpx.AsyncClient(
            transport=transport, base_url="http://console", headers={"Accept-Encoding": "gzip"}
        ) as client:
            rows = []
            index = await client.get("/")
            rows.append(("/", len(await _wire(client, "/")), len(index.content)))
            for path in dict.fromkeys(FIRST_LOAD.findall(index.text)):
                body = await client.get(path)
                assert body.status_code == 200, path
                rows.append((path, len(await _wire(client, path)), len(body.content)))
            return rows


async def _wire(client: httpx.AsyncClient, path: str) -> bytes:
    async with client.stream("GET", path) as response:
        return b"".join([chunk async for chunk in response.aiter_raw()])


def main() -> int:
    if not (DIST / "index.html").exists():
        print("the console is not built: run `make web`", file=sys.stderr)
        return 1
    rows = asyncio.run(first_load())
    scripts = sum(wire for path, wire, _ in rows if path.endswith(".js"))
    total = sum(wire for _, wire, _ in rows)
    print("\nconsole first load (the sign-in screen), gzip as served by the gateway")
    print(f"{'file':48}{'wire KB':>10}{'unpacked KB':>13}")
    for path, wire, unpacked in rows:
        print(f"{path:48}{wire / 1024:10.1f}{unpacked / 1024:13.1f}")
    print(f"JavaScript {scripts / 1024:.1f} KB (target <= {TARGET_KB} KB); everything {total / 1024:.1f} KB")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps({"files": rows, "javascript_bytes": scripts, "total_bytes": total, "target_kb": TARGET_KB})
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
