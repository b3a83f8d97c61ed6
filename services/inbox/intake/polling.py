"""The IMAP poller: what arrived in the mailbox since the last poll goes through the same intake as SMTP."""

import logging
from collections.abc import Callable

from services.inbox.intake import imap
from services.inbox.intake.models import ImapCursor
from services.inbox.intake.service import IntakeOptions, receive
from shared.clock import utcnow
from shared.uow import UnitOfWork

log = logging.getLogger("clinicops.inbox.imap")


def mailbox_key(box: imap.Mailbox) -> str:
    return f"{box.user}@{box.host}:{box.port}/{box.folder}"[:400]


async def poll_mailbox(*, new_uow: Callable[[], UnitOfWork], box: imap.Mailbox, options: IntakeOptions) -> int:
    """Take in every message after the cursor; the cursor moves only past messages that were stored."""
    key = mailbox_key(box)
    async with new_uow() as uow:
        cursor = await uow.session.get(ImapCursor, key)
        uidvalidity, last_uid = (cursor.uidvalidity, cursor.last_uid) if cursor else (None, 0)
    fetched = await imap.fetch_new(box, uidvalidity=uidvalidity, after_uid=last_uid)
    if fetched.uidvalidity != uidvalidity:
        last_uid = 0
    stored = 0
    for uid, raw in fetched.messages:
        # A failure stops here: the next poll starts again at this message (dedupe absorbs any repeat).
        await receive(uow=new_uow(), raw=raw, channel="imap", envelope_recipients=None, options=options)
        last_uid, stored = max(last_uid, uid), stored + 1
    async with new_uow() as uow:
        cursor = await uow.session.get(ImapCursor, key)
        if cursor is None:
            cursor = ImapCursor(mailbox=key, uidvalidity=fetched.uidvalidity, last_uid=last_uid, polled_at=utcnow())
            uow.session.add(cursor)
        cursor.uidvalidity, cursor.last_uid, cursor.polled_at = fetched.uidvalidity, last_uid, utcnow()
    if stored:
        log.info("imap messages taken in", extra={"mailbox": key, "count": stored})
    return stored
