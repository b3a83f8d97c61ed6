"""Alembic environment of the billing service."""

from services.billing.tables import metadata
from shared.migrations import run_env

run_env(metadata)
