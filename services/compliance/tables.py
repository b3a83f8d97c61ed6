"""Every compliance table, imported once: Alembic and the tests see the whole metadata through here."""

from services.compliance.access_reviews import models as access_reviews  # noqa: F401
from services.compliance.alerts import models as alerts  # noqa: F401
from services.compliance.audits import models as audits  # noqa: F401
from services.compliance.db import metadata
from services.compliance.incidents import models as incidents  # noqa: F401
from services.compliance.policies import models as policies  # noqa: F401
from services.compliance.projections import models as projections  # noqa: F401

__all__ = ["metadata"]
