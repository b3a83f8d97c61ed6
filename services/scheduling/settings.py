from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class Settings(ServiceSettings):
    """Scheduling settings, read from SCHEDULING_* variables."""

    model_config = SettingsConfigDict(env_prefix="SCHEDULING_", extra="ignore", populate_by_name=True)

    service_name: str = "scheduling"
    port: int = 8001
