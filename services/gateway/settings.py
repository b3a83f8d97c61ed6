from pathlib import Path

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings

PROXIED_SERVICES = ("scheduling", "staff", "billing", "compliance", "facilities", "inbox")


class Settings(ServiceSettings):
    """Gateway settings, read from GATEWAY_* variables."""

    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore", populate_by_name=True)

    service_name: str = "gateway"
    port: int = 8000

    # Where each service listens (the ports of clinicops/supervisor.py).
    scheduling_url: str = "http://127.0.0.1:8001"
    staff_url: str = "http://127.0.0.1:8002"
    billing_url: str = "http://127.0.0.1:8003"
    compliance_url: str = "http://127.0.0.1:8004"
    facilities_url: str = "http://127.0.0.1:8005"
    inbox_url: str = "http://127.0.0.1:8006"
    upstream_connect_timeout_s: float = 2.0
    upstream_read_timeout_s: float = 30.0
    dashboard_timeout_s: float = 5.0
    openapi_cache_s: float = 30.0

    # The office console's build (`make web`), served at /.
    console_dir: Path = Path("web/dist")
    # The live stream keeps this many recent events in memory: a client that reconnects within them resumes.
    live_ring_size: int = Field(1000, ge=10, le=100_000)

    # The Ed25519 keys access tokens are signed with: made on first start, or mounted in production.
    # Only the gateway reads this directory; services verify with its /.well-known/jwks.json.
    signing_key_dir: Path = Path("var/keys/gateway")
    # At most a day: services keep a user's revocation that long (sessions.domain.LONGEST_ACCESS_TOKEN).
    access_token_ttl_s: int = Field(900, gt=0, le=86400)
    refresh_token_ttl_s: int = 14 * 24 * 3600
    # Failures from one source (IP) against one account: from the 5th on, that source waits 1 min, 2, 4, ...
    # up to an hour; the account stays open from everywhere else.
    throttle_threshold: int = Field(5, ge=1)
    throttle_window_s: int = Field(900, gt=0)
    throttle_first_delay_s: int = Field(60, gt=0)
    throttle_longest_delay_s: int = Field(3600, gt=0)
    # Failures against one account from all sources together: guessing spread over many addresses.
    lockout_threshold: int = Field(50, ge=1)
    lockout_window_s: int = 900
    lockout_duration_s: int = 900

    # Token buckets held in this process's memory: with N gateway instances a client gets N times these.
    rate_limit_ip_per_minute: int = 1200
    rate_limit_ip_burst: int = 200
    rate_limit_user_per_minute: int = 600
    rate_limit_user_burst: int = 100

    # An external OpenID Connect provider whose RS256/ES256 tokens are accepted instead of local users.
    oidc_issuer: str = ""
    oidc_jwks_url: str = ""
    oidc_audience: str = ""
    oidc_roles_claim: str = "roles"
    oidc_locations_claim: str = "locations"
    # The provider's role names to clinicops roles, e.g. {"ops-admins": "practice_admin"}.
    oidc_role_map: dict[str, str] = {}

    def service_urls(self) -> dict[str, str]:
        return {name: getattr(self, f"{name}_url") for name in PROXIED_SERVICES}

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_jwks_url)
