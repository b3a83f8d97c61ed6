"""location timezones: the date at a location for its matrix, reviews, incidents and OSHA cases

Revision ID: 54c05ea8acdb
Revises: 80f34a2909fc
Create Date: 2026-12-01 21:50:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import shared.db

revision: str = '54c05ea8acdb'
down_revision: str | None = '80f34a2909fc'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('compliance_location',
    sa.Column('location_id', sa.String(length=64), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('snapshot_time', shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('location_id', name=op.f('pk_compliance_location'))
    )


def downgrade() -> None:
    op.drop_table('compliance_location')
