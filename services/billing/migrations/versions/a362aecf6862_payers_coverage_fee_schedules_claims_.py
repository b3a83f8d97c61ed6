"""payers coverage fee schedules claims remittances

Revision ID: a362aecf6862
Revises: e9eb36b3c814
Create Date: 2026-11-27 11:10:13.860076
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import shared.db

revision: str = 'a362aecf6862'
down_revision: str | None = 'e9eb36b3c814'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('billing_patient',
    sa.Column('patient_id', sa.String(length=36), nullable=False),
    sa.Column('family_name', sa.String(length=100), nullable=False),
    sa.Column('given_name', sa.String(length=100), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('sex', sa.String(length=16), nullable=False),
    sa.Column('location_id', sa.String(length=64), nullable=False),
    sa.Column('address', sa.JSON(), nullable=True),
    sa.Column('merged_into', sa.String(length=36), nullable=True),
    sa.Column('snapshot_time', shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('patient_id', name=op.f('pk_billing_patient'))
    )
    with op.batch_alter_table('billing_patient', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_billing_patient_location_id'), ['location_id'], unique=False)

    op.create_table('billing_profile',
    sa.Column('location_id', sa.String(length=64), nullable=False),
    sa.Column('organization_name', sa.String(length=60), nullable=False),
    sa.Column('npi', sa.String(length=10), nullable=False),
    sa.Column('tax_id', sa.String(length=9), nullable=False),
    sa.Column('address', sa.JSON(), nullable=False),
    sa.Column('place_of_service', sa.String(length=2), nullable=False),
    sa.Column('contact_name', sa.String(length=60), nullable=False),
    sa.Column('contact_phone', sa.String(length=10), nullable=False),
    sa.Column('updated_at', shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('location_id', name=op.f('pk_billing_profile'))
    )
    op.create_table('billing_provider',
    sa.Column('staff_id', sa.String(length=64), nullable=False),
    sa.Column('given_name', sa.String(length=100), nullable=False),
    sa.Column('family_name', sa.String(length=100), nullable=False),
    sa.Column('npi', sa.String(length=10), nullable=True),
    sa.Column('snapshot_time', shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('staff_id', name=op.f('pk_billing_provider'))
    )
    op.create_table('claim_batch',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('location_id', sa.String(length=64), nullable=False),
    sa.Column('interchange_control_number', sa.Integer(), nullable=False),
    sa.Column('claim_count', sa.Integer(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claim_batch')),
    sa.UniqueConstraint('interchange_control_number', name=op.f('uq_claim_batch_interchange_control_number'))
    )
    with op.batch_alter_table('claim_batch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_batch_location_id'), ['location_id'], unique=False)

    op.create_table('fee_schedule_entry',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('location_id', sa.String(length=64), nullable=False),
    sa.Column('cpt', sa.String(length=5), nullable=False),
    sa.Column('modifier', sa.String(length=2), server_default=sa.text("''"), nullable=False),
    sa.Column('amount', shared.db.Money(), nullable=False),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_fee_schedule_entry_amount_not_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fee_schedule_entry')),
    sa.UniqueConstraint('location_id', 'cpt', 'modifier', name=op.f('uq_fee_schedule_entry_location_id_cpt_modifier'))
    )
    op.create_table('missed_visit_fee',
    sa.Column('location_id', sa.String(length=64), nullable=False),
    sa.Column('no_show_fee', shared.db.Money(), nullable=True),
    sa.Column('late_cancel_fee', shared.db.Money(), nullable=True),
    sa.Column('updated_at', shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('no_show_fee >= 0 AND late_cancel_fee >= 0', name=op.f('ck_missed_visit_fee_fees_not_negative')),
    sa.PrimaryKeyConstraint('location_id', name=op.f('pk_missed_visit_fee'))
    )
    op.create_table('payer',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('x12_payer_id', sa.String(length=80), nullable=False),
    sa.Column('claim_filing_indicator', sa.String(length=2), nullable=False),
    sa.Column('address', sa.JSON(), nullable=True),
    sa.Column('timely_filing_days', sa.Integer(), nullable=False),
    sa.Column('created_at', shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('timely_filing_days > 0', name=op.f('ck_payer_timely_filing_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payer')),
    sa.UniqueConstraint('x12_payer_id', name=op.f('uq_payer_x12_payer_id'))
    )
    op.create_table('x12_control_number',
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('last_value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('kind', name=op.f('pk_x12_control_number'))
    )
    op.create_table('contracted_rate',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('payer_id', sa.String(length=36), nullable=False),
    sa.Column('cpt', sa.String(length=5), nullable=False),
    sa.Column('modifier', sa.String(length=2), server_default=sa.text("''"), nullable=False),
    sa.Column('allowed_amount', shared.db.Money(), nullable=False),
    sa.CheckConstraint('allowed_amount >= 0', name=op.f('ck_contracted_rate_allowed_not_negative')),
    sa.ForeignKeyConstraint(['payer_id'], ['payer.id'], name=op.f('fk_contracted_rate_payer_id_payer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contracted_rate')),
    sa.UniqueConstraint('payer_id', 'cpt', 'modifier', name=op.f('uq_contracted_rate_payer_id_cpt_modifier'))
    )
    op.create_table('coverage',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('patient_id', sa.String(length=36), nullable=False),
    sa.Column('location_id', sa.String(length=64), nullable=False),
    sa.Column('payer_id', sa.String(length=36), nullable=False),
    sa.Column('priority', sa.String(length=10), nullable=False),
    sa.Column('member_id', sa.String(length=80), nullable=False),
    sa.Column('group_number', sa.String(length=50), nullable=True),
    sa.Column('relationship', sa.String(length=10), nullable=False),
    sa.Column('subscriber', sa.JSON(), nullable=True),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('effective_to', sa.Date(), nullable=True),
    sa.Column('created_at', shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('effective_to IS NULL OR effective_to >= effective_from', name=op.f('ck_coverage_dates_ordered')),
    sa.ForeignKeyConstraint(['payer_id'], ['payer.id'], name=op.f('fk_coverage_payer_id_payer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coverage'))
    )
    with op.batch_alter_table('coverage', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coverage_location_id'), ['location_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_coverage_patient_id'), ['patient_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_coverage_payer_id'), ['payer_id'], unique=False)

    op.create_table('remittance',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('file_hash', sa.String(length=64), nullable=False),
    sa.Column('payer_identifier', sa.String(length=80), nullable=False),
    sa.Column('payer_id', sa.String(length=36), nullable=True),
    sa.Column('payer_name', sa.String(length=60), nullable=True),
    sa.Column('trace_number', sa.String(length=50), nullable=False),
    sa.Column('payment_amount', shared.db.Money(), nullable=False),
    sa.Column('payment_date', sa.Date(), nullable=True),
    sa.Column('claim_count', sa.Integer(), nullable=False),
    sa.Column('unmatched_count', sa.Integer(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('imported_by', sa.String(length=100), nullable=False),
    sa.Column('imported_at', shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['payer_id'], ['payer.id'], name=op.f('fk_remittance_payer_id_payer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_remittance')),
    sa.UniqueConstraint('file_hash', name=op.f('uq_remittance_file_hash')),
    sa.UniqueConstraint('payer_identifier', 'trace_number', name=op.f('uq_remittance_payer_identifier_trace_number'))
    )
    with op.batch_alter_table('remittance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_remittance_payer_id'), ['payer_id'], unique=False)

    op.create_table('claim',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('appointment_id', sa.String(length=36), nullable=False),
    sa.Column('patient_id', sa.String(length=36), nullable=False),
    sa.Column('location_id', sa.String(length=64), nullable=False),
    sa.Column('provider_id', sa.String(length=64), nullable=False),
    sa.Column('payer_id', sa.String(length=36), nullable=False),
    sa.Column('coverage_id', sa.String(length=36), nullable=False),
    sa.Column('priority', sa.String(length=10), nullable=False),
    sa.Column('date_of_service', sa.Date(), nullable=False),
    sa.Column('diagnosis_codes', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('total_charge', shared.db.Money(), nullable=False),
    sa.Column('paid_amount', shared.db.Money(), server_default=sa.text('0'), nullable=False),
    sa.Column('adjustment_amount', shared.db.Money(), server_default=sa.text('0'), nullable=False),
    sa.Column('patient_responsibility', shared.db.Money(), server_default=sa.text('0'), nullable=False),
    sa.Column('denial_carc', sa.String(length=5), nullable=True),
    sa.Column('scrub_failures', sa.JSON(), nullable=False),
    sa.Column('batch_id', sa.String(length=36), nullable=True),
    sa.Column('payer_claim_number', sa.String(length=50), nullable=True),
    sa.Column('submitted_at', shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('adjudicated_at', shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('total_charge >= 0', name=op.f('ck_claim_total_not_negative')),
    sa.ForeignKeyConstraint(['batch_id'], ['claim_batch.id'], name=op.f('fk_claim_batch_id_claim_batch')),
    sa.ForeignKeyConstraint(['coverage_id'], ['coverage.id'], name=op.f('fk_claim_coverage_id_coverage')),
    sa.ForeignKeyConstraint(['payer_id'], ['payer.id'], name=op.f('fk_claim_payer_id_payer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claim')),
    sa.UniqueConstraint('appointment_id', 'payer_id', name=op.f('uq_claim_appointment_id_payer_id'))
    )
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_appointment_id'), ['appointment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_location_id'), ['location_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_patient_id'), ['patient_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_payer_id'), ['payer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_provider_id'), ['provider_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_status'), ['status'], unique=False)

    op.create_table('claim_line',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('claim_id', sa.String(length=36), nullable=False),
    sa.Column('charge_id', sa.String(length=36), nullable=False),
    sa.Column('line_number', sa.Integer(), nullable=False),
    sa.Column('cpt', sa.String(length=5), nullable=False),
    sa.Column('modifiers', sa.JSON(), nullable=False),
    sa.Column('units', sa.Integer(), nullable=False),
    sa.Column('diagnosis_pointers', sa.JSON(), nullable=False),
    sa.Column('charge_amount', shared.db.Money(), nullable=False),
    sa.Column('paid_amount', shared.db.Money(), server_default=sa.text('0'), nullable=False),
    sa.Column('adjustment_amount', shared.db.Money(), server_default=sa.text('0'), nullable=False),
    sa.Column('patient_responsibility', shared.db.Money(), server_default=sa.text('0'), nullable=False),
    sa.Column('denial_carc', sa.String(length=5), nullable=True),
    sa.ForeignKeyConstraint(['charge_id'], ['charge.id'], name=op.f('fk_claim_line_charge_id_charge')),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], name=op.f('fk_claim_line_claim_id_claim')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claim_line')),
    sa.UniqueConstraint('claim_id', 'charge_id', name=op.f('uq_claim_line_claim_id_charge_id')),
    sa.UniqueConstraint('claim_id', 'line_number', name=op.f('uq_claim_line_claim_id_line_number'))
    )
    op.create_table('claim_status_change',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('claim_id', sa.String(length=36), nullable=False),
    sa.Column('from_status', sa.String(length=20), nullable=True),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=True),
    sa.Column('changed_by', sa.String(length=100), nullable=False),
    sa.Column('changed_at', shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], name=op.f('fk_claim_status_change_claim_id_claim')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claim_status_change'))
    )
    with op.batch_alter_table('claim_status_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_status_change_claim_id'), ['claim_id'], unique=False)

    op.create_table('remittance_claim_payment',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('remittance_id', sa.String(length=36), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.String(length=36), nullable=True),
    sa.Column('patient_control_number', sa.String(length=38), nullable=False),
    sa.Column('status_code', sa.String(length=2), nullable=False),
    sa.Column('charge_amount', shared.db.Money(), nullable=False),
    sa.Column('paid_amount', shared.db.Money(), nullable=False),
    sa.Column('patient_responsibility', shared.db.Money(), nullable=False),
    sa.Column('payer_claim_number', sa.String(length=50), nullable=True),
    sa.Column('problem', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], name=op.f('fk_remittance_claim_payment_claim_id_claim')),
    sa.ForeignKeyConstraint(['remittance_id'], ['remittance.id'], name=op.f('fk_remittance_claim_payment_remittance_id_remittance')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_remittance_claim_payment')),
    sa.UniqueConstraint('remittance_id', 'sequence', name=op.f('uq_remittance_claim_payment_remittance_id_sequence'))
    )
    with op.batch_alter_table('remittance_claim_payment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_remittance_claim_payment_claim_id'), ['claim_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_remittance_claim_payment_remittance_id'), ['remittance_id'], unique=False)

    op.create_table('remittance_line_payment',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('claim_payment_id', sa.String(length=36), nullable=False),
    sa.Column('claim_line_id', sa.String(length=36), nullable=True),
    sa.Column('cpt', sa.String(length=5), nullable=False),
    sa.Column('charge_amount', shared.db.Money(), nullable=False),
    sa.Column('paid_amount', shared.db.Money(), nullable=False),
    sa.ForeignKeyConstraint(['claim_line_id'], ['claim_line.id'], name=op.f('fk_remittance_line_payment_claim_line_id_claim_line')),
    sa.ForeignKeyConstraint(['claim_payment_id'], ['remittance_claim_payment.id'], name=op.f('fk_remittance_line_payment_claim_payment_id_remittance_claim_payment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_remittance_line_payment'))
    )
    with op.batch_alter_table('remittance_line_payment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_remittance_line_payment_claim_line_id'), ['claim_line_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_remittance_line_payment_claim_payment_id'), ['claim_payment_id'], unique=False)

    op.create_table('remittance_line_adjustment',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('claim_payment_id', sa.String(length=36), nullable=False),
    sa.Column('line_payment_id', sa.String(length=36), nullable=True),
    sa.Column('claim_line_id', sa.String(length=36), nullable=True),
    sa.Column('group_code', sa.String(length=2), nullable=False),
    sa.Column('carc', sa.String(length=5), nullable=False),
    sa.Column('amount', shared.db.Money(), nullable=False),
    sa.ForeignKeyConstraint(['claim_line_id'], ['claim_line.id'], name=op.f('fk_remittance_line_adjustment_claim_line_id_claim_line')),
    sa.ForeignKeyConstraint(['claim_payment_id'], ['remittance_claim_payment.id'], name=op.f('fk_remittance_line_adjustment_claim_payment_id_remittance_claim_payment')),
    sa.ForeignKeyConstraint(['line_payment_id'], ['remittance_line_payment.id'], name=op.f('fk_remittance_line_adjustment_line_payment_id_remittance_line_payment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_remittance_line_adjustment'))
    )
    with op.batch_alter_table('remittance_line_adjustment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_remittance_line_adjustment_claim_line_id'), ['claim_line_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_remittance_line_adjustment_claim_payment_id'), ['claim_payment_id'], unique=False)

    op.add_column('charge', sa.Column('kind', sa.String(length=16), server_default=sa.text("'visit'"), nullable=False))
    op.add_column('charge', sa.Column('amount', shared.db.Money(), server_default=sa.text('0'), nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('charge', schema=None) as batch_op:
        batch_op.drop_column('amount')
        batch_op.drop_column('kind')

    with op.batch_alter_table('remittance_line_adjustment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_remittance_line_adjustment_claim_payment_id'))
        batch_op.drop_index(batch_op.f('ix_remittance_line_adjustment_claim_line_id'))

    op.drop_table('remittance_line_adjustment')
    with op.batch_alter_table('remittance_line_payment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_remittance_line_payment_claim_payment_id'))
        batch_op.drop_index(batch_op.f('ix_remittance_line_payment_claim_line_id'))

    op.drop_table('remittance_line_payment')
    with op.batch_alter_table('remittance_claim_payment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_remittance_claim_payment_remittance_id'))
        batch_op.drop_index(batch_op.f('ix_remittance_claim_payment_claim_id'))

    op.drop_table('remittance_claim_payment')
    with op.batch_alter_table('claim_status_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_status_change_claim_id'))

    op.drop_table('claim_status_change')
    op.drop_table('claim_line')
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_status'))
        batch_op.drop_index(batch_op.f('ix_claim_provider_id'))
        batch_op.drop_index(batch_op.f('ix_claim_payer_id'))
        batch_op.drop_index(batch_op.f('ix_claim_patient_id'))
        batch_op.drop_index(batch_op.f('ix_claim_location_id'))
        batch_op.drop_index(batch_op.f('ix_claim_appointment_id'))

    op.drop_table('claim')
    with op.batch_alter_table('remittance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_remittance_payer_id'))

    op.drop_table('remittance')
    with op.batch_alter_table('coverage', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coverage_payer_id'))
        batch_op.drop_index(batch_op.f('ix_coverage_patient_id'))
        batch_op.drop_index(batch_op.f('ix_coverage_location_id'))

    op.drop_table('coverage')
    op.drop_table('contracted_rate')
    op.drop_table('x12_control_number')
    op.drop_table('payer')
    op.drop_table('missed_visit_fee')
    op.drop_table('fee_schedule_entry')
    with op.batch_alter_table('claim_batch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_batch_location_id'))

    op.drop_table('claim_batch')
    op.drop_table('billing_provider')
    op.drop_table('billing_profile')
    with op.batch_alter_table('billing_patient', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_billing_patient_location_id'))

    op.drop_table('billing_patient')
