"""users linked to staff, token generation

Revision ID: 17dc9eaa6893
Revises: d47bb09cb71b
Create Date: 2026-11-27 11:24:31.372690
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '17dc9eaa6893'
down_revision: str | None = 'd47bb09cb71b'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN and CREATE UNIQUE INDEX work on both backends; no table rebuild needed.
    op.add_column('user_account', sa.Column('staff_id', sa.String(length=64), nullable=True))
    op.add_column('user_account', sa.Column('token_generation', sa.Integer(), server_default='0', nullable=False))
    op.create_index(op.f('ix_user_account_staff_id'), 'user_account', ['staff_id'], unique=True)


def downgrade() -> None:
    op.drop_index(op.f('ix_user_account_staff_id'), table_name='user_account')
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('token_generation')
        batch_op.drop_column('staff_id')
