"""A location's expenses and its monthly budgets."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.billing.db import Base
from shared.db import Money, UTCDateTime


class Expense(Base):
    """A location's spending in one category; purchase orders arrive as supplies.

    Amounts entered by hand are positive (ExpenseIn); a supplier invoice's adjustment to its receipts may be
    negative (a discount), never zero.
    """

    __tablename__ = "expense"
    __table_args__ = (
        CheckConstraint("amount <> 0", name="amount_not_zero"),
        Index("ix_expense_location_incurred", "location_id", "incurred_on"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    location_id: Mapped[str] = mapped_column(String(64))
    category: Mapped[str] = mapped_column(String(16))
    amount: Mapped[Decimal] = mapped_column(Money)
    incurred_on: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(String(200))
    vendor: Mapped[str | None] = mapped_column(String(200))
    # e.g. "purchase_order:<id>:<received_on>": one receipt is one expense, whatever replays it.
    source_ref: Mapped[str | None] = mapped_column(String(200), unique=True)
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Budget(Base):
    """What a location means to spend in one category in one month (`month` is its first day)."""

    __tablename__ = "budget"
    __table_args__ = (
        UniqueConstraint("location_id", "category", "month"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    location_id: Mapped[str] = mapped_column(String(64))
    category: Mapped[str] = mapped_column(String(16))
    month: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
