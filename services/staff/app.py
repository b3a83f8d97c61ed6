from fastapi import FastAPI

from services.staff import models
from services.staff.settings import Settings
from shared.runtime import ServiceRuntime
from shared.web import create_service_app

PRODUCES: list[str] = []


def create_app(settings: Settings | None = None) -> FastAPI:
    """The staff service; its domain arrives with its own issue."""
    runtime = ServiceRuntime(settings or Settings(), models.metadata, produces=PRODUCES)
    return create_service_app(runtime, title="clinicops staff", routers=[])
