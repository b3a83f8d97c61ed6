"""Scheduling's declarative base: every feature's tables share this metadata, and its migrations."""

from shared.messaging_tables import service_base

Base = service_base()
metadata = Base.metadata
