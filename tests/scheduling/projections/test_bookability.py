"""Scheduling's pure bookability rules: credentials, role, termination, locations."""

from datetime import date, timedelta

from services.scheduling.projections.bookability import missing_credentials, provider_problems
from services.scheduling.projections.models import Credential, CredentialStatus, Provider
from shared.clock import local_date
from tests.support.dates import TUESDAY, at_local, next_weekday

DAY = next_weekday(TUESDAY, weeks_ahead=2)  # the visit day, passed to the rules; they never read the clock
IN_A_YEAR = DAY + timedelta(days=365)


def credential(
    kind: str, state: str | None = None, expires_on: date | None = IN_A_YEAR, status: str = CredentialStatus.ACTIVE
) -> Credential:
    return Credential(
        credential_id=f"{kind}-{state}", staff_id="s1", kind=kind, state=state, expires_on=expires_on, status=status
    )


FULL = [credential("state_license", "CA"), credential("bls"), credential("dea", "CA")]


def physician(**changes) -> Provider:
    values = dict(staff_id="s1", role="physician", location_ids=["sf"], terminated_on=None) | changes
    return Provider(**values)


def test_a_ca_licence_and_bls_are_enough_for_ca():
    assert missing_credentials(FULL, state="CA", on=DAY) == []


def test_a_licence_of_another_state_does_not_count():
    assert missing_credentials(FULL, state="NV", on=DAY) == [f"no active NV state licence on {DAY}"]


def test_a_licence_is_valid_through_its_expiry_day_and_not_after():
    licence = credential("state_license", "CA", expires_on=DAY)
    assert missing_credentials([licence, credential("bls")], state="CA", on=DAY) == []
    later = DAY + timedelta(days=1)
    assert missing_credentials([licence, credential("bls")], state="CA", on=later) == [
        f"no active CA state licence on {later}"
    ]


def test_expired_and_suspended_credentials_do_not_count_whatever_their_date():
    for status in (CredentialStatus.EXPIRED, CredentialStatus.SUSPENDED):
        held = [credential("state_license", "CA", status=status), credential("bls", status=status)]
        assert missing_credentials(held, state="CA", on=DAY) == [
            f"no active CA state licence on {DAY}",
            f"no active BLS certification on {DAY}",
        ]


def test_dea_is_checked_only_when_the_visit_requires_it():
    without_dea = FULL[:2]
    assert missing_credentials(without_dea, state="CA", on=DAY) == []
    assert missing_credentials(without_dea, state="CA", on=DAY, requires_dea=True) == [
        f"no active DEA registration for CA on {DAY}"
    ]


def test_a_dea_registration_of_another_state_does_not_count_one_without_state_does():
    nv_dea = [*FULL[:2], credential("dea", "NV")]
    assert missing_credentials(nv_dea, state="CA", on=DAY, requires_dea=True) != []
    stateless_dea = [*FULL[:2], credential("dea", None)]
    assert missing_credentials(stateless_dea, state="CA", on=DAY, requires_dea=True) == []


def test_an_expired_dea_registration_is_missing():
    expired_dea = [*FULL[:2], credential("dea", "CA", expires_on=DAY - timedelta(days=60))]
    assert missing_credentials(expired_dea, state="CA", on=DAY, requires_dea=True) == [
        f"no active DEA registration for CA on {DAY}"
    ]


def test_missing_bls_is_named():
    assert missing_credentials(FULL[:1], state="CA", on=DAY) == [f"no active BLS certification on {DAY}"]


def test_unknown_members_and_non_clinical_roles_are_not_providers():
    assert provider_problems(None, location_id="sf", on=DAY) == ["not an active provider"]
    assert provider_problems(physician(role="receptionist"), location_id="sf", on=DAY) == ["not an active provider"]
    assert provider_problems(physician(role=None), location_id="sf", on=DAY) == ["not an active provider"]
    for role in ("physician", "nurse_practitioner", "physician_assistant"):
        assert provider_problems(physician(role=role), location_id="sf", on=DAY) == []


def test_a_provider_is_bookable_only_at_their_locations():
    assert provider_problems(physician(), location_id="la", on=DAY) == ["not assigned to location la"]


def test_termination_applies_from_its_day_on():
    leaving = physician(terminated_on=DAY)
    assert provider_problems(leaving, location_id="sf", on=DAY - timedelta(days=1)) == []  # still working their notice
    assert provider_problems(leaving, location_id="sf", on=DAY) == [f"terminated on {DAY}"]


def test_the_visit_day_is_the_local_day_of_the_location():
    late_evening_in_california = at_local(DAY, 22, 30, tz="America/Los_Angeles")  # 05:30 or 06:30 UTC the next day
    assert local_date(late_evening_in_california, "America/Los_Angeles") == DAY
    assert local_date(late_evening_in_california, "UTC") == DAY + timedelta(days=1)
