"""Tasks, their notes and their history."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, SmallInteger, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from services.inbox.db import Base, SerialId
from services.inbox.tasks.domain import OPEN_SQL
from shared.db import UTCDateTime


class Task(Base):
    """Work for a role's pool at a location (FHIR performerType), maybe owned by one user."""

    __tablename__ = "task"
    __table_args__ = (
        # One open task per cause, decided by the database: two deliveries racing still make one task.
        Index("uq_task_open_cause", "cause", unique=True, postgresql_where=text(OPEN_SQL), sqlite_where=text(OPEN_SQL)),
        # The role queue: open tasks of a role at a location, most pressing first, soonest due first.
        Index(
            "ix_task_open_queue",
            "location_id",
            "role",
            "priority_rank",
            "due_at",
            postgresql_where=text(OPEN_SQL),
            sqlite_where=text(OPEN_SQL),
        ),
        Index("ix_task_open_owner", "owner", postgresql_where=text(OPEN_SQL), sqlite_where=text(OPEN_SQL)),
        Index("ix_task_open_due", "due_at", postgresql_where=text(OPEN_SQL), sqlite_where=text(OPEN_SQL)),
        Index("ix_task_focus", "focus_service", "focus_kind", "focus_id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    cause: Mapped[str] = mapped_column(String(300), index=True)
    status: Mapped[str] = mapped_column(String(16))
    business_status: Mapped[str | None] = mapped_column(String(100))
    category: Mapped[str] = mapped_column(String(40))
    priority: Mapped[str] = mapped_column(String(8))
    priority_rank: Mapped[int] = mapped_column(SmallInteger)
    location_id: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(32))
    owner: Mapped[str | None] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    focus_service: Mapped[str | None] = mapped_column(String(32))
    focus_kind: Mapped[str | None] = mapped_column(String(32))
    focus_id: Mapped[str | None] = mapped_column(String(64))
    patient_id: Mapped[str | None] = mapped_column(String(64), index=True)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)


class TaskNote(Base):
    """A note someone left on a task (FHIR Task.note)."""

    __tablename__ = "task_note"

    id: Mapped[int] = mapped_column(SerialId, primary_key=True, autoincrement=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("task.id"), index=True)
    author: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TaskHistory(Base):
    """Who did what to a task, when: each change is one row, with what changed and what caused it."""

    __tablename__ = "task_history"

    id: Mapped[int] = mapped_column(SerialId, primary_key=True, autoincrement=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("task.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    details: Mapped[dict] = mapped_column(JSON, default=dict)
