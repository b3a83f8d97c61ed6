"""HTTP models of replies."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class ReplyIn(BaseModel):
    body: str = Field(min_length=1, max_length=50_000)
    subject: str | None = Field(None, min_length=1, max_length=200)  # default: "Re: " and the message's subject


class ReplyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    message_id: str
    task_id: str | None
    to_address: str
    subject: str
    body: str
    header_message_id: str
    in_reply_to: str | None
    status: str
    error: str | None
    sent_by: str
    sent_at: datetime
