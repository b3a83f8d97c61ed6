"""audit record reason: the break-glass justification

A plain ADD COLUMN on both backends: batch mode would copy audit_record on SQLite and drop
its append-only triggers. Existing records get NULL, which the hash leaves out, so their
hashes stay valid.

Revision ID: 80f34a2909fc
Revises: 79434c152d11
Create Date: 2026-11-27 11:31:30.874321
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '80f34a2909fc'
down_revision: str | None = '79434c152d11'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('audit_record', sa.Column('reason', sa.Text(), nullable=True))


def downgrade() -> None:
    # Native DROP COLUMN (SQLite >= 3.35) keeps the triggers, which do not name this column.
    op.drop_column('audit_record', 'reason')
