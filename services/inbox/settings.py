from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class Settings(ServiceSettings):
    """Inbox settings, read from INBOX_* variables."""

    model_config = SettingsConfigDict(env_prefix="INBOX_", extra="ignore", populate_by_name=True)

    service_name: str = "inbox"
    port: int = 8006
    # Overdue tasks are escalated by this periodic look; a minute late is still "at the due time" for a person.
    escalation_check_interval_s: float = 60.0
