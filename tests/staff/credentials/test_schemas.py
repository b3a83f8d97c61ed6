"""Credentials' cross-field rules name the field to fix."""

from datetime import timedelta

import pytest
from pydantic import ValidationError

from services.staff.credentials.schemas import CredentialIn
from tests.support.dates import days_ago


def _field_errors(model, **data) -> set[str]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return {".".join(map(str, e["loc"])) for e in caught.value.errors()}


def test_cross_field_rules_name_the_field_to_fix():
    issued_on = days_ago(700)
    licence = dict(kind="state_license", number="A1", issuer="Board", issued_on=str(issued_on))
    assert _field_errors(CredentialIn, **licence) == {"state"}
    before_issue = str(issued_on - timedelta(days=1))
    assert _field_errors(CredentialIn, **licence, state="CA", expires_on=before_issue) == {"expires_on"}
    assert _field_errors(CredentialIn, **licence | {"kind": "npi", "number": "1234567890"}) == {"number"}
