from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class Settings(ServiceSettings):
    """Facilities settings, read from FACILITIES_* variables."""

    model_config = SettingsConfigDict(env_prefix="FACILITIES_", extra="ignore", populate_by_name=True)

    service_name: str = "facilities"
    port: int = 8005
    maintenance_check_interval_s: float = 3600.0  # how often due and overdue maintenance is looked for
