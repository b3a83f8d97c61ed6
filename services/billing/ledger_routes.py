"""What the money side adds to the billing app: its routers and the topics it produces."""

from services.billing import expenses_api, payments_api, reports_api
from shared.contracts.billing import BalanceChanged, PaymentPosted

ROUTERS = [payments_api.router, expenses_api.router, reports_api.router]
PRODUCES = [PaymentPosted.topic(), BalanceChanged.topic()]
