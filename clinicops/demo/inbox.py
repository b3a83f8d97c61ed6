"""HOOK (inbox, issue 16): a morning's inbox of emails — appointment requests, insurance queries, supplier invoices.

The inbox service (SMTP receiver, triage into tasks) is being built beside this. Until it is part of the stack
this step is skipped: it runs only when an SMTP address is given (`--inbox-smtp HOST:PORT` or
CLINICOPS_INBOX_SMTP) and answers. Then each email goes in as any sender's would, so the inbox's own triage
makes the tasks. When the inbox joins `clinicops up`, default the address to its receiver here.
"""

import asyncio
import os
import random
import smtplib
from email.message import EmailMessage

from clinicops.demo.context import Demo

OFFICE = "office@northbay.example.com"
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
    for index, (sender, subject, body) in enumerate(MORNING * 2):
        patient = rng.choice(demo.practice.patients)
        provider = rng.choice([m for m in demo.practice.staff if m.provider])
        fill = {"patient": f"{patient.given_name}.{patient.family_name}".lower(), "provider": provider.family_name,
                "member": patient.member_id, "n": 100 + index}  # fmt: skip
        message = EmailMessage()
        message["From"], message["To"] = sender.format(**fill), OFFICE
        message["Subject"], message["Message-ID"] = subject, f"<demo-{demo.practice.seed}-{index}@example.org>"
        message.set_content(body.format(**fill))
        messages.append(message)
    return messages


async def morning_inbox(demo: Demo, given: str | None) -> None:
    """Send the morning's emails to the inbox's SMTP receiver; skipped (and said so) when there is none."""
    address = smtp_address(given)
    if address is None:
        demo.notes.append("inbox: skipped (no inbox service in this stack; pass --inbox-smtp HOST:PORT once it is)")
        return

    def send() -> int:
        with smtplib.SMTP(*address, timeout=10) as smtp:
            for message in emails(demo):
                smtp.send_message(message)
        return len(emails(demo))

    try:
        demo.count("inbox emails", await asyncio.to_thread(send))
    except OSError as exc:
        demo.notes.append(f"inbox: skipped ({address[0]}:{address[1]} does not answer: {exc})")
