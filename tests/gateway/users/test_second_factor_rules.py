"""TOTP per RFC 6238 (its own test vector), one step of drift either way, never the same step twice."""

from datetime import UTC, datetime

from services.gateway.users.second_factor import accepted_step, enroll, needs_second_factor, recovery_digest

# RFC 6238, appendix B: the SHA-1 key "12345678901234567890"; at T = 59 s the 8-digit code is 94287082.
RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
AT_59 = datetime.fromtimestamp(59, UTC)


def test_the_rfc_6238_vector_is_accepted_at_its_step_and_only_once():
    assert accepted_step(RFC_SECRET, "287082", now=AT_59, last_step=None) == 1  # the vector's last six digits
    assert accepted_step(RFC_SECRET, "287082", now=AT_59, last_step=1) is None  # replayed
    assert accepted_step(RFC_SECRET, "287083", now=AT_59, last_step=None) is None


def test_one_step_of_drift_is_allowed_and_two_are_not():
    assert accepted_step(RFC_SECRET, "287082", now=datetime.fromtimestamp(59 + 30, UTC), last_step=None) == 1
    assert accepted_step(RFC_SECRET, "287082", now=datetime.fromtimestamp(59 + 60, UTC), last_step=None) is None


def test_admins_and_officers_enroll_with_ten_distinct_recovery_codes():
    assert needs_second_factor(["biller", "practice_admin"]) and needs_second_factor(["compliance_officer"])
    assert not needs_second_factor(["front_desk", "biller"])
    enrollment = enroll("admin@example.org")
    assert enrollment.uri.startswith("otpauth://totp/clinicops:admin%40example.org?secret=")
    assert len(set(enrollment.recovery_codes)) == 10
    code = enrollment.recovery_codes[0]
    assert recovery_digest(code) == recovery_digest(f" {code.upper().replace('-', '')} ")
