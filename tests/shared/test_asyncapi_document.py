"""The committed AsyncAPI document is the one the contracts produce (`make asyncapi` refreshes it)."""

import json
from pathlib import Path

from shared.asyncapi import build_asyncapi
from shared.contracts import EVENT_TYPES

DOCUMENT = Path(__file__).parents[2] / "deploy" / "asyncapi" / "asyncapi.json"


def test_committed_asyncapi_matches_the_contracts():
    generated = build_asyncapi(bootstrap_servers="localhost:9092")
    assert json.loads(DOCUMENT.read_text()) == json.loads(json.dumps(generated)), "run `make asyncapi`"
    assert set(generated["components"]["messages"]) == set(EVENT_TYPES)
