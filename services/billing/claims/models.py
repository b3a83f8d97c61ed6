"""Claims: one per encounter and payer, their lines, status history and 837P batches, and what they are billed against.

Three tables other features write live here. A coverage (adding one opens claims, coverage/) and an
underpayment (found by remittance posting, remittances/): the claim machinery reads them and those
features react with claims, so declared with them, claims would import them in a circle. A batch (the
837P export, batches/): a claim's foreign key names it, so its table is registered with the claim's.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    Sequence,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ExcludeConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.billing.db import Base
from shared.db import Money, UTCDateTime

_ZERO = text("0")
# Where PostgreSQL draws claim numbers (control_numbers.py); SQLite has no sequences and skips it.
CLAIM_NUMBER_SEQUENCE = Sequence("claim_control_number_seq", metadata=Base.metadata)


class Claim(Base):
    """What the practice asks one payer to pay for one encounter; its control number is the 837's CLM01."""

    __tablename__ = "claim"
    # An encounter is billed to a payer once: resubmissions and appeals reuse the claim.
    __table_args__ = (
        UniqueConstraint("appointment_id", "payer_id"),
        CheckConstraint("total_charge >= 0", name="total_not_negative"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # CLM01 of claims sent before control numbers
    # The patient control number (CLM01, returned in the 835's CLP01): payers keep 20 characters.
    control_number: Mapped[str] = mapped_column(String(20), unique=True, index=True)
    appointment_id: Mapped[str] = mapped_column(String(36), index=True)
    patient_id: Mapped[str] = mapped_column(String(36), index=True)
    location_id: Mapped[str] = mapped_column(String(64), index=True)
    provider_id: Mapped[str] = mapped_column(String(64), index=True)
    payer_id: Mapped[str] = mapped_column(ForeignKey("payer.id"), index=True)
    coverage_id: Mapped[str] = mapped_column(ForeignKey("coverage.id"))
    priority: Mapped[str] = mapped_column(String(10))  # primary, secondary
    date_of_service: Mapped[date] = mapped_column(Date)
    diagnosis_codes: Mapped[list] = mapped_column(JSON)  # the lines' pointers index this, from 1
    status: Mapped[str] = mapped_column(String(20), index=True)
    total_charge: Mapped[Decimal] = mapped_column(Money)
    paid_amount: Mapped[Decimal] = mapped_column(Money, server_default=_ZERO)
    adjustment_amount: Mapped[Decimal] = mapped_column(Money, server_default=_ZERO)  # CO/OA/PI write-offs
    patient_responsibility: Mapped[Decimal] = mapped_column(Money, server_default=_ZERO)  # PR
    denial_carc: Mapped[str | None] = mapped_column(String(5))
    scrub_failures: Mapped[list] = mapped_column(JSON)  # [{rule, field, message}] of the last scrub
    batch_id: Mapped[str | None] = mapped_column(ForeignKey("claim_batch.id"))
    payer_claim_number: Mapped[str | None] = mapped_column(String(50))  # CLP07 of the last remittance
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    adjudicated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Coordination of benefits: a secondary claim follows its primary's adjudication and asks the
    # secondary payer for what the primary left, charge - prior_payer_amount (paid and written off).
    primary_claim_id: Mapped[str | None] = mapped_column(ForeignKey("claim.id"))
    prior_payer_amount: Mapped[Decimal] = mapped_column(Money, server_default=_ZERO)
    # Set when something changed under a claim already sent (its primary was re-adjudicated): a person decides.
    attention_reason: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ClaimLine(Base):
    """One service line of a claim, from one charge; its control number is the 837's REF*6R."""

    __tablename__ = "claim_line"
    __table_args__ = (UniqueConstraint("claim_id", "line_number"), UniqueConstraint("claim_id", "charge_id"))

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claim.id"))
    control_number: Mapped[str] = mapped_column(String(30))  # REF*6R: the claim's number and the line's
    charge_id: Mapped[str] = mapped_column(ForeignKey("charge.id"))
    line_number: Mapped[int] = mapped_column(Integer)
    cpt: Mapped[str] = mapped_column(String(5))
    modifiers: Mapped[list] = mapped_column(JSON)
    units: Mapped[int] = mapped_column(Integer)
    diagnosis_pointers: Mapped[list] = mapped_column(JSON)
    charge_amount: Mapped[Decimal] = mapped_column(Money)
    paid_amount: Mapped[Decimal] = mapped_column(Money, server_default=_ZERO)
    adjustment_amount: Mapped[Decimal] = mapped_column(Money, server_default=_ZERO)
    patient_responsibility: Mapped[Decimal] = mapped_column(Money, server_default=_ZERO)
    prior_payer_amount: Mapped[Decimal] = mapped_column(Money, server_default=_ZERO)  # a secondary claim's line
    denial_carc: Mapped[str | None] = mapped_column(String(5))


class ClaimStatusChange(Base):
    """One step of a claim's life: who or what moved it, from where to where, and why."""

    __tablename__ = "claim_status_change"

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
    )
    claim_id: Mapped[str] = mapped_column(ForeignKey("claim.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(String(500))
    changed_by: Mapped[str] = mapped_column(String(100))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ClaimBatch(Base):
    """One exported 837P interchange, kept as sent."""

    __tablename__ = "claim_batch"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    location_id: Mapped[str] = mapped_column(String(64), index=True)
    interchange_control_number: Mapped[int] = mapped_column(Integer, unique=True)
    claim_count: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class X12ControlNumber(Base):
    """The last control number issued per kind: incremented in place, so two exports never share one."""

    __tablename__ = "x12_control_number"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer)


class Coverage(Base):
    """A patient's insurance with one payer, primary or secondary, over [effective_from, effective_to].

    One primary and one secondary on any day: the database refuses an overlap (effective_to null
    runs forever). SQLite has no exclusion constraints: the migration adds triggers with the same rule there.
    """

    __tablename__ = "coverage"
    __table_args__ = (
        CheckConstraint("effective_to IS NULL OR effective_to >= effective_from", name="dates_ordered"),
        ExcludeConstraint(
            ("patient_id", "="),
            ("priority", "="),
            (text("daterange(effective_from, effective_to, '[]')"), "&&"),
            name="no_coverage_overlap",
            using="gist",
        ).ddl_if(dialect="postgresql"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    patient_id: Mapped[str] = mapped_column(String(36), index=True)
    location_id: Mapped[str] = mapped_column(String(64), index=True)
    payer_id: Mapped[str] = mapped_column(ForeignKey("payer.id"), index=True)
    priority: Mapped[str] = mapped_column(String(10))  # primary, secondary
    member_id: Mapped[str] = mapped_column(String(80))
    group_number: Mapped[str | None] = mapped_column(String(50))
    relationship: Mapped[str] = mapped_column(String(10))  # self, spouse, child, other
    subscriber: Mapped[dict | None] = mapped_column(JSON)  # name, birth date, sex, address when not self
    effective_from: Mapped[date] = mapped_column(Date)
    effective_to: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Underpayment(Base):
    """A line the payer settled below its contracted allowed amount (paid + patient responsibility < allowed)."""

    __tablename__ = "underpayment"
    __table_args__ = (UniqueConstraint("claim_payment_id", "claim_line_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    claim_payment_id: Mapped[str] = mapped_column(ForeignKey("remittance_claim_payment.id"), index=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claim.id"), index=True)
    claim_line_id: Mapped[str] = mapped_column(ForeignKey("claim_line.id"))
    payer_id: Mapped[str] = mapped_column(ForeignKey("payer.id"), index=True)
    cpt: Mapped[str] = mapped_column(String(5))
    modifier: Mapped[str] = mapped_column(String(2))
    units: Mapped[int] = mapped_column(Integer)
    allowed_amount: Mapped[Decimal] = mapped_column(Money)  # contracted rate x units
    settled_amount: Mapped[Decimal] = mapped_column(Money)  # paid + patient responsibility
    amount: Mapped[Decimal] = mapped_column(Money)  # allowed - settled
