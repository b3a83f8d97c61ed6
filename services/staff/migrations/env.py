"""Alembic environment of the staff service."""

from services.staff.models import metadata
from shared.migrations import run_env

run_env(metadata)
