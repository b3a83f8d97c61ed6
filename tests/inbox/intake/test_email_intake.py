"""Email into the running inbox through real SMTP and real IMAP (dovecot), out through a recording relay."""

import asyncio

import aiosmtplib
import pytest

from tests.support.inbox_mail import email, mail_env, messages, send, wait_for
from tests.support.mail_servers import Dovecot, RecordingSmtp, free_port
from tests.support.suite import token

pytestmark = pytest.mark.integration
MANAGER = token(roles=["office_manager"], locations=["loc-a"], sub="manager-a")
BILLER = token(roles=["biller"], locations=["loc-a"], sub="biller-a")
DESK_B = token(roles=["front_desk"], locations=["loc-b"], sub="desk-b")
BROKEN = (
    b"From: pat@example.org\r\nTo: office@clinic.test\r\nSubject: broken bill\r\nMessage-ID: <broken@x>\r\n"
    b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
    b"Content-Type: text/plain; charset=x-nonsense\r\n\r\nabout my bill \xe9\r\n"
)


async def test_smtp_mail_of_each_category_becomes_one_task_for_its_role(make_suite):
    suite = make_suite()
    port = free_port()
    await suite.start("inbox", env=mail_env(smtp_port=port))
    cases = {
        "<a@x>": ("Appointment", "Can I come in on Monday?", "appointment_request", "front_desk"),
        "<i@x>": ("Claim 99887766 denied", "please explain", "insurance_query", "biller"),
        "<s@x>": ("Invoice INV-1", "attached", "supplier_invoice", "office_manager"),
        "<b@x>": ("Question", "I was charged twice", "billing_question", "biller"),
        "<r@x>": ("Records", "send my medical records", "records_request", "front_desk"),
        "<o@x>": ("Hi", "thanks", "other", "office_manager"),
        "<c@x>": ("Urgent", "my father is unconscious", "other", "clinician"),
    }
    for mid, (subject, body, _, _) in cases.items():
        await send(port, email(subject, body, mid=mid))
    await send(port, email("Appointment", "Can I come in on Monday?", mid="<a@x>"))  # delivered twice
    await send(port, BROKEN)
    async with suite.client("inbox", MANAGER) as inbox:
        listed = await wait_for(lambda: messages(inbox), lambda r: len(r) >= 8, what="8 messages")
        await asyncio.sleep(0.5)
        assert len(await messages(inbox)) == 8  # the second delivery of <a@x> is the same message
        tasks = (await inbox.get("/tasks", params={"view": "all", "limit": 50})).json()["items"]
        by_message = {t["focus"]["id"]: t for t in tasks}
        assert len(tasks) == 8 and set(by_message) == {m["id"] for m in listed}
        for m in listed:
            detail = (await inbox.get(f"/messages/{m['id']}")).json()
            task = by_message[m["id"]]
            assert (task["category"], task["role"], task["location_id"]) == (m["category"], m["role"], "loc-a")
            if detail["header_message_id"] in cases:
                _, _, category, role = cases[detail["header_message_id"]]
                assert (m["category"], m["role"]) == (category, role), detail["subject"]
            else:
                assert {"malformed_mime", "unknown_charset"} <= set(m["flags"]) and m["category"] == "billing_question"
                assert "about my bill" in detail["text"]
        stat = next(t for t in tasks if t["role"] == "clinician")
        assert stat["priority"] == "stat"
        claim = next(m for m in listed if m["category"] == "insurance_query")
        assert claim["claim_ref"] == "99887766"

    async with suite.client("inbox", DESK_B) as other:
        assert (await other.get(f"/messages/{listed[0]['id']}")).status_code == 403
        assert await messages(other) == []
    async with suite.client("inbox", BILLER) as biller:
        assert {m["role"] for m in await messages(biller)} == {"biller"}
        desk_message = next(m for m in listed if m["role"] == "front_desk")
        assert (await biller.get(f"/messages/{desk_message['id']}")).status_code == 403
    audited = await suite.scalar("inbox", "SELECT count(*) FROM outbox WHERE topic LIKE '%inbox.audit'")
    assert audited >= 8 + 8 + 2  # the lists, the reads, and the two refusals

    with pytest.raises(aiosmtplib.SMTPRecipientsRefused) as refused:
        await send(port, email("relay me", "x", to="victim@elsewhere.test"))
    assert refused.value.recipients[0].code == 550


async def test_imap_mail_is_polled_once_each_and_a_reply_reaches_the_relay_threaded(make_suite, tmp_path):
    dovecot = Dovecot(dir=tmp_path / "dovecot", port=free_port()).start()
    relay = RecordingSmtp().start()
    try:
        suite = make_suite()
        env = mail_env(relay_port=relay.port) | {
            "INBOX_SMTP_ENABLED": "false",
            "INBOX_IMAP_HOST": "127.0.0.1",
            "INBOX_IMAP_PORT": str(dovecot.port),
            "INBOX_IMAP_USER": dovecot.user,
            "INBOX_IMAP_PASSWORD": dovecot.password,
            "INBOX_IMAP_TLS": "false",
            "INBOX_IMAP_POLL_INTERVAL_S": "0.5",
        }
        dovecot.append(email("Appointment", "Thursday?", mid="<imap-1@example.org>").as_bytes())
        await suite.start("inbox", env=env)
        async with suite.client("inbox", MANAGER) as inbox:
            [first] = await wait_for(lambda: messages(inbox), lambda r: len(r) == 1, what="the first IMAP message")
            dovecot.append(email("Appointment", "Thursday?", mid="<imap-1@example.org>").as_bytes())  # a copy
            dovecot.append(email("My statement", "balance question", mid="<imap-2@example.org>").as_bytes())
            listed = await wait_for(lambda: messages(inbox), lambda r: len(r) >= 2, what="the second IMAP message")
            await asyncio.sleep(1.5)  # three more polls: the copy and the old ones are not taken again
            assert len(await messages(inbox)) == 2 and {m["channel"] for m in listed} == {"imap"}
            assert await suite.scalar("inbox", "SELECT last_uid FROM imap_cursor") == 3

            sent = await inbox.post(f"/messages/{first['id']}/replies", json={"body": "Thursday 10:00 works."})
            assert sent.status_code == 201, sent.text
            reply = sent.json()
            assert (reply["status"], reply["to_address"], reply["subject"]) == (
                "sent",
                "pat@example.org",
                "Re: Appointment",
            )
            [got] = relay.received
            assert got.rcpt_tos == ["pat@example.org"]
            assert b"In-Reply-To: <imap-1@example.org>" in got.data and b"Thursday 10:00 works." in got.data
            task = (await inbox.get(f"/tasks/{first['task_id']}")).json()
            assert [h["details"]["reply_id"] for h in task["history"] if h["action"] == "replied"] == [reply["id"]]
            assert [r["id"] for r in (await inbox.get(f"/messages/{first['id']}/replies")).json()] == [reply["id"]]

            relay.stop()  # the relay goes away: the reply is kept as failed, and the caller is told
            failed = await inbox.post(f"/messages/{first['id']}/replies", json={"body": "again"})
            assert (failed.status_code, failed.json()["field"]) == (502, "relay")
            statuses = [r["status"] for r in (await inbox.get(f"/messages/{first['id']}/replies")).json()]
            assert statuses == ["sent", "failed"]
    finally:
        dovecot.stop()
        relay.stop()
