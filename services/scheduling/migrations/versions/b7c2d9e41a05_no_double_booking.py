"""rooms on appointments, idempotent booking requests, no double booking

Revision ID: b7c2d9e41a05
Revises: 8e822fea67c8
Create Date: 2026-11-27 10:05:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import shared.db
from shared.alembic.overlap import add_no_overlap, drop_no_overlap

revision: str = "b7c2d9e41a05"
down_revision: str | None = "8e822fea67c8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

HOLDS_TIME = "status IN ('booked', 'arrived', 'fulfilled')"
OVERLAP_RULES = {"provider": "provider_id", "patient": "patient_id", "room": "room_id"}


def upgrade() -> None:
    op.add_column("appointment", sa.Column("room_id", sa.String(length=64), nullable=True))
    op.create_index(op.f("ix_appointment_room_id"), "appointment", ["room_id"], unique=False)
    op.create_table(
        "booking_request",
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("idempotency_key", sa.String(length=100), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("appointment_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", shared.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["appointment_id"], ["appointment.id"],
                                name=op.f("fk_booking_request_appointment_id_appointment")),
        sa.PrimaryKeyConstraint("actor", "idempotency_key", name=op.f("pk_booking_request")),
    )
    for name, column in OVERLAP_RULES.items():
        add_no_overlap("appointment", f"no_{name}_overlap", holder=column, where=HOLDS_TIME)


def downgrade() -> None:
    for name in OVERLAP_RULES:
        drop_no_overlap("appointment", f"no_{name}_overlap")
    op.drop_table("booking_request")
    op.drop_index(op.f("ix_appointment_room_id"), table_name="appointment")
    op.drop_column("appointment", "room_id")
