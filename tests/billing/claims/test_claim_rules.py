"""The claim state machine, adjudication outcome, diagnosis pointers and control numbers."""

from decimal import Decimal
from itertools import pairwise

import pytest

from services.billing.claims.control_numbers import claim_number, normalized
from services.billing.claims.control_numbers import line_number as line_control_number
from services.billing.claims.domain import ClaimStatus, LineOutcome, adjudicated_status, claim_diagnoses, transition
from shared.errors import Conflict

S = ClaimStatus


@pytest.mark.parametrize(
    "path",
    [
        [S.DRAFT, S.READY, S.SUBMITTED, S.ACCEPTED, S.PAID],
        [S.DRAFT, S.READY, S.SUBMITTED, S.REJECTED, S.RESUBMITTED, S.READY],
        [S.SUBMITTED, S.ACCEPTED, S.DENIED, S.APPEALED, S.PARTIALLY_PAID],
        [S.ACCEPTED, S.DENIED, S.RESUBMITTED, S.READY],
    ],
)
def test_allowed_paths(path):
    for current, target in pairwise(path):
        assert transition(current, target) == target


def test_a_forbidden_move_is_409_naming_the_allowed_ones():
    with pytest.raises(Conflict) as refused:
        transition(S.DRAFT, S.SUBMITTED)
    assert refused.value.details["allowed"] == ["ready"]
    with pytest.raises(Conflict):
        transition(S.PAID, S.DENIED)


def test_adjudication_outcome():
    paid, denied = LineOutcome(Decimal(100), Decimal(80), False), LineOutcome(Decimal(50), Decimal(0), True)
    assert adjudicated_status([paid, paid], payer_denied=False) == S.PAID
    assert adjudicated_status([paid, denied], payer_denied=False) == S.PARTIALLY_PAID
    assert adjudicated_status([denied], payer_denied=False) == S.DENIED
    assert adjudicated_status([paid], payer_denied=True) == S.DENIED


def test_claim_diagnoses_keep_first_seen_order_and_point_into_it():
    codes, pointers = claim_diagnoses([["E11.9", "I10"], ["I10"], ["Z00.00", "E11.9"]])
    assert codes == ["E11.9", "I10", "Z00.00"]
    assert pointers == [[1, 2], [2], [3, 1]]


def test_claim_numbers_fit_the_20_characters_payers_keep():
    assert claim_number("loc-a", 1) == "LOCA-000001"
    assert claim_number("Loc-North-Hills", 123) == "LOCNOR-000123"  # upper case: a payer's capitals change nothing
    assert claim_number("---", 7) == "C-000007"
    assert len(claim_number("longest-location", 10**13 - 1)) == 20
    with pytest.raises(ValueError, match="longer than 20"):
        claim_number("longest-location", 10**13)
    # 837P allows 50 service lines: REF*6R stays within 30.
    assert line_control_number(claim_number("longest-location", 10**13 - 1), 50) == "LONGES-9999999999999-50"
    assert normalized(" loca-000001 ") == "LOCA-000001"
