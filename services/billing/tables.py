"""Every feature's tables on billing's one metadata, imported once: what Alembic migrates and tests create."""

from services.billing.charges import models as charges  # noqa: F401
from services.billing.claims import models as claims  # noqa: F401
from services.billing.db import metadata
from services.billing.expenses import models as expenses  # noqa: F401
from services.billing.ledger import models as ledger  # noqa: F401
from services.billing.projections import models as projections  # noqa: F401
from services.billing.reference import models as reference  # noqa: F401
from services.billing.remittances import models as remittances  # noqa: F401

__all__ = ["metadata"]
