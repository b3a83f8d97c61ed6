"""Prints the gateway's combined OpenAPI, built in this process from every service's app (no network, no
database): what the console's typed client (web/src/api/schema.d.ts) is generated from."""

import importlib
import json
import sys
import tempfile
from pathlib import Path

from services.gateway.documents.domain import combine
from services.gateway.settings import PROXIED_SERVICES


def combined_openapi() -> dict:
    """The document GET /api/v1/openapi.json serves when every service answers."""
    with tempfile.TemporaryDirectory() as scratch:
        specs = {}
        for name in PROXIED_SERVICES:
            module = importlib.import_module(f"services.{name}.app")
            settings = importlib.import_module(f"services.{name}.settings").Settings(
                database_url=f"sqlite+aiosqlite:///{scratch}/{name}.db"
            )
            specs[name] = module.create_app(settings).openapi()
        gateway = importlib.import_module("services.gateway.app")
        gateway_settings = importlib.import_module("services.gateway.settings").Settings(
            database_url=f"sqlite+aiosqlite:///{scratch}/gateway.db", signing_key_dir=Path(scratch) / "keys"
        )
        return combine(gateway.create_app(gateway_settings).openapi(), specs)


if __name__ == "__main__":
    json.dump(combined_openapi(), sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
