from fastapi import FastAPI

from services.compliance import models
from services.compliance.settings import Settings
from shared.runtime import ServiceRuntime
from shared.web import create_service_app

PRODUCES: list[str] = []


def create_app(settings: Settings | None = None) -> FastAPI:
    """The compliance service; its domain arrives with its own issue."""
    runtime = ServiceRuntime(settings or Settings(), models.metadata, produces=PRODUCES)
    return create_service_app(runtime, title="clinicops compliance", routers=[])
