"""The declarative base of compliance's tables; nothing here is shared with another service."""

from shared.messaging_tables import service_base

Base = service_base()
metadata = Base.metadata
