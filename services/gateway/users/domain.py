"""Pure rules of user administration: one spelling of an email, and the scope an admin may grant."""

from shared.auth import ALL_LOCATIONS


def normalize_email(email: str) -> str:
    return email.strip().lower()


def grants_within(granted_by: frozenset[str], locations: list[str]) -> bool:
    """An admin hands out only locations inside their own scope; `*` only from a group-wide admin."""
    if ALL_LOCATIONS in granted_by:
        return True
    return ALL_LOCATIONS not in locations and set(locations) <= granted_by
