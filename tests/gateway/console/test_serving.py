"""The gateway serves the console's build at /: hashed assets kept a year, index.html revalidated,
client routes answered with index.html, the API's own paths never."""

import gzip

import httpx
import pytest

from services.gateway.app import create_app
from services.gateway.console.domain import cache_control, is_console_path
from services.gateway.settings import Settings

INDEX = "<!doctype html><title>console</title><div id=root></div>"


@pytest.fixture
def dist(tmp_path):
    built = tmp_path / "dist"
    (built / "assets").mkdir(parents=True)
    (built / "index.html").write_text(INDEX)
    (built / "assets" / "index-3f9a1c.js").write_text("console.log(1)")
    (built / "favicon.svg").write_text("<svg/>")
    (tmp_path / "secret.txt").write_text("outside the build")
    return built


def client_for(tmp_path, console_dir) -> httpx.AsyncClient:
    settings = Settings(
        database_url="sqlite+aiosqlite:///:memory:", console_dir=console_dir, signing_key_dir=tmp_path / "keys"
    )
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(settings)), base_url="http://t")


async def test_index_is_revalidated_and_hashed_assets_are_immutable(tmp_path, dist):
    async with client_for(tmp_path, dist) as client:
        root = await client.get("/")
        assert root.status_code == 200
        assert root.text == INDEX
        assert root.headers["cache-control"] == "no-cache"
        assert root.headers["content-type"].startswith("text/html")
        asset = await client.get("/assets/index-3f9a1c.js")
        assert asset.status_code == 200
        assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert "javascript" in asset.headers["content-type"]
        icon = await client.get("/favicon.svg")
        assert icon.status_code == 200 and icon.headers["cache-control"] == "no-cache"


async def test_client_routes_fall_back_to_index(tmp_path, dist):
    async with client_for(tmp_path, dist) as client:
        for route in ("/schedule", "/flow-board", "/patients/123/appointments", "/sign-in"):
            page = await client.get(route)
            assert (page.status_code, page.text) == (200, INDEX), route
            assert page.headers["cache-control"] == "no-cache"


async def test_api_paths_and_missing_files_are_404s_not_the_page(tmp_path, dist):
    async with client_for(tmp_path, dist) as client:
        for path in ("/api/v1/nothing-here", "/auth/x", "/.well-known/nothing", "/assets/gone-123.js", "/x.png"):
            missing = await client.get(path)
            assert missing.status_code == 404, path
            assert missing.json()["error"] == "NotFound", path
        assert (await client.get("/.well-known/jwks.json")).json()["keys"]  # the real routes still answer
        assert "paths" in (await client.get("/api/v1/openapi.json")).json()  # the API's, not the page
        escaped = await client.get("/%2e%2e/secret.txt")
        assert escaped.status_code == 404
        assert "outside the build" not in escaped.text


async def test_an_unbuilt_console_says_how_to_build_it(tmp_path):
    async with client_for(tmp_path, tmp_path / "no-dist") as client:
        page = await client.get("/schedule")
        assert page.status_code == 404
        assert "make web" in page.json()["message"]


def test_cache_policy_and_console_paths():
    assert cache_control("assets/app-1a2b.css") == "public, max-age=31536000, immutable"
    assert cache_control("index.html") == "no-cache"
    assert not is_console_path("api/v1/staff/members")
    assert not is_console_path("docs")
    assert is_console_path("schedule/week")
    assert is_console_path("")


async def test_an_api_path_does_not_offer_the_consoles_get_in_its_allow(dist):
    app = create_app(Settings(database_url="sqlite+aiosqlite:///:memory:", console_dir=dist))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        refused = await client.request("OPTIONS", "/api/v1/auth/sign-in")
    assert refused.status_code == 405 and refused.headers["allow"] == "POST"


async def test_a_browser_that_accepts_gzip_gets_the_builds_compressed_copy(tmp_path, dist):
    script = "console.log('the console');" * 200
    (dist / "assets" / "index-3f9a1c.js").write_text(script)
    (dist / "assets" / "index-3f9a1c.js.gz").write_bytes(gzip.compress(script.encode()))
    async with client_for(tmp_path, dist) as client:
        zipped = await client.get("/assets/index-3f9a1c.js", headers={"Accept-Encoding": "gzip, br"})
        assert zipped.headers["content-encoding"] == "gzip" and zipped.headers["vary"] == "Accept-Encoding"
        assert zipped.headers["content-type"].startswith("text/javascript")
        assert int(zipped.headers["content-length"]) < len(script) and zipped.text == script  # httpx unzips
        plain = await client.get("/assets/index-3f9a1c.js", headers={"Accept-Encoding": "identity"})
        assert "content-encoding" not in plain.headers and plain.text == script
        refused = await client.get("/assets/index-3f9a1c.js", headers={"Accept-Encoding": "gzip;q=0"})
        assert "content-encoding" not in refused.headers
        page = await client.get("/schedule", headers={"Accept-Encoding": "gzip"})  # no index.html.gz: as it is
        assert page.text == INDEX and "content-encoding" not in page.headers
