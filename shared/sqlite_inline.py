"""aiosqlite's connection, each call run at once on the event loop's thread (for SQLAlchemy's aiosqlite dialect).

aiosqlite hands every call (execute, fetch, close of each cursor) to a worker thread and waits
for the answer: about 25 hand-offs for one consumed event, each a GIL switch and a loop wake-up,
3-4 ms of CPU per event where the statements themselves take a fraction of that. A service's
SQLite file is local and has one connection (shared.db), so a statement here costs tens of
microseconds on the loop, less than the hand-off did; the price is that a long query holds
the loop for its duration, as any CPU-bound step would.
"""

import sqlite3
from functools import partial
from pathlib import Path
from typing import Any

import aiosqlite


class _RunAtOnce:
    """Stands in for the worker thread's queue, which SQLAlchemy's dialect also feeds directly."""

    def put_nowait(self, item) -> None:
        future, function = item
        try:
            result = function()
        except BaseException as exc:  # handed to the awaiting caller, as the worker thread would
            if future is not None:
                future.set_exception(exc)
        else:
            if future is not None:
                future.set_result(result)


class InlineConnection(aiosqlite.Connection):
    """aiosqlite's API without its thread: the awaitables complete at once."""

    def __init__(self, connector, iter_chunk_size: int):
        super().__init__(connector, iter_chunk_size)
        self._tx = _RunAtOnce()

    def __await__(self):
        return self._connect().__await__()  # no worker thread to start

    async def _connect(self) -> "InlineConnection":
        if self._connection is None:
            self._connection = self._connector()
        return self

    async def _execute(self, fn, *args, **kwargs):
        if not self._running or self._connection is None:
            raise ValueError("Connection closed")
        return fn(*args, **kwargs)

    def stop(self) -> None:
        self._running = False
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def connect(database: str | Path, **kwargs: Any) -> InlineConnection:
    """What `aiosqlite.connect` returns, inline: pass as connect_args={"async_creator_fn": connect}."""
    return InlineConnection(partial(sqlite3.connect, str(database), **kwargs), iter_chunk_size=64)
