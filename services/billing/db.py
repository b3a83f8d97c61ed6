"""Billing's declarative base and metadata, and the money constants its features share."""

from decimal import Decimal

from shared.messaging_tables import service_base

Base = service_base()
metadata = Base.metadata

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
