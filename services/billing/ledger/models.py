"""The patient ledger of billing: balances, payments and refunds.

Amounts are never updated in place except the running totals (a balance, a payment's
refunded amount) that move in the same transaction as the ledger row explaining them.
"""

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.billing.db import Base
from shared.db import Money, UTCDateTime


class PatientLedgerEntry(Base):
    """One movement of a patient's balance at a location: positive owes more, negative pays."""

    __tablename__ = "patient_ledger_entry"
    # seq numbers an account's entries in the order their balance moved: statements replay it.
    __table_args__ = (UniqueConstraint("patient_id", "location_id", "seq"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    # What caused it, e.g. "payment:<id>": a cause is booked once, however often it is replayed.
    source_id: Mapped[str] = mapped_column(String(200), unique=True)
    patient_id: Mapped[str] = mapped_column(String(36))
    location_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(Integer)
    amount: Mapped[Decimal] = mapped_column(Money)
    balance_after: Mapped[Decimal] = mapped_column(Money)
    reason: Mapped[str] = mapped_column(String(64))
    posted_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PatientBalance(Base):
    """The sum of a patient's ledger at a location, moved atomically with each entry."""

    __tablename__ = "patient_balance"

    patient_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    location_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    balance: Mapped[Decimal] = mapped_column(Money)
    entries: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Payment(Base):
    """Money a patient handed over: a check-in copay or any other payment."""

    __tablename__ = "patient_payment"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        # The last line of defence against refunding more than was paid, whatever the race.
        CheckConstraint("refunded_amount >= 0 AND refunded_amount <= amount", name="refund_within_amount"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    patient_id: Mapped[str] = mapped_column(String(36), index=True)
    location_id: Mapped[str] = mapped_column(String(64), index=True)
    appointment_id: Mapped[str | None] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(16))  # copay, payment
    method: Mapped[str] = mapped_column(String(8))  # card, cash, check
    amount: Mapped[Decimal] = mapped_column(Money)
    refunded_amount: Mapped[Decimal] = mapped_column(Money)
    check_number: Mapped[str | None] = mapped_column(String(32))
    card_last4: Mapped[str | None] = mapped_column(String(4))  # never the card number
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    posted_by: Mapped[str] = mapped_column(String(100))


class Refund(Base):
    """Money given back against one payment; the payment's refunded_amount moves with it."""

    __tablename__ = "patient_refund"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(200), unique=True)  # a retried request refunds once
    payment_id: Mapped[str] = mapped_column(ForeignKey("patient_payment.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    reason: Mapped[str] = mapped_column(String(200))
    refunded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    refunded_by: Mapped[str] = mapped_column(String(100))
