"""A service that keeps no promise about keep-alive: each connection answers once, then is closed under the client.

Per connection, after its one answer, the server picks (from a seeded random) one way to break it:
- "drop": read the next request and close without a word (the client sees RemoteProtocolError),
- "reset": read the next request and reset the connection (ReadError),
- "close": close right after the answer, as a service restarting or timing out idle connections does.
The answer never says `Connection: close`, so the client keeps the connection in its pool.
"""

import asyncio
import json
import random
import socket
import struct
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

WAYS = ("drop", "reset", "close")


@dataclass
class ClosingUpstream:
    ways: tuple[str, ...] = WAYS
    seed: int = 12
    answered: list[str] = field(default_factory=list)  # "METHOD /path?query" of each request answered
    dropped: list[str] = field(default_factory=list)  # requests read on a broken connection, never answered
    url: str = ""

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        way = self._random.choice(self.ways)
        try:
            target = await _read_request(reader)
            if target is None:
                return
            self.answered.append(target)
            body = json.dumps({"served": target}).encode()
            writer.write(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n%s" % (len(body), body)
            )
            await writer.drain()
            if way != "close" and (target := await _read_request(reader)) is not None:
                self.dropped.append(target)
                if way == "reset":  # SO_LINGER 0: close() sends RST instead of FIN
                    writer.get_extra_info("socket").setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                    )
        except ConnectionError:
            pass
        finally:
            writer.close()

    @asynccontextmanager
    async def running(self):
        self._random = random.Random(self.seed)
        server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
        try:
            yield self
        finally:
            server.close()
            await server.wait_closed()


async def _read_request(reader: asyncio.StreamReader) -> str | None:
    """The request's "METHOD target", its body read and discarded; None when the client hung up."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError):
        return None
    lines = head.decode("latin-1").split("\r\n")
    length = next(
        (int(v) for k, _, v in (line.partition(":") for line in lines[1:]) if k.strip().lower() == "content-length"), 0
    )
    if length:
        await reader.readexactly(length)
    method, target, _ = lines[0].split(" ", 2)
    return f"{method} {target}"
