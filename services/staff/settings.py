from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class Settings(ServiceSettings):
    """Staff settings, read from STAFF_* variables."""

    model_config = SettingsConfigDict(env_prefix="STAFF_", extra="ignore", populate_by_name=True)

    service_name: str = "staff"
    port: int = 8002
