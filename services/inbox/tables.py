"""Every feature's tables on one metadata, for Alembic, the runtime and tests; the inbox's tables are its own."""

from services.inbox.db import metadata
from services.inbox.due_rules import models as due_rules  # noqa: F401
from services.inbox.intake import models as intake  # noqa: F401
from services.inbox.invoices import models as invoices  # noqa: F401
from services.inbox.linking import models as linking  # noqa: F401
from services.inbox.locations import models as locations  # noqa: F401
from services.inbox.messages import models as messages  # noqa: F401
from services.inbox.purchasing import models as purchasing  # noqa: F401
from services.inbox.replies import models as replies  # noqa: F401
from services.inbox.staff_members import models as staff_members  # noqa: F401
from services.inbox.tasks import models as tasks  # noqa: F401
from services.inbox.triage import models as triage  # noqa: F401

__all__ = ["metadata"]
