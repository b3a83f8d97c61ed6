"""Staff's declarative base and metadata; what several features' models and HTTP models share."""

from pydantic import Field

from shared.messaging_tables import service_base

Base = service_base()
metadata = Base.metadata

# The ids the API takes (staff, locations): every feature's requests bound them alike.
Id = Field(min_length=1, max_length=64)
