"""Alembic environment of the compliance service."""

from services.compliance.tables import metadata
from shared.migrations import run_env

run_env(metadata)
