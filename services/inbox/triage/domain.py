"""Triage rules: ordered, each may set some of a message's routing; the first rule to set a thing wins.

One pass over the rules in order lets a recipient rule pick the location while a later subject
rule picks the category: rules compose instead of needing one rule per combination.
"""

import re
from dataclasses import dataclass, field
from enum import StrEnum


class Category(StrEnum):
    APPOINTMENT_REQUEST = "appointment_request"
    INSURANCE_QUERY = "insurance_query"
    SUPPLIER_INVOICE = "supplier_invoice"
    BILLING_QUESTION = "billing_question"
    RECORDS_REQUEST = "records_request"
    OTHER = "other"


class MatchOn(StrEnum):
    RECIPIENT = "recipient"  # one of the addresses the mail was delivered to, exactly
    SENDER_DOMAIN = "sender_domain"  # the sender's domain or a subdomain of it
    SUBJECT = "subject"  # a case-insensitive regular expression
    BODY = "body"
    SUBJECT_OR_BODY = "subject_or_body"


PRIORITIES = ("routine", "urgent", "asap", "stat")
PARTY_KINDS = ("payer", "supplier")
ROLES = ("office_manager", "front_desk", "clinician", "biller", "compliance_officer", "facilities_coordinator")

# Who works each category when no rule names a role.
DEFAULT_ROLE = {
    Category.APPOINTMENT_REQUEST: "front_desk",
    Category.INSURANCE_QUERY: "biller",
    Category.SUPPLIER_INVOICE: "office_manager",
    Category.BILLING_QUESTION: "biller",
    Category.RECORDS_REQUEST: "front_desk",
    Category.OTHER: "office_manager",
}
ROUTED = ("location_id", "category", "priority", "role", "party_kind", "party_id", "provider_id", "appointment_type_id")


@dataclass(frozen=True)
class Rule:
    """One editable rule; the None effects leave that part of the routing to later rules."""

    id: str
    position: int
    name: str
    match_on: MatchOn
    pattern: str
    location_id: str | None = None
    category: Category | None = None
    priority: str | None = None
    role: str | None = None
    party_kind: str | None = None
    party_id: str | None = None
    provider_id: str | None = None  # appointment requests: whose slots the desk is shown
    appointment_type_id: str | None = None
    enabled: bool = True


@dataclass(frozen=True)
class Mail:
    """What triage reads of a message."""

    recipients: tuple[str, ...]
    sender: str
    subject: str
    body: str


@dataclass
class Decision:
    category: Category = Category.OTHER
    priority: str = "routine"
    role: str = DEFAULT_ROLE[Category.OTHER]
    location_id: str | None = None
    party_kind: str | None = None
    party_id: str | None = None
    provider_id: str | None = None
    appointment_type_id: str | None = None
    hits: list[dict] = field(default_factory=list)  # [{rule_id, name, set: [...]}] in rule order


def check_pattern(match_on: MatchOn, pattern: str) -> str | None:
    """Why a rule's pattern is unusable, or None."""
    if match_on in (MatchOn.RECIPIENT, MatchOn.SENDER_DOMAIN):
        return None if re.fullmatch(r"[^\s@]*@?[^\s@]+", pattern) else "must be an address or a domain"
    try:
        re.compile(pattern, re.I)
    except re.error as exc:
        return f"is not a regular expression: {exc}"
    return None


def sender_domain(address: str) -> str:
    return address.rsplit("@", 1)[-1].lower() if "@" in address else ""


def matches(rule: Rule, mail: Mail) -> bool:
    pattern = rule.pattern.lower()
    if rule.match_on is MatchOn.RECIPIENT:
        return pattern in (r.lower() for r in mail.recipients)
    if rule.match_on is MatchOn.SENDER_DOMAIN:
        domain = sender_domain(mail.sender)
        return domain == pattern or domain.endswith("." + pattern)
    text = {
        MatchOn.SUBJECT: mail.subject,
        MatchOn.BODY: mail.body,
        MatchOn.SUBJECT_OR_BODY: f"{mail.subject}\n{mail.body}",
    }[rule.match_on]
    try:
        return re.search(rule.pattern, text, re.I) is not None
    except re.error:  # refused on save; an old bad row must not stop the intake
        return False


def decide(rules: list[Rule], mail: Mail) -> Decision:
    """Route a message: each matching rule, in position order, sets what no earlier rule set."""
    chosen: dict[str, object] = {}
    hits: list[dict] = []
    for rule in sorted(rules, key=lambda r: r.position):
        if not rule.enabled or not matches(rule, mail):
            continue
        newly = [k for k in ROUTED if getattr(rule, k) is not None and k not in chosen]
        chosen |= {k: getattr(rule, k) for k in newly}
        hits.append({"rule_id": rule.id, "name": rule.name, "set": newly})
    category = Category(chosen.get("category", Category.OTHER))
    return Decision(
        category=category,
        priority=str(chosen.get("priority", "routine")),
        role=str(chosen.get("role") or DEFAULT_ROLE[category]),
        location_id=chosen.get("location_id"),
        party_kind=chosen.get("party_kind"),
        party_id=chosen.get("party_id"),
        provider_id=chosen.get("provider_id"),
        appointment_type_id=chosen.get("appointment_type_id"),
        hits=hits,
    )


_RED_FLAGS = (
    r"\b(chest pain|can'?t breathe|cannot breathe|short(ness)? of breath|suicid\w*|overdos\w*|stroke|"
    r"anaphyla\w*|severe bleeding|bleeding heavily|unconscious|seizure)\b"
)

# The rules a new practice starts with; the office manager edits them from there.
STARTER_RULES: list[dict] = [
    dict(
        name="Clinical red flags",
        match_on=MatchOn.SUBJECT_OR_BODY,
        pattern=_RED_FLAGS,
        priority="stat",
        role="clinician",
    ),
    dict(
        name="Appointment requests",
        match_on=MatchOn.SUBJECT_OR_BODY,
        pattern=r"\b(appointment|book(ing)?|schedul\w*|reschedul\w*|see (the )?doctor)\b",
        category=Category.APPOINTMENT_REQUEST,
    ),
    dict(
        name="Insurance queries",
        match_on=MatchOn.SUBJECT_OR_BODY,
        pattern=r"\b(claim|eob|explanation of benefits|prior auth\w*|remittance|denial|coverage)\b",
        category=Category.INSURANCE_QUERY,
    ),
    dict(
        name="Supplier invoices",
        match_on=MatchOn.SUBJECT,
        pattern=r"\b(invoice|bill to|purchase order)\b",
        category=Category.SUPPLIER_INVOICE,
    ),
    dict(
        name="Records requests",
        match_on=MatchOn.SUBJECT_OR_BODY,
        pattern=r"\b(medical records?|records request|copy of my (chart|records)|release of information)\b",
        category=Category.RECORDS_REQUEST,
    ),
    dict(
        name="Billing questions",
        match_on=MatchOn.SUBJECT_OR_BODY,
        pattern=r"\b(my bill|statement|balance|payment|charged|copay)\b",
        category=Category.BILLING_QUESTION,
    ),
]
