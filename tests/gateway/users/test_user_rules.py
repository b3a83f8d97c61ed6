"""Password hashing and the admin's grant scope: pure rules, no I/O."""

from services.gateway.users.domain import grants_within
from services.gateway.users.passwords import hash_password, verify_password


def test_passwords_are_argon2id_hashes_and_verify_only_the_right_password():
    stored = hash_password("correct horse battery")
    assert stored.startswith("$argon2id$") and "correct" not in stored
    assert verify_password(stored, "correct horse battery")
    assert not verify_password(stored, "correct horse batterY")
    assert not verify_password(None, "anything")  # an unknown user never passes
    assert not verify_password("not-a-hash", "anything")


def test_admins_grant_only_locations_inside_their_own_scope():
    assert grants_within(frozenset({"*"}), ["*"])
    assert grants_within(frozenset({"loc-a", "loc-b"}), ["loc-a"])
    assert not grants_within(frozenset({"loc-a"}), ["loc-b"])
    assert not grants_within(frozenset({"loc-a"}), ["*"])
