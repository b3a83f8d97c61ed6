"""The gateway's declarative base: every feature's tables join this one metadata (tables.py gathers them)."""

from shared.messaging_tables import service_base

Base = service_base()
metadata = Base.metadata
