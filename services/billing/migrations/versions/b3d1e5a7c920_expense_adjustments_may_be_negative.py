"""expense adjustments may be negative: an approved supplier invoice books only what its receipts did not

A receipt books the goods at the order's price; the invoice adds its tax, charges and price difference,
which is negative for a discount. Entered expenses stay positive (the API checks that); none is zero.

Revision ID: b3d1e5a7c920
Revises: c4f1a9d27e3b
Create Date: 2026-12-02 14:00:00.000000
"""
from collections.abc import Sequence

from alembic import op

revision: str = 'b3d1e5a7c920'
down_revision: str | None = 'c4f1a9d27e3b'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('expense') as batch_op:
        batch_op.drop_constraint(op.f('ck_expense_amount_positive'), type_='check')
        batch_op.create_check_constraint(op.f('ck_expense_amount_not_zero'), 'amount <> 0')


def downgrade() -> None:
    with op.batch_alter_table('expense') as batch_op:
        batch_op.drop_constraint(op.f('ck_expense_amount_not_zero'), type_='check')
        batch_op.create_check_constraint(op.f('ck_expense_amount_positive'), 'amount > 0')
