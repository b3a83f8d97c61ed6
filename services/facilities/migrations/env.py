"""Alembic environment of the facilities service."""

from services.facilities.tables import metadata
from shared.migrations import run_env

run_env(metadata)
