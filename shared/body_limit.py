"""Request bodies past a size are refused with 413 before they are read (pure ASGI middleware).

A declared Content-Length over the limit is answered at once, unread; a chunked body is
counted as it streams and cut off at the limit. Uploads (an 835 file) get a larger limit.
"""

import re

from fastapi.responses import JSONResponse

from shared.errors import DomainError


class PayloadTooLarge(DomainError):
    status = 413


class _TooLarge(Exception):
    pass


class BodyLimitMiddleware:
    def __init__(self, app, *, limit: int, upload_limit: int, upload_paths: tuple[str, ...] = ()):
        self.app = app
        self.limit, self.upload_limit = limit, upload_limit
        self.uploads = re.compile("|".join(f"(?:{p})" for p in upload_paths)) if upload_paths else None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.upload_limit if self.uploads and self.uploads.fullmatch(scope["path"]) else self.limit
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            return await self._refuse(limit, scope, receive, send)
        received, started = 0, False

        async def counted_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge
            return message

        async def tracked_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except _TooLarge:
            if not started:  # an app that already answered keeps its answer; the rest is dropped
                await self._refuse(limit, scope, receive, send)

    @staticmethod
    async def _refuse(limit: int, scope, receive, send) -> None:
        refused = PayloadTooLarge(f"request body larger than {limit} bytes", field="body", limit_bytes=limit)
        await JSONResponse(refused.to_dict(), status_code=413, headers={"Connection": "close"})(scope, receive, send)
