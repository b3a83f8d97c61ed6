"""The FastAPI shell every service shares: health, correlation ids, error bodies."""

import asyncio
import gc
import logging
import time
import uuid
from collections.abc import Callable
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from shared.body_limit import BodyLimitMiddleware
from shared.documented_errors import document_errors
from shared.errors import DomainError
from shared.logs import correlation_id
from shared.runtime import ServiceRuntime
from shared.text_guard import ControlCharacterMiddleware
from shared.uow import UnitOfWork

log = logging.getLogger("clinicops.http")
# Under the probes' own timeouts (the supervisor waits 2 s, compose's healthcheck 4 s): a database that
# accepts connections but never answers is reported down instead of hanging the probe for asyncpg's 60 s.
READY_CHECK_TIMEOUT_S = 1.8


def create_service_app(
    runtime: ServiceRuntime,
    *,
    title: str,
    routers: list[APIRouter],
    upload_paths: tuple[str, ...] = (),
    more_errors: dict[int, str] | None = None,
) -> FastAPI:
    """A service's HTTP app; its lifespan runs the runtime (broker, relay, consumers).

    `upload_paths` (regular expressions of paths) take bodies up to the larger upload limit;
    `more_errors` are statuses beyond the kernel's that every guarded route may answer (the gateway's 429).
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        async with runtime.running():
            # What start-up made (modules, routes, the metadata, pools) lives as long as the process: frozen out of
            # the collector's sight, a full collection walks only what requests made, and the slowest requests
            # stop paying for it (bench.slot_search: p99 from about 125 ms to 60-75 ms, p50 unchanged).
            gc.freeze()
            yield

    app = FastAPI(title=title, version="1.0", lifespan=lifespan)
    app.state.runtime = runtime
    app.add_middleware(CorrelationMiddleware)
    app.add_middleware(ControlCharacterMiddleware)  # inside the body limit: it reads bodies already bounded
    settings = runtime.settings
    app.add_middleware(
        BodyLimitMiddleware,
        limit=settings.max_body_bytes,
        upload_limit=settings.max_upload_bytes,
        upload_paths=upload_paths,
    )
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.include_router(_health_router(runtime))
    for router in routers:
        app.include_router(router)
    document_errors(app, extra=more_errors)
    return app


def _health_router(runtime: ServiceRuntime) -> APIRouter:
    router = APIRouter(prefix="/health", tags=["health"])

    @router.get("/live")
    async def live() -> dict:
        """The process answers."""
        return {"status": "live"}

    @router.get("/ready")
    async def ready() -> JSONResponse:
        """Ready when both the database and the Kafka broker answer; otherwise 503 naming what is down."""
        database, broker = await asyncio.gather(_answers(runtime.database_ready()), _answers(runtime.broker_ready()))
        checks = {"database": database, "broker": broker}
        if down := [name for name, ok in checks.items() if not ok]:
            return JSONResponse({"status": "unready", "checks": checks, "down": down}, 503)
        return JSONResponse({"status": "ready", "checks": checks}, 200)

    return router


async def _answers(check) -> bool:
    try:
        return bool(await asyncio.wait_for(check, timeout=READY_CHECK_TIMEOUT_S))
    except TimeoutError:
        return False


class CorrelationMiddleware:
    """Pure ASGI (BaseHTTPMiddleware costs a task per request): sets and echoes the correlation id."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope["headers"])
        cid = (headers.get(b"x-correlation-id") or headers.get(b"x-request-id") or b"").decode() or str(uuid.uuid4())
        token = correlation_id.set(cid)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-correlation-id", cid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            correlation_id.reset(token)
            if not scope["path"].startswith("/health"):
                log.info(
                    "request",
                    extra={
                        "method": scope["method"],
                        "path": scope["path"],
                        "status": status,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                        "correlation_id": cid,
                    },
                )


async def _domain_error(_request: Request, exc: DomainError) -> JSONResponse:
    return JSONResponse(exc.to_dict(), status_code=exc.status)


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    """Framework refusals in the house error body; a body that cannot be read as text is a 422 naming it."""
    if exc.status_code == 400:  # FastAPI's "There was an error parsing the body": not UTF-8, so not JSON either
        errors = [{"field": "body", "reason": "the body is not valid JSON text (UTF-8)"}]
        return JSONResponse({"error": "ValidationError", "errors": errors}, status_code=422)
    headers = getattr(exc, "headers", None)
    if exc.status_code == 405:
        headers = {**(headers or {}), "Allow": ", ".join(sorted(_methods_at(request)))}
    body = {"error": _HTTP_ERRORS.get(exc.status_code, "HTTPError"), "message": str(exc.detail)}
    return JSONResponse(body, status_code=exc.status_code, headers=headers)


def _methods_at(request: Request) -> set[str]:
    # Starlette's Allow names the methods of the first route that matched the path; FastAPI makes a route
    # per method, so the others at the same path are missing. Ask the router about each method instead.
    routes = request.app.router.routes
    return {
        method
        for method in _METHODS
        if any(route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes)
    }


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")

_HTTP_ERRORS = {404: "NotFound", 405: "MethodNotAllowed", 401: "Unauthorized", 403: "Forbidden"}


async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
    """422 naming each offending field by its path, e.g. `body.service_lines.0.cpt`."""
    errors = [{"field": ".".join(str(p) for p in err["loc"]), "reason": err["msg"]} for err in exc.errors()]
    return JSONResponse({"error": "ValidationError", "errors": errors}, status_code=422)


async def _unit_of_work(request: Request) -> UnitOfWork:
    # async: FastAPI runs a plain def dependency in a worker thread, a hop per request.
    return request.app.state.runtime.uow()


UowDep = Annotated[UnitOfWork, Depends(_unit_of_work)]


async def _unit_of_work_factory(request: Request) -> Callable[[], UnitOfWork]:
    return request.app.state.runtime.uow


# Paging deeper than this is never a person reading pages; it also keeps OFFSET inside the database's integers.
MAX_OFFSET = 1_000_000

# Fresh units of work on demand: a refusal is audited in its own transaction (shared.audit.audit_denials).
NewUowDep = Annotated[Callable[[], UnitOfWork], Depends(_unit_of_work_factory)]
