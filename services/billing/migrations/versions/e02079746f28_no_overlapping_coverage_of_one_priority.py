"""no overlapping coverage of one priority: one primary and one secondary per patient on any day

Revision ID: e02079746f28
Revises: 66863626f3ca
Create Date: 2026-11-27 11:40:17.594338
"""
from collections.abc import Sequence

from alembic import op

revision: str = 'e02079746f28'
down_revision: str | None = '66863626f3ca'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# effective_to NULL is open-ended: daterange(from, NULL) is unbounded above, and the triggers use 9999-12-31.
FOREVER = "'9999-12-31'"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        op.execute("ALTER TABLE coverage ADD CONSTRAINT no_coverage_overlap EXCLUDE USING gist "
                   "(patient_id WITH =, priority WITH =, daterange(effective_from, effective_to, '[]') WITH &&)")
        return
    # SQLite has no exclusion constraints; triggers enforce the same rule inside the database.
    # Dates are stored as ISO text, so text comparison is date order.
    for event, when in (("insert", "INSERT"),
                        ("update", "UPDATE OF patient_id, priority, effective_from, effective_to")):
        op.execute(f"""
            CREATE TRIGGER no_coverage_overlap_{event} BEFORE {when} ON coverage
            BEGIN
                SELECT RAISE(ABORT, 'no_coverage_overlap') WHERE EXISTS (
                    SELECT 1 FROM coverage c
                    WHERE c.patient_id = NEW.patient_id AND c.priority = NEW.priority AND c.id != NEW.id
                      AND c.effective_from <= COALESCE(NEW.effective_to, {FOREVER})
                      AND NEW.effective_from <= COALESCE(c.effective_to, {FOREVER}));
            END""")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE coverage DROP CONSTRAINT no_coverage_overlap")
        return
    op.execute("DROP TRIGGER no_coverage_overlap_insert")
    op.execute("DROP TRIGGER no_coverage_overlap_update")
