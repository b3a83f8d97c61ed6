from fastapi import FastAPI

from services.facilities import equipment_api, locations_api, maintenance, models, supplies_api
from services.facilities.settings import Settings
from shared.contracts.facilities import LocationOpened, MaintenanceOverdue, PurchaseOrderReceived, RoomCreated
from shared.runtime import ServiceRuntime
from shared.web import create_service_app

PRODUCES = [LocationOpened.topic(), RoomCreated.topic(), MaintenanceOverdue.topic(), PurchaseOrderReceived.topic()]


def create_app(settings: Settings | None = None) -> FastAPI:
    """The facilities service: locations, rooms, equipment, maintenance, work orders, supplies."""
    settings = settings or Settings()
    runtime = ServiceRuntime(settings, models.metadata, produces=PRODUCES)
    runtime.every(settings.maintenance_check_interval_s, lambda: maintenance.run_everywhere(uow_factory=runtime.uow),
                  name="maintenance.run_everywhere")
    return create_service_app(runtime, title="clinicops facilities",
                              routers=[locations_api.router, equipment_api.router, supplies_api.router])
