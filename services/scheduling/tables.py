"""Every feature's tables, imported once here so that Alembic and the tests see the whole metadata."""

# Imported for their tables alone: each feature's models register on the one metadata of db.py.
import services.scheduling.appointment_requests.models  # noqa: F401
import services.scheduling.appointments.models  # noqa: F401
import services.scheduling.patients.models  # noqa: F401
import services.scheduling.projections.models  # noqa: F401
import services.scheduling.series.models  # noqa: F401
import services.scheduling.waitlist.models  # noqa: F401
from services.scheduling.db import metadata

__all__ = ["metadata"]
