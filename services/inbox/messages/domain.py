"""Parsing one raw email into what the inbox keeps: pure, never raises on bad mail.

Bad mail is data too: a malformed MIME tree, an unknown charset, an HTML-only body or an
oversized attachment is kept with a flag naming what was wrong, so nothing a sender wrote is lost.
"""

import hashlib
import html
import re
from dataclasses import dataclass, field
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime

# Flags a stored message can carry; the console shows them and triage can match on them.
MALFORMED = "malformed_mime"
UNKNOWN_CHARSET = "unknown_charset"
HTML_ONLY = "html_only"
NO_MESSAGE_ID = "no_message_id"
ATTACHMENT_TOO_LARGE = "attachment_too_large"
ATTACHMENT_TYPE_REFUSED = "attachment_type_refused"
TOO_MANY_ATTACHMENTS = "too_many_attachments"

MAX_TEXT = 200_000  # characters of body text kept per message: enough for any letter, bounded for the DB
MAX_HEADER = 998  # RFC 5322's line limit, and the column width
MAX_ATTACHMENTS = 20
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Limits:
    """The attachment limits the practice sets (settings)."""

    max_attachment_bytes: int = 10 * 1024 * 1024
    allowed_types: frozenset[str] = frozenset(
        {"application/pdf", "text/csv", "text/plain", "application/xml", "text/xml", "image/png", "image/jpeg"}
    )


@dataclass
class Attachment:
    filename: str
    content_type: str
    size: int
    sha256: str
    content: bytes | None  # None when refused (too large, type not allowed): its size and hash are kept
    flag: str | None = None


@dataclass
class ParsedMessage:
    dedupe_key: str
    message_id: str | None
    sender: str  # the bare address, lower case ("" when none could be read)
    sender_name: str
    recipients: list[str]
    subject: str
    sent_at: object | None  # datetime | None
    in_reply_to: str | None
    references: str | None
    text: str
    html: str | None
    attachments: list[Attachment] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    size: int = 0


def clean(value: str, limit: int) -> str:
    """Text safe for a column: no NULs or control characters, bounded length."""
    return _CONTROL.sub("", value)[:limit]


def dedupe_key(raw: bytes, message_id: str | None) -> str:
    """The Message-ID when there is one, else a hash of the raw bytes: the same mail twice is one message."""
    if message_id:
        return "mid:" + message_id.strip().lower()[:300]
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def parse(raw: bytes, *, envelope_recipients: list[str] | None = None, limits: Limits = Limits()) -> ParsedMessage:
    """Parse raw RFC 5322 bytes; every failure becomes a flag, never an exception."""
    flags: list[str] = []
    try:
        msg = BytesParser(policy=policy.default).parsebytes(raw)
    except Exception:  # the parser is lenient, but a crash here must not lose the mail
        msg = EmailMessage()
        flags.append(MALFORMED)
    if _has_defects(msg):
        flags.append(MALFORMED)
    message_id = _header(msg, "Message-ID", flags) or None
    if message_id is None:
        flags.append(NO_MESSAGE_ID)
    name, sender = _sender(msg, flags)
    text, body_html, attachments = _walk(msg, flags, limits)
    if not text.strip() and body_html:
        flags.append(HTML_ONLY)
        text = html_to_text(body_html)
    recipients = [a.lower() for a in envelope_recipients or []] or _recipients(msg, flags)
    return ParsedMessage(
        dedupe_key=dedupe_key(raw, message_id),
        message_id=clean(message_id, 300) if message_id else None,
        sender=sender,
        sender_name=name,
        recipients=recipients,
        subject=clean(_header(msg, "Subject", flags), MAX_HEADER),
        sent_at=_date(msg, flags),
        in_reply_to=_header(msg, "In-Reply-To", flags)[:MAX_HEADER] or None,
        references=_header(msg, "References", flags)[:MAX_HEADER] or None,
        text=clean(text, MAX_TEXT),
        html=clean(body_html, MAX_TEXT) if body_html else None,
        attachments=attachments,
        flags=sorted(set(flags)),
        size=len(raw),
    )


def _has_defects(msg: EmailMessage) -> bool:
    return any(part.defects for part in msg.walk())


def _header(msg: EmailMessage, name: str, flags: list[str]) -> str:
    try:
        value = msg.get(name)
        return clean(str(value), MAX_HEADER).strip() if value is not None else ""
    except Exception:  # an undecodable header: keep the raw text
        flags.append(MALFORMED)
        raw = [v for k, v in msg.raw_items() if k.lower() == name.lower()]
        return clean(str(raw[0]) if raw else "", MAX_HEADER).strip()


def _sender(msg: EmailMessage, flags: list[str]) -> tuple[str, str]:
    try:
        header = msg.get("From")
        addresses: tuple[Address, ...] = header.addresses if header is not None else ()
        if addresses and addresses[0].addr_spec and "@" in addresses[0].addr_spec:
            return clean(addresses[0].display_name, 200), addresses[0].addr_spec.lower()[:254]
    except Exception:
        flags.append(MALFORMED)
    pairs = getaddresses([str(msg.get("From", ""))])
    return "", (pairs[0][1].lower()[:254] if pairs and "@" in pairs[0][1] else "")


def _recipients(msg: EmailMessage, flags: list[str]) -> list[str]:
    values = [_header(msg, h, flags) for h in ("To", "Cc", "Delivered-To")]
    return sorted({addr.lower()[:254] for _, addr in getaddresses(values) if "@" in addr})


def _date(msg: EmailMessage, flags: list[str]):
    value = _header(msg, "Date", flags)
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
        return moment if moment.tzinfo else None
    except Exception:
        flags.append(MALFORMED)
        return None


def _walk(msg: EmailMessage, flags: list[str], limits: Limits) -> tuple[str, str, list[Attachment]]:
    texts: list[str] = []
    htmls: list[str] = []
    attachments: list[Attachment] = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        content_type = part.get_content_type()
        disposition = part.get_content_disposition()
        if disposition != "attachment" and content_type in ("text/plain", "text/html"):
            body = _text_of(part, flags)
            (texts if content_type == "text/plain" else htmls).append(body)
            continue
        attachments.append(_attachment(part, flags, limits, len(attachments)))
    return "\n".join(texts), "\n".join(htmls), attachments


def _text_of(part: EmailMessage, flags: list[str]) -> str:
    try:
        return part.get_content()
    except LookupError:  # a charset Python does not know: keep the bytes as Latin-1 rather than lose them
        flags.append(UNKNOWN_CHARSET)
    except Exception:
        flags.append(MALFORMED)
    payload = part.get_payload(decode=True) or b""
    return payload.decode("utf-8", errors="replace") if _is_utf8(payload) else payload.decode("latin-1")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def _attachment(part: EmailMessage, flags: list[str], limits: Limits, index: int) -> Attachment:
    try:
        data = part.get_payload(decode=True) or b""
    except Exception:
        flags.append(MALFORMED)
        data = str(part.get_payload()).encode("utf-8", errors="replace")
    try:
        filename = part.get_filename() or f"part-{index + 1}"
    except Exception:
        flags.append(MALFORMED)
        filename = f"part-{index + 1}"
    attachment = Attachment(
        filename=clean(filename, 255),
        content_type=part.get_content_type()[:127],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        content=data,
    )
    if index >= MAX_ATTACHMENTS:
        attachment.flag = TOO_MANY_ATTACHMENTS
    elif len(data) > limits.max_attachment_bytes:
        attachment.flag = ATTACHMENT_TOO_LARGE
    elif attachment.content_type not in limits.allowed_types:
        attachment.flag = ATTACHMENT_TYPE_REFUSED
    if attachment.flag:
        flags.append(attachment.flag)
        attachment.content = None
    return attachment


_TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)
_BREAKS = re.compile(r"<(br|/p|/div|/tr|/li)\b[^>]*>", re.I)


def html_to_text(body: str) -> str:
    """The words of an HTML-only mail, for triage and reading: tags dropped, entities decoded."""
    text = _TAGS.sub(" ", _BREAKS.sub("\n", body))
    return re.sub(r"[ \t]+", " ", html.unescape(text)).strip()
