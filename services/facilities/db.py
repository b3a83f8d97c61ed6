"""Facilities' declarative base and metadata; what several features' models and HTTP models share."""

from pydantic import Field

from shared.messaging_tables import service_base

Base = service_base()
metadata = Base.metadata

# Field shapes several features' requests share: the ids tokens will name (locations, rooms), and a short text.
Identifier = Field(None, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
Text200 = Field(min_length=1, max_length=200)
