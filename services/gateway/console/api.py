"""GET /{path}: the console's files, and its index.html for the client's routes (/schedule, /flow ...).

The build leaves a gzip copy beside each text file (web/scripts/compress.mjs): a browser that accepts gzip gets it.
"""

import mimetypes
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse
from starlette.convertors import PathConvertor, register_url_convertor

from services.gateway.console.domain import INDEX, accepts_gzip, cache_control, is_console_path, is_file_like
from shared.errors import NotFound

router = APIRouter(include_in_schema=False)


def _served_file(dist: Path, path: str) -> Path | None:
    """The file under `dist` for `path`, or None; nothing outside `dist` (no ../ escapes)."""
    root = dist.resolve()
    candidate = (root / path).resolve()
    if candidate != root and root not in candidate.parents:
        return None
    return candidate if candidate.is_file() else None


class _ConsolePath(PathConvertor):
    # The API's own prefixes never reach this route, so a POST-only API path still answers 405 with
    # `Allow: POST` (the router asks every route which methods match), not `GET, POST`.
    regex = r"(?!(?:api|auth|\.well-known|health)(?:/|$)|docs|redoc|openapi\.json).*"


register_url_convertor("console_path", _ConsolePath())


# Registered last: every API route, the proxy's included, is matched before this one.
@router.get("/{path:console_path}")
async def console(path: str, request: Request) -> FileResponse:
    """A built file with its cache policy; the app's page for any other path that is not the API's."""
    dist: Path = request.app.state.console_dir
    if not is_console_path(path):
        raise NotFound(f"no route {request.url.path}")
    found = _served_file(dist, path) if path else None
    if found is None and is_file_like(path):
        raise NotFound(f"no file {request.url.path}")
    if found is None:
        found = dist / INDEX
        if not found.is_file():
            raise NotFound(f"the console is not built: run `make web` (no {found})")
        path = INDEX
    headers = {"Cache-Control": cache_control(path), "Vary": "Accept-Encoding"}
    compressed = found.with_name(found.name + ".gz")
    if accepts_gzip(request.headers.get("accept-encoding", "")) and compressed.is_file():
        media_type = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        return FileResponse(compressed, media_type=media_type, headers=headers | {"Content-Encoding": "gzip"})
    return FileResponse(found, headers=headers)
