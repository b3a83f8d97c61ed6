"""Recognising what an email is about: claim numbers in its words, phone numbers, weekday wishes."""

import re

# "claim 1234567", "Claim #AB-77812", "claim no. 445566", "claim number: X12-9981": the practice's claim
# ids and the payers' claim control numbers both run 6 to 38 characters (CLM01 allows 38).
CLAIM = re.compile(r"\bclaim\s*(?:no\.?|number|#|id)?\s*[:#]?\s*([A-Z0-9][A-Z0-9-]{5,37})\b", re.I)
PHONE = re.compile(r"(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b")
_DAYS = {
    "mon": r"mondays?",
    "tue": r"tuesdays?|tues",
    "wed": r"wednesdays?",
    "thu": r"thursdays?|thurs",
    "fri": r"fridays?",
    "sat": r"saturdays?",
    "sun": r"sundays?",
}


def claim_ref(subject: str, body: str) -> str | None:
    """The first claim number named in the subject, else in the body."""
    for text in (subject, body):
        if found := CLAIM.search(text):
            return found.group(1).upper()
    return None


def phone_digits(value: str | None) -> str | None:
    """The last ten digits of a phone number: how the inbox compares numbers written any way."""
    digits = "".join(ch for ch in value or "" if ch.isdigit())
    return digits[-10:] if len(digits) >= 10 else None


def phones_in(text: str) -> list[str]:
    return [d for d in (phone_digits(m.group(0)) for m in PHONE.finditer(text)) if d]


def preferred_days(text: str) -> list[str]:
    """The weekdays a request names, in week order ("Tuesday or Thursday morning" -> tue, thu)."""
    return [day for day, words in _DAYS.items() if re.search(rf"\b({words})\b", text, re.I)]
