"""Text with control characters is refused with 422 naming the field, before any route sees it.

A NUL or an escape sequence in a name is never data a practice means to keep: it breaks
PostgreSQL (NUL), terminals and CSV exports, and hides text from search. Tab, newline and
carriage return stay allowed (notes, addresses). Applies to every JSON body and query string.
"""

import json
import re
from urllib.parse import parse_qsl

from fastapi.responses import JSONResponse

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def control_character_fields(value, path: str) -> list[str]:
    """The dotted paths (`body.contacts.0.name`) of every string, or key, holding a control character."""
    if isinstance(value, str):
        return [path] if CONTROL.search(value) else []
    if isinstance(value, dict):
        found = [f"{path}.{key}" for key in value if CONTROL.search(key)]
        return found + [f for key, item in value.items() for f in control_character_fields(item, f"{path}.{key}")]
    if isinstance(value, list):
        return [f for index, item in enumerate(value) for f in control_character_fields(item, f"{path}.{index}")]
    return []


def _may_hold_control(body: bytes) -> bool:
    # JSON text carries a control character only escaped (\u0000-\u001f) or as a raw DEL; a raw one below
    # 0x20 is not JSON at all. Most bodies have neither, and skip the parse the route makes anyway.
    return b"\\u00" in body or b"\x7f" in body


def _refusal(fields: list[str]) -> JSONResponse:
    errors = [{"field": field, "reason": "control characters are not allowed in text"} for field in fields]
    return JSONResponse({"error": "ValidationError", "errors": errors}, status_code=422)


class ControlCharacterMiddleware:
    """Pure ASGI; reads a JSON body once (the body limit has bounded it) and hands it on unchanged."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        if fields := [f"query.{name}" for name, value in query if CONTROL.search(name) or CONTROL.search(value)]:
            return await _refusal(fields)(scope, receive, send)
        content_type = dict(scope["headers"]).get(b"content-type", b"")
        if not content_type.startswith(b"application/json"):
            return await self.app(scope, receive, send)
        chunks, more = [], True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return await self.app(scope, _replay([message]), send)
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        try:
            fields = control_character_fields(json.loads(body), "body") if _may_hold_control(body) else []
        except ValueError:
            fields = []  # not JSON: the route's own validation names the problem
        if fields:
            return await _refusal(fields)(scope, receive, send)
        await self.app(scope, _replay([{"type": "http.request", "body": body, "more_body": False}], receive), send)


def _replay(messages: list[dict], then=None):
    async def receive():
        if messages:
            return messages.pop(0)
        if then is not None:
            return await then()  # after the body: a disconnect, when the client goes
        return {"type": "http.disconnect"}

    return receive
