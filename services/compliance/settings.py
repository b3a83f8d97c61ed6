from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class Settings(ServiceSettings):
    """Compliance settings, read from COMPLIANCE_* variables."""

    model_config = SettingsConfigDict(env_prefix="COMPLIANCE_", extra="ignore", populate_by_name=True)

    service_name: str = "compliance"
    port: int = 8004
