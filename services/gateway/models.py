"""Gateway's tables; nothing here is shared with another service."""

from sqlalchemy.orm import DeclarativeBase

from shared.db import new_metadata
from shared.messaging_tables import add_messaging_tables

metadata = new_metadata()
messaging = add_messaging_tables(metadata)


class Base(DeclarativeBase):
    metadata = metadata
