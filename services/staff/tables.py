"""Every feature's tables on one metadata, for Alembic, the runtime and tests; staff's tables are its own."""

from services.staff.checks import models as checks  # noqa: F401
from services.staff.credentials import models as credentials  # noqa: F401
from services.staff.db import metadata
from services.staff.members import models as members  # noqa: F401
from services.staff.projections import models as projections  # noqa: F401
from services.staff.rosters import models as rosters  # noqa: F401
from services.staff.trainings import models as trainings  # noqa: F401

__all__ = ["metadata"]
