"""The inbox's event handlers: facilities' locations (for due times) and the rules that raise and resolve tasks."""

from services.inbox.locations import service as locations
from shared.consumer import Handler
from shared.contracts import facilities
from shared.runtime import ServiceRuntime


def register(runtime: ServiceRuntime) -> None:
    runtime.consume(
        {
            facilities.LocationOpened.event_type: Handler(facilities.LocationOpened, locations.on_location_opened),
            facilities.LocationUpdated.event_type: Handler(facilities.LocationUpdated, locations.on_location_updated),
        }
    )
