from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class Settings(ServiceSettings):
    """Inbox settings, read from INBOX_* variables."""

    model_config = SettingsConfigDict(env_prefix="INBOX_", extra="ignore", populate_by_name=True)

    service_name: str = "inbox"
    port: int = 8006
    # Overdue tasks are escalated by this periodic look; a minute late is still "at the due time" for a person.
    escalation_check_interval_s: float = 60.0

    # --- email (issue 15: intake, triage, replies) ---
    # The SMTP receiver: on by default, for the practice's own domains and addresses only (no relaying).
    smtp_enabled: bool = True
    smtp_host: str = "127.0.0.1"
    smtp_port: int = Field(2525, ge=1, le=65535)
    smtp_max_bytes: int = Field(25 * 1024 * 1024, ge=1024, le=100 * 1024 * 1024)
    accepted_domains: list[str] = ["clinicops.local"]
    accepted_addresses: list[str] = []
    attachment_max_bytes: int = Field(10 * 1024 * 1024, ge=1024, le=50 * 1024 * 1024)
    # Where a message goes when no rule, and no known patient, names its location.
    default_location_id: str | None = None
    # An existing mailbox to poll (off unless a host is set); messages stay on it, read only.
    imap_host: str | None = None
    imap_port: int = Field(993, ge=1, le=65535)
    imap_user: str = ""
    imap_password: str = ""
    imap_folder: str = "INBOX"
    imap_tls: bool = True
    imap_poll_interval_s: float = Field(60.0, ge=0.2, le=86_400)
    # Replies leave through the practice's relay.
    relay_host: str = "127.0.0.1"
    relay_port: int = Field(25, ge=1, le=65535)
    relay_username: str | None = None
    relay_password: str | None = None
    relay_starttls: bool = False
    relay_timeout_s: float = Field(30.0, ge=1, le=300)
    reply_from: str = "office@clinicops.local"
