"""Composing a reply that threads under the message it answers (RFC 5322 In-Reply-To and References)."""

from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from shared.clock import utcnow


def reply_subject(subject: str) -> str:
    return subject if subject.lower().startswith("re:") else f"Re: {subject}".strip()


def compose(
    *, from_address: str, to: str, subject: str, body: str, in_reply_to: str | None, references: str | None
) -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = from_address, to, subject
    msg["Date"] = format_datetime(utcnow())
    msg["Message-ID"] = make_msgid(domain=from_address.rsplit("@", 1)[-1])
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = f"{references} {in_reply_to}".strip() if references else in_reply_to
    msg.set_content(body)
    return msg
