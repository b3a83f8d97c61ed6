"""messaging tables

Revision ID: 5b1e7c0d9a21
Revises: 
Create Date: 2026-12-02 04:30:00.000000
"""
from collections.abc import Sequence

from shared.alembic import messaging_v1

revision: str = '5b1e7c0d9a21'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    messaging_v1.upgrade()


def downgrade() -> None:
    messaging_v1.downgrade()
