"""messaging tables

Revision ID: 6b45de144b11
Revises: 
Create Date: 2026-11-27 08:39:57.162807
"""
from collections.abc import Sequence

from shared.alembic import messaging_v1

revision: str = '6b45de144b11'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    messaging_v1.upgrade()


def downgrade() -> None:
    messaging_v1.downgrade()
