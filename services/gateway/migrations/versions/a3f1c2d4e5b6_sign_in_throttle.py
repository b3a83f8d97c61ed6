"""sign-in throttle per account and source

Revision ID: a3f1c2d4e5b6
Revises: 17dc9eaa6893
Create Date: 2026-12-02 01:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from shared.db import UTCDateTime

revision: str = 'a3f1c2d4e5b6'
down_revision: str | None = '17dc9eaa6893'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'sign_in_throttle',
        sa.Column('user_id', sa.String(length=36), nullable=False),
        sa.Column('source', sa.String(length=45), nullable=False),
        sa.Column('failures', sa.Integer(), nullable=False),
        sa.Column('window_start', UTCDateTime(), nullable=False),
        sa.Column('blocked_until', UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_sign_in_throttle_user_id_user_account'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', 'source', name=op.f('pk_sign_in_throttle')),
    )


def downgrade() -> None:
    op.drop_table('sign_in_throttle')
