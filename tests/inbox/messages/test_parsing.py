"""MIME parsing: what is kept of each kind of mail, and that bad mail is flagged, never raised."""

from email.message import EmailMessage

from services.inbox.messages import domain


def _mail(**headers) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = headers.pop("From", "Ann Lee <ann@example.org>")
    msg["To"] = headers.pop("To", "office@clinic.test")
    msg["Subject"] = headers.pop("Subject", "Hello")
    for key, value in headers.items():
        msg[key.replace("_", "-")] = value
    return msg


def test_plain_mail_keeps_headers_and_text():
    msg = _mail(Message_ID="<a1@example.org>", Date="Tue, 01 Dec 2026 10:00:00 +0000")
    msg.set_content("I would like an appointment.")
    parsed = domain.parse(msg.as_bytes())
    assert parsed.dedupe_key == "mid:<a1@example.org>"
    assert (parsed.sender, parsed.sender_name, parsed.recipients) == (
        "ann@example.org",
        "Ann Lee",
        ["office@clinic.test"],
    )
    assert parsed.subject == "Hello" and "appointment" in parsed.text
    assert parsed.sent_at.year == 2026 and parsed.flags == []


def test_without_message_id_the_content_hash_is_the_key():
    msg = _mail()
    msg.set_content("no id")
    raw = msg.as_bytes()
    first, again, other = domain.parse(raw), domain.parse(raw), domain.parse(raw + b"x")
    assert first.dedupe_key.startswith("sha256:") and first.dedupe_key == again.dedupe_key
    assert other.dedupe_key != first.dedupe_key and domain.NO_MESSAGE_ID in first.flags


def test_html_only_mail_is_read_as_text_and_flagged():
    msg = _mail(Message_ID="<h@x>")
    msg.set_content("<p>Please call me about my <b>bill</b> &amp; statement</p><script>x()</script>", subtype="html")
    parsed = domain.parse(msg.as_bytes())
    assert domain.HTML_ONLY in parsed.flags
    assert "my bill & statement" in parsed.text and "x()" not in parsed.text and parsed.html


def test_unknown_charset_is_kept_and_flagged():
    raw = (
        b"From: a@b.test\r\nTo: office@clinic.test\r\nSubject: x\r\nMessage-ID: <c@x>\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=x-klingon\r\n\r\nqapla\xe9 appointment\r\n"
    )
    parsed = domain.parse(raw)
    assert domain.UNKNOWN_CHARSET in parsed.flags and "qapla" in parsed.text and "appointment" in parsed.text


def test_malformed_mime_is_kept_and_flagged():
    raw = (
        b"From: a@b.test\r\nSubject: broken\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="zzz"\r\n\r\n--zzz\r\nContent-Type: text/plain\r\n\r\n'
        b"body without a closing boundary\r\n"
    )
    parsed = domain.parse(raw)
    assert domain.MALFORMED in parsed.flags and "without a closing" in parsed.text


def test_garbage_never_raises():
    for raw in (b"", b"\x00\xff\xfe" * 100, b"From: <<<@@@>>>\r\n\r\n", b"Content-Type: multipart/mixed\r\n\r\n--"):
        parsed = domain.parse(raw)
        assert parsed.dedupe_key and "\x00" not in parsed.text


def test_attachments_over_the_limit_or_of_a_refused_type_keep_only_their_size_and_hash():
    msg = _mail(Message_ID="<att@x>")
    msg.set_content("see attached")
    msg.add_attachment(b"a,b\n1,2\n", maintype="text", subtype="csv", filename="inv.csv")
    msg.add_attachment(b"%PDF" + b"0" * 2000, maintype="application", subtype="pdf", filename="big.pdf")
    msg.add_attachment(b"MZ", maintype="application", subtype="x-msdownload", filename="run.exe")
    parsed = domain.parse(msg.as_bytes(), limits=domain.Limits(max_attachment_bytes=1000))
    csv, pdf, exe = parsed.attachments
    assert (csv.filename, csv.content, csv.flag) == ("inv.csv", b"a,b\n1,2\n", None)
    assert (pdf.content, pdf.flag, pdf.size) == (None, domain.ATTACHMENT_TOO_LARGE, 2004)
    assert (exe.content, exe.flag) == (None, domain.ATTACHMENT_TYPE_REFUSED)
    assert {domain.ATTACHMENT_TOO_LARGE, domain.ATTACHMENT_TYPE_REFUSED} <= set(parsed.flags)


def test_envelope_recipients_win_over_headers():
    msg = _mail(To="someone@else.test", Message_ID="<e@x>")
    msg.set_content("x")
    assert domain.parse(msg.as_bytes(), envelope_recipients=["Billing@Clinic.test"]).recipients == [
        "billing@clinic.test"
    ]
