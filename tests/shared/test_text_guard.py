"""Control characters in any JSON string or query value: 422 naming each field; clean text passes unchanged."""

import httpx
from fastapi import FastAPI, Request

from shared.text_guard import ControlCharacterMiddleware

seen: list[bytes] = []


def _app() -> FastAPI:
    app = FastAPI()

    @app.post("/patients")
    @app.get("/patients")
    async def take(request: Request) -> dict:
        seen.append(await request.body())
        return {"ok": True}

    app.add_middleware(ControlCharacterMiddleware)
    return app


async def _call(method: str, path: str, **kwargs) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=_app()), base_url="http://t") as client:
        return await client.request(method, path, **kwargs)


def _fields(response: httpx.Response) -> list[str]:
    assert response.status_code == 422, response.text
    return [e["field"] for e in response.json()["errors"]]


async def test_a_nul_in_a_name_and_an_escape_in_a_nested_list_are_named():
    seen.clear()
    body = {"family_name": "Ri\u0000vera", "contacts": [{"name": "ok"}, {"name": "\u001b[31mred"}], "age": 3}
    assert _fields(await _call("POST", "/patients", json=body)) == ["body.family_name", "body.contacts.1.name"]
    assert seen == []  # the route never saw it


async def test_query_values_are_checked_and_tab_newline_carriage_return_are_text():
    assert _fields(await _call("GET", "/patients", params={"name": "Lee\u0007"})) == ["query.name"]
    note = {"note": "line one\r\nline two\tend", "name": "Zoë Ñúñez"}
    assert (await _call("POST", "/patients", json=note)).json() == {"ok": True}
    assert seen[-1] == httpx.Request("POST", "http://t", json=note).read()  # handed on byte for byte
    assert (await _call("GET", "/patients", params={"name": "O'Brien"})).status_code == 200


async def test_a_body_that_is_not_json_is_left_to_the_route():
    response = await _call("POST", "/patients", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 200 and seen[-1] == b"{not json"


async def test_an_uppercase_escape_and_a_raw_delete_are_caught_without_the_fast_path_missing_them():
    json_type = {"content-type": "application/json"}
    upper = await _call("POST", "/patients", content=b'{"name": "a\\u001Bb"}', headers=json_type)
    raw_delete = await _call("POST", "/patients", content=b'{"name": "a\x7fb"}', headers=json_type)
    assert _fields(upper) == ["body.name"] and _fields(raw_delete) == ["body.name"]
