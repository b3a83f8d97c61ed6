"""Members' pure rules: who needs an NPI, and the NPI check digit."""

from shared.contracts.staff import StaffRole

# Roles that see patients under their own licence: they must have an NPI.
PROVIDER_ROLES = frozenset({StaffRole.PHYSICIAN, StaffRole.NURSE_PRACTITIONER, StaffRole.PHYSICIAN_ASSISTANT})
CLINICAL_ROLES = PROVIDER_ROLES | {StaffRole.REGISTERED_NURSE, StaffRole.MEDICAL_ASSISTANT}


def npi_is_valid(npi: str) -> bool:
    """Ten digits whose last is the Luhn check digit of the number prefixed with 80840 (CMS rule)."""
    if len(npi) != 10 or not npi.isdigit():
        return False
    digits = [int(d) for d in "80840" + npi]
    total = 0
    for position, digit in enumerate(reversed(digits)):
        if position % 2 == 1:
            digit *= 2
            digit = digit - 9 if digit > 9 else digit
        total += digit
    return total % 10 == 0


def valid_npi(npi: str | None) -> str | None:
    """The NPI as given (or None); ValueError, as a validator raises it, when its check digit is wrong."""
    if npi is not None and not npi_is_valid(npi):
        raise ValueError("not a valid NPI (10 digits, Luhn check digit with prefix 80840)")
    return npi
