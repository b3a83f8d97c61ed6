"""Imported 835 remittances: the file, each claim payment (CLP), line payment (SVC) and adjustment (CAS)."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint, exists
from sqlalchemy.orm import Mapped, aliased, mapped_column

from services.billing.db import Base
from shared.db import Money, UTCDateTime


class Remittance(Base):
    """One 835 file; a payer's check/EFT trace number (TRN02) is imported once, so is an identical file."""

    __tablename__ = "remittance"
    __table_args__ = (UniqueConstraint("payer_identifier", "trace_number"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    file_hash: Mapped[str] = mapped_column(String(64), unique=True)
    payer_identifier: Mapped[str] = mapped_column(String(80))  # TRN03
    payer_id: Mapped[str | None] = mapped_column(ForeignKey("payer.id"), index=True)
    payer_name: Mapped[str | None] = mapped_column(String(60))
    trace_number: Mapped[str] = mapped_column(String(50))  # TRN02
    payment_amount: Mapped[Decimal] = mapped_column(Money)  # BPR02
    payment_date: Mapped[date | None] = mapped_column(Date)  # BPR16
    claim_count: Mapped[int] = mapped_column(Integer)
    unmatched_count: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)
    imported_by: Mapped[str] = mapped_column(String(100))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime)


class RemittanceClaimPayment(Base):
    """One CLP of a remittance; `claim_id` is empty when it matched no claim of ours."""

    __tablename__ = "remittance_claim_payment"
    __table_args__ = (UniqueConstraint("remittance_id", "sequence"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    remittance_id: Mapped[str] = mapped_column(ForeignKey("remittance.id"), index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    claim_id: Mapped[str | None] = mapped_column(ForeignKey("claim.id"), index=True)
    patient_control_number: Mapped[str] = mapped_column(String(38))  # CLP01
    status_code: Mapped[str] = mapped_column(String(2))  # CLP02
    charge_amount: Mapped[Decimal] = mapped_column(Money)
    paid_amount: Mapped[Decimal] = mapped_column(Money)
    patient_responsibility: Mapped[Decimal] = mapped_column(Money)
    payer_claim_number: Mapped[str | None] = mapped_column(String(50))  # CLP07
    problem: Mapped[str | None] = mapped_column(String(200))  # why it was not posted (unmatched)
    # A payer reversal (CLP02 22) undoes one earlier posting, and that posting is undone once.
    undoes_id: Mapped[str | None] = mapped_column(ForeignKey("remittance_claim_payment.id"), unique=True, index=True)


class RemittanceLinePayment(Base):
    """One SVC of a claim payment, matched to our claim line when it could be."""

    __tablename__ = "remittance_line_payment"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    claim_payment_id: Mapped[str] = mapped_column(ForeignKey("remittance_claim_payment.id"), index=True)
    claim_line_id: Mapped[str | None] = mapped_column(ForeignKey("claim_line.id"), index=True)
    cpt: Mapped[str] = mapped_column(String(5))
    charge_amount: Mapped[Decimal] = mapped_column(Money)
    paid_amount: Mapped[Decimal] = mapped_column(Money)


class RemittanceLineAdjustment(Base):
    """One CAS amount: group code (CO, PR, OA, PI) and claim adjustment reason code; line empty = claim level."""

    __tablename__ = "remittance_line_adjustment"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    claim_payment_id: Mapped[str] = mapped_column(ForeignKey("remittance_claim_payment.id"), index=True)
    line_payment_id: Mapped[str | None] = mapped_column(ForeignKey("remittance_line_payment.id"))
    claim_line_id: Mapped[str | None] = mapped_column(ForeignKey("claim_line.id"), index=True)
    group_code: Mapped[str] = mapped_column(String(2))
    carc: Mapped[str] = mapped_column(String(5))
    amount: Mapped[Decimal] = mapped_column(Money)


REVERSAL = "22"  # CLP02: reversal of a previous payment


def live_postings():
    """Claim payments that count: posted, neither a payer reversal nor reversed since."""
    undoing = aliased(RemittanceClaimPayment)
    return (
        RemittanceClaimPayment.problem.is_(None)
        & RemittanceClaimPayment.undoes_id.is_(None)
        & (RemittanceClaimPayment.status_code != REVERSAL)
        & ~exists().where(undoing.undoes_id == RemittanceClaimPayment.id)
    )
