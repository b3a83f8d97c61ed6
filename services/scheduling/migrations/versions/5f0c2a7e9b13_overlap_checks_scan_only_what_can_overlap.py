"""overlap checks scan only what can overlap

Indexes on (provider | patient | room, end): an overlap with [start, end) needs an appointment
ending after `start`, so the check reads a provider's future book, not their whole history.
On SQLite the update triggers also skip updates that cannot create an overlap (a status
change between statuses that all hold time, with the same times and the same holder), such as
check-in and completion.

Revision ID: 5f0c2a7e9b13
Revises: 4d265da5bdb2
Create Date: 2026-11-27 12:15:00
"""
from collections.abc import Sequence

from alembic import op

revision: str = "5f0c2a7e9b13"
down_revision: str | None = "4d265da5bdb2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

HOLDS_TIME = "status IN ('booked', 'arrived', 'fulfilled')"
OVERLAP_RULES = {"provider": "provider_id", "patient": "patient_id", "room": "room_id"}


def upgrade() -> None:
    for column in OVERLAP_RULES.values():
        op.create_index(f"ix_appointment_{column}_end", "appointment", [column, "end"], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        for name, column in OVERLAP_RULES.items():
            op.execute(f"DROP TRIGGER no_{name}_overlap_update")
            op.execute(_update_trigger(name, column, skip_unchanged=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name, column in OVERLAP_RULES.items():
            op.execute(f"DROP TRIGGER no_{name}_overlap_update")
            op.execute(_update_trigger(name, column, skip_unchanged=False))
    for column in OVERLAP_RULES.values():
        op.drop_index(f"ix_appointment_{column}_end", table_name="appointment")


def _update_trigger(name: str, column: str, *, skip_unchanged: bool) -> str:
    # As migration b7c2d9e41a05 wrote it, optionally skipping updates that keep the time held as it was.
    unchanged = (f' AND NOT (OLD.{HOLDS_TIME} AND OLD.{column} IS NEW.{column}'
                 f' AND OLD.start = NEW.start AND OLD."end" = NEW."end")') if skip_unchanged else ""
    return f"""
        CREATE TRIGGER no_{name}_overlap_update BEFORE UPDATE OF start, "end", status, {column} ON appointment
        WHEN NEW.{column} IS NOT NULL AND NEW.{HOLDS_TIME}{unchanged}
        BEGIN
            SELECT RAISE(ABORT, 'no_{name}_overlap') WHERE EXISTS (
                SELECT 1 FROM appointment a
                WHERE a.{column} = NEW.{column} AND a.id != NEW.id AND a.{HOLDS_TIME}
                  AND a.start < NEW."end" AND NEW.start < a."end");
        END"""
