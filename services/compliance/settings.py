from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class Settings(ServiceSettings):
    """Compliance settings, read from COMPLIANCE_* variables."""

    model_config = SettingsConfigDict(env_prefix="COMPLIANCE_", extra="ignore", populate_by_name=True)

    service_name: str = "compliance"
    port: int = 8004
    # HIPAA keeps documentation six years (45 CFR 164.316(b)(2)); the trail follows it.
    audit_retention_days: int = 6 * 366
    audit_purge_interval_s: float = 24 * 3600
    audit_anchor_interval_s: float = 3600
    # Distinct patients one user may open within a rolling hour before it is flagged.
    unusual_access_patients_per_hour: int = 50
    # Denied PHI accesses by one user within an hour that raise a `repeated_denials` alert.
    repeated_denials_per_hour: int = Field(5, ge=1)
    review_check_interval_s: float = 3600
    credential_expiring_days: int = 90
    breach_check_interval_s: float = 3600
