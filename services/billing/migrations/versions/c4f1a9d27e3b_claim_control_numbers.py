"""claim control numbers: a short patient control number per claim (CLM01) and per line (REF*6R)

Payers keep only 20 characters of CLM01; claims sent so far carried their 36-character id.
Existing claims get numbers in the order they were opened, and the sequence continues after them.

Revision ID: c4f1a9d27e3b
Revises: 7506d1893068
Create Date: 2026-12-01 22:00:00.000000
"""
import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'c4f1a9d27e3b'
down_revision: str | None = '7506d1893068'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEQUENCE = "claim_control_number_seq"
claim = sa.table("claim", sa.column("id", sa.String), sa.column("location_id", sa.String),
                 sa.column("created_at"), sa.column("control_number", sa.String))


def _number(location_id: str, sequence: int) -> str:
    # Frozen copy of services.billing.control_numbers.claim_number: a migration does not follow later code.
    prefix = re.sub(r"[^A-Za-z0-9]", "", location_id).upper()[:6] or "C"
    return f"{prefix}-{sequence:06d}"


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    # SQLite cannot make a column NOT NULL after the fact without a batch copy of the claim tables:
    # it is added NOT NULL with an empty default, which the unique index lets at most one row keep.
    for table, length in (("claim", 20), ("claim_line", 30)):
        op.add_column(table, sa.Column("control_number", sa.String(length=length), nullable=not sqlite,
                                       server_default="" if sqlite else None))
    rows = bind.execute(sa.select(claim.c.id, claim.c.location_id).order_by(claim.c.created_at, claim.c.id)).all()
    if rows:
        bind.execute(sa.update(claim).where(claim.c.id == sa.bindparam("claim_id"))
                     .values(control_number=sa.bindparam("number")),
                     [{"claim_id": row.id, "number": _number(row.location_id, n)} for n, row in enumerate(rows, 1)])
    op.execute("UPDATE claim_line SET control_number = (SELECT claim.control_number FROM claim "
               "WHERE claim.id = claim_line.claim_id) || '-' || CAST(line_number AS VARCHAR)")
    if sqlite:
        op.execute(f"INSERT INTO x12_control_number (kind, last_value) VALUES ('claim', {len(rows)})")
    else:
        op.execute(f"CREATE SEQUENCE {SEQUENCE}")
        if rows:
            op.execute(f"SELECT setval('{SEQUENCE}', {len(rows)})")
        for table in ("claim", "claim_line"):
            op.alter_column(table, "control_number", nullable=False)
    op.create_index(op.f("ix_claim_control_number"), "claim", ["control_number"], unique=True)


def downgrade() -> None:
    op.drop_index(op.f("ix_claim_control_number"), table_name="claim")
    for table in ("claim_line", "claim"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("control_number")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP SEQUENCE {SEQUENCE}")
    else:
        op.execute("DELETE FROM x12_control_number WHERE kind = 'claim'")
