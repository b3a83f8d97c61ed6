"""Every table of the gateway in one metadata, for Alembic, the runtime and the tests."""

# Loading a feature's models registers its tables on the one metadata of db.py.
import services.gateway.sessions.models  # noqa: F401
import services.gateway.users.models  # noqa: F401
from services.gateway.db import metadata

__all__ = ["metadata"]
