"""Triage rules: order decides, rules compose, the starter rules route each category."""

import pytest

from services.inbox.triage.domain import STARTER_RULES, Category, Mail, MatchOn, Rule, check_pattern, decide


def _rules(*extra: Rule) -> list[Rule]:
    starters = [Rule(id=f"s{i}", position=100 + i, **r) for i, r in enumerate(STARTER_RULES)]
    return [*extra, *starters]


def _mail(subject="", body="", sender="pat@example.org", to=("office@clinic.test",)) -> Mail:
    return Mail(recipients=to, sender=sender, subject=subject, body=body)


@pytest.mark.parametrize(
    "subject,body,category,role",
    [
        ("Need an appointment", "next week with Dr Kim", Category.APPOINTMENT_REQUEST, "front_desk"),
        ("Claim 12345", "why was it denied", Category.INSURANCE_QUERY, "biller"),
        ("Invoice INV-9", "attached", Category.SUPPLIER_INVOICE, "office_manager"),
        ("Question", "I was charged twice on my bill", Category.BILLING_QUESTION, "biller"),
        ("Records", "please send my medical records", Category.RECORDS_REQUEST, "front_desk"),
        ("Hello", "thanks for everything", Category.OTHER, "office_manager"),
    ],
)
def test_starter_rules_route_each_category(subject, body, category, role):
    decision = decide(_rules(), _mail(subject, body))
    assert (decision.category, decision.role, decision.priority) == (category, role, "routine")


def test_a_red_flag_is_stat_to_a_clinician_whatever_the_category():
    decision = decide(_rules(), _mail("appointment", "I have chest pain since this morning"))
    assert (decision.category, decision.priority, decision.role) == (Category.APPOINTMENT_REQUEST, "stat", "clinician")
    assert [h["name"] for h in decision.hits] == ["Clinical red flags", "Appointment requests"]


def test_rules_compose_and_the_first_to_set_a_thing_wins():
    by_address = Rule(
        id="r1", position=1, name="north", match_on=MatchOn.RECIPIENT, pattern="north@clinic.test", location_id="loc-n"
    )
    payer = Rule(
        id="r2",
        position=2,
        name="aetna",
        match_on=MatchOn.SENDER_DOMAIN,
        pattern="aetna.test",
        party_kind="payer",
        party_id="payer-1",
        category=Category.INSURANCE_QUERY,
        priority="urgent",
    )
    decision = decide(
        _rules(by_address, payer), _mail("appointment?", sender="x@mail.aetna.test", to=("north@clinic.test",))
    )
    assert (decision.location_id, decision.party_kind, decision.party_id) == ("loc-n", "payer", "payer-1")
    assert (decision.category, decision.priority) == (Category.INSURANCE_QUERY, "urgent")
    assert decision.hits[0] == {"rule_id": "r1", "name": "north", "set": ["location_id"]}
    assert decision.hits[2]["set"] == []  # the appointment rule matched, but the category was already set


def test_disabled_rules_and_other_domains_do_not_match():
    off = Rule(
        id="x", position=0, name="off", match_on=MatchOn.SUBJECT, pattern="hello", priority="stat", enabled=False
    )
    near = Rule(id="y", position=1, name="near", match_on=MatchOn.SENDER_DOMAIN, pattern="aetna.test", priority="asap")
    decision = decide([off, near], _mail("hello", sender="a@notaetna.test"))
    assert decision.priority == "routine" and decision.hits == []


def test_bad_patterns_are_named():
    assert check_pattern(MatchOn.SUBJECT, "(") and check_pattern(MatchOn.SENDER_DOMAIN, "two words")
    assert check_pattern(MatchOn.SUBJECT, r"\bclaim\b") is None and check_pattern(MatchOn.RECIPIENT, "a@b.test") is None
