"""secondary claims follow their primary: the claim they follow and what the primary paid and wrote off

Revision ID: eba64b38c4b0
Revises: e02079746f28
Create Date: 2026-11-27 11:46:48.930112
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import shared.db
from shared.alembic.columns import add_reference

revision: str = 'eba64b38c4b0'
down_revision: str | None = 'e02079746f28'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMNs: no batch copy of the claim tables.
    add_reference("claim", "primary_claim_id", "claim")
    for table in ("claim", "claim_line"):
        op.add_column(table, sa.Column('prior_payer_amount', shared.db.Money(), server_default=sa.text('0'),
                                       nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('claim_line', schema=None) as batch_op:
        batch_op.drop_column('prior_payer_amount')
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint('fk_claim_primary_claim_id_claim', 'claim', type_='foreignkey')
    # On SQLite the batch copy leaves the column's REFERENCES clause behind with it.
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.drop_column('prior_payer_amount')
        batch_op.drop_column('primary_claim_id')
