"""Every feature's tables on one metadata, for Alembic, the runtime and tests; facilities' tables are its own."""

from services.facilities.db import metadata
from services.facilities.equipment import models as equipment  # noqa: F401
from services.facilities.locations import models as locations  # noqa: F401
from services.facilities.maintenance import models as maintenance  # noqa: F401
from services.facilities.rooms import models as rooms  # noqa: F401
from services.facilities.supplies import models as supplies  # noqa: F401
from services.facilities.work_orders import models as work_orders  # noqa: F401

__all__ = ["metadata"]
