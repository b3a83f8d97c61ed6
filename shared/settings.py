"""Settings every service shares; each service subclasses with its own env prefix."""

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _shared(name: str, default):
    """A field read from an un-prefixed variable too, e.g. KAFKA_BOOTSTRAP_SERVERS."""
    return Field(default, validation_alias=AliasChoices(name.lower(), name))


class ServiceSettings(BaseSettings):
    """Base settings; `SCHEDULING_DATABASE_URL` etc. come from the subclass prefix."""

    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    service_name: str = "service"
    host: str = "127.0.0.1"
    port: int = 8000
    database_url: str = ""
    kafka_bootstrap_servers: str = _shared("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
    # Prefixes every topic name: lets tests and tenants share one cluster in isolation.
    kafka_topic_prefix: str = _shared("KAFKA_TOPIC_PREFIX", "")
    topic_partitions: int = _shared("CLINICOPS_TOPIC_PARTITIONS", 3)
    topic_replication: int = _shared("CLINICOPS_TOPIC_REPLICATION", 1)  # 3 on a real cluster
    # Where the gateway publishes its public keys (a JWKS URL, or a JWKS file): services verify
    # tokens with them and hold no key able to sign one.
    jwks_url: str = _shared("CLINICOPS_JWKS_URL", "http://127.0.0.1:8000/.well-known/jwks.json")
    # Revocations are read back this far on start: at least the longest access-token lifetime.
    revocation_look_back_s: float = _shared("CLINICOPS_REVOCATION_LOOK_BACK_S", 3600.0)
    jwt_issuer: str = _shared("CLINICOPS_JWT_ISSUER", "clinicops-gateway")
    # Bodies past these are refused with 413 unread; uploads (an 835 file) take the larger one.
    max_body_bytes: int = _shared("CLINICOPS_MAX_BODY_BYTES", 1024 * 1024)
    max_upload_bytes: int = _shared("CLINICOPS_MAX_UPLOAD_BYTES", 16 * 1024 * 1024)
    log_level: str = _shared("CLINICOPS_LOG_LEVEL", "INFO")
    consumer_max_retries: int = 3
    consumer_retry_backoff_s: float = 0.2
    outbox_sweep_interval_s: float = 5.0
    outbox_retention_s: float = 3600.0  # published rows are kept this long, for inspection
    # Must outlive the topics' retention (Kafka's default is 7 days): a redelivered event
    # older than its dedup row would be applied twice.
    processed_event_retention_s: float = 30 * 86400.0
    run_consumers: bool = True
    run_relay: bool = True

    def topic(self, name: str) -> str:
        """The physical topic for a logical contract topic."""
        return f"{self.kafka_topic_prefix}{name}"

    def default_sqlite_url(self) -> str:
        return f"sqlite+aiosqlite:///var/{self.service_name}.db"

    @property
    def db_url(self) -> str:
        return self.database_url or self.default_sqlite_url()
