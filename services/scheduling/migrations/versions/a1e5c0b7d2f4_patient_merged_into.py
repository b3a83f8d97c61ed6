"""patients merged into a survivor

Revision ID: a1e5c0b7d2f4
Revises: 297b108df7c6
Create Date: 2026-11-27 10:20:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a1e5c0b7d2f4"
down_revision: str | None = "297b108df7c6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite can add a column with its REFERENCES clause; Alembic's add_column refuses the constraint.
        op.execute("ALTER TABLE patient ADD COLUMN merged_into VARCHAR(36) "
                   "CONSTRAINT fk_patient_merged_into_patient REFERENCES patient (id)")
    else:
        op.add_column("patient", sa.Column("merged_into", sa.String(length=36),
                                           sa.ForeignKey("patient.id", name="fk_patient_merged_into_patient"),
                                           nullable=True))
    op.create_index(op.f("ix_patient_merged_into"), "patient", ["merged_into"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_patient_merged_into"), table_name="patient")
    with op.batch_alter_table("patient") as batch_op:
        batch_op.drop_column("merged_into")
