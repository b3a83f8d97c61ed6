"""The console's typed client (web/src/api/schema.d.ts) is generated from the combined OpenAPI as it is now:
a changed route breaks this test and the console's type check, not the user."""

import json
import subprocess
from pathlib import Path

import pytest

from scripts.combined_openapi import combined_openapi

WEB = Path(__file__).resolve().parents[3] / "web"
GENERATOR = WEB / "node_modules" / ".bin" / "openapi-typescript"


@pytest.fixture(scope="module")
def document() -> dict:
    return combined_openapi()


def test_every_reference_of_the_combined_openapi_resolves(document):
    schemas = document["components"]["schemas"]
    assert document["x-unavailable-services"] == []

    def refs(node):
        if isinstance(node, dict):
            for key, value in node.items():
                yield from [value] if key == "$ref" else refs(value)
        elif isinstance(node, list):
            for value in node:
                yield from refs(value)

    dangling = {r for r in refs(document) if r.removeprefix("#/components/schemas/") not in schemas}
    assert not dangling


def test_the_committed_client_schema_is_current(document, tmp_path):
    assert GENERATOR.exists(), "web/node_modules is missing: run `make web-install`"
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(document, indent=1, sort_keys=True))
    generated = tmp_path / "schema.d.ts"
    done = subprocess.run(
        [str(GENERATOR), str(spec), "-o", str(generated)], cwd=WEB, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    committed = (WEB / "src" / "api" / "schema.d.ts").read_text()
    assert generated.read_text() == committed, "web/src/api/schema.d.ts is stale: run `make web-api`"
