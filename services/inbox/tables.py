"""Every feature's tables on one metadata, for Alembic, the runtime and tests; the inbox's tables are its own."""

from services.inbox.db import metadata
from services.inbox.locations import models as locations  # noqa: F401
from services.inbox.tasks import models as tasks  # noqa: F401

__all__ = ["metadata"]
