"""Staff's event handlers: the locations facilities announces."""

from services.staff.projections import service as projections
from shared.consumer import Handler
from shared.contracts import facilities
from shared.runtime import ServiceRuntime


def register(runtime: ServiceRuntime) -> None:
    runtime.consume(
        {
            facilities.LocationOpened.event_type: Handler(facilities.LocationOpened, projections.on_location_opened),
            facilities.LocationUpdated.event_type: Handler(facilities.LocationUpdated, projections.on_location_updated),
        }
    )
