"""Bodies past the limit get a 413 naming the body before the route reads them; uploads take the larger limit."""

import httpx
from fastapi import FastAPI, Request

from shared.body_limit import BodyLimitMiddleware

read: list[int] = []


def _app() -> FastAPI:
    app = FastAPI()

    @app.post("/notes")
    @app.post("/remittances")
    async def take(request: Request) -> dict:
        body = await request.body()
        read.append(len(body))
        return {"bytes": len(body)}

    app.add_middleware(BodyLimitMiddleware, limit=1000, upload_limit=5000, upload_paths=("/remittances",))
    return app


async def _post(path: str, content, headers: dict | None = None) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=_app()), base_url="http://t") as client:
        return await client.post(path, content=content, headers=headers)


async def test_a_declared_length_over_the_limit_is_refused_unread():
    read.clear()
    refused = await _post("/notes", b"x" * 1001)
    assert refused.status_code == 413
    assert refused.json() == {
        "error": "PayloadTooLarge",
        "message": "request body larger than 1000 bytes",
        "field": "body",
        "limit_bytes": 1000,
    }
    assert read == []
    assert (await _post("/notes", b"x" * 1000)).json() == {"bytes": 1000}


async def test_a_chunked_body_is_cut_off_at_the_limit():
    async def chunks():
        for _ in range(20):
            yield b"y" * 100

    assert (await _post("/notes", chunks())).status_code == 413


async def test_an_upload_path_takes_the_larger_limit():
    assert (await _post("/remittances", b"z" * 4000)).json() == {"bytes": 4000}
    assert (await _post("/remittances", b"z" * 5001)).status_code == 413
    assert (await _post("/notes", b"z" * 4000)).status_code == 413


async def test_a_malformed_content_length_is_refused():
    assert (await _post("/notes", b"abc", headers={"content-length": "abc"})).status_code == 413
