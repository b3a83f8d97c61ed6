"""Linking's pure rules: claim numbers, phone numbers written any way, the weekdays a request names."""

from services.inbox.linking.domain import claim_ref, phone_digits, phones_in, preferred_days


def test_claim_numbers_in_the_subject_win_over_the_body():
    assert claim_ref("Re: claim #ab-778812", "claim 99999999") == "AB-778812"
    assert claim_ref("Question", "about Claim number: 4455667788 please") == "4455667788"
    assert claim_ref("my claim", "is it paid?") is None  # "claim" alone, no number
    assert claim_ref("claim 12", "") is None  # too short to be a claim number


def test_phones_compare_by_their_last_ten_digits():
    assert phone_digits("+1 (555) 010-2000") == phone_digits("555.010.2000") == "5550102000"
    assert phone_digits("12345") is None and phone_digits(None) is None
    assert phones_in("call me at 555-010-2000 or (555) 010 3000") == ["5550102000", "5550103000"]


def test_weekdays_named_in_a_request_come_in_week_order():
    assert preferred_days("Thursday or maybe a Tuesday morning, not Sundays") == ["tue", "thu", "sun"]
    assert preferred_days("whenever suits") == []
