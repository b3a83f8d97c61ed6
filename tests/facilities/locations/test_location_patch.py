"""A location patch changes what was sent; null cannot clear what every location must have."""

import pytest
from pydantic import ValidationError

from services.facilities.locations.schemas import LocationPatch


@pytest.mark.parametrize("field", ["name", "opening_hours", "closed_on", "cancellation_notice_hours"])
def test_null_for_a_required_field_is_refused_naming_it(field):
    with pytest.raises(ValidationError) as refused:
        LocationPatch.model_validate({field: None})
    assert [error["loc"] for error in refused.value.errors()] == [(field,)]
    assert "cannot be null" in refused.value.errors()[0]["msg"]


def test_an_omitted_field_stays_unset_and_an_address_may_be_cleared():
    patch = LocationPatch.model_validate({"address": None})
    assert patch.model_fields_set == {"address"} and patch.address is None
