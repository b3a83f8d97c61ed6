"""Alembic environment of the inbox service."""

from services.inbox.tables import metadata
from shared.migrations import run_env

run_env(metadata)
