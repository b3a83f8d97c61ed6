"""The IMAP poller's client side: fetch what arrived after the last UID seen (imaplib, in a thread).

A mailbox is read, never changed: the messages stay on the practice's server, and the UID cursor
(with the mailbox's UIDVALIDITY) says where the next poll starts.
"""

import asyncio
import imaplib
import re
import ssl
from dataclasses import dataclass

_UID = re.compile(rb"UID (\d+)")


@dataclass(frozen=True)
class Mailbox:
    host: str
    port: int
    user: str
    password: str
    folder: str = "INBOX"
    tls: bool = False  # implicit TLS (993); plain for a local test server
    timeout_s: float = 30.0


@dataclass(frozen=True)
class Fetched:
    uidvalidity: int
    messages: list[tuple[int, bytes]]  # (uid, raw) in UID order


def _fetch(box: Mailbox, *, uidvalidity: int | None, after_uid: int, limit: int) -> Fetched:
    connect = imaplib.IMAP4_SSL if box.tls else imaplib.IMAP4
    kwargs = {"ssl_context": ssl.create_default_context()} if box.tls else {}
    with connect(box.host, box.port, timeout=box.timeout_s, **kwargs) as imap:
        imap.login(box.user, box.password)
        status, _ = imap.select(f'"{box.folder}"', readonly=True)
        if status != "OK":
            raise imaplib.IMAP4.error(f"cannot select {box.folder}")
        values = imap.response("UIDVALIDITY")[1]
        current = int(values[0]) if values and values[0] else 0
        if uidvalidity is not None and current != uidvalidity:
            after_uid = 0  # the mailbox was rebuilt: its UIDs start over (dedupe keeps this from doubling mail)
        status, data = imap.uid("search", None, f"UID {after_uid + 1}:*")
        uids = sorted(int(u) for u in (data[0] or b"").split() if int(u) > after_uid)[:limit]
        messages: list[tuple[int, bytes]] = []
        for uid in uids:
            status, parts = imap.uid("fetch", str(uid), "(UID BODY.PEEK[])")
            for part in parts:
                if isinstance(part, tuple) and (m := _UID.search(part[0])):
                    messages.append((int(m.group(1)), part[1]))
    return Fetched(uidvalidity=current, messages=messages)


async def fetch_new(box: Mailbox, *, uidvalidity: int | None, after_uid: int, limit: int = 200) -> Fetched:
    """The messages after `after_uid`, at most `limit`; imaplib is blocking, so it runs in a thread."""
    return await asyncio.to_thread(_fetch, box, uidvalidity=uidvalidity, after_uid=after_uid, limit=limit)
