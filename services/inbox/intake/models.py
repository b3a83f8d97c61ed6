"""Where the IMAP poller left off in each mailbox."""

from datetime import datetime

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from services.inbox.db import Base
from shared.db import UTCDateTime


class ImapCursor(Base):
    __tablename__ = "imap_cursor"

    mailbox: Mapped[str] = mapped_column(String(400), primary_key=True)  # user@host:port/folder
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    last_uid: Mapped[int] = mapped_column(BigInteger)
    polled_at: Mapped[datetime] = mapped_column(UTCDateTime)
