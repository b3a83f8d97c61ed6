"""The SMTP receiver: the practice's own addresses only (no relaying), a size limit, clear refusals.

It runs in the service's event loop (not aiosmtpd's Controller thread), so delivering a message
is an ordinary use case on the service's database pool.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable

from aiosmtpd.smtp import SMTP

log = logging.getLogger("clinicops.inbox.smtp")

# deliver(raw bytes, envelope recipients, envelope sender) -> the stored message's id
Deliver = Callable[[bytes, list[str], str], Awaitable[object]]


def accepts(address: str, *, domains: frozenset[str], addresses: frozenset[str]) -> bool:
    """Is this recipient one of the practice's? Anything else would be relaying."""
    address = address.strip().lower()
    if "@" not in address:
        return False
    return address in addresses or address.rsplit("@", 1)[1] in domains


class Receiver:
    """aiosmtpd handler: refuses foreign recipients at RCPT, stores at DATA, 451 if storing failed."""

    def __init__(self, deliver: Deliver, *, domains: frozenset[str], addresses: frozenset[str]):
        self._deliver = deliver
        self._domains = frozenset(d.lower() for d in domains)
        self._addresses = frozenset(a.lower() for a in addresses)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if not accepts(address, domains=self._domains, addresses=self._addresses):
            return "550 5.7.1 Relaying denied: not an address of this practice"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        try:
            await self._deliver(envelope.original_content, list(envelope.rcpt_tos), envelope.mail_from or "")
        except Exception:
            # Temporary: the sender's server keeps the mail and retries, so nothing is lost.
            log.exception("storing a received message failed")
            return "451 4.3.0 Message not stored, try again later"
        return "250 2.0.0 Message accepted"


async def start_server(
    deliver: Deliver, *, host: str, port: int, max_bytes: int, domains: frozenset[str], addresses: frozenset[str]
) -> asyncio.Server:
    """Listen on host:port in the running loop; aiosmtpd answers 552 above `max_bytes`."""
    handler = Receiver(deliver, domains=domains, addresses=addresses)
    loop = asyncio.get_running_loop()

    def protocol() -> SMTP:
        return SMTP(handler, data_size_limit=max_bytes, hostname="clinicops-inbox", enable_SMTPUTF8=True)

    return await loop.create_server(protocol, host=host, port=port)
