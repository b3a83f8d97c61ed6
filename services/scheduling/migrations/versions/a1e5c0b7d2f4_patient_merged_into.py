"""patients merged into a survivor

Revision ID: a1e5c0b7d2f4
Revises: 297b108df7c6
Create Date: 2026-11-27 10:20:00
"""
from collections.abc import Sequence

from alembic import op

from shared.alembic.columns import add_reference

revision: str = "a1e5c0b7d2f4"
down_revision: str | None = "297b108df7c6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    add_reference("patient", "merged_into", "patient")
    op.create_index(op.f("ix_patient_merged_into"), "patient", ["merged_into"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_patient_merged_into"), table_name="patient")
    with op.batch_alter_table("patient") as batch_op:
        batch_op.drop_column("merged_into")
