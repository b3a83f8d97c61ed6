"""Intake's use case on PostgreSQL: stored once, triaged by the starter rules, linked, and its task raised."""

from email.message import EmailMessage

import pytest
from sqlalchemy import func, select

from services.inbox.intake.service import IntakeOptions, cause_of, receive
from services.inbox.linking.models import PatientContact
from services.inbox.messages.domain import Limits
from services.inbox.messages.models import Message, MessageAttachment
from services.inbox.tasks.models import Task
from services.inbox.triage.models import TriageRule
from shared.clock import utcnow

pytestmark = pytest.mark.integration
OPTIONS = IntakeOptions(limits=Limits(max_attachment_bytes=5_000), default_location_id="loc-a")


def _mail(subject: str, body: str, *, sender="pat@example.org", to="office@clinic.test", mid=None) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, to, subject
    if mid:
        msg["Message-ID"] = mid
    msg.set_content(body)
    return msg.as_bytes()


async def _take(db, raw: bytes, **kw):
    return await receive(uow=db.uow(), raw=raw, channel="smtp", envelope_recipients=kw.get("to"), options=OPTIONS)


async def _row(db, model, key):
    async with db.sessions() as session:
        return await session.get(model, key)


@pytest.mark.parametrize(
    "subject,body,category,role,priority",
    [
        (
            "Appointment please",
            "Could I book a visit on Tuesday or Friday?",
            "appointment_request",
            "front_desk",
            "routine",
        ),
        ("Claim question", "Claim #AB-778812 was denied", "insurance_query", "biller", "routine"),
        ("Invoice INV-2291", "Please find our invoice attached", "supplier_invoice", "office_manager", "routine"),
        ("Question", "Why was I charged twice on my bill?", "billing_question", "biller", "routine"),
        ("Records", "Please send a copy of my medical records", "records_request", "front_desk", "routine"),
        ("Hello", "Thank you for the lovely flowers", "other", "office_manager", "routine"),
        ("Help", "I have chest pain after the new pills", "other", "clinician", "stat"),
    ],
)
async def test_each_category_raises_one_task_for_its_role(inbox_db, subject, body, category, role, priority):
    got = await _take(inbox_db, _mail(subject, body))
    message = await _row(inbox_db, Message, got.message_id)
    task = await _row(inbox_db, Task, got.task_id)
    assert (message.category, message.role, message.priority, message.location_id) == (
        category,
        role,
        priority,
        "loc-a",
    )
    assert (task.category, task.role, task.priority, task.location_id) == (category, role, priority, "loc-a")
    assert (task.cause, task.focus_service, task.focus_kind, task.focus_id) == (
        cause_of(message.id),
        "inbox",
        "message",
        message.id,
    )
    requested = await inbox_db.emitted("inbox.appointment.requested")
    if category == "appointment_request":
        assert [(r["message_id"], r["preferred_days"]) for r in requested] == [(message.id, ["tue", "fri"])]
        assert message.slot_search["days"] == ["tue", "fri"] and message.slot_search["location_id"] == "loc-a"
    else:
        assert requested == []


async def test_the_same_message_twice_is_one_message_and_one_task(inbox_db):
    raw = _mail("Appointment", "next week", mid="<same@example.org>")
    first, again = await _take(inbox_db, raw), await _take(inbox_db, raw)
    assert again.duplicate and (again.message_id, again.task_id) == (first.message_id, first.task_id)
    no_id = _mail("Hello", "no message id here")
    assert (await _take(inbox_db, no_id)).message_id == (await _take(inbox_db, no_id)).message_id
    async with inbox_db.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Message)) == 2
        assert await session.scalar(select(func.count()).select_from(Task)) == 2
    assert len(await inbox_db.emitted("inbox.appointment.requested")) == 1


async def test_bad_mime_and_refused_attachments_are_kept_and_flagged(inbox_db):
    broken = (
        b"From: pat@example.org\r\nTo: office@clinic.test\r\nSubject: broken\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=x-unknown\r\n\r\n'
        b"my bill \xe9\r\n--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=big.pdf\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n" + b"QUFB" * 3000 + b"\r\n"
    )
    got = await _take(inbox_db, broken)
    message = await _row(inbox_db, Message, got.message_id)
    assert {"malformed_mime", "unknown_charset", "attachment_too_large"} <= set(message.flags)
    assert message.raw == broken and message.category == "billing_question" and got.task_id
    async with inbox_db.sessions() as session:
        [attachment] = await session.scalars(select(MessageAttachment))
    assert (attachment.filename, attachment.size, attachment.content) == ("big.pdf", 9000, None)


async def test_senders_and_claims_are_linked_and_rules_route_by_address_and_domain(inbox_db):
    async with inbox_db.uow() as uow:
        uow.session.add_all(
            [
                PatientContact(
                    patient_id="pat-1", location_id="loc-b", email="ann@example.org", snapshot_time=utcnow()
                ),
                TriageRule(
                    id="r-north",
                    position=1,
                    name="north",
                    match_on="recipient",
                    pattern="north@clinic.test",
                    location_id="loc-n",
                    updated_by="t",
                    updated_at=utcnow(),
                ),
                TriageRule(
                    id="r-payer",
                    position=2,
                    name="aetna",
                    match_on="sender_domain",
                    pattern="aetna.test",
                    party_kind="payer",
                    party_id="payer-aetna",
                    category="insurance_query",
                    updated_by="t",
                    updated_at=utcnow(),
                ),
            ]
        )
    patient_mail = await _take(inbox_db, _mail("Appointment", "Thursday please", sender="Ann@Example.org"))
    message = await _row(inbox_db, Message, patient_mail.message_id)
    assert (message.patient_id, message.location_id) == ("pat-1", "loc-b")  # no rule named one: the patient's
    assert (await _row(inbox_db, Task, patient_mail.task_id)).patient_id == "pat-1"
    [asked] = await inbox_db.emitted("inbox.appointment.requested")
    assert (asked["patient_id"], asked["location_id"]) == ("pat-1", "loc-b")

    payer_mail = await _take(
        inbox_db,
        _mail("Re: claim number 4455667788", "status?", sender="ops@mail.aetna.test", to="north@clinic.test"),
        to=["north@clinic.test"],
    )
    message = await _row(inbox_db, Message, payer_mail.message_id)
    task = await _row(inbox_db, Task, payer_mail.task_id)
    assert (message.location_id, message.party_kind, message.party_id, message.claim_ref) == (
        "loc-n",
        "payer",
        "payer-aetna",
        "4455667788",
    )
    assert (task.role, task.location_id) == ("biller", "loc-n")
    assert "Payer: payer-aetna" in task.description and "Claim: 4455667788" in task.description
    assert [h["rule_id"] for h in message.rule_hits][:2] == ["r-north", "r-payer"]


async def test_a_merged_duplicate_links_its_survivor_a_phone_links_and_a_shared_address_links_no_one(inbox_db):
    now = utcnow()
    async with inbox_db.uow() as uow:
        uow.session.add_all(
            [
                PatientContact(
                    patient_id="dup",
                    location_id="loc-a",
                    email="old@example.org",
                    merged_into="keep",
                    snapshot_time=now,
                ),
                PatientContact(patient_id="keep", location_id="loc-a", email="new@example.org", snapshot_time=now),
                PatientContact(patient_id="p-phone", location_id="loc-a", phone_digits="5550102000", snapshot_time=now),
                PatientContact(patient_id="twin-1", location_id="loc-a", email="family@example.org", snapshot_time=now),
                PatientContact(patient_id="twin-2", location_id="loc-a", email="family@example.org", snapshot_time=now),
            ]
        )
    merged = await _take(inbox_db, _mail("Hello", "hi", sender="old@example.org"))
    by_phone = await _take(inbox_db, _mail("Hello", "call me on (555) 010-2000", sender="unknown@example.org"))
    shared = await _take(inbox_db, _mail("Hello", "hi", sender="family@example.org"))
    linked = [(await _row(inbox_db, Message, r.message_id)).patient_id for r in (merged, by_phone, shared)]
    assert linked == ["keep", "p-phone", None]


async def test_a_supplier_invoice_email_has_its_ubl_attachment_matched_and_its_task_names_the_difference(inbox_db):
    from services.inbox.invoices.models import SupplierInvoice
    from tests.inbox.invoices.samples import ubl_invoice

    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "billing@medline.test", "office@clinic.test", "Invoice INV-1001"
    msg.set_content("Please find our invoice attached")
    msg.add_attachment(ubl_invoice(order="po-mail", quantity=5), maintype="application", subtype="xml",
                       filename="INV-1001.xml")  # fmt: skip
    got = await _take(inbox_db, msg.as_bytes())
    async with inbox_db.sessions() as session:
        invoice = (await session.execute(select(SupplierInvoice))).scalar_one()
        task = await session.get(Task, invoice.task_id)
    assert (invoice.message_id, invoice.source, invoice.order_ref) == (got.message_id, "email", "po-mail")
    assert "no purchase order found for the invoice (order po-mail)" in task.description
    assert task.role == "office_manager"
