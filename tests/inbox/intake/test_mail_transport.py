"""The two doors mail comes in by, against real servers: aiosmtplib → the receiver, dovecot → the poller."""

from email.message import EmailMessage

import aiosmtplib
import pytest

from services.inbox.intake import imap, smtp
from tests.support.mail_servers import Dovecot, free_port


def _mail(subject: str, to: str = "office@clinic.test") -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "pat@example.org", to, subject
    msg.set_content("hello")
    return msg


@pytest.fixture
async def receiver():
    got: list[tuple[bytes, list[str], str]] = []

    async def deliver(raw, rcpts, sender):
        if b"explode" in raw:
            raise RuntimeError("database down")
        got.append((raw, rcpts, sender))

    port = free_port()
    server = await smtp.start_server(
        deliver,
        host="127.0.0.1",
        port=port,
        max_bytes=50_000,
        domains=frozenset({"clinic.test"}),
        addresses=frozenset({"billing@partner.test"}),
    )
    yield port, got
    server.close()
    await server.wait_closed()


async def test_the_receiver_stores_mail_for_the_practice(receiver):
    port, got = receiver
    await aiosmtplib.send(_mail("hi"), hostname="127.0.0.1", port=port)
    await aiosmtplib.send(_mail("hi", to="Billing@Partner.test"), hostname="127.0.0.1", port=port)
    assert [g[1] for g in got] == [["office@clinic.test"], ["Billing@Partner.test"]]
    assert b"Subject: hi" in got[0][0] and got[0][2] == "pat@example.org"


async def test_the_receiver_refuses_relaying_oversize_and_says_so(receiver):
    port, got = receiver
    with pytest.raises(aiosmtplib.SMTPRecipientsRefused) as refused:
        await aiosmtplib.send(_mail("x", to="someone@elsewhere.test"), hostname="127.0.0.1", port=port)
    assert refused.value.recipients[0].code == 550 and "Relaying denied" in refused.value.recipients[0].message
    big = _mail("big")
    big.set_content("x" * 60_000)
    with pytest.raises(aiosmtplib.SMTPResponseException) as too_big:
        await aiosmtplib.send(big, hostname="127.0.0.1", port=port)
    assert too_big.value.code == 552
    with pytest.raises(aiosmtplib.SMTPDataError) as failed:
        await aiosmtplib.send(_mail("explode"), hostname="127.0.0.1", port=port)
    assert failed.value.code == 451 and got == []


@pytest.fixture
def dovecot(tmp_path):
    server = Dovecot(dir=tmp_path / "dovecot", port=free_port()).start()
    yield server
    server.stop()


async def test_the_poller_fetches_only_what_is_new(dovecot):
    box = imap.Mailbox(host="127.0.0.1", port=dovecot.port, user=dovecot.user, password=dovecot.password)
    assert (await imap.fetch_new(box, uidvalidity=None, after_uid=0)).messages == []
    dovecot.append(_mail("one").as_bytes())
    dovecot.append(_mail("two").as_bytes())
    first = await imap.fetch_new(box, uidvalidity=None, after_uid=0)
    assert [uid for uid, _ in first.messages] == [1, 2] and b"Subject: two" in first.messages[1][1]
    dovecot.append(_mail("three").as_bytes())
    later = await imap.fetch_new(box, uidvalidity=first.uidvalidity, after_uid=2)
    assert [uid for uid, _ in later.messages] == [3] and later.uidvalidity == first.uidvalidity > 0
    assert (await imap.fetch_new(box, uidvalidity=first.uidvalidity, after_uid=3)).messages == []
    restarted = await imap.fetch_new(box, uidvalidity=first.uidvalidity + 1, after_uid=3)
    assert len(restarted.messages) == 3  # UIDVALIDITY changed: read again from the start
