"""Run one service: JSON logs, migrations, then uvicorn."""

from collections.abc import Callable
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from shared.logs import configure_logging
from shared.migrations import upgrade
from shared.settings import ServiceSettings


def serve(create_app: Callable[[ServiceSettings], FastAPI], settings: ServiceSettings, migrations_dir: Path) -> None:
    """`python -m services.<name>`: migrate to head, then serve on the configured port."""
    configure_logging(settings.service_name, settings.log_level)
    upgrade(migrations_dir, settings.db_url)
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_config=None,
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=10,
    )
