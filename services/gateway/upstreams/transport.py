"""A lean HTTP/1.1 keep-alive transport for httpx, for the services on the gateway's own network.

httpcore's pool re-examines every pooled connection and every waiting request whenever one is taken or
given back, and wraps each step in anyio: under 64 bookings in flight it cost the gateway more CPU than
the rest of the proxy (bench.booking_throughput). Here a connection is a pair of asyncio streams, taken
from a stack of idle ones and given back once its answer was read whole. Failures are httpx's own
exceptions, so the client above retries exactly as before: a connection refused is a ConnectError, a
pooled connection the service had closed a RemoteProtocolError or ReadError before any byte of an answer.
"""

import asyncio
from collections.abc import AsyncIterator

import httpx

CHUNK = 64 * 1024


class _Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.reader, self.writer = reader, writer

    def usable(self) -> bool:
        return not self.writer.is_closing() and not self.reader.at_eof()

    def close(self) -> None:
        self.writer.close()


class _Body(httpx.AsyncByteStream):
    """The answer's body as it arrives; the connection goes back to the pool once it was read to its end."""

    def __init__(self, transport: "LeanTransport", key, connection: _Connection, length: int | None, chunked: bool):
        self.transport, self.key, self.connection = transport, key, connection
        self.length, self.chunked, self.done = length, chunked, False
        self.reusable = True

    async def __aiter__(self) -> AsyncIterator[bytes]:
        read = self.transport.read_timeout
        try:
            if self.chunked:
                async for part in self._chunks(read):
                    yield part
            elif self.length is not None:
                left = self.length
                while left:
                    part = await _timed(self.connection.reader.read(min(left, CHUNK)), read)
                    if not part:
                        raise httpx.RemoteProtocolError("the service closed the connection mid-answer")
                    left -= len(part)
                    yield part
            else:  # neither: the body runs to the connection's end
                self.reusable = False
                while part := await _timed(self.connection.reader.read(CHUNK), read):
                    yield part
            self.done = True
        except (OSError, asyncio.IncompleteReadError) as exc:
            raise httpx.ReadError(str(exc) or type(exc).__name__) from exc

    async def _chunks(self, read: float) -> AsyncIterator[bytes]:
        reader = self.connection.reader
        while True:
            size = int((await _timed(reader.readuntil(b"\r\n"), read)).split(b";")[0], 16)
            if size == 0:
                while (await _timed(reader.readuntil(b"\r\n"), read)) != b"\r\n":
                    pass  # trailers
                return
            part = await _timed(reader.readexactly(size + 2), read)
            yield part[:-2]

    async def aclose(self) -> None:
        if self.done and self.reusable:
            self.transport.give_back(self.key, self.connection)
        else:
            self.connection.close()
        self.transport.slots.release()


class LeanTransport(httpx.AsyncBaseTransport):
    """HTTP/1.1 only, no TLS, no proxies: the gateway's hop to its services."""

    def __init__(self, *, connect_timeout: float, read_timeout: float, max_connections: int, keep_alive: bool = True):
        self.connect_timeout, self.read_timeout = connect_timeout, read_timeout
        self.keep_alive = keep_alive
        self.slots = asyncio.Semaphore(max_connections)
        self.idle: dict[tuple[str, int], list[_Connection]] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        if url.scheme != "http":
            raise httpx.UnsupportedProtocol(f"the lean transport speaks plain HTTP only, not {url.scheme}")
        key = (url.host, url.port or 80)
        try:
            await asyncio.wait_for(self.slots.acquire(), self.read_timeout)
        except TimeoutError as exc:
            raise httpx.PoolTimeout("no connection to the service came free in time") from exc
        try:
            connection = await self._connection(key)
            return await self._exchange(request, key, connection)
        except BaseException:
            self.slots.release()
            raise

    async def _connection(self, key: tuple[str, int]) -> _Connection:
        pooled = self.idle.get(key)
        while pooled:
            connection = pooled.pop()
            if connection.usable():
                return connection
            connection.close()
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(*key, limit=CHUNK), self.connect_timeout)
        except TimeoutError as exc:
            raise httpx.ConnectTimeout(f"connecting to {key[0]}:{key[1]} timed out") from exc
        except OSError as exc:
            raise httpx.ConnectError(str(exc)) from exc
        return _Connection(reader, writer)

    async def _exchange(self, request: httpx.Request, key, connection: _Connection) -> httpx.Response:
        body = await request.aread()
        target = request.url.raw_path
        head = [request.method.encode() + b" " + target + b" HTTP/1.1\r\n"]
        head += [name + b": " + value + b"\r\n" for name, value in request.headers.raw]
        try:
            connection.writer.write(b"".join(head) + b"\r\n" + body)
            await connection.writer.drain()
        except OSError as exc:
            connection.close()
            raise httpx.WriteError(str(exc) or type(exc).__name__) from exc
        try:
            status, reason, headers = await _timed(self._head(connection.reader), self.read_timeout)
            while 100 <= status < 200 and status != 101:  # e.g. 100 Continue: the final answer follows
                status, reason, headers = await _timed(self._head(connection.reader), self.read_timeout)
        except BaseException as exc:
            connection.close()
            if isinstance(exc, asyncio.IncompleteReadError):
                raise httpx.RemoteProtocolError("the service closed the connection without answering") from exc
            if isinstance(exc, asyncio.LimitOverrunError | ValueError):
                raise httpx.RemoteProtocolError("the service's answer head could not be read") from exc
            if isinstance(exc, OSError):
                raise httpx.ReadError(str(exc) or type(exc).__name__) from exc
            raise
        fields = {name.lower(): value for name, value in headers}
        chunked = b"chunked" in fields.get(b"transfer-encoding", b"").lower()
        length = None if chunked or b"content-length" not in fields else int(fields[b"content-length"])
        if request.method == "HEAD" or status in (204, 304) or 100 <= status < 200:
            length, chunked = 0, False
        stream = _Body(self, key, connection, length, chunked)
        stream.reusable = self.keep_alive and fields.get(b"connection", b"").lower() != b"close"
        return httpx.Response(
            status, headers=headers, stream=stream, extensions={"http_version": b"HTTP/1.1", "reason_phrase": reason}
        )

    @staticmethod
    async def _head(reader: asyncio.StreamReader) -> tuple[int, bytes, list[tuple[bytes, bytes]]]:
        lines = (await reader.readuntil(b"\r\n\r\n")).split(b"\r\n")
        version, status, *reason = lines[0].split(b" ", 2)
        if not version.startswith(b"HTTP/1."):
            raise httpx.RemoteProtocolError(f"not an HTTP/1.x answer: {lines[0][:40]!r}")
        headers = []
        for line in lines[1:]:
            if line:
                name, _, value = line.partition(b":")
                headers.append((name.strip(), value.strip()))
        return int(status), reason[0] if reason else b"", headers

    def give_back(self, key, connection: _Connection) -> None:
        if connection.usable():
            self.idle.setdefault(key, []).append(connection)
        else:
            connection.close()

    async def aclose(self) -> None:
        for pooled in self.idle.values():
            for connection in pooled:
                connection.close()
        self.idle.clear()


async def _timed(awaitable, seconds: float):
    try:
        async with asyncio.timeout(seconds):
            return await awaitable
    except TimeoutError as exc:
        raise httpx.ReadTimeout("the service did not answer in time") from exc
