"""no overlapping time off: a member's pending and approved requests never overlap

Revision ID: 7f60765b9b6d
Revises: c69f6868c692
Create Date: 2026-11-27 11:24:43.569359
"""
from collections.abc import Sequence

from shared.alembic.overlap import add_no_overlap, drop_no_overlap

revision: str = '7f60765b9b6d'
down_revision: str | None = 'c69f6868c692'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

HOLDS_TIME = "status IN ('requested', 'approved')"


def upgrade() -> None:
    add_no_overlap("time_off", "no_time_off_overlap", holder="staff_id", where=HOLDS_TIME)


def downgrade() -> None:
    drop_no_overlap("time_off", "no_time_off_overlap")
