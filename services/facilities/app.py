from fastapi import FastAPI

from services.facilities.equipment import api as equipment_api
from services.facilities.locations import api as locations_api
from services.facilities.maintenance import api as maintenance_api
from services.facilities.maintenance import service as maintenance
from services.facilities.rooms import api as rooms_api
from services.facilities.settings import Settings
from services.facilities.supplies import api as supplies_api
from services.facilities.tables import metadata
from services.facilities.work_orders import api as work_orders_api
from shared.contracts.facilities import (
    CriticalWorkOrderOpened,
    LocationOpened,
    MaintenanceOverdue,
    PurchaseOrderReceived,
    RoomCreated,
    StockReorderPointReached,
)
from shared.runtime import ServiceRuntime
from shared.web import create_service_app

PRODUCES = [
    LocationOpened.topic(),
    RoomCreated.topic(),
    MaintenanceOverdue.topic(),
    PurchaseOrderReceived.topic(),
    StockReorderPointReached.topic(),
    CriticalWorkOrderOpened.topic(),
]


def create_app(settings: Settings | None = None) -> FastAPI:
    """The facilities service: locations, rooms, equipment, maintenance, work orders, supplies."""
    settings = settings or Settings()
    runtime = ServiceRuntime(settings, metadata, produces=PRODUCES)
    runtime.every(
        settings.maintenance_check_interval_s,
        lambda: maintenance.run_everywhere(uow_factory=runtime.uow),
        name="maintenance.run_everywhere",
    )
    return create_service_app(
        runtime,
        title="clinicops facilities",
        routers=[
            locations_api.router,
            rooms_api.router,
            equipment_api.router,
            maintenance_api.router,
            work_orders_api.router,
            supplies_api.router,
        ],
    )
