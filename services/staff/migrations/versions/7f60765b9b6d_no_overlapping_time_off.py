"""no overlapping time off: a member's pending and approved requests never overlap

Revision ID: 7f60765b9b6d
Revises: c69f6868c692
Create Date: 2026-11-27 11:24:43.569359
"""
from collections.abc import Sequence

from alembic import op

revision: str = '7f60765b9b6d'
down_revision: str | None = 'c69f6868c692'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

HOLDS_TIME = "status IN ('requested', 'approved')"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # btree_gist was created with the shifts' constraint.
        op.execute("ALTER TABLE time_off ADD CONSTRAINT no_time_off_overlap EXCLUDE USING gist "
                   f"(staff_id WITH =, tstzrange(start, \"end\", '[)') WITH &&) WHERE ({HOLDS_TIME})")
        return
    # SQLite has no exclusion constraints; triggers enforce the same rule inside the database.
    # UTC times are stored as sortable text, so text comparison is time order.
    for event, when in (("insert", "INSERT"), ("update", 'UPDATE OF start, "end", status, staff_id')):
        op.execute(f"""
            CREATE TRIGGER no_time_off_overlap_{event} BEFORE {when} ON time_off
            WHEN NEW.{HOLDS_TIME}
            BEGIN
                SELECT RAISE(ABORT, 'no_time_off_overlap') WHERE EXISTS (
                    SELECT 1 FROM time_off t
                    WHERE t.staff_id = NEW.staff_id AND t.id != NEW.id AND t.{HOLDS_TIME}
                      AND t.start < NEW."end" AND NEW.start < t."end");
            END""")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE time_off DROP CONSTRAINT no_time_off_overlap")
        return
    op.execute("DROP TRIGGER no_time_off_overlap_insert")
    op.execute("DROP TRIGGER no_time_off_overlap_update")
