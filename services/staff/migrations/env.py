"""Alembic environment of the staff service."""

from services.staff.tables import metadata
from shared.migrations import run_env

run_env(metadata)
