"""rooms on appointments, idempotent booking requests, no double booking

Revision ID: b7c2d9e41a05
Revises: 8e822fea67c8
Create Date: 2026-11-27 10:05:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import shared.db

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
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        for name, column in OVERLAP_RULES.items():
            op.execute(
                f"ALTER TABLE appointment ADD CONSTRAINT no_{name}_overlap EXCLUDE USING gist "
                f"({column} WITH =, tstzrange(start, \"end\", '[)') WITH &&) WHERE ({HOLDS_TIME})"
            )
    else:
        for name, column in OVERLAP_RULES.items():
            for event, when in (("INSERT", "INSERT"), ("UPDATE", f'UPDATE OF start, "end", status, {column}')):
                op.execute(_sqlite_trigger(name, column, event, when))


def _sqlite_trigger(name: str, column: str, event: str, when: str) -> str:
    # SQLite has no exclusion constraints; a trigger enforces the same rule inside the
    # database. UTC times are stored as sortable text, so text comparison is time order.
    return f"""
        CREATE TRIGGER no_{name}_overlap_{event.lower()} BEFORE {when} ON appointment
        WHEN NEW.{column} IS NOT NULL AND NEW.{HOLDS_TIME}
        BEGIN
            SELECT RAISE(ABORT, 'no_{name}_overlap') WHERE EXISTS (
                SELECT 1 FROM appointment a
                WHERE a.{column} = NEW.{column} AND a.id != NEW.id AND a.{HOLDS_TIME}
                  AND a.start < NEW."end" AND NEW.start < a."end");
        END"""


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in OVERLAP_RULES:
            op.execute(f"ALTER TABLE appointment DROP CONSTRAINT no_{name}_overlap")
    else:
        for name in OVERLAP_RULES:
            for event in ("insert", "update"):
                op.execute(f"DROP TRIGGER no_{name}_overlap_{event}")
    op.drop_table("booking_request")
    op.drop_index(op.f("ix_appointment_room_id"), table_name="appointment")
    op.drop_column("appointment", "room_id")
