from fastapi import FastAPI

from services.inbox import consumers
from services.inbox.settings import Settings
from services.inbox.tables import metadata
from services.inbox.tasks import api as tasks_api
from shared.contracts.audit import audit_event_type
from shared.contracts.inbox import TaskCreated
from shared.runtime import ServiceRuntime
from shared.web import create_service_app

PRODUCES = [TaskCreated.topic(), audit_event_type("inbox").rsplit(".", 1)[0]]


def create_app(settings: Settings | None = None) -> FastAPI:
    """The inbox service: tasks for roles at locations, raised by people and by other services' events."""
    settings = settings or Settings()
    runtime = ServiceRuntime(settings, metadata, produces=PRODUCES)
    consumers.register(runtime)
    return create_service_app(runtime, title="clinicops inbox", routers=[tasks_api.router])
