"""A morning's inbox of emails — appointment requests, insurance queries, supplier invoices.

Each location has its own office mailbox on the inbox's domain, and a triage rule per mailbox gives its mail to
that location. The emails go in through the inbox's SMTP receiver as any sender's would, so the inbox's own
triage makes the tasks. `clinicops up` gives the receiver's address; without one (`--inbox-smtp HOST:PORT` or
CLINICOPS_INBOX_SMTP) the step is skipped and said so.
"""

import asyncio
import csv
import io
import os
import random
import smtplib
from datetime import date
from email.message import EmailMessage

from clinicops.demo.context import Demo

DOMAIN = "clinicops.local"  # the inbox's default accepted domain


def office(location_id: str) -> str:
    """The location's office mailbox."""
    return f"office-{location_id}@{DOMAIN}"


MORNING = (  # (from, subject, body)
    ("{patient}@mail.example.org", "Appointment request", "Could I see Dr. {provider} next week? Mornings suit me."),
    ("{patient}@mail.example.org", "Need to reschedule", "Something came up for my visit on Thursday. Any day after?"),
    ("claims@bluehorizon.example.com", "Claim query: additional information", "Please send the visit notes for "
     "member {member}, date of service last week, before we can process the claim."),
    ("eligibility@summitmutual.example.com", "Coverage question", "Member {member}'s plan changed on the 1st; "
     "please confirm the group number on file."),
    ("invoices@medline.example.com", "Invoice 44{n} for your order", "Attached: invoice for nitrile gloves and "
     "syringes, net 30."),
    ("billing@henryschein.example.com", "Invoice 97{n}", "Exam table paper and HbA1c cartridges, as ordered."),
)  # fmt: skip


INVOICED = {  # a supplier invoice's vendor (as the supplies name it) and lines, by its sender
    "invoices@medline.example.com": (
        "MedLine Supply",
        (("Nitrile gloves, medium", 20, "8.40"), ("Syringe 3 ml", 10, "14.20")),
    ),
    "billing@henryschein.example.com": (
        "Henry Schein",
        (("Exam table paper", 12, "6.10"), ("HbA1c test cartridges", 2, "96.00")),
    ),
}


def invoice_csv(sender: str, number: str, issued_on: date) -> str:
    """The invoice as the inbox reads a CSV one: its own fields repeated on each billed line."""
    vendor, lines = INVOICED[sender]
    sheet = io.StringIO()
    writer = csv.writer(sheet)  # quotes an item holding a comma ("Nitrile gloves, medium")
    writer.writerow(("vendor", "invoice_number", "invoice_date", "item", "quantity", "unit_price"))
    writer.writerows((vendor, number, issued_on, item, count, price) for item, count, price in lines)
    return sheet.getvalue()


def smtp_address(given: str | None) -> tuple[str, int] | None:
    address = given or os.environ.get("CLINICOPS_INBOX_SMTP")
    if not address:
        return None
    host, _, port = address.rpartition(":")
    return host or "127.0.0.1", int(port)


def emails(demo: Demo) -> list[EmailMessage]:
    """The morning's mail of the seed: the same senders, subjects and patients on every run."""
    rng = random.Random(f"{demo.practice.seed}:inbox")
    messages = []
    locations = [loc.location_id for loc in demo.practice.locations]
    for index, (sender, subject, body) in enumerate(MORNING * 2):
        location_id = locations[index % len(locations)]
        patient = rng.choice([p for p in demo.practice.patients if p.location_id == location_id])
        provider = rng.choice([m for m in demo.practice.staff if m.provider])
        fill = {"patient": f"{patient.given_name}.{patient.family_name}".lower(), "provider": provider.family_name,
                "member": patient.member_id, "n": 100 + index}  # fmt: skip
        message = EmailMessage()
        message["From"], message["To"] = sender.format(**fill), office(location_id)
        message["Subject"] = title = subject.format(**fill)
        message["Message-ID"] = f"<demo-{demo.practice.seed}-{index}@example.org>"
        message.set_content(body.format(**fill))
        if sender in INVOICED:  # a supplier's invoice comes with its lines, as a spreadsheet
            number = title.split()[1]  # "Invoice 44104 for your order"
            sheet = invoice_csv(sender, number, demo.today(location_id))
            message.add_attachment(sheet.encode(), maintype="text", subtype="csv", filename=f"invoice-{number}.csv")
        messages.append(message)
    return messages


async def morning_inbox(demo: Demo, given: str | None) -> None:
    """Send the morning's emails to the inbox's SMTP receiver; skipped (and said so) when there is none."""
    address = smtp_address(given)
    if address is None:
        demo.notes.append("inbox: skipped (no inbox service in this stack; pass --inbox-smtp HOST:PORT once it is)")
        return

    manager = demo.session("manager")
    for position, loc in enumerate(demo.practice.locations):
        rule = {"position": 10 + position, "name": f"{loc.name} office mailbox", "match_on": "recipient",
                "pattern": office(loc.location_id), "location_id": loc.location_id}  # fmt: skip
        await manager.post("/inbox/triage/rules", rule)

    def send() -> int:
        with smtplib.SMTP(*address, timeout=10) as smtp:
            for message in emails(demo):
                smtp.send_message(message)
        return len(emails(demo))

    try:
        demo.count("inbox emails", await asyncio.to_thread(send))
    except OSError as exc:
        demo.notes.append(f"inbox: skipped ({address[0]}:{address[1]} does not answer: {exc})")
