"""Members' pure rules: the NPI check digit, and the NPI every provider needs."""

import pytest
from pydantic import ValidationError

from services.staff.members.domain import npi_is_valid
from services.staff.members.schemas import HireIn
from tests.support.dates import days_ago


@pytest.mark.parametrize(
    "npi, valid",
    [("1234567893", True), ("1234567890", False), ("123456789", False), ("12345678a3", False), ("1245319599", True)],
)
def test_npi_check_digit_uses_the_80840_prefix(npi, valid):
    assert npi_is_valid(npi) is valid


def test_a_provider_without_an_npi_is_refused_naming_the_npi():
    member = dict(given_name="A", family_name="B", home_location_id="loc-a", hired_on=str(days_ago(2000)))
    with pytest.raises(ValidationError) as caught:
        HireIn.model_validate(dict(role="physician", **member))  # providers need an NPI
    assert {".".join(map(str, e["loc"])) for e in caught.value.errors()} == {"npi"}
    assert HireIn.model_validate(dict(role="receptionist", **member)).npi is None
