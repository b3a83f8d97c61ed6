"""What an access review takes from a user: staff job roles map to clinicops roles; pure rules, no I/O."""

from services.gateway.access import KNOWN_ROLES
from services.gateway.revocations.domain import ACCESS_ROLE_OF_STAFF_ROLE, after_revocation
from shared.contracts.staff import StaffRole


def test_every_staff_job_maps_to_a_clinicops_role():
    assert set(ACCESS_ROLE_OF_STAFF_ROLE) == {r.value for r in StaffRole}
    assert set(ACCESS_ROLE_OF_STAFF_ROLE.values()) <= KNOWN_ROLES


def test_a_revoked_job_role_takes_its_clinicops_role_and_keeps_the_others():
    remaining = after_revocation(
        ["clinician", "front_desk"], ["loc-a"], revoked_roles=["physician"], revoked_location_ids=[]
    )
    assert (remaining.roles, remaining.locations, remaining.kept_group_wide) == (["front_desk"], ["loc-a"], False)
    # A clinicops role name is taken as it is; unknown names take nothing.
    assert after_revocation(
        ["biller", "office_manager"], ["loc-a"], revoked_roles=["office_manager", "pilot"], revoked_location_ids=[]
    ).roles == ["biller"]


def test_revoked_locations_leave_the_others_and_revoking_everything_leaves_nothing():
    remaining = after_revocation(
        ["clinician"], ["loc-b", "loc-a", "loc-c"], revoked_roles=[], revoked_location_ids=["loc-b", "loc-z"]
    )
    assert (remaining.roles, remaining.locations) == (["clinician"], ["loc-a", "loc-c"])
    emptied = after_revocation(
        ["front_desk"], ["loc-a"], revoked_roles=["receptionist"], revoked_location_ids=["loc-a"]
    )
    assert (emptied.roles, emptied.locations) == ([], [])


def test_group_wide_scope_cannot_be_narrowed_and_says_so():
    remaining = after_revocation(["office_manager"], ["*"], revoked_roles=[], revoked_location_ids=["loc-a"])
    assert (remaining.locations, remaining.kept_group_wide) == (["*"], True)
    assert not after_revocation(
        ["office_manager"], ["*"], revoked_roles=["biller"], revoked_location_ids=[]
    ).kept_group_wide
