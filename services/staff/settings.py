from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class Settings(ServiceSettings):
    """Staff settings, read from STAFF_* variables."""

    model_config = SettingsConfigDict(env_prefix="STAFF_", extra="ignore", populate_by_name=True)

    service_name: str = "staff"
    port: int = 8002
    # The check is idempotent, so running it hourly costs nothing and a restart never skips a day.
    daily_check_interval_s: float = 3600.0
